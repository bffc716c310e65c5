-- CreateTable
CREATE TABLE "upload_hit" (
    "id" BIGSERIAL NOT NULL,
    "client" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "files" INTEGER NOT NULL,

    CONSTRAINT "upload_hit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "upload_hit_client_at_idx" ON "upload_hit"("client", "at");

-- CreateIndex
CREATE INDEX "upload_hit_at_idx" ON "upload_hit"("at");
