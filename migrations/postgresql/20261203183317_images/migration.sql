-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "featuredImageAlt" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "featuredImage_extension" TEXT,
ADD COLUMN     "featuredImage_filesize" INTEGER,
ADD COLUMN     "featuredImage_height" INTEGER,
ADD COLUMN     "featuredImage_id" TEXT,
ADD COLUMN     "featuredImage_width" INTEGER;

-- AlterTable
ALTER TABLE "Interview" ADD COLUMN     "featuredImageAlt" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "featuredImage_extension" TEXT,
ADD COLUMN     "featuredImage_filesize" INTEGER,
ADD COLUMN     "featuredImage_height" INTEGER,
ADD COLUMN     "featuredImage_id" TEXT,
ADD COLUMN     "featuredImage_width" INTEGER,
ADD COLUMN     "intervieweePhotoAlt" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "intervieweePhoto_extension" TEXT,
ADD COLUMN     "intervieweePhoto_filesize" INTEGER,
ADD COLUMN     "intervieweePhoto_height" INTEGER,
ADD COLUMN     "intervieweePhoto_id" TEXT,
ADD COLUMN     "intervieweePhoto_width" INTEGER;

-- AlterTable
ALTER TABLE "TopicAnnouncement" ADD COLUMN     "featuredImageAlt" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "featuredImage_extension" TEXT,
ADD COLUMN     "featuredImage_filesize" INTEGER,
ADD COLUMN     "featuredImage_height" INTEGER,
ADD COLUMN     "featuredImage_id" TEXT,
ADD COLUMN     "featuredImage_width" INTEGER;

-- CreateTable
CREATE TABLE "Image" (
    "id" TEXT NOT NULL,
    "file_id" TEXT,
    "file_extension" TEXT,
    "file_filesize" INTEGER,
    "file_width" INTEGER,
    "file_height" INTEGER,
    "alt" TEXT NOT NULL DEFAULT '',
    "uploadedAt" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Image_pkey" PRIMARY KEY ("id")
);
