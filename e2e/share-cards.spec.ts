// Share cards (issue 14): og:image is absolute and follows the chart's state on the compare page
// (scale, minimum base, series switched off) and on a region page (years, counts or shares).
import { test, expect, type Page, type APIRequestContext } from "@playwright/test";
import { agencyIdOf, JINYUN, LIAOCHENG } from "./helpers/charts";

async function ogImage(page: Page, url: string) {
  await page.goto(url);
  const og = await page.locator('meta[property="og:image"]').first().getAttribute("content");
  expect(og).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/og\//);
  expect(await page.locator('meta[name="twitter:image"]').first().getAttribute("content")).toBe(og);
  return og!;
}

async function png(request: APIRequestContext, url: string) {
  const res = await request.get(url);
  expect(res.status(), url).toBe(200);
  expect(res.headers()["content-type"]).toBe("image/png");
  return res.body();
}

test("the compare card follows scale, minimum base and the legend", async ({ page, request }) => {
  const a = await agencyIdOf(page, LIAOCHENG);
  const b = await agencyIdOf(page, JINYUN);
  const base = `/compare?a=${a},${b}&s=grant_rate`;
  const plain = await ogImage(page, base);
  const log = await ogImage(page, `${base}&scale=index`);
  expect(log).toContain("scale=index");
  const off = await ogImage(page, `${base}&off=compare:${b}`);
  expect(off).toMatch(new RegExp(`off=compare(:|%3A)${b}`));
  const n = await ogImage(page, `${base}&n=30`);
  expect(n).toContain("n=30");
  const [p0, p1, p2, p3] = await Promise.all([plain, log, off, n].map((u) => png(request, u)));
  expect(p1.equals(p0)).toBe(false);
  expect(p2.equals(p0)).toBe(false);
  expect(p3.equals(p0)).toBe(false);
});

test("a region page has a card that follows its years and counts/shares", async ({ page, request }) => {
  const plain = await ogImage(page, "/regions/370000");
  expect(plain).toContain("/og/regions/370000");
  const shared = await ogImage(page, "/regions/370000?from=2021&mix=pct");
  expect(shared).toContain("from=2021");
  expect(shared).toContain("mix=pct");
  const [a, b] = await Promise.all([png(request, plain), png(request, shared)]);
  expect(a.equals(b)).toBe(false);
});
