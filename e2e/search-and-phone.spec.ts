// The header's search box (a GET form: works without JavaScript) and the directory on a phone
// (cards instead of the wide table; wide tables scroll inside a box that shows it scrolls).
import { test, expect } from "@playwright/test";
import { LIAOCHENG } from "./helpers/charts";

test("the header search finds agencies by words of their name, without JavaScript too", async ({ browser }) => {
  for (const javaScriptEnabled of [true, false]) {
    const ctx = await browser.newContext({ locale: "zh-CN", javaScriptEnabled });
    const page = await ctx.newPage();
    await page.goto("/coverage");
    const box = page.getByRole("search", { name: "搜索机关" }).getByRole("searchbox", { name: "搜索机关名称" });
    await box.fill("聊城 机关");
    await box.press("Enter");
    await expect(page).toHaveURL(/\/agencies\?q=%E8%81%8A%E5%9F%8E(\+|%20)%E6%9C%BA%E5%85%B3$/);
    const list = page.getByTestId("agency-list");
    await expect(list.locator("tbody tr")).toHaveCount(1);
    await expect(list).toContainText(LIAOCHENG);
    await ctx.close();
  }
});

test("on a 375 px phone the directory is a list of cards and wide tables show they scroll", async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: "zh-CN", isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  await page.goto("/agencies");
  await expect(page.getByTestId("agency-list")).toBeHidden();
  const card = page.getByTestId("agency-cards").locator("li").filter({ hasText: LIAOCHENG });
  await expect(card).toBeVisible();
  await expect(card.locator('[data-key="where"]')).toContainText("山东省 聊城市");
  await expect(card.locator('[data-key="where"]')).toContainText("2019–2023");
  // The region is one line, not a column of single characters.
  const where = await card.locator('[data-key="where"]').boundingBox();
  expect(where!.height).toBeLessThan(40);
  await expect(card.locator('[data-key="new_received"]')).toHaveText("10");
  // The header's search fits the phone: it and the page do not scroll sideways.
  await expect(page.getByRole("searchbox", { name: "搜索机关名称" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);

  // A table wider than the phone scrolls in its box, which carries the edge shadows.
  await page.goto("/coverage?y=2022");
  const scroller = page.locator("[data-scroll-hint]").filter({ has: page.getByTestId("missing-list") });
  const sizes = await scroller.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, bg: getComputedStyle(el).backgroundImage }));
  expect(sizes.scroll).toBeGreaterThan(sizes.client);
  expect(sizes.bg).toContain("radial-gradient");
  await ctx.close();
});
