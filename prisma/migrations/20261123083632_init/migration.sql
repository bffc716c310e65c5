-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Level" AS ENUM ('province', 'city', 'county', 'township');

-- CreateTable
CREATE TABLE "region" (
    "code" CHAR(6) NOT NULL,
    "name" TEXT NOT NULL,
    "level" "Level" NOT NULL,
    "parent_code" CHAR(6),

    CONSTRAINT "region_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "agency" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "region_code" CHAR(6),
    "level" "Level",
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "source" (
    "id" SERIAL NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "text_sha256" CHAR(64) NOT NULL,
    "file_name" TEXT,
    "format" TEXT NOT NULL,
    "encoding" TEXT,
    "byte_size" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,
    "text" TEXT NOT NULL,
    "uploaded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "report" (
    "id" SERIAL NOT NULL,
    "agency_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "in_force" BOOLEAN NOT NULL,
    "source_id" INTEGER NOT NULL,
    "source_index" INTEGER NOT NULL,
    "span_start" INTEGER,
    "span_end" INTEGER,
    "parser_version" TEXT NOT NULL,
    "numbers_sha256" CHAR(64) NOT NULL,
    "imported_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "table4" INTEGER[],
    "table2" JSONB NOT NULL DEFAULT '[]',
    "new_received" INTEGER,
    "carried_over" INTEGER,
    "granted" INTEGER,
    "partially_granted" INTEGER,
    "denied" INTEGER,
    "unable" INTEGER,
    "not_processed" INTEGER,
    "other_outcome" INTEGER,
    "total_processed" INTEGER,
    "carried_forward" INTEGER,
    "review_total" INTEGER,
    "litigation_total" INTEGER,
    "finding_count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "table3_row" (
    "report_id" INTEGER NOT NULL,
    "row" TEXT NOT NULL,
    "natural_person" INTEGER NOT NULL,
    "commercial" INTEGER NOT NULL,
    "research" INTEGER NOT NULL,
    "social_org" INTEGER NOT NULL,
    "legal_service" INTEGER NOT NULL,
    "other_org" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,
    "inferred" TEXT[],
    "derived" TEXT[],

    CONSTRAINT "table3_row_pkey" PRIMARY KEY ("report_id","row")
);

-- CreateTable
CREATE TABLE "finding" (
    "id" SERIAL NOT NULL,
    "report_id" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "evidence" TEXT NOT NULL DEFAULT '',
    "cells" TEXT[],

    CONSTRAINT "finding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "region_parent_code_idx" ON "region"("parent_code");

-- CreateIndex
CREATE INDEX "region_name_idx" ON "region"("name");

-- CreateIndex
CREATE UNIQUE INDEX "agency_key_key" ON "agency"("key");

-- CreateIndex
CREATE INDEX "agency_region_code_idx" ON "agency"("region_code");

-- CreateIndex
CREATE INDEX "agency_name_idx" ON "agency"("name");

-- CreateIndex
CREATE UNIQUE INDEX "source_sha256_key" ON "source"("sha256");

-- CreateIndex
CREATE INDEX "source_text_sha256_idx" ON "source"("text_sha256");

-- CreateIndex
CREATE INDEX "report_agency_id_year_in_force_idx" ON "report"("agency_id", "year", "in_force");

-- CreateIndex
CREATE INDEX "report_year_in_force_idx" ON "report"("year", "in_force");

-- CreateIndex
CREATE INDEX "report_source_id_idx" ON "report"("source_id");

-- CreateIndex
CREATE UNIQUE INDEX "report_agency_id_year_version_key" ON "report"("agency_id", "year", "version");

-- CreateIndex
CREATE INDEX "finding_report_id_idx" ON "finding"("report_id");

-- CreateIndex
CREATE INDEX "finding_code_idx" ON "finding"("code");

-- AddForeignKey
ALTER TABLE "region" ADD CONSTRAINT "region_parent_code_fkey" FOREIGN KEY ("parent_code") REFERENCES "region"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agency" ADD CONSTRAINT "agency_region_code_fkey" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report" ADD CONSTRAINT "report_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report" ADD CONSTRAINT "report_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "table3_row" ADD CONSTRAINT "table3_row_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "finding" ADD CONSTRAINT "finding_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE CASCADE;
