-- AlterTable
ALTER TABLE "TopicAnnouncement" ADD COLUMN     "blueskyPostUri" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "blueskyPostedAt" TIMESTAMP(3),
ADD COLUMN     "mastodonPostUrl" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "mastodonPostedAt" TIMESTAMP(3),
ADD COLUMN     "networks" JSONB NOT NULL DEFAULT '["x"]';

-- AlterTable
ALTER TABLE "ChatArchive" ADD COLUMN     "mastodonServers" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "networks" JSONB NOT NULL DEFAULT '["x"]';

-- AlterTable
ALTER TABLE "ChatMessage" ADD COLUMN     "editedAt" TIMESTAMP(3),
ADD COLUMN     "platform" TEXT NOT NULL DEFAULT 'x',
ADD COLUMN     "url" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Participant" ADD COLUMN     "platform" TEXT NOT NULL DEFAULT 'x',
ADD COLUMN     "profileUrl" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "samePersonAs" TEXT;

-- CreateIndex
CREATE INDEX "Participant_samePersonAs_idx" ON "Participant"("samePersonAs");

-- AddForeignKey
ALTER TABLE "Participant" ADD CONSTRAINT "Participant_samePersonAs_fkey" FOREIGN KEY ("samePersonAs") REFERENCES "Participant"("id") ON DELETE SET NULL ON UPDATE CASCADE;
