-- AlterTable
ALTER TABLE "ChatMessage" ADD COLUMN     "repostOf" JSONB;
