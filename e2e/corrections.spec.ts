import { test, expect } from "@playwright/test";
import { csvRow, removeAgencies, seed003Misprinted, storeText } from "./helpers/reports";

// A report whose 予以公开·总计 was misprinted (5 for 4): two findings on one cell. Correcting
// that cell clears them live, stores a version marked 人工更正 beside the parsed one, and the
// agency page, /data.csv and the review queue follow.

test.describe("corrections", () => {
  // The specs after this one (the directory, the upload of 缙云县统计局) expect the samples alone.
  test.afterAll(() => removeAgencies(["缙云县审计局", "缙云县商务局", "缙云县统计局", "缙云县档案局"]));

  test("correcting one cell clears its findings, live and once saved; history shows both versions", async ({ page, request }) => {
    const agency = "缙云县审计局";
    const { reportId } = await storeText(request, seed003Misprinted(agency));

    await page.goto(`/reports/${reportId}?edit=1`);
    const form = page.getByTestId("correction-form");
    await expect(form).toBeVisible();
    const cell = form.locator('input[data-cell="granted.total"]');
    await expect(cell).toHaveValue("5");
    await cell.fill("4");
    const cleared = page.getByTestId("cleared-findings");
    await expect(cleared.locator('[data-code="row_sum_broken"]')).toBeVisible();
    await expect(cleared.locator('[data-code="outcome_sum_broken"]')).toBeVisible();
    await expect(page.getByTestId("live-check")).toContainText("还有 0 条核查提示");

    await form.getByLabel("更正理由（必填）").fill("原表予以公开总计为 4（正文：予以公开4件）");
    await form.getByLabel("更正人").fill("李四");
    await form.getByRole("button", { name: "保存更正" }).click();

    await expect(page).not.toHaveURL(new RegExp(`/reports/${reportId}(\\?|$)`));
    await expect(page.getByTestId("correction-note")).toContainText("李四");
    await expect(page.getByText("没有核查提示：表内算术都对得上。")).toBeVisible();
    const corrected = page.getByTestId("report-table3").locator('tr[data-row="granted"] td[data-key="total"] button');
    await expect(corrected).toHaveAttribute("data-corrected", "true");
    await expect(corrected).toContainText("4");
    await expect(corrected).toContainText("5"); // the parsed value beside it, struck through
    const history = page.getByTestId("version-history");
    await expect(history.locator("li[data-kind]")).toHaveCount(2);
    await expect(history.locator('li[data-kind="corrected"]')).toContainText("原表予以公开总计为 4");
    await expect(history.locator('li[data-kind="corrected"] tr[data-key="granted.total"]')).toContainText("5");
    await expect(history.locator('li[data-kind="parsed"]')).toBeVisible();
  });

  test("the agency page and /data.csv use the corrected version and mark it", async ({ page, request }) => {
    const agency = "缙云县商务局";
    const { reportId, agencyId } = await storeText(request, seed003Misprinted(agency));
    const res = await request.post(`/api/reports/${reportId}/corrections`, { data: { cells: { "granted.total": 4 }, reason: "原表为 4", by: "王五" } });
    expect(res.status()).toBe(200);

    // The agency page uses the version in force and says it was corrected.
    await page.goto(`/agencies/${agencyId}`);
    await expect(page.getByTestId("corrected-years")).toContainText("2023");
    await expect(page.getByTestId("table-versions")).toContainText("人工更正");

    // /data.csv: the new value, marked corrected, no findings.
    const row = await csvRow(request, agency, 2023);
    expect(row).toMatchObject({ "granted.total": "4", corrected: "1", finding_codes: "", version: "2" });

    // Compare uses it too, marks it in its table and says so in its CSV.
    await page.goto(`/compare?a=${agencyId}&s=granted.total&t=table`);
    const cell = page.getByTestId("table-compare").locator(`tr[data-year="2023"] td[data-key="${agencyId}"]`);
    await expect(cell).toHaveAttribute("data-value", "4");
    await expect(cell.locator("[data-corrected]")).toHaveText("更正版");
  });

  test("a second correction based on the replaced version is refused and says so", async ({ page, request }) => {
    const { reportId } = await storeText(request, seed003Misprinted("缙云县统计局"));
    await page.goto(`/reports/${reportId}?edit=1`);
    // Someone else corrects it first (through the API).
    const other = await request.post(`/api/reports/${reportId}/corrections`, { data: { cells: { "granted.total": 4 }, reason: "先到的更正" } });
    expect(other.status()).toBe(200);
    const form = page.getByTestId("correction-form");
    await form.locator('input[data-cell="granted.natural_person"]').fill("3");
    await form.getByLabel("更正理由（必填）").fill("后到的更正");
    await form.getByRole("button", { name: "保存更正" }).click();
    await expect(page.getByTestId("correction-error")).toContainText("已有更新的版本");
    await expect(page.getByTestId("correction-error").getByRole("link", { name: /在用的版本/ })).toBeVisible();
  });

  test("a correction without a reason is not sent; the reason field is focused", async ({ page, request }) => {
    const { reportId } = await storeText(request, seed003Misprinted("缙云县档案局"));
    await page.goto(`/reports/${reportId}?edit=1`);
    const form = page.getByTestId("correction-form");
    await form.locator('input[data-cell="granted.total"]').fill("4");
    await form.getByRole("button", { name: "保存更正" }).click();
    await expect(page.getByTestId("correction-error")).toContainText("理由");
    await expect(form.getByLabel("更正理由（必填）")).toBeFocused();
    await expect(page).toHaveURL(new RegExp(`/reports/${reportId}`));
  });
});
