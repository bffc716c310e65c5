// Sharing and navigation (issue 14): icons, history, normalised ranges, share cards, codebook.
// Small tests; every wait is on a real condition (the machine is busy).
import { test, expect } from "@playwright/test";

test("favicon and app icon are served and linked", async ({ page, request }) => {
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect((await ico.body()).readUInt16LE(2)).toBe(1); // ICO type: icon
  await page.goto("/");
  const href = await page.locator('link[rel="icon"][type="image/svg+xml"]').getAttribute("href");
  expect(href).toBeTruthy();
  const svg = await request.get(href!);
  expect(svg.status()).toBe(200);
  expect(await svg.text()).toContain("<svg");
});

const LIAOCHENG = "聊城市机关事务管理局";

test("Back undoes a directory filter", async ({ page }) => {
  await page.goto("/agencies");
  const rows = page.getByTestId("agency-list").locator("tbody tr");
  // Counted, not assumed: other specs share this database.
  await expect(rows.first()).toBeVisible();
  const all = await rows.count();
  await page.getByTestId("filter-province").selectOption({ label: "山东省" });
  await expect(page).toHaveURL(/[?&]r=370000/);
  await expect(rows).toHaveCount(1);
  expect(all).toBeGreaterThan(1);
  await page.goBack();
  await expect(page).not.toHaveURL(/[?&]r=/);
  await expect(rows).toHaveCount(all);
  await expect(page.getByTestId("filter-province")).toHaveValue("");
});

test("a reversed year range is swapped in the URL", async ({ page }) => {
  await page.goto("/agencies?from=2022&to=2020");
  await expect(page).toHaveURL(/from=2020&to=2022/);
  await expect(page.getByTestId("filter-from")).toHaveValue("2020");
  await expect(page.getByTestId("filter-to")).toHaveValue("2022");
});

test("a name search matches every word, in any order", async ({ page }) => {
  for (const q of ["聊城 机关", "机关　聊城"]) {
    await page.goto(`/agencies?q=${encodeURIComponent(q)}`);
    const list = page.getByTestId("agency-list");
    await expect(list.locator("tbody tr")).toHaveCount(1);
    await expect(list).toContainText(LIAOCHENG);
  }
  await page.goto(`/agencies?q=${encodeURIComponent("聊城 缙云")}`);
  await expect(page.getByTestId("empty-state")).toBeVisible();
});

test("share cards: og:image is absolute and follows the agency chart's state", async ({ page, request }) => {
  await page.goto(`/agencies?q=${encodeURIComponent(LIAOCHENG)}`);
  const href = await page.getByTestId("agency-list").getByRole("link", { name: LIAOCHENG, exact: true }).getAttribute("href");
  await page.goto(href!);
  const og = page.locator('meta[property="og:image"]');
  const plain = await og.first().getAttribute("content");
  expect(plain).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/og\/agencies\/\d+/);
  await page.goto(`${href}?from=2020&to=2022&mix=pct`);
  const shared = await og.first().getAttribute("content");
  expect(shared).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
  expect(shared).toMatch(/from=2020/);
  expect(shared).toMatch(/mix=pct/);
  const [a, b] = await Promise.all([request.get(plain!), request.get(shared!)]);
  expect(a.headers()["content-type"]).toBe("image/png");
  expect(b.headers()["content-type"]).toBe("image/png");
  expect((await a.body()).equals(await b.body())).toBe(false);
  expect(await page.locator('meta[name="twitter:image"]').first().getAttribute("content")).toBe(shared);
});

test("/data links the data and a codebook that lists every /data.csv column", async ({ page, request }) => {
  await page.goto("/data");
  await expect(page.getByTestId("download-data")).toHaveAttribute("href", "/data.csv");
  const codebookHref = await page.getByTestId("download-codebook").getAttribute("href");
  const [data, book] = await Promise.all([request.get("/data.csv"), request.get(codebookHref!)]);
  expect(book.status()).toBe(200);
  expect(book.headers()["content-type"]).toContain("text/csv");
  const header = (await data.text()).replace(/^\uFEFF/, "").split("\r\n")[0].split(",");
  const lines = (await book.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
  expect(lines[0].split(",")[0]).toBe("column");
  expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(header);
  await expect(page.getByTestId("codebook-table").locator("tbody tr")).toHaveCount(header.length);
});
