import { test, expect } from "@playwright/test";
import { startFixtureSite, type FixtureSite } from "../tests/helpers/fixture-site";
import { seed003As, toGbk, toHtml } from "./helpers/variants";
import { removeAgencies } from "./helpers/reports";

// 从网址导入: the app fetches a report page from a fixture website on 127.0.0.1 (allowed for
// the e2e server by GONGKAI_FETCH_ALLOW_HOSTS in playwright.config.ts, that port alone), a GBK
// page with the report inline; preview → save → agency page → the report shows its URL.
const FIXTURE_PORT = Number(process.env.E2E_FIXTURE_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 5);
const AGENCY = "缙云县自然资源和规划局";

let site: FixtureSite;
test.beforeAll(async () => {
  const page = toHtml(seed003As(AGENCY)).replace(/<meta charset="?utf-8"?>/i, "");
  site = await startFixtureSite({ port: FIXTURE_PORT, extraPages: { "/zrzy/2024/nb2023.html": { type: "text/html; charset=GBK", body: toGbk(page) } } });
});
test.afterAll(async () => {
  await site?.close();
  await removeAgencies([AGENCY]); // one database for all specs: leave the samples as found
});

test("a report page pasted as a URL is fetched, previewed, saved and shown with its URL", async ({ page }) => {
  test.setTimeout(120_000); // fetch, read and store on a busy 2-core machine
  const url = `${site.url}/zrzy/2024/nb2023.html`;
  await page.goto("/upload");
  await page.getByLabel("或从网址导入").fill(url);
  await page.getByRole("button", { name: "读取网址" }).click();
  const row = page.getByTestId("upload-row").filter({ hasText: url });
  await expect(row).toHaveAttribute("data-status", "ready", { timeout: 30_000 });
  await expect(page.getByTestId("report-preview")).toContainText(AGENCY);
  await expect(page.getByTestId("preview-table3").locator('[data-cell="new_received.total"]')).toHaveText("30");
  await expect(page.getByTestId("preview-origin")).toContainText(url);
  await expect(page.getByTestId("source-text")).toContainText("本年新收政府信息公开申请数量");
  expect(site.requests.filter((r) => r.path === "/zrzy/2024/nb2023.html")).toHaveLength(1);

  await row.getByRole("button", { name: "保存" }).click();
  await expect(row).toHaveAttribute("data-status", "saved");
  await page.getByTestId("saved-notice").getByRole("link", { name: new RegExp(AGENCY) }).click();
  await expect(page.getByRole("heading", { level: 1, name: AGENCY })).toBeVisible();
  await expect(page.getByTestId("table-applications").locator('tr[data-year="2023"] td[data-key="total"]')).toHaveText("30");

  // The agency's list of reports and versions links each report page.
  const href = await page.getByRole("link", { name: "2023 年", exact: true }).last().getAttribute("href");
  expect(href).toMatch(/^\/reports\/\d+$/);
  await page.goto(href!);
  await expect(page.getByTestId("source-url")).toContainText(url);
});

test("a URL on another loopback port, or a private address, is refused with a Chinese message", async ({ page }) => {
  await page.goto("/upload");
  await page.getByLabel("或从网址导入").fill(`http://127.0.0.1:${FIXTURE_PORT + 1}/report.html\nhttp://10.0.0.1/report.html`);
  await page.getByRole("button", { name: "读取网址" }).click();
  const rows = page.getByTestId("upload-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveAttribute("data-status", "failed");
  await expect(rows.nth(0)).toContainText("它指向本机（回环）地址");
  await expect(rows.nth(1)).toHaveAttribute("data-status", "failed");
  await expect(rows.nth(1)).toContainText("它指向内网地址");
});

test("POST /api/reports takes url fields: a preview as JSON, refusals per URL", async ({ request }) => {
  test.setTimeout(120_000);
  const url = `${site.url}/zrzy/2024/nb2023.html`;
  const res = await request.post("/api/reports?dryRun=1", { multipart: { url, options: "{}" } });
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.results[0]).toMatchObject({ ok: true, name: url, format: "html", origin: { url, pageUrl: null } });
  expect(body.results[0].reports[0].report.agency).toBe(AGENCY);

  const refused = await request.post("/api/reports?dryRun=1", { multipart: { url: "http://169.254.169.254/latest/meta-data/" } });
  expect(refused.status()).toBe(422);
  expect((await refused.json()).results[0].error).toContain("云服务器元数据地址");
});
