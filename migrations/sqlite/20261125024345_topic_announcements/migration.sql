-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SiteSettings" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "siteName" TEXT NOT NULL DEFAULT 'The Monday Health Chat',
    "tagline" TEXT NOT NULL DEFAULT 'A weekly tweet chat for people who communicate health services',
    "disclaimer" TEXT NOT NULL DEFAULT 'Everything said in the chat and on this blog is the personal view of the person who said it. None of it is official NHS policy, and nothing here speaks for any NHS organisation.',
    "about" TEXT NOT NULL DEFAULT '',
    "aboutHtml" TEXT NOT NULL DEFAULT '',
    "defaultHashtag" TEXT NOT NULL DEFAULT '#mondayhealthchat',
    "announcementTemplate" TEXT NOT NULL DEFAULT 'Next {hashtag}: {title}, {date} at {time} {zone}. Hosted by {host}. Questions and a calendar file: {url}',
    "chatWeekday" TEXT NOT NULL DEFAULT 'monday',
    "chatLocalTime" TEXT NOT NULL DEFAULT '12:00',
    "chatTimeZone" TEXT NOT NULL DEFAULT 'Europe/London'
);
INSERT INTO "new_SiteSettings" ("about", "aboutHtml", "chatLocalTime", "chatTimeZone", "chatWeekday", "defaultHashtag", "disclaimer", "id", "siteName", "tagline") SELECT "about", "aboutHtml", "chatLocalTime", "chatTimeZone", "chatWeekday", "defaultHashtag", "disclaimer", "id", "siteName", "tagline" FROM "SiteSettings";
DROP TABLE "SiteSettings";
ALTER TABLE "new_SiteSettings" RENAME TO "SiteSettings";
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
    "questions" TEXT NOT NULL DEFAULT '',
    "host" TEXT NOT NULL DEFAULT '',
    "guests" TEXT NOT NULL DEFAULT '',
    "xPostId" TEXT NOT NULL DEFAULT '',
    "xPostedAt" DATETIME
);
INSERT INTO "new_TopicAnnouncement" ("chatStart", "description", "descriptionHtml", "durationMinutes", "guests", "hashtag", "host", "id", "publishedAt", "questions", "slug", "status", "title") SELECT "chatStart", "description", "descriptionHtml", "durationMinutes", "guests", "hashtag", "host", "id", "publishedAt", "questions", "slug", "status", "title" FROM "TopicAnnouncement";
DROP TABLE "TopicAnnouncement";
ALTER TABLE "new_TopicAnnouncement" RENAME TO "TopicAnnouncement";
CREATE UNIQUE INDEX "TopicAnnouncement_slug_key" ON "TopicAnnouncement"("slug");
CREATE INDEX "TopicAnnouncement_status_chatStart_idx" ON "TopicAnnouncement"("status", "chatStart");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
