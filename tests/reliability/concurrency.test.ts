// 50 uploads at once, through POST /api/reports and through the upload page's server action (sent
// as the browser sends it), against the production server and a real Postgres: the same report
// 50 times is stored once; 50 different reports are all stored; 50 versions of one report are
// numbered 1…50 without gaps, one in force.
import iconv from "iconv-lite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callAction, startApp, type TestApp } from "./app";
import { recordFigures } from "./figures";
import { reportOf } from "./report-texts";

const N = 50;
let app: TestApp;
let db: pg.Client;
const figures = { cases: 0, lost: 0, duplicates: 0, versionGaps: 0 };

const count = async (sql: string, args: unknown[] = []) => Number((await db.query(sql, args)).rows[0].n);
const postText = (text: string) =>
  fetch(`${app.url}/api/reports`, { method: "POST", headers: { "content-type": "text/plain; charset=utf-8" }, body: text }).then(async (r) => ({
    status: r.status,
    json: await r.json(),
  }));
type Save = { ok: boolean; error?: string; result?: { status: string } };
const saveViaAction = (text: string, name: string) =>
  callAction<Save>(app, "/upload", "saveAction", { file: new Blob([text], { type: "text/plain" }) as unknown as string, options: "{}" }).then((r) => ({ ...r, name }));

/** Versions of agency+year: gaps or repeats in 1…n, and how many are in force. */
async function versionCheck(agency: string, year: number, expected: number) {
  const { rows } = await db.query<{ version: number; in_force: boolean }>(
    "SELECT r.version, r.in_force FROM report r JOIN agency a ON a.id = r.agency_id WHERE a.name = $1 AND r.year = $2 ORDER BY r.version",
    [agency, year],
  );
  const versions = rows.map((r) => r.version);
  const gaps = Array.from({ length: expected }, (_, i) => i + 1).filter((v) => !versions.includes(v)).length;
  figures.versionGaps += gaps;
  figures.duplicates += versions.length - new Set(versions).size;
  figures.lost += Math.max(0, expected - new Set(versions).size);
  return { versions, inForce: rows.filter((r) => r.in_force).length };
}

/** Same agency+year stored more than once with the same numbers, or more than one agency row per name. */
async function duplicateRows() {
  return (
    (await count("SELECT count(*) - count(DISTINCT (agency_id, year, numbers_sha256)) AS n FROM report")) +
    (await count("SELECT count(*) - count(DISTINCT sha256) AS n FROM source")) +
    (await count("SELECT count(*) - count(DISTINCT text_sha256) AS n FROM source")) +
    (await count("SELECT count(*) - count(DISTINCT key) AS n FROM agency"))
  );
}

