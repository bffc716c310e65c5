// The dashboard's user flows in a real Chromium against the production build and the sample
// reports: browse an agency, filter the directory, compare, share a link, download CSV (the axe
// check of every page is in accessibility.spec.ts).
import fs from "node:fs";
import path from "node:path";
import { test, expect, type Page } from "@playwright/test";
import pg from "pg";

const LIAOCHENG = "聊城市机关事务管理局";
const JINYUN = "缙云县人民政府办公室";

// Hand-checked goldens of the Liaocheng sample (five reports, 2019–2023).
interface Golden {
  agency: string;
  year: number;
  table3: Record<string, number[] | null>;
  table4: number[] | null;
}
const goldens: Golden[] = JSON.parse(
  fs.readFileSync(path.join(process.cwd(), "tests", "fixtures", "seeds", "expected", "001_6174489a5f7162cb.json"), "utf8"),
).reports;
const COLUMNS = ["natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total"];
const total = (g: Golden, row: string) => g.table3[row]?.[6] ?? null;
const groupTotal = (g: Golden, group: string) => {
  const items = Object.entries(g.table3).filter(([k, v]) => (k === group || k.startsWith(`${group}.`)) && v);
  return items.length ? items.reduce((s, [, v]) => s + v![6], 0) : null;
};

function dbUrl() {
  return process.env.E2E_DATABASE_URL || `postgresql://postgres:gongkai@127.0.0.1:${process.env.E2E_PG_PORT ?? "54349"}/gongkai`;
}
async function sql<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: dbUrl() });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

async function agencyId(page: Page, name: string): Promise<number> {
  await page.goto(`/agencies?q=${encodeURIComponent(name)}`);
  const href = await page.getByTestId("agency-list").getByRole("link", { name, exact: true }).getAttribute("href");
  return Number(href!.split("/").pop());
}

