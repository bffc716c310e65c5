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
