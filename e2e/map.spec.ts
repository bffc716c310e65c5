// The map tab: a choropleth of China's provinces drawn on the server, a click on a province
// drills into its cities (Back returns), the URL reproduces the map in a fresh browser, and the
// embed and share card follow its state. The sample reports put data in 山东 (聊城, 2019–2023)
// and 浙江 (缙云); other provinces have none and must be drawn as 无数据, never as 0.
import { test, expect, type Page } from "@playwright/test";

const map = (page: Page) => page.getByTestId("chart-map");

test("the map tab draws the provinces, with no data hatched and never 0", async ({ page }) => {
  await page.goto("/?view=map&y=2023");
  await expect(map(page)).toHaveAttribute("data-map-parent", "000000");
  const svg = page.getByTestId("map-svg");
  await expect(svg).toBeVisible();
  expect(await svg.locator("[data-code]").count()).toBeGreaterThanOrEqual(34);
  // 山东 has reports: a number and a colour; 新疆 has none: no value and the hatch.
  const shandong = svg.locator('[data-code="370000"]');
  expect(Number(await shandong.getAttribute("data-value"))).toBeGreaterThan(0);
  expect(await shandong.locator("path").getAttribute("fill")).toMatch(/^#/);
  const xinjiang = svg.locator('[data-code="650000"]');
  await expect(xinjiang).toHaveAttribute("data-value", "");
  expect(await xinjiang.locator("path").getAttribute("fill")).toBe("url(#map-no-data)");
  // Readout by hover and by keyboard focus (its script loads after the page, with the toolbar).
  await expect(page.getByTestId("share-map")).toBeVisible();
  await shandong.hover();
  await expect(page.getByTestId("readout-map")).toContainText("山东省");
  await xinjiang.focus();
  await expect(page.getByTestId("readout-map")).toContainText("无数据");
  // The accessible table lists every province, 无数据 as text.
  await page.getByTestId("toggle-table-map").click();
  const table = page.getByTestId("table-map");
  await expect(table).toBeVisible();
  expect(await table.locator("tbody tr").count()).toBeGreaterThanOrEqual(34);
  await expect(table.locator('tr[data-code="650000"] td').first()).toHaveText("无数据");
});

test("clicking a province drills into its cities, Back returns", async ({ page }) => {
  await page.goto("/?view=map&y=2023");
  await page.getByTestId("map-svg").locator('[data-code="370000"]').click();
  await expect(map(page)).toHaveAttribute("data-map-parent", "370000");
  expect(new URL(page.url()).searchParams.get("r")).toBe("370000");
  const liaocheng = page.getByTestId("map-svg").locator('[data-code="371500"]');
  expect(Number(await liaocheng.getAttribute("data-value"))).toBeGreaterThan(0);
  await expect(page.getByTestId("map-undrawn")).toHaveCount(0); // 山东's cities all have a boundary
  await page.goBack();
  await expect(map(page)).toHaveAttribute("data-map-parent", "000000");
});

test("the map's URL reproduces it in a fresh browser, and its share card follows it", async ({ page, browser }) => {
  await page.goto("/?view=map&y=2023");
  // The picker applies on change once the map's script has loaded (before that, with 显示).
  await expect(page.getByTestId("share-map")).toBeVisible();
  await page.getByTestId("map-stat").selectOption("grant_rate");
  await expect(page).toHaveURL(/s=grant_rate/);
  await page.getByTestId("map-svg").locator('[data-code="370000"]').click();
  await expect(map(page)).toHaveAttribute("data-map-parent", "370000");
  const url = page.url();
  const title = await page.locator("#map-title").textContent();
  const value = await page.getByTestId("map-svg").locator('[data-code="371500"]').getAttribute("data-value");
  expect(title).toContain("予以公开率");

  const fresh = await browser.newContext();
  try {
    const other = await fresh.newPage();
    await other.goto(url);
    await expect(other.locator("#map-title")).toHaveText(title!);
    await expect(other.getByTestId("map-svg").locator('[data-code="371500"]')).toHaveAttribute("data-value", value!);
    // og:image: absolute, the map's card, changing with its state.
    const og = await other.locator('meta[property="og:image"]').getAttribute("content");
    expect(og).toMatch(/^https?:\/\/[^/]+\/og\/map\?/);
    expect(og).toContain("r=370000");
    expect(og).toContain("s=grant_rate");
    const card = await other.request.get(og!);
    expect(card.headers()["content-type"]).toContain("image/png");
    await other.goto("/?view=map&y=2023");
    const national = await other.locator('meta[property="og:image"]').getAttribute("content");
    expect(national).not.toBe(og);
  } finally {
    await fresh.close();
  }
});

test("the map's embed draws the same map and may be framed by any site", async ({ page }) => {
  await page.goto("/?view=map&r=370000&s=grant_rate&y=2023");
  const value = await page.getByTestId("map-svg").locator('[data-code="371500"]').getAttribute("data-value");
  expect(Number(value)).toBeGreaterThan(0);
  const embed = await page.request.get("/embed/map?r=370000&s=grant_rate&y=2023");
  expect(embed.status()).toBe(200);
  expect(embed.headers()["content-security-policy"]).toContain("frame-ancestors *");
  await page.goto("/embed/map?r=370000&s=grant_rate&y=2023");
  await expect(page.getByTestId("map-svg").locator('[data-code="371500"]')).toHaveAttribute("data-value", value!);
  await expect(page.getByTestId("embed-origin")).toHaveAttribute("href", /view=map/);
});
