-- AlterTable
ALTER TABLE "TopicAnnouncement" ADD COLUMN "archiveProgress" JSONB;
