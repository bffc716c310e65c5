import { test, expect } from "@playwright/test";

// Hand-checked values (../shared/fixtures/seeds/expected/001_*.json): 聊城市机关事务管理局.
const LIAOCHENG_NEW_RECEIVED = { 2019: 1, 2020: 3, 2021: 1, 2022: 2, 2023: 3 };

test("directory lists the sample agencies and links to the Liaocheng page", async ({ page }) => {
  await page.goto("/agencies");
  await expect(page.getByRole("heading", { name: "机关" })).toBeVisible();
  const list = page.getByTestId("agency-list");
  for (const name of ["聊城市机关事务管理局", "缙云县人民政府办公室", "江苏省机关事务管理局", "川汇区机关事务中心", "市国资委"]) {
    await expect(list.getByRole("link", { name })).toBeVisible();
  }
  const row = list.getByRole("row").filter({ hasText: "聊城市机关事务管理局" });
  await expect(row).toContainText("2019–2023");
  await expect(row).toContainText("山东省");
  await row.getByRole("link", { name: "聊城市机关事务管理局" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "聊城市机关事务管理局" })).toBeVisible();
});

test("the Liaocheng agency page charts five years with the right values", async ({ page }) => {
  await page.goto("/agencies");
  await page.getByRole("link", { name: "聊城市机关事务管理局" }).click();
  const chart = page.getByTestId("chart-applications");
  await expect(chart).toBeVisible();
  // Recharts draws one bar group per year: five x-axis ticks, 2019–2023.
  const ticks = chart.locator(".recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value");
  await expect(ticks).toHaveText(["2019", "2020", "2021", "2022", "2023"]);
  await expect(chart.locator(".recharts-bar-rectangle path, .recharts-bar-rectangle rect").first()).toBeVisible();
  // The accessible table carries the numbers.
  const table = page.getByTestId("table-applications");
  for (const [year, total] of Object.entries(LIAOCHENG_NEW_RECEIVED)) {
    await expect(table.locator(`tr[data-year="${year}"] td[data-key="total"]`)).toHaveText(String(total));
  }
  // 2022: one natural person and one legal-service organisation.
  await expect(table.locator('tr[data-year="2022"] td[data-key="natural_person"]')).toHaveText("1");
  await expect(table.locator('tr[data-year="2022"] td[data-key="legal_service"]')).toHaveText("1");
  await expect(page.getByTestId("chart-outcomes")).toBeVisible();
});

test("/data.csv downloads with a BOM, canonical headers and the goldens' numbers", async ({ page, request }) => {
  const res = await request.get("/data.csv");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/csv");
  const body = await res.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = body.subarray(3).toString("utf8").trim().split("\r\n");
  const header = lines[0].split(",");
  for (const h of ["agency", "province", "city", "county", "region_code", "level", "year", "new_received.total", "granted.natural_person", "denied.state_secret.total", "review.upheld", "litigation_after_review.total"]) {
    expect(header).toContain(h);
  }
  const col = (name: string) => header.indexOf(name);
  const liaocheng = lines
    .slice(1)
    .map((l) => l.split(","))
    .filter((c) => c[col("agency")] === "聊城市机关事务管理局")
    .sort((a, b) => Number(a[col("year")]) - Number(b[col("year")]));
  expect(liaocheng.map((c) => Number(c[col("new_received.total")]))).toEqual([1, 3, 1, 2, 3]);
  expect(liaocheng[0][col("region_code")]).toBe("371500");
  const jinyun = lines.map((l) => l.split(",")).find((c) => c[col("agency")] === "缙云县人民政府办公室")!;
  expect(jinyun[col("year")]).toBe("2023");
  expect(jinyun[col("new_received.total")]).toBe("30");
  expect(jinyun[col("review.upheld")]).toBe("1");

  // The link in the header downloads the same file.
  await page.goto("/");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "下载数据" }).click();
  expect((await download).suggestedFilename()).toMatch(/^gongkai-\d{4}-\d{2}-\d{2}\.csv$/);
});
