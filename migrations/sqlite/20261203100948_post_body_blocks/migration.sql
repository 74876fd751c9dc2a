-- AlterTable
ALTER TABLE "Post" ADD COLUMN "bodyBlocks" JSONB;
