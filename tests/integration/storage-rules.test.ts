// The storage rules of issue 4, on hand-built reports (from the goldens) so they test the
// store, not the parser: versions, duplicates, the cross-year carry check, all-or-nothing.
import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { emptyDatabase, refuseTable3RowsOf, testPrisma } from "./db";
import { storeDocument, type DocumentToStore } from "@/lib/ingest/store";
import { csvLines } from "@/lib/queries/csv";
import type { ParsedReport } from "@/lib/model/report-schema";

const golden = JSON.parse(
  fs.readFileSync(path.join(process.cwd(), "tests", "fixtures", "seeds", "expected", "001_6174489a5f7162cb.json"), "utf8"),
).reports as Array<{ agency: string; year: number; table3: Record<string, number[]>; table4: number[]; table2: Record<string, number[]> }>;

function report(year: number, patch: (t3: Record<string, number[]>) => void = () => {}): ParsedReport {
  const g = golden.find((r) => r.year === year)!;
  const table3 = structuredClone(g.table3);
  patch(table3);
  return {
    agency: g.agency,
    year,
    region: { province: "山东省", city: "聊城市", county: null, code: "371500" },
    level: "city",
    table3,
    table4: g.table4,
    table2: g.table2,
    provenance: {},
    flags: [],
  };
}

let n = 0;
function doc(reports: ParsedReport[], text = `document ${++n}`): DocumentToStore {
  return { bytes: new TextEncoder().encode(text), fileName: `${n}.txt`, format: "txt", text, reports, parserVersion: "test" };
}

