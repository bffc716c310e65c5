// Coverage by year and the scorecards (issue 16): on the samples, the default roster's missing
// list; on hand-built reports with publication dates, findings, a carry break, an imported roster
// with an alias and an agency off the roster, every number of the scorecard equals a
// recomputation in plain SQL over the reports; the roll-ups equal a rebuild.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { emptyDatabase, maintainedAndRecomputed, testPrisma } from "./db";
import { importSamplesIfEmpty } from "@/lib/ingest/samples";
import { storeDocument, type DocumentToStore } from "@/lib/ingest/store";
import { rebuildAggregates } from "@/lib/ingest/aggregates";
import { missingAgencies, reportedAgencies, scorecard, yearCoverage, type CoverageCounts } from "@/lib/queries/coverage-year";
import { checkRosterTable } from "@/lib/rosters/schema";
import { addRosterEntry, importRoster, removeRoster, removeRosterEntry } from "@/lib/rosters/store";
import { reviewCount, reviewQueue } from "@/lib/queries/review";
import { readTable } from "@/lib/rosters/read-table";
import { regionRef } from "@/lib/regions";
import { getRegion, regionChain } from "@/lib/regions/lookup";
import type { ParsedReport } from "@/lib/model/report-schema";
import type { FindingCode, Level } from "@/lib/model/keys";

const golden = JSON.parse(
  fs.readFileSync(path.join(process.cwd(), "tests", "fixtures", "seeds", "expected", "001_6174489a5f7162cb.json"), "utf8"),
).reports as Array<{ year: number; table3: Record<string, number[]>; table4: number[]; table2: Record<string, number[]> }>;

type Opts = { published?: ParsedReport["published"]; flags?: FindingCode[]; carriedForward?: number; granted?: number };
function report(agency: string, code: string | null, level: Level, year: number, o: Opts = {}): ParsedReport {
  const g = golden.find((r) => r.year === Math.min(2023, Math.max(2019, year)))!;
  const table3 = structuredClone(g.table3);
  if (o.carriedForward !== undefined) table3.carried_forward = [o.carriedForward, 0, 0, 0, 0, 0, o.carriedForward];
  if (o.granted !== undefined) table3.granted = [o.granted, 0, 0, 0, 0, 0, o.granted];
  return {
    agency, year, region: code ? regionRef(code) : null, level, table3, table4: g.table4, table2: g.table2, provenance: {},
    flags: (o.flags ?? []).map((c) => ({ code: c, message: c, evidence: "" })),
    published: o.published ?? null,
  } as ParsedReport;
}
let n = 0;
const doc = (reports: ParsedReport[]): DocumentToStore => {
  const text = `coverage document ${++n}`;
  return { bytes: new TextEncoder().encode(text), fileName: `${n}.txt`, format: "txt", text, reports, parserVersion: "test" };
};

describe("coverage on the samples (default roster)", () => {
  const prisma = testPrisma();
  beforeAll(async () => {
    await emptyDatabase();
    await importSamplesIfEmpty(prisma);
  });

  it("lists the four agencies without a 2022 report, none for 2023", async () => {
    const missing2022 = await missingAgencies(null, 2022);
    expect(missing2022).toHaveLength(4);
    expect(missing2022.map((m) => m.name)).not.toContain("聊城市机关事务管理局");
    expect(missing2022.every((m) => m.expectedBy === "recent" && m.lastYear === 2023)).toBe(true);
    expect(await missingAgencies(null, 2023)).toEqual([]);
    const c = await yearCoverage(null, 2022);
    expect(c.total).toMatchObject({ expected: 5, reported: 1 });
    expect((await yearCoverage(null, 2023)).total).toMatchObject({ expected: 5, reported: 5 });
  });

  it("keeps the date a report states, else dates it by its upload day, marked as such", async () => {
    const rows = await reportedAgencies(null, 2023);
    expect(rows).toHaveLength(5);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
    // The parser reads a stated date (a 发布时间 line, the 落款) where the text has one; the others are dated by upload.
    for (const r of rows) {
      if (r.publishedFrom === "upload") expect(r.publishedOn).toBe(today);
      else expect(r.publishedOn).toMatch(/^2024-\d\d-\d\d$/);
    }
    expect(rows.some((r) => r.publishedFrom !== "upload")).toBe(true);
    const jinyun = rows.find((r) => r.name === "缙云县人民政府办公室")!;
    expect(jinyun.deadline).toBe("2024-01-31"); // its 办公室: a department's deadline
  });
});

