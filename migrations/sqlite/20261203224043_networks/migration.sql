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
    "networks" JSONB NOT NULL,
    "mastodonServers" TEXT NOT NULL DEFAULT '',
    "hostHandles" TEXT NOT NULL DEFAULT '',
    "importedAt" DATETIME,
    "stats" JSONB,
    "analysis" JSONB,
    "importProblems" JSONB,
    "allowComments" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "ChatArchive_topic_fkey" FOREIGN KEY ("topic") REFERENCES "TopicAnnouncement" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- Made before Bluesky and Mastodon: their chats met on X.
INSERT INTO "new_ChatArchive" ("allowComments", "analysis", "hashtag", "hostHandles", "id", "importProblems", "importedAt", "slug", "source", "stats", "title", "topic", "windowEnd", "windowStart", "networks") SELECT "allowComments", "analysis", "hashtag", "hostHandles", "id", "importProblems", "importedAt", "slug", "source", "stats", "title", "topic", "windowEnd", "windowStart", '["x"]' FROM "ChatArchive";
DROP TABLE "ChatArchive";
ALTER TABLE "new_ChatArchive" RENAME TO "ChatArchive";
CREATE UNIQUE INDEX "ChatArchive_slug_key" ON "ChatArchive"("slug");
CREATE UNIQUE INDEX "ChatArchive_topic_key" ON "ChatArchive"("topic");
CREATE INDEX "ChatArchive_hashtag_idx" ON "ChatArchive"("hashtag");
CREATE INDEX "ChatArchive_windowStart_idx" ON "ChatArchive"("windowStart");
CREATE TABLE "new_ChatMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "platform" TEXT NOT NULL DEFAULT 'x',
    "xId" TEXT NOT NULL DEFAULT '',
    "url" TEXT NOT NULL DEFAULT '',
    "editedAt" DATETIME,
    "archive" TEXT,
    "author" TEXT,
    "text" TEXT NOT NULL DEFAULT '',
    "postedAt" DATETIME NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'original',
    "inReplyToId" TEXT NOT NULL DEFAULT '',
    "conversationId" TEXT NOT NULL DEFAULT '',
    "referencedId" TEXT NOT NULL DEFAULT '',
    "repostOf" JSONB,
    "entities" JSONB,
    "media" JSONB,
    "metrics" JSONB,
    "confidentialityFlag" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "ChatMessage_archive_fkey" FOREIGN KEY ("archive") REFERENCES "ChatArchive" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ChatMessage_author_fkey" FOREIGN KEY ("author") REFERENCES "Participant" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ChatMessage" ("archive", "author", "confidentialityFlag", "conversationId", "entities", "id", "inReplyToId", "kind", "media", "metrics", "postedAt", "referencedId", "repostOf", "text", "xId") SELECT "archive", "author", "confidentialityFlag", "conversationId", "entities", "id", "inReplyToId", "kind", "media", "metrics", "postedAt", "referencedId", "repostOf", "text", "xId" FROM "ChatMessage";
DROP TABLE "ChatMessage";
ALTER TABLE "new_ChatMessage" RENAME TO "ChatMessage";
CREATE UNIQUE INDEX "ChatMessage_xId_key" ON "ChatMessage"("xId");
CREATE INDEX "ChatMessage_archive_idx" ON "ChatMessage"("archive");
CREATE INDEX "ChatMessage_author_idx" ON "ChatMessage"("author");
CREATE INDEX "ChatMessage_archive_postedAt_idx" ON "ChatMessage"("archive", "postedAt");
CREATE TABLE "new_Participant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "platform" TEXT NOT NULL DEFAULT 'x',
    "xUserId" TEXT NOT NULL DEFAULT '',
    "handle" TEXT NOT NULL DEFAULT '',
    "displayName" TEXT NOT NULL DEFAULT '',
    "avatarUrl" TEXT NOT NULL DEFAULT '',
    "profileUrl" TEXT NOT NULL DEFAULT '',
    "samePersonAs" TEXT,
    "redacted" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Participant_samePersonAs_fkey" FOREIGN KEY ("samePersonAs") REFERENCES "Participant" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Participant" ("avatarUrl", "displayName", "handle", "id", "redacted", "xUserId") SELECT "avatarUrl", "displayName", "handle", "id", "redacted", "xUserId" FROM "Participant";
DROP TABLE "Participant";
ALTER TABLE "new_Participant" RENAME TO "Participant";
CREATE UNIQUE INDEX "Participant_xUserId_key" ON "Participant"("xUserId");
CREATE INDEX "Participant_samePersonAs_idx" ON "Participant"("samePersonAs");
CREATE TABLE "new_TopicAnnouncement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL DEFAULT '',
    "slug" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "publishedAt" DATETIME,
    "hashtag" TEXT NOT NULL DEFAULT '',
    "chatStart" DATETIME,
    "durationMinutes" INTEGER NOT NULL DEFAULT 60,
    "description" TEXT NOT NULL DEFAULT '',
    "descriptionHtml" TEXT NOT NULL DEFAULT '',
    "featuredImage_id" TEXT,
    "featuredImage_extension" TEXT,
    "featuredImage_filesize" INTEGER,
    "featuredImage_width" INTEGER,
    "featuredImage_height" INTEGER,
    "featuredImageAlt" TEXT NOT NULL DEFAULT '',
    "questions" TEXT NOT NULL DEFAULT '',
    "host" TEXT NOT NULL DEFAULT '',
    "networks" JSONB NOT NULL,
    "guests" TEXT NOT NULL DEFAULT '',
    "xPostId" TEXT NOT NULL DEFAULT '',
    "xPostedAt" DATETIME,
    "blueskyPostUri" TEXT NOT NULL DEFAULT '',
    "blueskyPostedAt" DATETIME,
    "mastodonPostUrl" TEXT NOT NULL DEFAULT '',
    "mastodonPostedAt" DATETIME,
    "archiveProgress" JSONB
);
-- Made before Bluesky and Mastodon: their chats met on X.
INSERT INTO "new_TopicAnnouncement" ("archiveProgress", "chatStart", "description", "descriptionHtml", "durationMinutes", "featuredImageAlt", "featuredImage_extension", "featuredImage_filesize", "featuredImage_height", "featuredImage_id", "featuredImage_width", "guests", "hashtag", "host", "id", "publishedAt", "questions", "slug", "status", "title", "xPostId", "xPostedAt", "networks") SELECT "archiveProgress", "chatStart", "description", "descriptionHtml", "durationMinutes", "featuredImageAlt", "featuredImage_extension", "featuredImage_filesize", "featuredImage_height", "featuredImage_id", "featuredImage_width", "guests", "hashtag", "host", "id", "publishedAt", "questions", "slug", "status", "title", "xPostId", "xPostedAt", '["x"]' FROM "TopicAnnouncement";
DROP TABLE "TopicAnnouncement";
ALTER TABLE "new_TopicAnnouncement" RENAME TO "TopicAnnouncement";
CREATE UNIQUE INDEX "TopicAnnouncement_slug_key" ON "TopicAnnouncement"("slug");
CREATE INDEX "TopicAnnouncement_status_chatStart_idx" ON "TopicAnnouncement"("status", "chatStart");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