describe(`${N} uploads at once`, () => {
  beforeAll(async () => {
    app = await startApp(0, { UPLOAD_RATE_LIMIT: "100000" });
    db = new pg.Client({ connectionString: app.db.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await app?.stop();
    recordFigures("concurrency", { what: `concurrency: 5 rounds of ${N} uploads at once (API + action)`, ...figures });
  });

  it("API, the same report 50 times: stored once, 49 recognised as duplicates", async () => {
    const text = reportOf("并发测试市同一局");
    const answers = await Promise.all(Array.from({ length: N }, () => postText(text)));
    figures.cases += N;
    expect(answers.map((a) => a.status)).toEqual(Array(N).fill(200));
    const statuses = answers.map((a) => a.json.results[0].result.status).sort();
    expect(statuses.filter((s) => s === "stored")).toHaveLength(1);
    expect(statuses.filter((s) => s === "duplicate")).toHaveLength(N - 1);
    expect(await count("SELECT count(*) AS n FROM source")).toBe(1);
    expect((await versionCheck("并发测试市同一局", 2023, 1)).versions).toEqual([1]);
  });

  it("API, 50 different reports: all 50 stored, each once", async () => {
    const answers = await Promise.all(Array.from({ length: N }, (_, i) => postText(reportOf(`并发测试市第${i}局`))));
    figures.cases += N;
    expect(answers.filter((a) => a.status === 200 && a.json.ok)).toHaveLength(N);
    for (let i = 0; i < N; i++) expect((await versionCheck(`并发测试市第${i}局`, 2023, 1)).versions).toEqual([1]);
  });

  it("API, 50 changed versions of one report: versions 1…50 without gaps, one in force", async () => {
    const answers = await Promise.all(Array.from({ length: N }, (_, i) => postText(reportOf("并发测试市版本局", 2022, 10 + i))));
    figures.cases += N;
    expect(answers.filter((a) => a.status === 200 && a.json.ok)).toHaveLength(N);
    const { versions, inForce } = await versionCheck("并发测试市版本局", 2022, N);
    expect(versions).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    expect(inForce).toBe(1);
  });

  it("server action, 50 saves at once (25 copies of one report, 25 versions of another): once each, versions without gaps", async () => {
    const same = reportOf("并发测试市表单局");
    const saves = await Promise.all([
      ...Array.from({ length: N / 2 }, () => saveViaAction(same, "same")),
      ...Array.from({ length: N / 2 }, (_, i) => saveViaAction(reportOf("并发测试市表单版本局", 2021, 5 + i), `v${i}`)),
    ]);
    figures.cases += N;
    expect(saves.map((s) => s.status)).toEqual(Array(N).fill(200));
    const failed = saves.filter((s) => !s.result?.ok);
    expect(failed.map((f) => `${f.name}: ${f.result?.error ?? f.body.slice(0, 300)}`)).toEqual([]);
    expect(saves.filter((s) => s.name === "same" && s.result?.result?.status === "stored")).toHaveLength(1);
    expect((await versionCheck("并发测试市表单局", 2023, 1)).versions).toEqual([1]);
    const { versions, inForce } = await versionCheck("并发测试市表单版本局", 2021, N / 2);
    expect(versions).toEqual(Array.from({ length: N / 2 }, (_, i) => i + 1));
    expect(inForce).toBe(1);
  });

  it("API, one report 50 times as different bytes (UTF-8, GBK, CRLF): its text stored once", async () => {
    const text = reportOf("并发测试市编码局");
    const forms = [Buffer.from(text), iconv.encode(text, "gbk"), Buffer.from(text.replaceAll("\n", "\r\n"))];
    const answers = await Promise.all(
      Array.from({ length: N }, (_, i) => {
        const f = new FormData();
        f.append("file", new Blob([new Uint8Array(forms[i % 3])], { type: "text/plain" }), `r${i % 3}.txt`);
        return fetch(`${app.url}/api/reports`, { method: "POST", body: f }).then(async (r) => ({ status: r.status, json: await r.json() }));
      }),
    );
    figures.cases += N;
    expect(answers.map((a) => a.status)).toEqual(Array(N).fill(200));
    expect(answers.filter((a) => a.json.results[0].result.status === "stored")).toHaveLength(1);
    const sources = await count("SELECT count(*) AS n FROM source s JOIN report r ON r.source_id = s.id JOIN agency a ON a.id = r.agency_id WHERE a.name = $1", ["并发测试市编码局"]);
    expect(sources).toBe(1);
    expect((await versionCheck("并发测试市编码局", 2023, 1)).versions).toEqual([1]);
  });

  it("nothing stored twice, every report whole", async () => {
    figures.duplicates += await duplicateRows();
    expect(figures.duplicates).toBe(0);
    expect(await count("SELECT count(*) AS n FROM report r WHERE NOT EXISTS (SELECT 1 FROM table3_row t WHERE t.report_id = r.id)")).toBe(0);
    expect(await count("SELECT count(*) AS n FROM report")).toBe(1 + N + N + 1 + N / 2 + 1);
    expect(figures.lost + figures.versionGaps).toBe(0);
  });
});
