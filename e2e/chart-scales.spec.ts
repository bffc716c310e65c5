// Scales (linear, log, index, year-on-year) and legend toggles: chart state in the URL, the same
// chart in a fresh browser.
import { test, expect } from "@playwright/test";
import { agencyIdOf, JINYUN, liaochengGoldens, LIAOCHENG, openChartTable } from "./helpers/charts";

const received = (year: number) => liaochengGoldens.find((g) => g.year === year)!.table3.new_received![6];

test("index and year-on-year views of a compare chart, from the URL", async ({ page }) => {
  const id = await agencyIdOf(page, LIAOCHENG);
  await page.goto(`/compare?a=${id}`);
  await page.getByTestId("compare-scale").selectOption("index");
  await expect(page).toHaveURL(/[?&]scale=index/);
  let table = await openChartTable(page, "compare");
  const first = received(2019);
  await expect(table.locator(`tr[data-year="2019"] td[data-key="${id}"]`)).toHaveAttribute("data-value", "100");
  const v2023 = Number(await table.locator(`tr[data-year="2023"] td[data-key="${id}"]`).getAttribute("data-value"));
  expect(v2023).toBeCloseTo((received(2023) / first) * 100, 6);
  await expect(page.getByTestId("context-compare")).toContainText("指数");

  await page.goto(`/compare?a=${id}&scale=yoy`);
  table = await openChartTable(page, "compare");
  await expect(table.locator(`tr[data-year="2019"] td[data-key="${id}"]`)).toHaveAttribute("data-value", "");
  const yoy = Number(await table.locator(`tr[data-year="2020"] td[data-key="${id}"]`).getAttribute("data-value"));
  expect(yoy).toBeCloseTo((received(2020) - first) / first, 6);
});

test("log scale draws a log axis", async ({ page }) => {
  const id = await agencyIdOf(page, LIAOCHENG);
  const other = await agencyIdOf(page, JINYUN);
  await page.goto(`/compare?a=${id},${other}&scale=log`);
  await expect(page.getByTestId("compare-scale")).toHaveValue("log");
  await expect(page.getByTestId("context-compare")).toContainText("对数坐标");
  const ticks = page.getByTestId("chart-compare").locator(".recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value");
  await expect(ticks.first()).toBeVisible();
  expect(await page.getByTestId("chart-compare").locator(".recharts-line").count()).toBe(2);
});

test("a legend item hides its series; the URL keeps it for the next visitor", async ({ page, browser }) => {
  const id = await agencyIdOf(page, LIAOCHENG);
  const other = await agencyIdOf(page, JINYUN);
  await page.goto(`/compare?a=${id},${other}`);
  const chart = page.getByTestId("chart-compare");
  await expect(chart.locator(".recharts-line")).toHaveCount(2);
  const item = page.getByTestId("legend-compare").getByRole("button", { name: JINYUN });
  await item.click();
  await expect(item).toHaveAttribute("aria-pressed", "false");
  await expect(page).toHaveURL(new RegExp(`[?&]off=compare(:|%3A)${other}`));
  await expect(chart.locator(".recharts-line")).toHaveCount(1);
  const fresh = await browser.newContext({ locale: "zh-CN" });
  const again = await fresh.newPage();
  await again.goto(page.url());
  await expect(again.getByTestId("chart-compare").locator(".recharts-line")).toHaveCount(1);
  await expect(again.getByTestId("legend-compare").getByRole("button", { name: JINYUN })).toHaveAttribute("aria-pressed", "false");
  await fresh.close();
});
