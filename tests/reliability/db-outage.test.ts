// Postgres stops under the running production server: pages and the API say so in Chinese
// (503), the server stays up, and once Postgres is back the same server serves normally again.
import { chromium, type Browser } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "./app";
import { recordFigures } from "./figures";
import { reportOf } from "./report-texts";

let app: TestApp;
let browser: Browser;
const PAGES = ["/", "/agencies", "/coverage", "/upload"];
const get = (p: string) => fetch(`${app.url}${p}`).then(async (r) => ({ status: r.status, text: await r.text() }));
const upload = (agency: string) =>
  fetch(`${app.url}/api/reports`, { method: "POST", headers: { "content-type": "text/plain" }, body: reportOf(agency) }).then(async (r) => ({
    status: r.status,
    json: await r.json(),
  }));

describe("database outage", () => {
  beforeAll(async () => {
    app = await startApp(2);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("serves normally with the database up", async () => {
    for (const p of PAGES) expect((await get(p)).status, p).toBe(200);
    expect((await upload("停机测试前局")).status).toBe(200);
  });

  it("with Postgres stopped: pages show the outage in Chinese, the API and CSV answer 503, the server stays up", async () => {
    await app.db.stop();
    const csv = await get("/data.csv");
    expect(csv.status).toBe(503);
    expect(csv.text).toContain("数据库暂时无法连接");
    // A page answers 503 with the message and a retry hint (proxy.ts), shown as is in the browser.
    const page = await browser.newPage();
    for (const p of PAGES) {
      const r = await page.goto(`${app.url}${p}`);
      expect(r?.status(), p).toBe(503);
      expect(r?.headers()["retry-after"], p).toBe("10");
      await expect.poll(() => page.locator("main").textContent(), { timeout: 15_000 }).toContain("数据库暂时无法连接，请稍后再试");
    }
    await page.close();
    const up = await upload("停机测试中局");
    expect(up.status).toBe(503);
    expect(up.json.error).toContain("数据库暂时无法连接");
    expect(app.server.exitCode).toBeNull();
  });

  it("after Postgres is back: the same server serves again and stores", async () => {
    await app.db.restart();
    const deadline = Date.now() + 30_000;
    let status = 0;
    while (Date.now() < deadline && (status = (await get("/agencies")).status) !== 200) await new Promise((r) => setTimeout(r, 250));
    expect(status).toBe(200);
    for (const p of PAGES) expect((await get(p)).status, p).toBe(200);
    const r = await upload("停机测试后局");
    expect(r.status).toBe(200);
    expect((await get("/agencies")).text).toContain("停机测试后局");
    expect((await get("/agencies")).text).toContain("停机测试前局");
    recordFigures("db-outage", { what: "outage: Postgres stopped and started under the server", cases: 3, note: "pages, API and CSV 503 in Chinese while down; served and stored again after" });
  });
});
