import { test, expect } from "@playwright/test";
import { pasteReport } from "./helpers/upload";
import { csvRow, removeAgencies, seed003Misprinted } from "./helpers/reports";

// Correcting cells in the upload preview, before saving: the misprinted 予以公开·总计 (5 for 4) is
// typed over, the findings clear live, a correction without its reason is held back with the
// reason focused, and saving stores the parsed report and the correction beside it (in force,
// marked 人工更正): the agency page and /data.csv show 4, the history both versions, /review not it.

const AGENCIES = ["缙云县交通运输局", "缙云县民政局"];

test.describe("corrections in the upload preview", () => {
  test.afterAll(() => removeAgencies(AGENCIES));

  test("a misprinted cell fixed before saving: parsed and corrected versions stored, the corrected one in force", async ({ page, request }) => {
    const agency = AGENCIES[0];
    const row = await pasteReport(page, seed003Misprinted(agency));
    const card = page.getByTestId("report-preview");
    await expect(card.getByTestId("findings").locator('[data-code="row_sum_broken"]')).toBeVisible();

    await card.getByTestId("correct-cells").click();
    const cell = card.locator('input[data-edit-cell="granted.total"]');
    await expect(cell).toHaveValue("5");
    await cell.fill("4");
    // Live: the two findings on that cell are cleared, none left.
    const cleared = card.getByTestId("cleared-findings");
    await expect(cleared.locator('[data-code="row_sum_broken"]')).toBeVisible();
    await expect(cleared.locator('[data-code="outcome_sum_broken"]')).toBeVisible();
    await expect(card.getByTestId("live-check")).toContainText("还有 0 条核查提示");
    await expect(card.getByTestId("findings")).toHaveCount(0);
    await expect(card.getByText("算术核对无误。")).toBeVisible();

    // Without a reason nothing is sent: the message, the reason field focused, the form kept.
    await row.getByRole("button", { name: "保存" }).click();
    await expect(page.getByTestId("save-error")).toContainText("理由");
    const reason = card.locator('input[name="cell-reason"]');
    await expect(reason).toBeFocused();
    await expect(cell).toHaveValue("4");
    await reason.fill("原表予以公开总计为 4（正文：予以公开4件）");
    await card.locator('input[name="cell-by"]').fill("赵六");
    await row.getByRole("button", { name: "保存" }).click();
    await expect(row).toHaveAttribute("data-status", "saved", { timeout: 30_000 });
    const saved = page.getByTestId("saved-notice");
    await expect(saved).toContainText("人工更正");

    // The agency page: the corrected number in force, the correction marked, both versions listed.
    await saved.getByRole("link").first().click();
    await expect(page.getByTestId("corrected-years")).toContainText("2023");
    await expect(page.getByTestId("table-outcomes").locator('tr[data-year="2023"] td[data-key="granted"]')).toHaveAttribute("data-value", "4");
    const versions = page.getByTestId("table-versions").locator("tbody tr");
    await expect(versions).toHaveCount(2);
    await expect(versions.filter({ hasText: "人工更正" })).toContainText("在用");
    await expect(versions.filter({ hasText: "已被新版本取代" })).toHaveCount(1);

    // The report's history: the parsed version and the correction with its reason and the parsed value.
    await versions.filter({ hasText: "人工更正" }).getByRole("link").click();
    const history = page.getByTestId("version-history");
    await expect(history.locator("li[data-kind]")).toHaveCount(2);
    await expect(history.locator('li[data-kind="corrected"]')).toContainText("原表予以公开总计为 4");
    await expect(history.locator('li[data-kind="corrected"]')).toContainText("赵六");
    await expect(history.locator('li[data-kind="corrected"] tr[data-key="granted.total"]')).toContainText("5");
    await expect(history.locator('li[data-kind="parsed"]')).toBeVisible();

    expect(await csvRow(request, agency, 2023)).toMatchObject({ "granted.total": "4", corrected: "1", finding_codes: "", version: "2" });
    await page.goto("/review");
    await expect(page.getByTestId("review-item").filter({ hasText: agency })).toHaveCount(0);
  });

  test("a cell that is not a number holds the save back, with that cell focused", async ({ page }) => {
    const row = await pasteReport(page, seed003Misprinted(AGENCIES[1]));
    const card = page.getByTestId("report-preview");
    await card.getByTestId("correct-cells").click();
    const cell = card.locator('input[data-edit-cell="granted.total"]');
    await cell.fill("四");
    await card.locator('input[name="cell-reason"]').fill("原表为 4");
    await row.getByRole("button", { name: "保存" }).click();
    await expect(page.getByTestId("save-error")).toContainText("整数");
    await expect(cell).toBeFocused();
    await expect(row).toHaveAttribute("data-status", "ready");
  });
});