describe("scorecards", () => {
  const prisma = testPrisma();
  beforeAll(async () => {
    await emptyDatabase();
    const on = (date: string, from: "header" | "signature" = "header") => ({ published: { date, from } });
    await storeDocument(prisma, doc([
      report("聊城市教育局", "371500", "city", 2021),
      report("聊城市教育局", "371500", "city", 2022, { ...on("2023-01-20"), carriedForward: 5 }), // carry break with 2023
      report("聊城市教育局", "371500", "city", 2023, on("2024-02-15", "signature")),
    ]));
    await storeDocument(prisma, doc([report("聊城市人民政府", "371500", "city", 2022, on("2023-03-10"))])); // a government: 3月31日
    await storeDocument(prisma, doc([report("聊城市人民政府办公室", "371500", "city", 2022, on("2023-03-10"))])); // its office: 1月31日
    await storeDocument(prisma, doc([report("聊城市财政局", "371500", "city", 2021)]));
    await storeDocument(prisma, doc([report("东昌府区教育局", "371502", "county", 2023, { ...on("2024-01-05"), flags: ["identity_broken"] })]));
    await storeDocument(prisma, doc([report("东昌府区教体局", "371502", "county", 2022, { ...on("2023-01-05"), flags: ["columns_inferred"] })]));
    await storeDocument(prisma, doc([report("东昌府区公安分局", "371502", "county", 2023, on("2024-01-10"))]));
    // The same agency's 2023 report under its alias too (late, tables broken): the entry counts once, by its own name.
    await storeDocument(prisma, doc([report("东昌府区教体局", "371502", "county", 2023, { ...on("2024-03-01"), flags: ["row_sum_broken"], granted: 2 })]));
    await storeDocument(prisma, doc([report("临清市民政局", "371581", "county", 2023, { ...on("2024-01-30"), flags: ["table_unreadable"] })]));
    await storeDocument(prisma, doc([report("北京市朝阳区公安分局", "110105", "county", 2023, on("2024-01-30"))]));
    await storeDocument(prisma, doc([report("某某管理局", null, "county", 2022)]));
    // Agencies whose last report predates the default roster's window (2021–2023): expected only
    // for the years they did report.
    await storeDocument(prisma, doc([report("聊城市档案局", "371500", "city", 2019), report("聊城市档案局", "371500", "city", 2020)]));
    await storeDocument(prisma, doc([report("临清市档案局", "371581", "county", 2020)]));
    await storeDocument(prisma, doc([report("山西省档案局", "140000", "province", 2020)]));
    // A later version of a report that had a carry break: the finding follows the versions in force.
    await storeDocument(prisma, doc([report("聊城市教育局", "371500", "city", 2022, { ...on("2023-01-20"), carriedForward: 7, granted: 3 })]));

    // 东昌府区's roster, from a CSV: 教育局 (its reports also come as 教体局), 财政局 (none yet).
    const csv = "名称,地区代码,级别,别名,上级\n东昌府区教育局,371502,县级,东昌府区教体局,东昌府区人民政府\n东昌府区财政局,371502,县级,,东昌府区人民政府\n";
    const file = path.join(fs.mkdtempSync(path.join(process.env.TMPDIR ?? "/tmp", "roster-")), "roster.csv");
    fs.writeFileSync(file, csv);
    const checked = checkRosterTable(await readTable(new Uint8Array(fs.readFileSync(file)), "roster.csv"), "371502");
    expect(checked.ok).toBe(true);
    if (checked.ok) await importRoster(prisma, "371502", "roster.csv", checked.rows);
  });

  it("keeps the roll-ups equal to a rebuild (carry findings following the versions in force)", async () => {
    const client = new pg.Client({ connectionString: inject("databaseUrl") });
    await client.connect();
    const snap = `SELECT json_build_object(
      'y', (SELECT json_agg(y ORDER BY region_code, year) FROM region_year y WHERE reports <> 0),
      'f', (SELECT json_agg(f ORDER BY region_code, year, code) FROM region_year_finding f WHERE reports <> 0)) AS s`;
    try {
      const kept = (await client.query(snap)).rows[0].s;
      await client.query("BEGIN");
      await rebuildAggregates(client);
      const rebuilt = (await client.query(snap)).rows[0].s;
      await client.query("ROLLBACK");
      expect(kept).toEqual(rebuilt);
      expect(JSON.stringify(kept.f)).toContain("carry_mismatch");
    } finally {
      await client.end();
    }
  });

  /** The scorecard recomputed in plain SQL over the reports, per agency, grouped in JS. */
  async function recompute(code: string | null, year: number) {
    const rows = await prisma.$queryRawUnsafe<{ id: number; region_code: string | null; reported: boolean; on_time: boolean; by_upload: boolean; adds_up: boolean; codes: string[] }[]>(`
      WITH w AS (SELECT max(year) - 2 AS lo, max(year) AS hi FROM report WHERE in_force),
      inside(code, outer_code) AS (SELECT g.code, x FROM region g CROSS JOIN LATERAL unnest(ARRAY[g.code, g.parent_code,
        (SELECT p.parent_code FROM region p WHERE p.code = g.parent_code)]) x WHERE x IS NOT NULL),
      expected AS (
        SELECT DISTINCT ON (e.agency_id) e.agency_id AS id, e.name, e.level, e.region_code, e.aliases FROM roster_entry e
        UNION ALL
        SELECT a.id, a.name, a.level, a.region_code, '{}' FROM agency a, w
        WHERE NOT EXISTS (SELECT 1 FROM roster ro JOIN inside i ON i.outer_code = ro.region_code WHERE i.code = a.region_code)
          AND EXISTS (SELECT 1 FROM report r WHERE r.agency_id = a.id AND r.in_force AND (r.year BETWEEN w.lo AND w.hi OR r.year = $1))
      )
      SELECT x.id, x.region_code, r.id IS NOT NULL AS reported,
        coalesce(r.published_on <= make_date($1 + 1, CASE WHEN x.name ~ '人民政府$' THEN 3 ELSE 1 END, 31), false) AS on_time,
        coalesce(r.published_from = 'upload', false) AS by_upload,
        r.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM finding f WHERE f.report_id = r.id AND f.code IN
          ('identity_broken', 'outcome_sum_broken', 'row_sum_broken', 'table4_sum_broken', 'table_missing', 'table_unreadable', 'split_ambiguous', 'cell_unreadable')) AS adds_up,
        ARRAY(SELECT DISTINCT f.code FROM finding f WHERE f.report_id = r.id) AS codes
      FROM expected x LEFT JOIN LATERAL (
        SELECT r.* FROM report r JOIN agency a ON a.id = r.agency_id
        WHERE r.in_force AND r.year = $1 AND (a.id = x.id OR a.key = ANY(ARRAY(SELECT al || '|' || x.region_code FROM unnest(x.aliases) al)))
        ORDER BY a.id = x.id DESC, r.id LIMIT 1) r ON true`, year);
    const within = (rc: string | null) => !code || (rc !== null && regionChain(rc).some((r) => r.code === code));
    const groupOf = (rc: string | null) => {
      if (rc === code || rc === null) return "self";
      const chain = regionChain(rc).map((r) => r.code);
      return code ? chain[chain.indexOf(code) + 1] : chain[0];
    };
    const groups = new Map<string, CoverageCounts>();
    const findings = new Map<string, number>();
    for (const r of rows.filter((r) => within(r.region_code?.trim() ?? null))) {
      const g = groupOf(r.region_code?.trim() ?? null);
      const c = groups.get(g) ?? { expected: 0, reported: 0, onTime: 0, datedByUpload: 0, addsUp: 0 };
      c.expected++;
      c.reported += +r.reported;
      c.onTime += +r.on_time;
      c.datedByUpload += +r.by_upload;
      c.addsUp += +r.adds_up;
      groups.set(g, c);
      for (const f of r.codes) findings.set(f, (findings.get(f) ?? 0) + 1);
    }
    return { groups, findings };
  }

  for (const [code, label] of [[null, "the whole country"], ["370000", "山东省"], ["371500", "聊城市"], ["371502", "东昌府区 (rostered)"]] as const) {
    for (const year of [2020, 2021, 2022, 2023]) {
      it(`equal a recomputation in SQL: ${label}, ${year}`, async () => {
        const card = await scorecard(code, year, [2020, 2021, 2022, 2023]);
        const want = await recompute(code, year);
        const got = new Map(card.groups.map((g) => [g.self ? "self" : g.region!.code, { expected: g.expected, reported: g.reported, onTime: g.onTime, datedByUpload: g.datedByUpload, addsUp: g.addsUp }]));
        expect(got).toEqual(new Map([...want.groups].filter(([, c]) => c.expected > 0)));
        expect(new Map(card.findings.map((f) => [f.code, f.reports]))).toEqual(want.findings);
        const trend = card.trend.find((t) => t.year === year)!;
        expect(trend).toMatchObject(card.total);
        if (code) expect(getRegion(code)).toBeTruthy();
      });
    }
  }

  it("pages the missing list (roster entries and agencies expected by default, merged in order) without gaps or repeats", async () => {
    const all = await missingAgencies(null, 2022);
    expect(new Set(all.map((m) => m.expectedBy))).toEqual(new Set(["roster", "recent"]));
    expect(all.length).toBe((await yearCoverage(null, 2022)).total.expected - (await yearCoverage(null, 2022)).total.reported);
    const pages = [];
    for (let offset = 0; offset < all.length + 2; offset += 2) pages.push(...(await missingAgencies(null, 2022, { limit: 2, offset })));
    expect(pages).toEqual(all);
  });

  it("counts the roster's alias, lists its agency without reports, and the agency off the roster", async () => {
    const c2022 = await yearCoverage("371502", 2022);
    expect(c2022.total).toMatchObject({ expected: 2, reported: 1 }); // 教育局 via its alias 教体局
    const missing = await missingAgencies("371502", 2022);
    expect(missing.map((m) => [m.name, m.expectedBy, m.lastYear])).toEqual([["东昌府区财政局", "roster", null]]);
    const c2023 = await yearCoverage("371502", 2023);
    expect(c2023.offRoster).toBe(1); // 公安分局
    const city = await yearCoverage("371500", 2023);
    // 聊城市: 教育局 (late: 2024-02-15), 财政局 (missing: reported 2021), 人民政府 and 办公室 (missing), 临清 民政局, 东昌府区's two.
    expect(city.total).toMatchObject({ expected: 7, reported: 3, onTime: 2, addsUp: 1 });
    const late = await reportedAgencies("371500", 2023, { late: true });
    // Every late report is listed, the alias's second report too (it does not count twice above).
    expect(late.map((r) => [r.name, r.publishedOn, r.publishedFrom, r.deadline])).toEqual([
      ["东昌府区教体局", "2024-03-01", "header", "2024-01-31"],
      ["聊城市教育局", "2024-02-15", "signature", "2024-01-31"],
    ]);
  });

  it("judges a government's own report by 3月31日 and its office by 1月31日", async () => {
    const rows = await reportedAgencies("371500", 2022);
    const by = new Map(rows.map((r) => [r.name, r]));
    expect(by.get("聊城市人民政府")).toMatchObject({ deadline: "2023-03-31", onTime: true });
    expect(by.get("聊城市人民政府办公室")).toMatchObject({ deadline: "2023-01-31", onTime: false });
  });
});

