// axe accessibility check, one test per page (one test that walked all ten pages needed an idle
// machine to finish in its 60 s): no serious or critical WCAG 2.1 A/AA or best-practice violation,
// with every chart's data table opened so the tables are checked too.
import { test, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import pg from "pg";

const LIAOCHENG = "聊城市机关事务管理局";

function dbUrl() {
  return process.env.E2E_DATABASE_URL || `postgresql://postgres:gongkai@127.0.0.1:${process.env.E2E_PG_PORT ?? "54349"}/gongkai`;
}

/** The Liaocheng agency's id and the link of one of its reports, from the database (two page
 * loads cost each test up to 30 s on a busy machine). */
async function liaocheng(): Promise<{ id: number; report: string }> {
  const client = new pg.Client({ connectionString: dbUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: number; report: number }>(
      `SELECT a.id, (SELECT r.id FROM report r WHERE r.agency_id = a.id AND r.in_force ORDER BY r.year DESC LIMIT 1) AS report
       FROM agency a WHERE a.name = $1`,
      [LIAOCHENG],
    );
    expect(rows, LIAOCHENG).toHaveLength(1);
    return { id: rows[0].id, report: `/reports/${rows[0].report}` };
  } finally {
    await client.end();
  }
}

let ids: { id: number; report: string } | undefined;

async function check(page: Page, target: string) {
  await page.goto(target);
  await page.waitForLoadState("networkidle");
  // Open the data tables so they are checked too.
  const closed = page.locator('[data-testid^="toggle-table-"][aria-expanded="false"]');
  for (let i = 0; i < 10 && (await closed.count()) > 0; i++) await closed.first().click();
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`),
    target,
  ).toEqual([]);
}

const pages: [string, (a: { id: number; report: string }) => string][] = [
  ["overview", () => "/"],
  ["directory", () => "/agencies"],
  ["directory filtered by region and year", () => "/agencies?r=371500&from=2021"],
  ["agency", ({ id }) => `/agencies/${id}`],
  ["report with a cell selected", ({ report }) => `${report}?c=granted.total`],
  ["region roll-up", () => "/regions/370000"],
  ["compare as a bar chart", ({ id }) => `/compare?a=${id}&s=grant_rate&t=bar`],
  ["compare as a table", ({ id }) => `/compare?a=${id}&t=table`],
  ["compare on a log scale with a minimum base", ({ id }) => `/compare?a=${id}&s=grant_rate&scale=log&n=30`],
  ["embed: compare", ({ id }) => `/embed/compare?a=${id}&s=grant_rate&scale=index`],
  ["embed: agency chart", ({ id }) => `/embed/agencies/${id}?chart=outcomes`],
  ["embed: region chart", () => "/embed/regions/370000"],
  ["map of the provinces", () => "/?view=map"],
  ["map of a province's cities on its region page", () => "/regions/370000?view=map&s=grant_rate"],
  ["embed: map", () => "/embed/map?r=370000"],
  ["coverage", () => "/coverage"],
  ["coverage: reported list", () => "/coverage?st=reported"],
  ["coverage roster", () => "/coverage/roster?r=371500"],
  ["coverage scorecard", () => "/coverage/scorecard?r=370000"],
  ["review queue", () => "/review"],
  ["upload", () => "/upload"],
  ["report with its correction form open", ({ report }) => `${report}?edit=1`],
  ["data and codebook", () => "/data"],
  ["agency with shares", ({ id }) => `/agencies/${id}?mix=pct&from=2020`],
  ["404", () => "/no-such-page"],
];

/** Pages checked again at a phone's width, where some lists are laid out differently (cards). */
const phonePages: [string, (a: { id: number; report: string }) => string][] = [
  ["directory", () => "/agencies"],
  ["overview", () => "/"],
  ["coverage", () => "/coverage?y=2022"],
  ["agency, tables open", ({ id }) => `/agencies/${id}`],
];

test.describe("accessibility (axe)", () => {
  // A page load, up to ten clicks and axe's own analysis: beside ~8 other builds and test runs on
  // 2 cores (load average 22–30) one page took 24–90 s, so each page has 180 s.
  test.describe.configure({ timeout: 180_000 });
  for (const [name, url] of pages) {
    test(`no serious or critical violation: ${name}`, async ({ page }) => {
      ids ??= await liaocheng();
      await check(page, url(ids));
    });
  }
  for (const [name, url] of phonePages) {
    test(`no serious or critical violation on a phone (375 px): ${name}`, async ({ browser }) => {
      const ctx = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: "zh-CN", isMobile: true, hasTouch: true });
      try {
        ids ??= await liaocheng();
        await check(await ctx.newPage(), url(ids));
      } finally {
        await ctx.close();
      }
    });
  }
});
