// Rates with their base (issue 14: "100 % of 1 outranks 60 % of 1,000"; issue 13: rates show n
// in tooltips and tables), and the minimum base kept in the URL.
import { test, expect } from "@playwright/test";
import { agencyIdOf, liaochengGoldens, LIAOCHENG, openChartTable } from "./helpers/charts";

test("compare: every rate shows its base n; a minimum base greys the rates below it and leaves them undrawn", async ({ page }) => {
  const id = await agencyIdOf(page, LIAOCHENG);
  await page.goto(`/compare?a=${id}&s=grant_rate&t=table`);
  const table = await openChartTable(page, "compare");
  for (const g of liaochengGoldens) {
    const n = g.table3.total_processed![6];
    const cell = table.locator(`tr[data-year="${g.year}"] td[data-key="${id}"]`);
    await expect(cell).toHaveAttribute("data-base", String(n));
    await expect(cell).toContainText(`（n=${n.toLocaleString("zh-CN")}）`);
  }
  // Above every year's base: all greyed, none drawn, and the chart says why.
  const most = Math.max(...liaochengGoldens.map((g) => g.table3.total_processed![6]));
  await page.goto(`/compare?a=${id}&s=grant_rate&n=${most + 1}`);
  await expect(page.getByTestId("compare-min-base")).toBeEnabled();
  const greyed = (await openChartTable(page, "compare")).locator("td[data-below-base]");
  await expect(greyed).toHaveCount(liaochengGoldens.length);
  await expect(page.getByTestId("base-note-compare")).toContainText(`不足 ${most + 1}`);
  await expect(page.getByTestId("chart-compare").locator(".recharts-line-dot")).toHaveCount(0);
  // The select writes the minimum to the URL.
  await page.getByTestId("compare-min-base").selectOption("10");
  await expect(page).toHaveURL(/[?&]n=10(&|$)/);
});

test("directory: rates show n, and a minimum base greys them and sorts them last", async ({ page }) => {
  await page.goto("/agencies?sort=-grant");
  const list = page.getByTestId("agency-list");
  await expect(list.locator('td[data-key="grant_rate"]').first()).toContainText("n=");
  await expect(list.locator("td[data-below-base]")).toHaveCount(0);
  await page.getByTestId("filter-min-base").selectOption("100");
  await expect(page).toHaveURL(/[?&]n=100/);
  await expect(list.locator("td[data-below-base]").first()).toBeVisible();
  // Below-minimum rates come after every rate on a base large enough.
  const low = await list.locator('td[data-key="grant_rate"]').evaluateAll((cells) => cells.map((c) => c.hasAttribute("data-below-base") || c.textContent === "—"));
  const firstLow = low.indexOf(true);
  expect(low.slice(firstLow).every(Boolean)).toBe(true);
});