describe("roster files", () => {
  it("refuses a roster with bad rows, naming each row, and imports nothing", () => {
    const r = checkRosterTable(
      [
        ["机关名称", "地区代码", "级别"],
        ["聊城市公安局", "371500", "市级"],
        ["", "371500", "市级"],
        ["聊城市水利局", "37150", "市级"],
        ["济南市公安局", "370100", "市级"],
        ["聊城市公安局", "371500", "市级"],
        ["聊城市审计局", "371500", "部级"],
      ],
      "371500",
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7]);
      expect(r.errors.map((e) => e.message).join("|")).toMatch(/机关名称不能为空.*六位数字.*不在名单所属的聊城市范围内.*与第 2 行重复.*部级/);
    }
  });

  it("reads XLSX and GBK CSV", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("名单");
    ws.addRow(["名称", "地区代码", "级别", "别名"]);
    ws.addRow(["聊城市公安局", 371500, "市级", "聊城市公安局交警支队、聊城公安"]);
    const xlsx = new Uint8Array(await wb.xlsx.writeBuffer());
    const rows = await readTable(xlsx, "名单.xlsx");
    expect(rows).toEqual([["名称", "地区代码", "级别", "别名"], ["聊城市公安局", "371500", "市级", "聊城市公安局交警支队、聊城公安"]]);
    const checked = checkRosterTable(rows, "371500");
    expect(checked.ok && checked.rows[0]).toMatchObject({ aliases: ["聊城市公安局交警支队", "聊城公安"], level: "city" });
    const iconv = (await import("iconv-lite")).default;
    const gbk = new Uint8Array(iconv.encode("名称,地区代码\n聊城市公安局,371500\n", "gbk"));
    expect(await readTable(gbk, "a.csv")).toEqual([["名称", "地区代码"], ["聊城市公安局", "371500"]]);
    await expect(readTable(new TextEncoder().encode("not a zip"), "a.xlsx")).rejects.toThrow(/不是有效的 XLSX/);
  });
});

