// Coverage by year (issue 16) in a real Chromium: the samples' missing list by the default roster;
// a city's roster imported from CSV, its missing agencies found in two clicks and downloaded, one
// of them uploaded and shown as reported (late) with its date; the scorecard; a roster with bad rows.
import fs from "node:fs";
import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import pg from "pg";
import { seed003As } from "./helpers/variants";

const SAMPLES = ["江苏省机关事务管理局", "川汇区机关事务中心", "缙云县人民政府办公室", "市国资委"];
const LIAOCHENG = "聊城市机关事务管理局";
const NEW_AGENCY = "聊城市覆盖测试局";

function dbUrl() {
  return process.env.E2E_DATABASE_URL || `postgresql://postgres:gongkai@127.0.0.1:${process.env.E2E_PG_PORT ?? "54349"}/gongkai`;
}

const csvRows = (text: string) => text.replace(/^\ufeff/, "").trim().split(/\r?\n/).slice(1);

test.describe.configure({ mode: "serial" });

test.describe("coverage", () => {
  test.afterAll(async () => {
    // Leave the other specs the database they expect (they share the server): the samples, the
    // default roster. The report uploaded here and the agencies the roster made go, the roll-ups are rebuilt.
    const client = new pg.Client({ connectionString: dbUrl() });
    await client.connect();
    try {
      await client.query("BEGIN");
      await client.query("DELETE FROM roster");
      const ids = (await client.query("SELECT id FROM agency WHERE name = ANY($1)", [[NEW_AGENCY, "聊城市人民政府"]])).rows.map((r) => r.id);
      const sources = (await client.query("SELECT DISTINCT source_id FROM report WHERE agency_id = ANY($1)", [ids])).rows.map((r) => r.source_id);
      await client.query("DELETE FROM report WHERE agency_id = ANY($1)", [ids]);
      await client.query("DELETE FROM source s WHERE s.id = ANY($1) AND NOT EXISTS (SELECT 1 FROM report r WHERE r.source_id = s.id)", [sources]);
      await client.query("DELETE FROM agency WHERE id = ANY($1)", [ids]);
      await client.query("SELECT gongkai_rebuild_aggregates()");
      await client.query("COMMIT");
    } finally {
      await client.end();
    }
  });

  test("missing.csv lists the sample agencies without a 2022 report, and none for 2023", async ({ request }) => {
    const r2022 = await request.get("/coverage/missing.csv?year=2022");
    expect(r2022.status()).toBe(200);
    expect(r2022.headers()["content-type"]).toContain("text/csv");
    const text = await r2022.text();
    expect(text.split(/\r?\n/)[0]).toContain("agency,province,city,county,region_code,level,year,deadline,expected_by");
    const names = csvRows(text).map((l) => l.split(",")[0]);
    for (const n of SAMPLES) expect(names).toContain(n);
    expect(names).not.toContain(LIAOCHENG);
    const names2023 = csvRows(await (await request.get("/coverage/missing.csv?year=2023")).text()).map((l) => l.split(",")[0]);
    for (const n of [...SAMPLES, LIAOCHENG]) expect(names2023).not.toContain(n);
    expect((await request.get("/coverage/missing.csv")).status()).toBe(400);
  });

  test("a roster with bad rows is refused row by row, and nothing is imported", async ({ page }) => {
    await page.goto("/coverage/roster?r=371500");
    const csv = "名称,地区代码,级别\n聊城市公安局,371500,市级\n,371500,市级\n济南市公安局,370100,市级\n";
    await page.getByTestId("roster-import").locator('input[type="file"]').setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "导入名单" }).click();
    const errors = page.getByTestId("roster-import-result-errors");
    await expect(errors).toContainText("第 3 行：机关名称不能为空");
    await expect(errors).toContainText("第 4 行：地区代码 370100 不在名单所属的聊城市范围内");
    await page.reload();
    await expect(page.getByTestId("roster-table")).toHaveCount(0);
  });

  test("import a city's roster, find who has not reported in two clicks, download, upload one: reported (late)", async ({ page, request }) => {
    await page.goto("/coverage/roster?r=371500");
    const csv = `名称,地区代码,级别,别名,上级\n${LIAOCHENG},371500,市级,,聊城市人民政府\n${NEW_AGENCY},371500,市级,聊城市覆盖测试中心,聊城市人民政府\n聊城市人民政府,371500,市级,,\n`;
    await page.getByTestId("roster-import").locator('input[type="file"]').setInputFiles({ name: "聊城市名单.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "导入名单" }).click();
    await expect(page.getByTestId("roster-import-result")).toContainText("已导入 3 个机关");
    await expect(page.getByTestId("roster-table")).toContainText(NEW_AGENCY);

    // Two clicks from /coverage (the latest year, 2023, is the default): 山东省, then 聊城市.
    await page.goto("/coverage");
    await page.getByTestId("coverage-regions").getByRole("link", { name: "山东省" }).click();
    await page.getByTestId("coverage-regions").getByRole("link", { name: "聊城市" }).click();
    await expect(page).toHaveURL(/r=371500/);
    const missing = page.getByTestId("missing-list");
    await expect(missing).toContainText(NEW_AGENCY);
    await expect(missing).toContainText("聊城市人民政府");
    await expect(missing).not.toContainText(LIAOCHENG);
    await expect(missing).toContainText("2024年3月31日"); // the government's own deadline
    await expect(page.getByTestId("count-expected")).toContainText("3");
    await expect(page.getByTestId("count-missing")).toContainText("2");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("missing-csv").click()]);
    const csvOut = fs.readFileSync((await download.path())!, "utf8");
    expect(csvRows(csvOut).map((l) => l.split(",")[0]).sort()).toEqual(["聊城市人民政府", NEW_AGENCY].sort());

    // The roster agency without any report has a page that says so.
    await missing.getByRole("link", { name: "聊城市人民政府" }).click();
    await expect(page.getByTestId("no-report-yet")).toContainText("聊城市的应报名单上");

    // Its report arrives now (the text states no publication date): dated by upload, so late.
    const saved = await request.post("/api/reports", {
      multipart: { file: { name: "coverage.txt", mimeType: "text/plain", buffer: Buffer.from(seed003As(NEW_AGENCY)) }, regionCode: "371500" },
    });
    expect(saved.status()).toBeLessThan(300);
    await page.goto("/coverage?r=371500&y=2023&st=reported");
    const row = page.getByTestId("reported-list").locator("tr").filter({ hasText: NEW_AGENCY });
    await expect(row).toContainText("已报（逾期）");
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date()).split("-").map(Number);
    await expect(row).toContainText(`${today[0]}年${today[1]}月${today[2]}日`);
    await expect(row).toContainText("上传日期");
    await expect(page.getByTestId("count-missing")).toContainText("1");
    await page.goto("/coverage?r=371500&y=2023");
    await expect(page.getByTestId("missing-list")).not.toContainText(NEW_AGENCY);
  });

  test("the scorecard shows the shares and ranks the regions below", async ({ page }) => {
    await page.goto("/coverage/scorecard?r=370000&y=2023");
    const card = page.getByTestId("scorecard");
    await expect(card).toContainText("山东省政府信息公开工作年度报告成绩单 · 2023 年度");
    await expect(card.getByTestId("share-reported")).toContainText("%");
    await expect(card.getByTestId("scorecard-ranking")).toContainText("聊城市");
    await expect(card.getByTestId("scorecard-trend")).toContainText("2023");
    await page.getByRole("link", { name: "加上下级各地区（每地区一页）" }).click();
    await expect(page.locator("article.print-page")).toHaveCount(2);
  });

  test("the coverage pages: no serious axe violation, no page-wide scrolling on a phone", async ({ page, browser }) => {
    test.setTimeout(300_000); // axe on five pages, on a busy machine
    const pages = ["/coverage?r=371500&y=2023", "/coverage?r=371500&y=2023&st=reported", "/coverage/scorecard?r=370000&y=2023", "/coverage/roster?r=371500", "/coverage/roster"];
    for (const url of pages) {
      await page.goto(url);
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
      const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`), url).toEqual([]);
    }
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN", isMobile: true, hasTouch: true });
    const phone = await ctx.newPage();
    for (const url of pages) {
      await phone.goto(url);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), url).toBeLessThanOrEqual(1);
    }
    await ctx.close();
  });
});
