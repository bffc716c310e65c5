import { test, expect, type Page } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { SEED_003, seed003As, toDocx, toGbk, toHtml } from "./helpers/variants";

// The e2e server starts with the sample reports imported (see playwright.config.ts), so uploads
// here use seed 003's real tables under other agency names: reports the database lacks.
// Seed 003: 2023, new_received.total 30, granted 4, review upheld 1.

const EXTRACT_FIXTURES = path.join(process.cwd(), "tests", "fixtures", "extract");

async function openAgency(page: Page, name: string) {
  await page.goto("/agencies");
  await page.getByRole("link", { name, exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

async function expectNewReceived(page: Page, name: string, year: number, total: number) {
  await openAgency(page, name);
  const table = page.getByTestId("table-applications");
  await expect(table.locator(`tr[data-year="${year}"] td[data-key="total"]`)).toHaveText(String(total));
}

async function uploadFile(page: Page, name: string, mimeType: string, buffer: Buffer, timeout = 30_000) {
  await page.getByTestId("file-input").setInputFiles({ name, mimeType, buffer });
  const row = page.getByTestId("upload-row").filter({ hasText: name });
  await expect(row).toHaveAttribute("data-status", /ready|failed/, { timeout });
  return row;
}

test.describe("upload", () => {
  test("a report uploaded as a file is previewed, saved and shown on its agency page", async ({ page }) => {
    await page.goto("/upload");
    const row = await uploadFile(page, "jiaotong.txt", "text/plain", Buffer.from(seed003As("缙云县交通运输局")));
    await expect(row).toHaveAttribute("data-status", "ready");
    const preview = page.getByTestId("report-preview");
    await expect(preview).toContainText("缙云县交通运输局");
    await expect(preview).toContainText("2023");
    await expect(preview).toContainText("缙云县");
    await expect(page.getByTestId("preview-table3").locator('[data-cell="new_received.total"]')).toHaveText("30");
    await expect(page.getByTestId("source-text")).toContainText("本年新收政府信息公开申请数量");
    await row.getByRole("button", { name: "保存" }).click();
    await expect(row).toHaveAttribute("data-status", "saved");
    await expect(page.getByTestId("saved-notice")).toContainText("缙云县交通运输局 2023");
    await expectNewReceived(page, "缙云县交通运输局", 2023, 30);
  });

  test("pasted text is previewed and saved the same way", async ({ page }) => {
    await page.goto("/upload");
    await page.getByLabel("或粘贴报告全文").fill(seed003As("缙云县水利局"));
    await page.getByRole("button", { name: "读取粘贴的文字" }).click();
    const row = page.getByTestId("upload-row").first();
    await expect(row).toHaveAttribute("data-status", "ready", { timeout: 30_000 });
    await row.getByRole("button", { name: "保存" }).click();
    await expect(row).toHaveAttribute("data-status", "saved");
    await expectNewReceived(page, "缙云县水利局", 2023, 30);
  });

  test("GBK text, HTML and DOCX versions of a report give the same numbers", async ({ page }) => {
    await page.goto("/upload");
    const files = [
      { name: "gbk.txt", mime: "text/plain", agency: "缙云县教育局", bytes: toGbk(seed003As("缙云县教育局")) },
      { name: "report.html", mime: "text/html", agency: "缙云县民政局", bytes: Buffer.from(toHtml(seed003As("缙云县民政局"))) },
      {
        name: "report.docx",
        mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        agency: "缙云县财政局",
        bytes: await toDocx(seed003As("缙云县财政局")),
      },
    ];
    await page.getByTestId("file-input").setInputFiles(files.map((f) => ({ name: f.name, mimeType: f.mime, buffer: f.bytes })));
    for (const f of files) {
      const row = page.getByTestId("upload-row").filter({ hasText: f.name });
      await expect(row, f.name).toHaveAttribute("data-status", "ready", { timeout: 30_000 });
      await row.getByRole("button", { name: f.name }).click();
      await expect(page.getByTestId("report-preview")).toContainText(f.agency);
      await expect(page.getByTestId("preview-table3").locator('[data-cell="new_received.total"]')).toHaveText("30");
      await expect(page.getByTestId("preview-table3").locator('[data-cell="granted.total"]')).toHaveText("4");
    }
    await page.getByRole("button", { name: /全部保存/ }).click();
    for (const f of files) {
      await expect(page.getByTestId("upload-row").filter({ hasText: f.name })).toHaveAttribute("data-status", "saved");
    }
    for (const f of files) await expectNewReceived(page, f.agency, 2023, 30);
  });

  test("a PDF printed from a report page is read like its text; scanned and locked PDFs are explained", async ({ page, browser }) => {
    // Chromium prints the report's web page (real tables) to PDF, as agencies' sites do.
    const printer = await browser.newPage();
    const html = fs.readFileSync(path.join(EXTRACT_FIXTURES, "seed003.html"), "utf8").replaceAll("缙云县人民政府办公室", "缙云县统计局");
    await printer.setContent(html, { waitUntil: "load" });
    const pdf = await printer.pdf({ format: "A4" });
    await printer.close();

    await page.goto("/upload");
    const row = await uploadFile(page, "tongji.pdf", "application/pdf", pdf);
    await expect(row).toHaveAttribute("data-status", "ready");
    await expect(page.getByTestId("report-preview")).toContainText("缙云县统计局");
    const table3 = page.getByTestId("preview-table3");
    await expect(table3.locator('[data-cell="new_received.total"]')).toHaveText("30");
    await expect(table3.locator('[data-cell="granted.total"]')).toHaveText("4");
    await row.getByRole("button", { name: "保存" }).click();
    await expect(row).toHaveAttribute("data-status", "saved");
    await expectNewReceived(page, "缙云县统计局", 2023, 30);

    await page.goto("/upload");
    // A scan goes to the OCR reader (started on first use, models loaded): minutes on a busy machine.
    const scanned = await uploadFile(page, "scanned.pdf", "application/pdf", fs.readFileSync(path.join(EXTRACT_FIXTURES, "scanned.pdf")), 300_000);
    // Its one image (a title line) is read by OCR: the preview says so, and that no table number was read.
    await scanned.click();
    await expect(page.getByTestId("report-preview")).toContainText("这份报告是扫描件或图片，数字由文字识别（OCR）读出");
    await expect(page.getByTestId("report-preview")).toContainText("表格中读出数字 0 个");
    const locked = await uploadFile(page, "locked.pdf", "application/pdf", fs.readFileSync(path.join(EXTRACT_FIXTURES, "encrypted-userpw.pdf")));
    await expect(locked.getByRole("alert")).toContainText("密码");
  });

  test("the same file twice is recognised as already imported", async ({ page }) => {
    await page.goto("/upload");
    // Seed 003 itself was imported at first start.
    const row = await uploadFile(page, "003.txt", "text/plain", fs.readFileSync(SEED_003));
    await expect(row).toContainText("已导入过");
    await expect(page.getByTestId("duplicate-notice")).toBeVisible();
    await row.getByRole("button", { name: "保存" }).click();
    await expect(row).toHaveAttribute("data-status", "saved");
    await expect(row).toContainText("已导入过，未重复保存");
  });

  test("a changed report becomes a second version; the first stays", async ({ page }) => {
    const name = "缙云县司法局";
    await page.goto("/upload");
    let row = await uploadFile(page, "v1.txt", "text/plain", Buffer.from(seed003As(name)));
    await row.getByRole("button", { name: "保存" }).click();
    await expect(row).toHaveAttribute("data-status", "saved");
    const changed = seed003As(name).replace(
      "一、本年新收政府信息公开申请数量 | 30 | 0 | 0 | 0 | 0 | 0 | 30 |",
      "一、本年新收政府信息公开申请数量 | 31 | 0 | 0 | 0 | 0 | 0 | 31 |",
    );
    expect(changed).not.toBe(seed003As(name));
    row = await uploadFile(page, "v2.txt", "text/plain", Buffer.from(changed));
    await row.getByRole("button", { name: "v2.txt" }).click();
    await expect(page.getByTestId("existing-version")).toContainText("新版本");
    await row.getByRole("button", { name: "保存" }).click();
    await expect(row).toHaveAttribute("data-status", "saved");
    await expect(page.getByTestId("saved-notice")).toContainText("v2");
    await expectNewReceived(page, name, 2023, 31);
  });

  test("garbage and empty files get a clear Chinese error and nothing is stored", async ({ page, request }) => {
    const before = await (await request.get("/data.csv")).text();
    await page.goto("/upload");
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    let row = await uploadFile(page, "garbage.txt", "text/plain", garbage);
    await expect(row).toHaveAttribute("data-status", "failed");
    await expect(row.getByRole("alert")).toContainText(/失败：.+/);
    row = await uploadFile(page, "empty.txt", "text/plain", Buffer.alloc(0));
    await expect(row.getByRole("alert")).toContainText("空");
    row = await uploadFile(page, "notes.txt", "text/plain", Buffer.from("会议纪要\n今天讨论了食堂菜单。"));
    await expect(row.getByRole("alert")).toContainText("没有");
    const after = await (await request.get("/data.csv")).text();
    expect(after.split("\r\n").length).toBe(before.split("\r\n").length);
  });

  test("POST /api/reports previews with dryRun and refuses an empty request", async ({ request }) => {
    const preview = await request.post("/api/reports?dryRun=1", {
      multipart: { file: { name: "api.txt", mimeType: "text/plain", buffer: Buffer.from(seed003As("缙云县审计局")) } },
    });
    expect(preview.status()).toBe(200);
    const json = await preview.json();
    expect(json.dryRun).toBe(true);
    expect(json.results[0].reports[0].report.agency).toBe("缙云县审计局");
    expect(json.results[0].reports[0].report.table3.new_received[6]).toBe(30);
    const empty = await request.post("/api/reports", { multipart: { note: "nothing" } });
    expect(empty.status()).toBe(400);
    expect((await empty.json()).error).toContain("没有文件");
  });
});
