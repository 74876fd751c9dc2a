-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL DEFAULT '',
    "slug" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL DEFAULT '',
    "password" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'contributor',
    "bio" TEXT NOT NULL DEFAULT '',
    "xHandle" TEXT NOT NULL DEFAULT ''
);

-- CreateTable
CREATE TABLE "Post" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL DEFAULT '',
    "slug" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL DEFAULT 'article',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "publishedAt" DATETIME,
    "author" TEXT,
    "excerpt" TEXT NOT NULL DEFAULT '',
    "body" TEXT NOT NULL DEFAULT '',
    "bodyHtml" TEXT NOT NULL DEFAULT '',
    "chatArchive" TEXT,
    "allowComments" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "Post_author_fkey" FOREIGN KEY ("author") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Post_chatArchive_fkey" FOREIGN KEY ("chatArchive") REFERENCES "ChatArchive" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Interview" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL DEFAULT '',
    "slug" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "publishedAt" DATETIME,
    "author" TEXT,
    "intervieweeName" TEXT NOT NULL DEFAULT '',
    "intervieweeRole" TEXT NOT NULL DEFAULT '',
    "intervieweeXHandle" TEXT NOT NULL DEFAULT '',
    "introduction" TEXT NOT NULL DEFAULT '',
    "introductionHtml" TEXT NOT NULL DEFAULT '',
    "allowComments" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "Interview_author_fkey" FOREIGN KEY ("author") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InterviewQuestion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "interview" TEXT,
    "position" INTEGER NOT NULL DEFAULT 1,
    "question" TEXT NOT NULL DEFAULT '',
    "questionHtml" TEXT NOT NULL DEFAULT '',
    "answer" TEXT NOT NULL DEFAULT '',
    "answerHtml" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "InterviewQuestion_interview_fkey" FOREIGN KEY ("interview") REFERENCES "Interview" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TopicAnnouncement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL DEFAULT '',
    "slug" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "publishedAt" DATETIME,
    "hashtag" TEXT NOT NULL DEFAULT '',
    "chatStart" DATETIME NOT NULL,
    "durationMinutes" INTEGER NOT NULL DEFAULT 60,
    "description" TEXT NOT NULL DEFAULT '',
    "descriptionHtml" TEXT NOT NULL DEFAULT '',
    "questions" TEXT NOT NULL DEFAULT '',
    "host" TEXT NOT NULL DEFAULT '',
    "guests" TEXT NOT NULL DEFAULT ''
);

-- CreateTable
CREATE TABLE "ChatArchive" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL DEFAULT '',
    "slug" TEXT NOT NULL DEFAULT '',
    "hashtag" TEXT NOT NULL DEFAULT '',
    "windowStart" DATETIME NOT NULL,
    "windowEnd" DATETIME NOT NULL,
    "topic" TEXT,
    "source" TEXT NOT NULL DEFAULT 'manual',
    "importedAt" DATETIME,
    "stats" JSONB,
    "allowComments" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "ChatArchive_topic_fkey" FOREIGN KEY ("topic") REFERENCES "TopicAnnouncement" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChatMessage" (
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
    CONSTRAINT "ChatMessage_archive_fkey" FOREIGN KEY ("archive") REFERENCES "ChatArchive" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ChatMessage_author_fkey" FOREIGN KEY ("author") REFERENCES "Participant" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Participant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "xUserId" TEXT NOT NULL DEFAULT '',
    "handle" TEXT NOT NULL DEFAULT '',
    "displayName" TEXT NOT NULL DEFAULT '',
    "avatarUrl" TEXT NOT NULL DEFAULT '',
    "redacted" BOOLEAN NOT NULL DEFAULT false
);

-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "post" TEXT,
    "interview" TEXT,
    "chatArchive" TEXT,
    "parent" TEXT,
    "authorName" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL DEFAULT '',
    "body" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "heldReason" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Comment_post_fkey" FOREIGN KEY ("post") REFERENCES "Post" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_interview_fkey" FOREIGN KEY ("interview") REFERENCES "Interview" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_chatArchive_fkey" FOREIGN KEY ("chatArchive") REFERENCES "ChatArchive" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_parent_fkey" FOREIGN KEY ("parent") REFERENCES "Comment" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Tag" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL DEFAULT '',
    "slug" TEXT NOT NULL DEFAULT ''
);