/** Opens a chart's data table (hidden by default) and returns it. */
async function openTable(page: Page, id: string) {
  const table = page.getByTestId(`table-${id}`);
  const toggle = page.getByTestId(`toggle-table-${id}`);
  if ((await toggle.count()) && (await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await expect(table).toBeVisible();
  return table;
}

const cell = (table: ReturnType<Page["getByTestId"]>, year: number, key: string) => table.locator(`tr[data-year="${year}"] td[data-key="${key}"]`);

function parseCsv(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/)
    .map((l) => l.split(","));
}

test.describe("agency page", () => {
  test("Liaocheng 2019–2023: headline, applicant types, outcomes, review and litigation match the goldens", async ({ page }) => {
    const id = await agencyId(page, LIAOCHENG);
    await page.goto(`/agencies/${id}`);
    await expect(page.getByRole("heading", { level: 1, name: LIAOCHENG })).toBeVisible();
    await expect(page.getByText("2019–2023 年，共 5 份年报")).toBeVisible();

    const byYear = new Map(goldens.map((g) => [g.year, g]));
    const g2023 = byYear.get(2023)!;
    const g2022 = byYear.get(2022)!;
    // Headline: the latest year with its change from the year before.
    const headline = page.getByTestId("headline-new-received");
    await expect(headline).toContainText(String(total(g2023, "new_received")));
    await expect(headline).toContainText(`较上年 +${total(g2023, "new_received")! - total(g2022, "new_received")!}`);

    // Applications by applicant type: every column of every year.
    const chart = page.getByTestId("chart-applications");
    await expect(chart.locator(".recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value")).toHaveText(["2019", "2020", "2021", "2022", "2023"]);
    const apps = await openTable(page, "applications");
    for (const g of goldens) {
      for (const [i, c] of COLUMNS.entries()) {
        await expect(cell(apps, g.year, c)).toHaveAttribute("data-value", String(g.table3.new_received![i]));
      }
    }

    // Outcome mix, counts then percent.
    const outcomes = await openTable(page, "outcomes");
    for (const g of goldens) {
      await expect(cell(outcomes, g.year, "granted")).toHaveAttribute("data-value", String(total(g, "granted") ?? ""));
      await expect(cell(outcomes, g.year, "partially_granted")).toHaveAttribute("data-value", String(total(g, "partially_granted") ?? ""));
      await expect(cell(outcomes, g.year, "unable")).toHaveAttribute("data-value", String(groupTotal(g, "unable") ?? ""));
      await expect(cell(outcomes, g.year, "total_processed")).toHaveAttribute("data-value", String(total(g, "total_processed") ?? ""));
    }
    await page.getByTestId("chart-outcomes").getByRole("button", { name: "百分比" }).click();
    await expect(page).toHaveURL(/[?&]mix=pct/);
    const g2022Sum = ["granted", "partially_granted"].reduce((s, k) => s + (total(g2022, k) ?? 0), 0) + ["denied", "unable", "not_processed", "other"].reduce((s, k) => s + (groupTotal(g2022, k) ?? 0), 0);
    await expect(cell(outcomes, 2022, "granted")).toHaveText(`${Math.round((total(g2022, "granted")! / g2022Sum) * 1000) / 10}%`);

    // Reconsideration and litigation: the 15 numbers of table 4.
    const review = await openTable(page, "review");
    for (const g of goldens) {
      if (!g.table4) continue;
      await expect(cell(review, g.year, "review.total")).toHaveAttribute("data-value", String(g.table4[4]));
      await expect(cell(review, g.year, "litigation_direct.total")).toHaveAttribute("data-value", String(g.table4[9]));
    }
    // Carried forward of 2023.
    const carry = await openTable(page, "carry");
    await expect(cell(carry, 2023, "carried_forward")).toHaveAttribute("data-value", String(total(g2023, "carried_forward")));

    // Every report and version is listed and links to its page.
    const versions = page.getByTestId("table-versions");
    await expect(versions.getByRole("link")).toHaveCount(5);
    await versions.getByRole("link", { name: "2021 年" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`${LIAOCHENG} 2021 年`);
  });

  test("the year range in the URL narrows every chart", async ({ page }) => {
    const id = await agencyId(page, LIAOCHENG);
    await page.goto(`/agencies/${id}?from=2021&to=2022`);
    await expect(page.getByTestId("chart-applications").locator(".recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value")).toHaveText(["2021", "2022"]);
    const apps = await openTable(page, "applications");
    await expect(apps.locator("tbody tr")).toHaveCount(2);
    await expect(page.getByRole("heading", { name: /2022 年主要数字（与 2021 年相比）/ })).toBeVisible();
  });

  test("a report page highlights the source lines of a cell and of a finding", async ({ page }) => {
    const id = await agencyId(page, LIAOCHENG);
    await page.goto(`/agencies/${id}`);
    await page.getByTestId("table-versions").getByRole("link", { name: "2019 年" }).click();
    await expect(page.getByTestId("source-lines")).toContainText("聊城市机关事务管理局");
    await page.getByTestId("report-table3").locator('tr[data-row="new_received"] td[data-key="total"] button').click();
    await expect(page).toHaveURL(/[?&]c=new_received\.total/);
    const lit = page.locator('[data-testid="source-lines"] li[data-highlighted]');
    await expect(lit.first()).toBeVisible();
    await expect(lit.first()).toContainText("新收");
    // A finding highlights its own lines (or says it could not be placed).
    const finding = page.getByTestId("report-findings").locator("button").first();
    await finding.click();
    await expect(page).toHaveURL(/[?&]f=\d+/);
    await expect(page.getByRole("status").filter({ hasText: /已高亮|未能在原文中定位/ })).toBeVisible();
    // The highlighted state survives a reload (it is in the URL).
    await page.reload();
    await expect(page.getByTestId("report-findings").locator('button[aria-pressed="true"]')).toHaveCount(1);
  });
});

test.describe("directory", () => {
  test("filters by region (省 → 市) and year: results change correctly and live in the URL", async ({ page }) => {
    await page.goto("/agencies");
    const list = page.getByTestId("agency-list");
    await expect(list.locator("tbody tr")).toHaveCount(5);

    await page.getByTestId("filter-province").selectOption({ label: "山东省" });
    await expect(page).toHaveURL(/[?&]r=370000/);
    await expect(list.locator("tbody tr")).toHaveCount(1);
    await expect(list).toContainText(LIAOCHENG);

    await page.getByTestId("filter-city").selectOption({ label: "聊城市" });
    await expect(page).toHaveURL(/[?&]r=371500/);
    await expect(list.locator("tbody tr")).toHaveCount(1);

    await page.getByTestId("filter-from").selectOption("2021");
    await page.getByTestId("filter-to").selectOption("2022");
    await expect(page).toHaveURL(/from=2021/);
    await expect(page).toHaveURL(/to=2022/);
    const row = list.locator("tbody tr").first();
    await expect(row.locator('td[data-key="years"]')).toHaveText("2021、2022");
    await expect(row.locator('td[data-key="new_received"]')).toHaveText("3"); // 1 + 2

    // The same URL in a fresh page renders the same result (state is in the URL only).
    const url = page.url();
    const again = await page.context().newPage();
    await again.goto(url);
    await expect(again.getByTestId("filter-city")).toHaveValue("371500");
    await expect(again.getByTestId("agency-list").locator('td[data-key="new_received"]')).toHaveText("3");
    await again.close();

    // Another province: Zhejiang has Jinyun, but only for 2023, so 2021–2022 is empty.
    await page.getByTestId("filter-province").selectOption({ label: "浙江省" });
    await expect(page).toHaveURL(/[?&]r=330000/);
    await expect(page.getByTestId("empty-state")).toContainText("没有符合条件的机关");
    await page.getByTestId("filter-to").selectOption("");
    await expect(list).toContainText(JINYUN);
  });

  test("filters by year alone, by level and by name; sorts by a column", async ({ page }) => {
    await page.goto("/agencies?from=2019&to=2022");
    await expect(page.getByTestId("agency-list").locator("tbody tr")).toHaveCount(1);
    await page.goto("/agencies?from=2023&to=2023");
    await expect(page.getByTestId("agency-list").locator("tbody tr")).toHaveCount(5);
    await page.goto("/agencies?lv=county");
    await expect(page.getByTestId("agency-list").locator("tbody tr")).toHaveCount(2);
    await page.goto("/agencies");
    await page.getByTestId("filter-q").fill("机关事务");
    await expect(page).toHaveURL(/[?&]q=/);
    await expect(page.getByTestId("agency-list").locator("tbody tr")).toHaveCount(3);

    await page.goto("/agencies");
    await page.getByTestId("sort-lit").click();
    await expect(page).toHaveURL(/sort=-lit/);
    await expect(page.getByTestId("agency-list").locator("tbody tr").first()).toContainText("江苏省机关事务管理局");
    await expect(page.getByTestId("sort-lit").locator("xpath=..")).toHaveAttribute("aria-sort", "descending");
    await page.getByTestId("sort-name").click();
    await expect(page).toHaveURL(/sort=name/);
  });
});

test.describe("compare, share and download", () => {
  test("compare two agencies, copy the link, open it in a fresh browser: same chart", async ({ page, browser, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto("/compare");
    await expect(page.getByTestId("empty-state")).toBeVisible();
    for (const [q, name] of [
      ["聊城", LIAOCHENG],
      ["缙云", JINYUN],
    ]) {
      await page.getByTestId("compare-search").fill(q);
      await page.getByTestId("compare-hits").getByRole("button", { name: `添加 ${name}` }).click();
      await expect(page.getByTestId("picked-agencies")).toContainText(name);
    }
    await expect(page).toHaveURL(/[?&]a=\d+(,|%2C)\d+/);
    const chart = page.getByTestId("chart-compare");
    await expect(chart.locator(".recharts-line")).toHaveCount(2);

    await page.getByTestId("compare-from").selectOption("2020");
    await page.getByTestId("compare-to").selectOption("2023");
    await page.getByTestId("compare-type-bar").check({ force: true });
    await expect(page).toHaveURL(/t=bar/);
    await expect(chart.locator(".recharts-bar-rectangle").first()).toBeVisible();
    const table = await openTable(page, "compare");
    const years = await table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-year")));
    expect(years).toEqual(["2020", "2021", "2022", "2023"]);
    const headers = await table.locator("thead th").allTextContents();
    expect(headers).toEqual(["年度", LIAOCHENG, JINYUN]);

    await page.getByTestId("share-compare").click();
    await expect(chart.getByRole("status")).toHaveText("链接已复制");
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/\/compare\?/);
    expect(link).not.toMatch(/[?&]q=/);

    // Someone else opens it: nothing shared but the URL.
    const fresh = await browser.newContext({ locale: "zh-CN" });
    const other = await fresh.newPage();
    await other.goto(link);
    const otherChart = other.getByTestId("chart-compare");
    await expect(otherChart.locator(".recharts-bar-rectangle").first()).toBeVisible();
    await expect(other.getByTestId("compare-type-bar")).toBeChecked();
    const otherTable = await openTable(other, "compare");
    expect(await otherTable.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-year")))).toEqual(years);
    expect(await otherTable.locator("thead th").allTextContents()).toEqual(headers);
    expect(await otherTable.locator("tbody td").evaluateAll((c) => c.map((x) => x.getAttribute("data-value")))).toEqual(
      await table.locator("tbody td").evaluateAll((c) => c.map((x) => x.getAttribute("data-value"))),
    );
    await expect(other.getByTestId("compare-metric")).toHaveValue("new_received");
    await fresh.close();
  });

  test("compare CSV has the database's numbers, for a count and for a ratio", async ({ page }) => {
    const ids = [await agencyId(page, LIAOCHENG), await agencyId(page, JINYUN)];
    for (const stat of ["new_received.natural_person", "grant_rate"]) {
      await page.goto(`/compare?a=${ids.join(",")}&s=${stat}`);
      const download = page.waitForEvent("download");
      await page.getByTestId("csv-compare").click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/\.csv$/);
      const rows = parseCsv(fs.readFileSync((await file.path())!, "utf8"));
      // A rate carries its base n (办理结果总计) as its own column; every value says whether it comes from a corrected version.
      expect(rows[0]).toEqual(["agency_id", "agency", "year", stat, ...(stat === "grant_rate" ? ["base_n"] : []), "corrected"]);
      expect(rows.slice(1).every((r) => r.at(-1) === "0" || r.at(-1) === "1")).toBe(true);
      const db =
        stat === "grant_rate"
          ? await sql<{ agency_id: number; year: number; v: number | null }>(
              `SELECT agency_id, year, granted::float8 / NULLIF(total_processed, 0) AS v, total_processed AS n FROM report WHERE in_force AND agency_id = ANY($1) ORDER BY agency_id, year`,
              [ids],
            )
          : await sql<{ agency_id: number; year: number; v: number | null }>(
              `SELECT r.agency_id, r.year, t.natural_person AS v FROM report r JOIN table3_row t ON t.report_id = r.id AND t.row = 'new_received'
               WHERE r.in_force AND r.agency_id = ANY($1) ORDER BY r.agency_id, r.year`,
              [ids],
            );
      const got = rows.slice(1).map((r) => [Number(r[0]), Number(r[2]), r[3] === "" ? null : Number(r[3])]);
      const want = db.map((d) => [d.agency_id, d.year, d.v === null ? null : Number(d.v)]);
      expect(got.sort()).toEqual(want.sort());
      if (stat === "grant_rate") {
        const bases = rows.slice(1).map((r) => [Number(r[0]), Number(r[2]), r[4] === "" ? null : Number(r[4])]);
        expect(bases.sort()).toEqual(db.map((d) => [d.agency_id, d.year, (d as { n?: number | null }).n ?? null]).sort());
      }
      expect(rows.slice(1).every((r) => r[1] === LIAOCHENG || r[1] === JINYUN)).toBe(true);
    }
  });

  test("an agency chart's CSV, PNG and SVG download; the CSV equals table 3 in the database", async ({ page }) => {
    const id = await agencyId(page, LIAOCHENG);
    await page.goto(`/agencies/${id}`);
    const download = page.waitForEvent("download");
    await page.getByTestId("csv-applications").click();
    const rows = parseCsv(fs.readFileSync((await (await download).path())!, "utf8"));
    expect(rows[0]).toEqual(["year", ...COLUMNS]);
    const db = await sql<Record<string, number>>(
      `SELECT r.year, t.natural_person, t.commercial, t.research, t.social_org, t.legal_service, t.other_org, t.total
       FROM report r JOIN table3_row t ON t.report_id = r.id AND t.row = 'new_received' WHERE r.in_force AND r.agency_id = $1 ORDER BY r.year`,
      [id],
    );
    expect(rows.slice(1).map((r) => r.map(Number))).toEqual(db.map((d) => [d.year, ...COLUMNS.map((c) => d[c])]));

    const png = page.waitForEvent("download");
    await page.getByTestId("png-applications").click();
    const pngFile = await png;
    expect(pngFile.suggestedFilename()).toMatch(/\.png$/);
    const bytes = fs.readFileSync((await pngFile.path())!);
    expect([...bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join("")).toBe("PNG");
    const svg = page.waitForEvent("download");
    await page.getByTestId("svg-applications").click();
    const svgText = fs.readFileSync((await (await svg).path())!, "utf8");
    expect(svgText).toContain("<svg");
    expect(svgText).toContain("本年新收政府信息公开申请");
  });

  test("shared links have a preview card (Open Graph image)", async ({ page, request }) => {
    const id = await agencyId(page, LIAOCHENG);
    await page.goto(`/compare?a=${id}&s=granted.total&t=bar`);
    const og = await page.locator('meta[property="og:image"]').getAttribute("content");
    expect(og).toMatch(/\/og\/compare\?/);
    const res = await request.get(new URL(og!).pathname + new URL(og!).search);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("image/png");
    expect((await res.body()).length).toBeGreaterThan(5000);
    await page.goto(`/agencies/${id}`);
    const agencyOg = await page.locator('meta[property="og:image"]').first().getAttribute("content");
    const res2 = await request.get(new URL(agencyOg!).pathname);
    expect(res2.headers()["content-type"]).toBe("image/png");
  });
});

test.describe("other pages", () => {
  test("overview, region roll-up and coverage show the samples", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByTestId("stat-reports")).toContainText("9");
    await expect(page.getByTestId("top-agencies")).toContainText(JINYUN);
    const totals = page.getByTestId("table-overview-totals");
    await expect(totals.locator('tr[data-year="2023"] td[data-key="reports"]')).toHaveText("5");
    await page.getByTestId("filter-province").selectOption({ label: "山东省" });
    await expect(page.getByTestId("stat-reports")).toContainText("5");

    await page.goto("/regions/370000");
    await expect(page.getByRole("heading", { level: 1, name: "山东省" })).toBeVisible();
    await expect(page.getByTestId("region-ranking")).toContainText(LIAOCHENG);
    await expect(page.getByTestId("region-children")).toContainText("聊城市");

    await page.goto("/coverage");
    const row = page.getByTestId("coverage-table").locator("tbody tr").filter({ hasText: LIAOCHENG });
    await expect(row.locator('td[data-state="have"]')).toHaveCount(5);
    const jinyun = page.getByTestId("coverage-table").locator("tbody tr").filter({ hasText: JINYUN });
    await expect(jinyun.locator('td[data-state="have"]')).toHaveCount(1);
  });

  test("unknown ids are a Chinese 404", async ({ page }) => {
    for (const url of ["/agencies/99999999", "/reports/99999999", "/regions/999999", "/agencies/abc", "/no-such-page"]) {
      const res = await page.goto(url);
      expect(res?.status(), url).toBe(404);
      await expect(page.getByRole("heading", { name: "找不到这个页面" })).toBeVisible();
    }
  });

  test("usable on a phone: no page-wide horizontal scrolling", async ({ browser }) => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN", isMobile: true, hasTouch: true });
    const page = await ctx.newPage();
    for (const url of ["/", "/agencies", "/compare", "/coverage"]) {
      await page.goto(url);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, url).toBeLessThanOrEqual(1);
    }
    await ctx.close();
  });
});
