-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ChatMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "xId" TEXT NOT NULL DEFAULT '',
    "archive" TEXT,
    "author" TEXT,
    "text" TEXT NOT NULL DEFAULT '',
    "postedAt" DATETIME NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'original',
    "inReplyToId" TEXT NOT NULL DEFAULT '',
    "conversationId" TEXT NOT NULL DEFAULT '',
    "referencedId" TEXT NOT NULL DEFAULT '',
    "entities" JSONB,
    "media" JSONB,
    "metrics" JSONB,
    "confidentialityFlag" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "ChatMessage_archive_fkey" FOREIGN KEY ("archive") REFERENCES "ChatArchive" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ChatMessage_author_fkey" FOREIGN KEY ("author") REFERENCES "Participant" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ChatMessage" ("archive", "author", "conversationId", "entities", "id", "inReplyToId", "kind", "media", "metrics", "postedAt", "referencedId", "text", "xId") SELECT "archive", "author", "conversationId", "entities", "id", "inReplyToId", "kind", "media", "metrics", "postedAt", "referencedId", "text", "xId" FROM "ChatMessage";
DROP TABLE "ChatMessage";
ALTER TABLE "new_ChatMessage" RENAME TO "ChatMessage";
CREATE UNIQUE INDEX "ChatMessage_xId_key" ON "ChatMessage"("xId");
CREATE INDEX "ChatMessage_archive_idx" ON "ChatMessage"("archive");
CREATE INDEX "ChatMessage_author_idx" ON "ChatMessage"("author");
CREATE INDEX "ChatMessage_archive_postedAt_idx" ON "ChatMessage"("archive", "postedAt");
CREATE TABLE "new_Comment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "post" TEXT,
    "interview" TEXT,
    "chatArchive" TEXT,
    "parent" TEXT,
    "authorName" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL DEFAULT '',
    "body" TEXT NOT NULL DEFAULT '',
    "bodyHtml" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "heldReason" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Comment_post_fkey" FOREIGN KEY ("post") REFERENCES "Post" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_interview_fkey" FOREIGN KEY ("interview") REFERENCES "Interview" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_chatArchive_fkey" FOREIGN KEY ("chatArchive") REFERENCES "ChatArchive" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_parent_fkey" FOREIGN KEY ("parent") REFERENCES "Comment" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Comment" ("authorName", "body", "chatArchive", "createdAt", "email", "heldReason", "id", "interview", "parent", "post", "status") SELECT "authorName", "body", "chatArchive", "createdAt", "email", "heldReason", "id", "interview", "parent", "post", "status" FROM "Comment";
DROP TABLE "Comment";
ALTER TABLE "new_Comment" RENAME TO "Comment";
CREATE INDEX "Comment_post_idx" ON "Comment"("post");
CREATE INDEX "Comment_interview_idx" ON "Comment"("interview");
CREATE INDEX "Comment_chatArchive_idx" ON "Comment"("chatArchive");
CREATE INDEX "Comment_parent_idx" ON "Comment"("parent");
CREATE INDEX "Comment_status_createdAt_idx" ON "Comment"("status", "createdAt");
CREATE TABLE "new_SiteSettings" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "siteName" TEXT NOT NULL DEFAULT 'The Monday Health Chat',
    "tagline" TEXT NOT NULL DEFAULT 'A weekly tweet chat for people who communicate health services',
    "disclaimer" TEXT NOT NULL DEFAULT 'Everything said in the chat and on this blog is the personal view of the person who said it. None of it is official NHS policy, and nothing here speaks for any NHS organisation.',
    "about" TEXT NOT NULL DEFAULT '',
    "aboutHtml" TEXT NOT NULL DEFAULT '',
    "defaultHashtag" TEXT NOT NULL DEFAULT '#mondayhealthchat',
    "autoApproveReturningCommenters" BOOLEAN NOT NULL DEFAULT false,
    "announcementTemplate" TEXT NOT NULL DEFAULT 'Next {hashtag}: {title}, {date} at {time} {zone}. Hosted by {host}. Questions and a calendar file: {url}',
    "chatWeekday" TEXT NOT NULL DEFAULT 'monday',
    "chatLocalTime" TEXT NOT NULL DEFAULT '12:00',
    "chatTimeZone" TEXT NOT NULL DEFAULT 'Europe/London'
);
INSERT INTO "new_SiteSettings" ("about", "aboutHtml", "announcementTemplate", "chatLocalTime", "chatTimeZone", "chatWeekday", "defaultHashtag", "disclaimer", "id", "siteName", "tagline") SELECT "about", "aboutHtml", "announcementTemplate", "chatLocalTime", "chatTimeZone", "chatWeekday", "defaultHashtag", "disclaimer", "id", "siteName", "tagline" FROM "SiteSettings";
DROP TABLE "SiteSettings";
ALTER TABLE "new_SiteSettings" RENAME TO "SiteSettings";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
