// Embeds: /embed/… draws one chart alone and loads inside an iframe on another origin (a page the
// test serves on loopback); the app's own pages still refuse framing.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { test, expect } from "@playwright/test";
import { agencyIdOf, JINYUN, LIAOCHENG } from "./helpers/charts";

let host: http.Server;
let hostUrl = "";
let page_html = "";

test.beforeAll(async () => {
  host = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(page_html);
  });
  await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
  // Another origin: "localhost" and its own port (the app is on 127.0.0.1).
  hostUrl = `http://localhost:${(host.address() as AddressInfo).port}/`;
});
test.afterAll(async () => {
  await new Promise((resolve) => host.close(resolve));
});

test("an embed loads in another site's iframe; the page it embeds refuses to be framed", async ({ page, baseURL }) => {
  const a = await agencyIdOf(page, LIAOCHENG);
  const b = await agencyIdOf(page, JINYUN);
  const query = `a=${a},${b}&s=grant_rate&from=2020`;

  const embed = await page.request.get(`/embed/compare?${query}`);
  expect(embed.status()).toBe(200);
  expect(embed.headers()["x-frame-options"]).toBeUndefined();
  expect(embed.headers()["content-security-policy"]).toContain("frame-ancestors *");
  const app = await page.request.get(`/compare?${query}`);
  expect(app.headers()["x-frame-options"]).toBe("SAMEORIGIN");
  expect(app.headers()["content-security-policy"]).toContain("frame-ancestors 'self'");

  // The snippet the share menu copies.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto(`/compare?${query}`);
  await page.getByTestId("embed-compare").click();
  await expect(page.getByTestId("chart-compare").getByRole("status")).toHaveText("嵌入代码已复制");
  const snippet = await page.evaluate(() => navigator.clipboard.readText());
  expect(snippet).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\/compare\?[^"]+"/);

  page_html = `<!doctype html><title>host</title><h1>news</h1>${snippet}<iframe id="app" src="${baseURL}/compare?${query}" width="600" height="300"></iframe>`;
  await page.goto(hostUrl);
  const frame = page.frameLocator('iframe[src*="/embed/compare"]');
  await expect(frame.getByTestId("chart-compare").locator(".recharts-line")).toHaveCount(2);
  await expect(frame.getByRole("navigation")).toHaveCount(0);
  await expect(frame.getByTestId("embed-origin")).toHaveAttribute("href", /\/compare\?/);
  // The app's page in a frame on another origin: blocked, nothing of it rendered.
  await expect(page.frameLocator("#app").getByRole("heading", { name: "比较机关" })).toHaveCount(0);
});

test("agency and region embeds draw the chart the URL names", async ({ page }) => {
  const a = await agencyIdOf(page, LIAOCHENG);
  await page.goto(`/embed/agencies/${a}?chart=outcomes&mix=pct&from=2021`);
  await expect(page.getByTestId("chart-outcomes")).toBeVisible();
  await expect(page.getByTestId("chart-applications")).toHaveCount(0);
  await expect(page.getByRole("navigation")).toHaveCount(0);
  await expect(page.getByTestId("chart-outcomes").getByRole("button", { name: "百分比" })).toHaveAttribute("aria-pressed", "true");
  await page.goto("/embed/regions/370000?chart=applications");
  await expect(page.getByTestId("chart-region-applications")).toBeVisible();
});
