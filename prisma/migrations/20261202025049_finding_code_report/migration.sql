-- DropIndex
DROP INDEX "finding_code_idx";

-- CreateIndex
CREATE INDEX "finding_code_report_id_idx" ON "finding"("code", "report_id");