-- CreateTable
CREATE TABLE "SiteSettings" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "siteName" TEXT NOT NULL DEFAULT 'The Monday Health Chat',
    "tagline" TEXT NOT NULL DEFAULT 'A weekly tweet chat for people who communicate health services',
    "disclaimer" TEXT NOT NULL DEFAULT 'Everything said in the chat and on this blog is the personal view of the person who said it. None of it is official NHS policy, and nothing here speaks for any NHS organisation.',
    "about" TEXT NOT NULL DEFAULT '',
    "aboutHtml" TEXT NOT NULL DEFAULT '',
    "defaultHashtag" TEXT NOT NULL DEFAULT '#mondayhealthchat',
    "chatWeekday" TEXT NOT NULL DEFAULT 'monday',
    "chatLocalTime" TEXT NOT NULL DEFAULT '12:00',
    "chatTimeZone" TEXT NOT NULL DEFAULT 'Europe/London'
);

-- CreateTable
CREATE TABLE "_Post_tags" (
    "A" TEXT NOT NULL,
    "B" TEXT NOT NULL,
    CONSTRAINT "_Post_tags_A_fkey" FOREIGN KEY ("A") REFERENCES "Post" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "_Post_tags_B_fkey" FOREIGN KEY ("B") REFERENCES "Tag" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "_Interview_tags" (
    "A" TEXT NOT NULL,
    "B" TEXT NOT NULL,
    CONSTRAINT "_Interview_tags_A_fkey" FOREIGN KEY ("A") REFERENCES "Interview" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "_Interview_tags_B_fkey" FOREIGN KEY ("B") REFERENCES "Tag" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "User_slug_key" ON "User"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Post_slug_key" ON "Post"("slug");

-- CreateIndex
CREATE INDEX "Post_author_idx" ON "Post"("author");

-- CreateIndex
CREATE INDEX "Post_chatArchive_idx" ON "Post"("chatArchive");

-- CreateIndex
CREATE INDEX "Post_status_publishedAt_idx" ON "Post"("status", "publishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Interview_slug_key" ON "Interview"("slug");

-- CreateIndex
CREATE INDEX "Interview_author_idx" ON "Interview"("author");

-- CreateIndex
CREATE INDEX "Interview_status_publishedAt_idx" ON "Interview"("status", "publishedAt");

-- CreateIndex
CREATE INDEX "InterviewQuestion_interview_idx" ON "InterviewQuestion"("interview");

-- CreateIndex
CREATE INDEX "InterviewQuestion_interview_position_idx" ON "InterviewQuestion"("interview", "position");

-- CreateIndex
CREATE UNIQUE INDEX "TopicAnnouncement_slug_key" ON "TopicAnnouncement"("slug");

-- CreateIndex
CREATE INDEX "TopicAnnouncement_status_chatStart_idx" ON "TopicAnnouncement"("status", "chatStart");

-- CreateIndex
CREATE UNIQUE INDEX "ChatArchive_slug_key" ON "ChatArchive"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "ChatArchive_topic_key" ON "ChatArchive"("topic");

-- CreateIndex
CREATE INDEX "ChatArchive_hashtag_idx" ON "ChatArchive"("hashtag");

-- CreateIndex
CREATE INDEX "ChatArchive_windowStart_idx" ON "ChatArchive"("windowStart");

-- CreateIndex
CREATE UNIQUE INDEX "ChatMessage_xId_key" ON "ChatMessage"("xId");

-- CreateIndex
CREATE INDEX "ChatMessage_archive_idx" ON "ChatMessage"("archive");

-- CreateIndex
CREATE INDEX "ChatMessage_author_idx" ON "ChatMessage"("author");

-- CreateIndex
CREATE INDEX "ChatMessage_archive_postedAt_idx" ON "ChatMessage"("archive", "postedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Participant_xUserId_key" ON "Participant"("xUserId");

-- CreateIndex
CREATE INDEX "Comment_post_idx" ON "Comment"("post");

-- CreateIndex
CREATE INDEX "Comment_interview_idx" ON "Comment"("interview");

-- CreateIndex
CREATE INDEX "Comment_chatArchive_idx" ON "Comment"("chatArchive");

-- CreateIndex
CREATE INDEX "Comment_parent_idx" ON "Comment"("parent");

-- CreateIndex
CREATE INDEX "Comment_status_createdAt_idx" ON "Comment"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Tag_name_key" ON "Tag"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Tag_slug_key" ON "Tag"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "_Post_tags_AB_unique" ON "_Post_tags"("A", "B");

-- CreateIndex
CREATE INDEX "_Post_tags_B_index" ON "_Post_tags"("B");

-- CreateIndex
CREATE UNIQUE INDEX "_Interview_tags_AB_unique" ON "_Interview_tags"("A", "B");

-- CreateIndex
CREATE INDEX "_Interview_tags_B_index" ON "_Interview_tags"("B");
