-- AlterTable
ALTER TABLE "report" ADD COLUMN     "ocr" JSONB;
