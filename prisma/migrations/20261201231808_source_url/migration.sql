-- AlterTable
ALTER TABLE "source" ADD COLUMN     "fetched_at" TIMESTAMP(3),
ADD COLUMN     "http_headers" JSONB,
ADD COLUMN     "page_url" TEXT,
ADD COLUMN     "source_url" TEXT;

-- CreateTable
CREATE TABLE "fetched_url" (
    "url" TEXT NOT NULL,
    "etag" TEXT,
    "last_modified" TEXT,
    "sha256" CHAR(64),
    "status" INTEGER NOT NULL,
    "fetched_at" TIMESTAMP(3) NOT NULL,
    "source_id" INTEGER,
    "error" TEXT,

    CONSTRAINT "fetched_url_pkey" PRIMARY KEY ("url")
);

-- CreateIndex
CREATE INDEX "source_source_url_idx" ON "source"("source_url");
