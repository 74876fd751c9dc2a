-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ChatArchive" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL DEFAULT '',
    "slug" TEXT NOT NULL DEFAULT '',
    "hashtag" TEXT NOT NULL DEFAULT '',
    "windowStart" DATETIME NOT NULL,
    "windowEnd" DATETIME NOT NULL,
    "topic" TEXT,
    "source" TEXT NOT NULL DEFAULT 'manual',
    "hostHandles" TEXT NOT NULL DEFAULT '',
    "importedAt" DATETIME,
    "stats" JSONB,
    "analysis" JSONB,
    "importProblems" JSONB,
    "allowComments" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "ChatArchive_topic_fkey" FOREIGN KEY ("topic") REFERENCES "TopicAnnouncement" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ChatArchive" ("allowComments", "hashtag", "id", "importedAt", "slug", "source", "stats", "title", "topic", "windowEnd", "windowStart") SELECT "allowComments", "hashtag", "id", "importedAt", "slug", "source", "stats", "title", "topic", "windowEnd", "windowStart" FROM "ChatArchive";
DROP TABLE "ChatArchive";
ALTER TABLE "new_ChatArchive" RENAME TO "ChatArchive";
CREATE UNIQUE INDEX "ChatArchive_slug_key" ON "ChatArchive"("slug");
CREATE UNIQUE INDEX "ChatArchive_topic_key" ON "ChatArchive"("topic");
CREATE INDEX "ChatArchive_hashtag_idx" ON "ChatArchive"("hashtag");
CREATE INDEX "ChatArchive_windowStart_idx" ON "ChatArchive"("windowStart");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
