-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "byTeam" BOOLEAN NOT NULL DEFAULT false;
