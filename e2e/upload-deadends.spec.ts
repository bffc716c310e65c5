import { test, expect } from "@playwright/test";
import { pasteReport } from "./helpers/upload";
import { seed003As } from "./helpers/variants";
import { storeText } from "./helpers/reports";

// The upload dead ends a new user hit, each reproduced: a save that needs a field keeps the form
// and focuses it; a chosen region suggestion stays chosen; a typed region name is resolved or
// answered with candidates; a guessed county offers its candidates; the "already imported" notice
// has one kind of link; re-uploading with a new region corrects the stored report.

test.describe("upload without dead ends", () => {
  test("saving without an agency keeps the form, focuses 机关, and saves once it is filled", async ({ page }) => {
    const row = await pasteReport(page, seed003As("本机关"));
    await row.getByRole("button", { name: "保存" }).click();
    await expect(page.getByTestId("save-error")).toContainText("缺少机关名称");
    const agency = page.getByTestId("report-preview").locator('input[name="agency"]');
    await expect(agency).toBeFocused();
    await agency.fill("缙云县林业局");
    await page.getByRole("button", { name: "应用并重新核对" }).click();
    await expect(page.getByTestId("report-preview").locator("h3")).toHaveText("缙云县林业局", { timeout: 30_000 });
    await row.getByRole("button", { name: "保存" }).click();
    await expect(row).toHaveAttribute("data-status", "saved");
  });

  test("a chosen region suggestion is kept and applied", async ({ page }) => {
    await pasteReport(page, seed003As("缙云县水务局"));
    const input = page.getByTestId("report-preview").getByTestId("region-input");
    await input.fill("黄浦");
    const option = page.locator(`[id="${await input.getAttribute("list")}"] option`).first();
    await expect(option).toHaveAttribute("value", /310101/);
    const label = (await option.getAttribute("value"))!;
    await input.fill(label);
    const status = page.getByTestId("report-preview").getByTestId("region-status");
    await expect(status).toContainText("已选");
    await page.waitForTimeout(1000); // the old card searched again here and dropped the match
    await expect(status).toContainText("310101");
    await page.getByRole("button", { name: "应用并重新核对" }).click();
    await expect(page.getByTestId("report-preview").locator("header")).toContainText("310101", { timeout: 30_000 });
  });

  test("a typed region name is resolved, or answered with candidates", async ({ page }) => {
    await pasteReport(page, seed003As("缙云县水务局"));
    const preview = page.getByTestId("report-preview");
    const input = preview.getByTestId("region-input");
    await input.fill("平潭县");
    await input.press("Enter");
    await expect(preview.getByTestId("region-status")).toContainText("350128");
    await input.fill("沐阳县");
    await input.press("Enter");
    await expect(preview.getByTestId("region-status")).toContainText("可能是");
    await expect(preview.getByTestId("region-candidates")).toContainText("沭阳县");
  });

  test("a misprinted county is shown as a guess with its candidates", async ({ page }) => {
    await pasteReport(page, seed003As("沐阳县人民政府办公室").replaceAll("缙云县", "沐阳县"));
    await expect(page.getByTestId("report-preview").getByTestId("region-guesses")).toContainText("沭阳县");
  });

  test("re-uploading an imported report with a new region corrects it; the notice has one kind of link", async ({ page, request }) => {
    const text = seed003As("缙云县林草局");
    await storeText(request, text);
    await pasteReport(page, text);
    const notice = page.getByTestId("duplicate-notice");
    await expect(notice).toBeVisible();
    await expect(notice).not.toContainText("#");
    const input = page.getByTestId("report-preview").getByTestId("region-input");
    await input.fill("平潭县");
    await input.press("Enter");
    await expect(page.getByTestId("report-preview").getByTestId("region-status")).toContainText("350128");
    await page.getByRole("button", { name: "应用并重新核对" }).click();
    await expect(page.getByTestId("report-preview").locator("header")).toContainText("350128", { timeout: 30_000 });
    const row = page.getByTestId("upload-row").first();
    await row.getByRole("button", { name: "保存" }).click();
    await expect(row).toContainText("已按填写的内容更正 1 份报告");
  });
});
