import { test, expect } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { removeAgencies } from "./helpers/reports";

// A scanned report (issue 15): an image-only PDF is read by OCR in the OCR reader, the preview
// marks its numbers as read by OCR, and once saved the report waits in /review (ocr_unconfirmed).
// The page is table 3 of seed 000 as a tilted, noisy JPEG scan (tests/fixtures/scans); it has no
// title, so agency and year are filled in on the preview as a person would.

const AGENCY = "缙云县档案馆";
const SCANS = path.join(process.cwd(), "tests", "fixtures", "scans");

async function scannedPdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const img = await pdf.embedJpg(fs.readFileSync(path.join(SCANS, "scan0-page2.jpg")));
  const [w, h] = [(img.width * 72) / 150, (img.height * 72) / 150];
  pdf.addPage([w, h]).drawImage(img, { x: 0, y: 0, width: w, height: h });
  return Buffer.from(await pdf.save());
}

test.afterAll(async () => {
  await removeAgencies([AGENCY]);
});

test("a scanned PDF is read by OCR, its numbers marked as OCR, and the saved report sits in the review queue", async ({ page }) => {
  test.setTimeout(600_000); // OCR of a page takes 10–60 s on a busy machine
  await page.goto("/upload");
  await expect(page.getByTestId("ocr-note")).toBeVisible();
  await page.getByTestId("file-input").setInputFiles({ name: "扫描件.pdf", mimeType: "application/pdf", buffer: await scannedPdf() });
  const row = page.getByTestId("upload-row").filter({ hasText: "扫描件.pdf" });
  await expect(row).toHaveAttribute("data-status", /ready|failed/, { timeout: 300_000 });
  await expect(row).toHaveAttribute("data-status", "ready");

  const preview = page.getByTestId("report-preview");
  const total = page.getByTestId("preview-table3").locator('[data-cell="new_received.total"]');
  await expect(total).toHaveText("23");
  await expect(total).toHaveAttribute("data-provenance", "ocr");
  await expect(total).toHaveAttribute("title", /文字识别（OCR）/);
  await expect(preview).toContainText("数字由文字识别（OCR）读出，可能有误");

  await preview.locator('input[name="agency"]').fill(AGENCY);
  await preview.locator('input[name="year"]').fill("2023");
  await page.getByRole("button", { name: "应用并重新核对" }).click();
  await expect(preview.locator("h3")).toHaveText(AGENCY, { timeout: 300_000 });
  await row.getByRole("button", { name: "保存" }).click();
  await expect(row).toHaveAttribute("data-status", "saved", { timeout: 300_000 });

  await page.goto("/review?code=ocr_unconfirmed");
  const item = page.getByTestId("review-item").filter({ hasText: AGENCY });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText("数字由文字识别（OCR）读出，待人工核对");
});