describe("roster names that uploads already lead elsewhere", () => {
  const prisma = testPrisma();
  it("an old name (renamed agency) or a merged agency on a roster is the agency that holds the reports", async () => {
    await emptyDatabase();
    await storeDocument(prisma, doc([report("临清市教育局", "371581", "county", 2023, { published: { date: "2024-01-10", from: "header" } })]));
    await storeDocument(prisma, doc([report("临清市民政局", "371581", "county", 2023, { published: { date: "2024-01-10", from: "header" } })]));
    await storeDocument(prisma, doc([report("临清民政局", "371581", "county", 2022)]));
    const edu = await prisma.agency.findFirstOrThrow({ where: { name: "临清市教育局" } });
    await prisma.$executeRaw`SELECT gongkai_rename_agency(${edu.id}, '临清市教育和体育局')`;
    const civil = await prisma.agency.findFirstOrThrow({ where: { name: "临清市民政局" } });
    const short = await prisma.agency.findFirstOrThrow({ where: { name: "临清民政局" } });
    await prisma.$queryRaw`SELECT gongkai_merge_agencies(${short.id}, ${civil.id}, 'test', 'same agency')`;

    // The supervisor's list still has the old names; both old and new name of 教育局 listed.
    const rows = [
      ["名称", "地区代码", "级别"],
      ["临清市教育局", "371581", "县级"],
      ["临清市教育和体育局", "371581", "县级"],
      ["临清民政局", "371581", "县级"],
    ];
    const checked = checkRosterTable(rows, "371581");
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    await importRoster(prisma, "371581", "roster.csv", checked.rows);
    const entries = await prisma.rosterEntry.findMany({ orderBy: { id: "asc" } });
    expect(entries.map((e) => [e.name, e.agencyId])).toEqual([["临清市教育局", edu.id], ["临清民政局", civil.id]]);
    expect(await prisma.agency.count({ where: { name: { in: ["临清市教育局"] } } })).toBe(0); // no empty agency made for the old name
    expect((await yearCoverage("371581", 2023)).total).toMatchObject({ expected: 2, reported: 2 });
  });
});

