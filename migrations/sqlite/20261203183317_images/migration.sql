-- CreateTable
CREATE TABLE "Image" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "file_id" TEXT,
    "file_extension" TEXT,
    "file_filesize" INTEGER,
    "file_width" INTEGER,
    "file_height" INTEGER,
    "alt" TEXT NOT NULL DEFAULT '',
    "uploadedAt" DATETIME DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Interview" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL DEFAULT '',
    "slug" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "publishedAt" DATETIME,
    "author" TEXT,
    "intervieweeName" TEXT NOT NULL DEFAULT '',
    "intervieweeRole" TEXT NOT NULL DEFAULT '',
    "intervieweeXHandle" TEXT NOT NULL DEFAULT '',
    "intervieweePhoto_id" TEXT,
    "intervieweePhoto_extension" TEXT,
    "intervieweePhoto_filesize" INTEGER,
    "intervieweePhoto_width" INTEGER,
    "intervieweePhoto_height" INTEGER,
    "intervieweePhotoAlt" TEXT NOT NULL DEFAULT '',
    "featuredImage_id" TEXT,
    "featuredImage_extension" TEXT,
    "featuredImage_filesize" INTEGER,
    "featuredImage_width" INTEGER,
    "featuredImage_height" INTEGER,
    "featuredImageAlt" TEXT NOT NULL DEFAULT '',
    "introduction" TEXT NOT NULL DEFAULT '',
    "introductionHtml" TEXT NOT NULL DEFAULT '',
    "allowComments" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "Interview_author_fkey" FOREIGN KEY ("author") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Interview" ("allowComments", "author", "id", "intervieweeName", "intervieweeRole", "intervieweeXHandle", "introduction", "introductionHtml", "publishedAt", "slug", "status", "title") SELECT "allowComments", "author", "id", "intervieweeName", "intervieweeRole", "intervieweeXHandle", "introduction", "introductionHtml", "publishedAt", "slug", "status", "title" FROM "Interview";
DROP TABLE "Interview";
ALTER TABLE "new_Interview" RENAME TO "Interview";
CREATE UNIQUE INDEX "Interview_slug_key" ON "Interview"("slug");
CREATE INDEX "Interview_author_idx" ON "Interview"("author");
CREATE INDEX "Interview_status_publishedAt_idx" ON "Interview"("status", "publishedAt");
CREATE TABLE "new_Post" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL DEFAULT '',
    "slug" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL DEFAULT 'article',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "publishedAt" DATETIME,
    "author" TEXT,
    "excerpt" TEXT NOT NULL DEFAULT '',
    "featuredImage_id" TEXT,
    "featuredImage_extension" TEXT,
    "featuredImage_filesize" INTEGER,
    "featuredImage_width" INTEGER,
    "featuredImage_height" INTEGER,
    "featuredImageAlt" TEXT NOT NULL DEFAULT '',
    "body" TEXT NOT NULL DEFAULT '',
    "bodyHtml" TEXT NOT NULL DEFAULT '',
    "bodyBlocks" JSONB,
    "chatArchive" TEXT,
    "allowComments" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "Post_author_fkey" FOREIGN KEY ("author") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Post_chatArchive_fkey" FOREIGN KEY ("chatArchive") REFERENCES "ChatArchive" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Post" ("allowComments", "author", "body", "bodyBlocks", "bodyHtml", "chatArchive", "excerpt", "id", "kind", "publishedAt", "slug", "status", "title") SELECT "allowComments", "author", "body", "bodyBlocks", "bodyHtml", "chatArchive", "excerpt", "id", "kind", "publishedAt", "slug", "status", "title" FROM "Post";
DROP TABLE "Post";
ALTER TABLE "new_Post" RENAME TO "Post";
CREATE UNIQUE INDEX "Post_slug_key" ON "Post"("slug");
CREATE INDEX "Post_author_idx" ON "Post"("author");
CREATE INDEX "Post_chatArchive_idx" ON "Post"("chatArchive");
CREATE INDEX "Post_status_publishedAt_idx" ON "Post"("status", "publishedAt");
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
    "guests" TEXT NOT NULL DEFAULT '',
    "xPostId" TEXT NOT NULL DEFAULT '',
    "xPostedAt" DATETIME,
    "archiveProgress" JSONB
);
INSERT INTO "new_TopicAnnouncement" ("archiveProgress", "chatStart", "description", "descriptionHtml", "durationMinutes", "guests", "hashtag", "host", "id", "publishedAt", "questions", "slug", "status", "title", "xPostId", "xPostedAt") SELECT "archiveProgress", "chatStart", "description", "descriptionHtml", "durationMinutes", "guests", "hashtag", "host", "id", "publishedAt", "questions", "slug", "status", "title", "xPostId", "xPostedAt" FROM "TopicAnnouncement";
DROP TABLE "TopicAnnouncement";
ALTER TABLE "new_TopicAnnouncement" RENAME TO "TopicAnnouncement";
CREATE UNIQUE INDEX "TopicAnnouncement_slug_key" ON "TopicAnnouncement"("slug");
CREATE INDEX "TopicAnnouncement_status_chatStart_idx" ON "TopicAnnouncement"("status", "chatStart");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
