import { test, expect } from "@playwright/test";
import { removeAgencies, seed003Misprinted, storeText } from "./helpers/reports";

// /review lists every report in force with something to review; the sample data's flagged
// reports are there, a correction takes one off, and the header counts them.

const itemsOf = async (page: import("@playwright/test").Page) =>
  (await page.getByTestId("review-item").locator("a.font-medium").allTextContents()).map((s) => s.trim());

test.describe("review queue", () => {
  test.afterAll(() => removeAgencies(["缙云县人力资源和社会保障局"]));

  test("lists exactly the reports with findings (as /data.csv's finding_codes say), most severe first", async ({ page, request }) => {
    const csv = (await (await request.get("/data.csv")).text()).trim().split(/\r?\n/);
    const keys = csv[0].split(",");
    const rows = csv.slice(1).map((l) => Object.fromEntries(l.split(",").map((v, i) => [keys[i], v])));
    const flagged = rows.filter((r) => r.finding_codes || !r.region_code).map((r) => `${r.agency} ${r.year} 年`);
    await page.goto("/review");
    const items = await itemsOf(page);
    expect(items.sort()).toEqual(flagged.sort());
    for (const sample of ["江苏省机关事务管理局 2023 年", "聊城市机关事务管理局 2019 年", "市国资委 2023 年"]) expect(items).toContain(sample);
    const severities = await page.getByTestId("review-item").evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-severity"))));
    expect(severities).toEqual([...severities].sort((a, b) => b - a));
    // The header's count is kept for 15 s (lib/queries/review.ts); other specs remove what they
    // stored behind the server's back, so it may lag by that much: reload until it has caught up.
    await expect
      .poll(async () => {
        await page.reload();
        return page.getByTestId("nav-review-count").textContent();
      }, { timeout: 40_000, intervals: [0, 2_000, 5_000] })
      .toBe(String(items.length));
  });

  test("filters by finding code and region; an entry opens the report with the correction form ready", async ({ page }) => {
    await page.goto("/review?code=region_unknown");
    await expect(page.getByTestId("review-item")).toHaveCount(1);
    await expect(page.getByTestId("review-item")).toContainText("市国资委");
    await page.goto("/review?r=320000");
    expect(await itemsOf(page)).toEqual(["江苏省机关事务管理局 2023 年"]);
    await page.getByTestId("review-item").getByRole("link", { name: "列位置由算术推定" }).click();
    await expect(page.getByTestId("correction-form")).toBeVisible();
    await expect(page.locator('[data-testid="report-table3"] button.bg-amber-100').first()).toBeVisible();
  });

  test("a correction takes a report off the queue", async ({ page, request }) => {
    const { reportId } = await storeText(request, seed003Misprinted("缙云县人力资源和社会保障局"));
    await page.goto("/review");
    const before = await itemsOf(page);
    expect(before).toContain("缙云县人力资源和社会保障局 2023 年");
    const res = await request.post(`/api/reports/${reportId}/corrections`, { data: { cells: { "granted.total": 4 }, reason: "原表为 4" } });
    expect(res.status()).toBe(200);
    await page.goto("/review");
    const after = await itemsOf(page);
    expect(after).not.toContain("缙云县人力资源和社会保障局 2023 年");
    expect(after.length).toBe(before.length - 1);
  });

  test("the directory filters agencies with findings", async ({ page }) => {
    await page.goto("/agencies?flag=true");
    const names = await page.getByTestId("agency-list").locator("tbody tr td:first-child a").allTextContents();
    expect(names).toContain("市国资委");
    expect(names).not.toContain("缙云县人民政府办公室");
    await page.goto("/agencies");
    await page.getByTestId("filter-flagged").check();
    await expect(page).toHaveURL(/flag=true/);
  });
});