describe("storage rules", () => {
  const prisma = testPrisma();
  beforeEach(() => emptyDatabase());

  it("stores a changed report for the same agency and year as a new version in force; the old one stays", async () => {
    const first = await storeDocument(prisma, doc([report(2022)]));
    const second = await storeDocument(prisma, doc([report(2022, (t) => (t.granted = [2, 0, 0, 0, 0, 0, 2]))]));
    expect(first.reports[0]).toMatchObject({ status: "stored", version: 1 });
    expect(second.reports[0]).toMatchObject({ status: "new_version", version: 2 });
    const versions = await prisma.report.findMany({ where: { year: 2022 }, orderBy: { version: "asc" } });
    expect(versions.map((v) => [v.version, v.inForce, v.granted])).toEqual([
      [1, false, 1],
      [2, true, 2],
    ]);
    // Both sources are kept verbatim.
    expect(await prisma.source.count()).toBe(2);
  });

  it("makes no new version when another file carries the same numbers", async () => {
    await storeDocument(prisma, doc([report(2021)]));
    const again = await storeDocument(prisma, doc([report(2021)], "the same report, another file"));
    expect(again.reports[0]).toMatchObject({ status: "unchanged", version: 1 });
    expect(await prisma.report.count()).toBe(1);
  });

  it("recognises identical content (bytes or white-space-normalised text) and stores nothing", async () => {
    await storeDocument(prisma, doc([report(2020)], "某 报告\n全文"));
    const same = await storeDocument(prisma, doc([report(2020)], "某 报告\n全文"));
    const spaced = await storeDocument(prisma, doc([report(2020)], "某报告\r\n  全文  "));
    expect(same.status).toBe("duplicate");
    expect(spaced.status).toBe("duplicate");
    expect(await prisma.source.count()).toBe(1);
  });

  it("flags carry_mismatch on both years, and clears it when a corrected version arrives", async () => {
    await storeDocument(prisma, doc([report(2023)])); // carried_over 0
    await storeDocument(prisma, doc([report(2022, (t) => (t.carried_forward = [4, 0, 0, 0, 0, 0, 4]))]));
    const codes = async (year: number) =>
      (await prisma.finding.findMany({ where: { report: { year, inForce: true } } })).map((f) => f.code);
    expect(await codes(2022)).toContain("carry_mismatch");
    expect(await codes(2023)).toContain("carry_mismatch");
    await storeDocument(prisma, doc([report(2022)])); // corrected: carried_forward 0
    expect(await codes(2022)).not.toContain("carry_mismatch");
    expect(await codes(2023)).not.toContain("carry_mismatch");
    const y2023 = await prisma.report.findFirstOrThrow({ where: { year: 2023, inForce: true } });
    expect(y2023.findingCount).toBe(0);
  });

  it("stores a document whole or not at all: a failure on its second report leaves nothing", async () => {
    const bad = report(2019);
    bad.region = { ...bad.region, code: "999999" }; // no such region: refused before anything is written
    await expect(storeDocument(prisma, doc([report(2023), bad]))).rejects.toThrow(/999999/);
    expect(await prisma.source.count()).toBe(0);
    expect(await prisma.report.count()).toBe(0);
    expect(await prisma.table3Row.count()).toBe(0);
    expect(await prisma.agency.count()).toBe(0);
  });

  it("a write that fails inside the database half-way leaves nothing of the document", async () => {
    // The second report's table-3 rows are refused, after the source, the agency and the first report are written.
    const undo = await refuseTable3RowsOf("year = 2019");
    try {
      await expect(storeDocument(prisma, doc([report(2023), report(2019)]))).rejects.toThrow(/refused for the test/);
    } finally {
      await undo();
    }
    expect(await prisma.source.count()).toBe(0);
    expect(await prisma.report.count()).toBe(0);
    expect(await prisma.table3Row.count()).toBe(0);
    expect(await prisma.agency.count()).toBe(0);
    expect(await prisma.$queryRawUnsafe<{ n: number }[]>("SELECT count(*)::int AS n FROM region_year")).toEqual([{ n: 0 }]);
  });

  it("rejects a report without agency or year with a clear Chinese message and stores nothing", async () => {
    const noYear = { ...report(2023), year: null };
    await expect(storeDocument(prisma, doc([noYear]))).rejects.toThrow("缺少年度");
    const noAgency = { ...report(2023), agency: null };
    await expect(storeDocument(prisma, doc([noAgency]))).rejects.toThrow("缺少机关名称");
    expect(await prisma.source.count()).toBe(0);
  });

  it("stores every field of a report: headline figures, tables 2 and 4, provenance, findings, span", async () => {
    const r = {
      ...report(2022),
      span: { start: 3, end: 420 },
      provenance: { granted: { commercial: "inferred" as const, total: "derived" as const } },
      flags: [{ code: "columns_inferred" as const, message: "列位置由勾稽关系推定", evidence: "予以公开 1 1", cells: ["granted.commercial"] }],
    };
    const [t3, t4] = [r.table3 as Record<string, number[]>, r.table4!];
    const stored = await storeDocument(prisma, doc([r]));
    const got = await prisma.report.findUniqueOrThrow({ where: { id: stored.reports[0].reportId }, include: { table3: true, findings: true } });
    expect(got).toMatchObject({
      year: 2022, version: 1, inForce: true, sourceIndex: 0, spanStart: 3, spanEnd: 420, parserVersion: "test",
      table4: t4, table2: Object.entries(r.table2).map(([label, values]) => ({ label, values })), findingCount: 1,
      newReceived: t3.new_received[6], granted: t3.granted[6], totalProcessed: t3.total_processed[6],
      carriedForward: t3.carried_forward[6], reviewTotal: t4[4], litigationTotal: t4[9]! + t4[14]!,
    });
    expect(got.table3).toHaveLength(Object.keys(r.table3).length);
    const granted = got.table3.find((x) => x.row === "granted")!;
    expect([granted.naturalPerson, granted.commercial, granted.research, granted.socialOrg, granted.legalService, granted.otherOrg, granted.total]).toEqual(t3.granted);
    expect(granted.provenance).toEqual({ commercial: "inferred", total: "derived" });
    expect(got.findings.map((f) => [f.code, f.message, f.evidence, f.cells])).toEqual([["columns_inferred", "列位置由勾稽关系推定", "予以公开 1 1", ["granted.commercial"]]]);
  });

  it("stores an unread cell as NULL, never 0: in table3_row, the headline figures, /data.csv and the group sums", async () => {
    const r = report(2022, (t3) => {
      (t3 as Record<string, (number | null)[]>).granted = [null, null, null, null, null, null, t3.granted[6]];
      (t3 as Record<string, (number | null)[]>)["unable.not_held"] = [t3["unable.not_held"][0], 0, 0, 0, 0, 0, null];
    });
    r.table4 = [null, 0, 0, 0, null, ...r.table4!.slice(5)];
    r.provenance = { granted: { total: "prose" } };
    const stored = await storeDocument(prisma, doc([r]));
    const got = await prisma.report.findUniqueOrThrow({ where: { id: stored.reports[0].reportId }, include: { table3: true } });
    const granted = got.table3.find((x) => x.row === "granted")!;
    expect([granted.naturalPerson, granted.otherOrg, granted.total]).toEqual([null, null, r.table3.granted![6]]);
    expect(granted.provenance).toEqual({ total: "prose" });
    expect(got.table3.find((x) => x.row === "unable.not_held")!.total).toBeNull();
    expect(got.unable).toBeNull(); // a group total with an unread item is unknown, not a partial sum
    expect(got.granted).toBe(r.table3.granted![6]);
    expect((got.table4 as (number | null)[]).slice(0, 5)).toEqual([null, 0, 0, 0, null]);
    expect(got.reviewTotal).toBeNull();

    let text = "";
    for await (const chunk of csvLines()) text += chunk;
    const [header, line] = text.trim().split("\r\n").map((l) => l.split(","));
    const at = (k: string) => line[header.indexOf(k)];
    expect(at("granted.natural_person")).toBe("");
    expect(at("granted.total")).toBe(String(r.table3.granted![6]));
    expect(at("unable.not_held.total")).toBe("");
    expect(at("unable.total")).toBe("");
    expect(at("unable.natural_person")).not.toBe("");
    expect(at("review.upheld")).toBe("");
    expect(at("review.total")).toBe("");
  });

  it("the same file uploaded several times at once: stored once, the others reported as duplicates", async () => {
    const same = doc([report(2021)], "one file, four uploads");
    const results = await Promise.all([1, 2, 3, 4].map(() => storeDocument(prisma, same)));
    expect(results.map((r) => r.status).sort()).toEqual(["duplicate", "duplicate", "duplicate", "stored"]);
    expect(await prisma.source.count()).toBe(1);
    expect(await prisma.report.count()).toBe(1);
  });

  it("numbers versions without gaps or duplicates under concurrent uploads", async () => {
    const uploads = Array.from({ length: 12 }, (_, i) =>
      storeDocument(prisma, doc([report(2022, (t) => (t.granted = [i + 10, 0, 0, 0, 0, 0, i + 10]))])),
    );
    await Promise.all(uploads);
    const versions = await prisma.report.findMany({ where: { year: 2022 }, select: { version: true, inForce: true } });
    expect(versions.map((v) => v.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(versions.filter((v) => v.inForce)).toHaveLength(1);
    expect(await prisma.agency.count()).toBe(1);
  });
});
