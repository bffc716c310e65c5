import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
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
  // While the page is read, the row says how far OCR has got.
  await expect(row.getByTestId("ocr-progress")).toContainText(/正在识别第 1\/1 页|排队等待文字识别/, { timeout: 120_000 });
  await expect(row).toHaveAttribute("data-status", /ready|failed/, { timeout: 300_000 });
  await expect(row).toHaveAttribute("data-status", "ready");

  const preview = page.getByTestId("report-preview");
  const total = page.getByTestId("preview-table3").locator('[data-cell="new_received.total"]');
  await expect(total).toContainText("23");
  await expect(total).toHaveAttribute("data-provenance", "ocr");
  await expect(total).toHaveAttribute("title", /文字识别（OCR）.*文字识别置信度 \d+%/);
  expect(Number(await total.getAttribute("data-confidence"))).toBeGreaterThan(0.5);
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

  // The report page shows the scanned page with a box on each value OCR read.
  await page.goto(`/reports/${await item.getAttribute("data-report-id")}`);
  const scan = page.getByTestId("scan-view");
  await expect(scan.getByTestId("scan-image")).toBeVisible();
  await expect.poll(() => scan.getByTestId("scan-image").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 60_000 }).toBeGreaterThan(500);
  expect(await scan.locator("[data-box]").count()).toBeGreaterThanOrEqual(25 * 7 - 7);
  // Choosing a cell in the table outlines its box …
  const cell = page.getByTestId("report-table3").locator('tr[data-row="new_received"] td[data-key="total"] button');
  await expect(cell).toHaveAttribute("aria-label", /文字识别置信度 \d+%/);
  await cell.click();
  const box = scan.locator('[data-box="new_received.total"]');
  await expect(box).toHaveAttribute("aria-pressed", "true");
  await expect(box).toHaveAttribute("aria-label", /本年新收政府信息公开申请数量·总计：读作“23”，置信度 \d+%/);
  // … and choosing a box with the keyboard chooses its cell.
  const granted = scan.locator('[data-box="granted.total"]');
  await granted.focus();
  await page.keyboard.press("Enter");
  await expect(granted).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("report-table3").locator('tr[data-row="granted"] td[data-key="total"] button')).toHaveAttribute("aria-pressed", "true");
  await expect(box).toHaveAttribute("aria-pressed", "false");
  // The page with its boxes passes the accessibility checks the other pages pass.
  const results = await new AxeBuilder({ page }).include('[data-testid="scan-view"]').withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
});

test("a scan whose OCR reads no table is refused in Chinese, nothing stored", async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto("/upload");
  await page.getByTestId("file-input").setInputFiles({ name: "只有标题.jpg", mimeType: "image/jpeg", buffer: fs.readFileSync(path.join(SCANS, "title-only.jpg")) });
  const row = page.getByTestId("upload-row").filter({ hasText: "只有标题.jpg" });
  await expect(row).toHaveAttribute("data-status", "failed", { timeout: 240_000 });
  await expect(row.getByRole("alert")).toContainText("已用文字识别（OCR）读取 1 页，但没有读出年度报告的统计表（表三、表四），所以没有保存任何内容");
  await expect(row.getByRole("button", { name: "保存" })).toHaveCount(0);
});