describe("roll-ups kept by triggers (agency.on_roster, region_year_review)", () => {
  const prisma = testPrisma();
  const onRoster = async () =>
    Object.fromEntries((await prisma.agency.findMany({ orderBy: { name: "asc" } })).map((a) => [a.name, a.onRoster]));
  const row = (name: string, aliases: string[] = []) => ({ name, regionCode: "371502", level: "county" as const, aliases, parent: null });
  const queueCounts = async () => {
    const sql = async (where: string) =>
      Number((await prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM report r WHERE r.in_force AND r.review_severity > 0 AND ${where}`))[0].n);
    return {
      kept: [(await reviewQueue({})).total, (await reviewQueue({ region: "371500", from: 2023, to: 2023 })).total,
        (await reviewQueue({ code: "identity_broken" })).total, await reviewCount()],
      counted: [await sql("TRUE"), await sql("r.region_code BETWEEN '371500' AND '371599' AND r.year = 2023"),
        await sql("EXISTS (SELECT 1 FROM finding f WHERE f.report_id = r.id AND f.code = 'identity_broken')"), await sql("TRUE")],
    };
  };

  it("follow roster imports and edits, agencies named later by an alias, renames, and reports coming and going", async () => {
    await emptyDatabase();
    await storeDocument(prisma, doc([report("东昌府区教育局", "371502", "county", 2023, { flags: ["identity_broken"] })]));
    await storeDocument(prisma, doc([report("东昌府区公安分局", "371502", "county", 2023)]));
    await storeDocument(prisma, doc([report("东昌府区民政局", "371502", "county", 2022, { flags: ["columns_inferred"] })]));
    await importRoster(prisma, "371502", "roster.csv", [row("东昌府区教育局", ["东昌府区教体局"]), row("东昌府区民政局")]);
    expect(await onRoster()).toEqual({ 东昌府区公安分局: false, 东昌府区教育局: true, 东昌府区民政局: true });
    expect((await yearCoverage("371502", 2023)).offRoster).toBe(1);

    // An agency first named by a report under an entry's alias is on the roster from the start.
    await storeDocument(prisma, doc([report("东昌府区教体局", "371502", "county", 2023, { flags: ["row_sum_broken"] })]));
    expect((await onRoster())["东昌府区教体局"]).toBe(true);
    // An entry added and removed; a rename off the alias; a whole roster removed.
    await addRosterEntry(prisma, "371502", row("东昌府区公安分局"));
    expect((await onRoster())["东昌府区公安分局"]).toBe(true);
    expect((await yearCoverage("371502", 2023)).offRoster).toBe(0);
    const police = await prisma.rosterEntry.findFirstOrThrow({ where: { name: "东昌府区公安分局" } });
    await removeRosterEntry(prisma, police.id);
    expect((await onRoster())["东昌府区公安分局"]).toBe(false);
    const alias = await prisma.agency.findFirstOrThrow({ where: { name: "东昌府区教体局" } });
    await prisma.$executeRaw`SELECT gongkai_rename_agency(${alias.id}, '东昌府区教育体育局')`;
    expect((await onRoster())["东昌府区教育体育局"]).toBe(false);
    const kept = await maintainedAndRecomputed();
    expect(kept.maintained).toEqual(kept.recomputed);

    // The review queue's totals are the roll-up's, equal to counting the reports.
    await storeDocument(prisma, doc([report("东昌府区教育局", "371502", "county", 2023)])); // a new version without the finding
    const counts = await queueCounts();
    expect(counts.kept).toEqual(counts.counted);
    expect(counts.counted[0]).toBeGreaterThan(0);
    await removeRoster(prisma, "371502");
    expect(Object.values(await onRoster()).some(Boolean)).toBe(false);
    // A statement outside ingest (ingest's own roll-ups are not kept then; the triggers' are).
    await prisma.$executeRaw`DELETE FROM report WHERE year = 2022`;
    const after = await queueCounts();
    expect(after.kept).toEqual(after.counted);
    const { maintained, recomputed } = await maintainedAndRecomputed();
    expect(maintained.review).toEqual(recomputed.review);
    expect(maintained.agencies.map((a: { roster: boolean }) => a.roster)).toEqual(recomputed.agencies.map((a: { roster: boolean }) => a.roster));
  });
});
