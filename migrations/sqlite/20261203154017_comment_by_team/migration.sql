-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    "byTeam" BOOLEAN NOT NULL DEFAULT false,
    "heldReason" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Comment_post_fkey" FOREIGN KEY ("post") REFERENCES "Post" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_interview_fkey" FOREIGN KEY ("interview") REFERENCES "Interview" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_chatArchive_fkey" FOREIGN KEY ("chatArchive") REFERENCES "ChatArchive" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_parent_fkey" FOREIGN KEY ("parent") REFERENCES "Comment" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Comment" ("authorName", "body", "bodyHtml", "chatArchive", "createdAt", "email", "heldReason", "id", "interview", "parent", "post", "status") SELECT "authorName", "body", "bodyHtml", "chatArchive", "createdAt", "email", "heldReason", "id", "interview", "parent", "post", "status" FROM "Comment";
DROP TABLE "Comment";
ALTER TABLE "new_Comment" RENAME TO "Comment";
CREATE INDEX "Comment_post_idx" ON "Comment"("post");
CREATE INDEX "Comment_interview_idx" ON "Comment"("interview");
CREATE INDEX "Comment_chatArchive_idx" ON "Comment"("chatArchive");
CREATE INDEX "Comment_parent_idx" ON "Comment"("parent");
CREATE INDEX "Comment_status_createdAt_idx" ON "Comment"("status", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
