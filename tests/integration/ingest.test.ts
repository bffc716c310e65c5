// Import the sample reports into a real Postgres, read them back through the queries the pages
// use, and compare every number with the hand-checked goldens.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { emptyDatabase, testPrisma } from "./db";
import { readFile, readPastedText, storeDocument } from "@/lib/ingest";
import { importSamplesIfEmpty, SAMPLES_DIR } from "@/lib/ingest/samples";
import { directoryPage, getAgency, listAgencies } from "@/lib/queries/agencies";
import { csvLines, CSV_HEADER } from "@/lib/queries/csv";
import { zhHeader } from "@/lib/queries/codebook";
import { TABLE3_COLUMNS } from "@/lib/model/keys";

const EXPECTED_DIR = path.join(process.cwd(), "tests", "fixtures", "seeds", "expected");

interface Golden {
  agency: string;
  year: number;
  region?: Record<string, string>;
  table3: Record<string, number[]>;
  table3_not_stated?: string[];
  table4: number[];
}
const goldens: Golden[] = fs
  .readdirSync(EXPECTED_DIR)
  .filter((f) => f.endsWith(".json"))
  .flatMap((f) => JSON.parse(fs.readFileSync(path.join(EXPECTED_DIR, f), "utf8")).reports as Golden[]);

describe("ingest of the sample reports", () => {
  const prisma = testPrisma();
  beforeAll(async () => {
    await emptyDatabase();
    expect(await importSamplesIfEmpty(prisma)).toBe(9);
  });

  it("stores every report-year once, in force, version 1", async () => {
    const reports = await prisma.report.findMany({ include: { agency: true } });
    expect(reports).toHaveLength(goldens.length);
    expect(reports.every((r) => r.inForce && r.version === 1)).toBe(true);
    const keys = reports.map((r) => `${r.agency.name} ${r.year}`).sort();
    expect(keys).toEqual(goldens.map((g) => `${g.agency} ${g.year}`).sort());
  });

  it("keeps each source verbatim with its sha256", async () => {
    const sources = await prisma.source.findMany();
    expect(sources).toHaveLength(5);
    for (const s of sources) {
      const original = fs.readFileSync(path.join(SAMPLES_DIR, s.fileName!));
      expect(Buffer.from(s.bytes).equals(original)).toBe(true);
    }
  });

  it("stores every table-3 cell and table 4 exactly as the goldens", async () => {
    for (const g of goldens) {
      const report = await prisma.report.findFirstOrThrow({
        where: { agency: { name: g.agency }, year: g.year, inForce: true },
        include: { table3: true },
      });
      const rows = new Map(report.table3.map((r) => [r.row, [r.naturalPerson, r.commercial, r.research, r.socialOrg, r.legalService, r.otherOrg, r.total]]));
      for (const [row, want] of Object.entries(g.table3)) {
        if (g.table3_not_stated?.includes(row)) continue;
        expect(rows.get(row), `${g.agency} ${g.year} ${row}`).toEqual(want);
      }
      expect(report.table4, `${g.agency} ${g.year} table4`).toEqual(g.table4);
    }
  });

  it("gives the agency page Liaocheng's applications 2019–2023", async () => {
    const list = await listAgencies();
    const liaocheng = list.find((a) => a.name === "聊城市机关事务管理局")!;
    expect(liaocheng.years).toEqual([2019, 2020, 2021, 2022, 2023]);
    expect(liaocheng.regionName).toBe("山东省 聊城市");
    const agency = (await getAgency(liaocheng.id))!;
    expect(agency.years.map((y) => y.newReceived?.total)).toEqual([1, 3, 1, 2, 3]);
    expect(agency.years.map((y) => y.carriedForward)).toEqual([0, 0, 0, 0, 1]);
    const y2022 = agency.years.find((y) => y.year === 2022)!;
    expect(TABLE3_COLUMNS.map((c) => y2022.newReceived![c])).toEqual([1, 0, 0, 0, 1, 0, 2]);
  });

  it("writes /data.csv rows with canonical headers and the goldens' numbers", async () => {
    let text = "";
    for await (const chunk of csvLines({ batchSize: 2 })) text += chunk; // batch of 2 exercises the paging
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toBe(CSV_HEADER.join(","));
    expect(lines).toHaveLength(1 + goldens.length);
    const col = (n: string) => CSV_HEADER.indexOf(n);
    const jinyun = lines.map((l) => l.split(",")).find((c) => c[col("agency")] === "缙云县人民政府办公室")!;
    expect(jinyun[col("province")]).toBe("浙江省");
    expect(jinyun[col("city")]).toBe("丽水市");
    expect(jinyun[col("county")]).toBe("缙云县");
    expect(jinyun[col("new_received.total")]).toBe("30");
    expect(jinyun[col("other.overdue_correction.total")]).toBe("5");
    expect(jinyun[col("review.upheld")]).toBe("1");
  });

  it("writes the rows of a scope alone (a page's filters), with the same columns, and Chinese headers on request", async () => {
    const read = async (o: Parameters<typeof csvLines>[0]) => {
      let text = "";
      for await (const chunk of csvLines(o)) text += chunk;
      return text.trim().split("\r\n");
    };
    const col = (n: string) => CSV_HEADER.indexOf(n);
    const liaocheng = await read({ scope: { region: "371500", from: 2020, to: 2021 }, batchSize: 1 });
    expect(liaocheng[0]).toBe(CSV_HEADER.join(","));
    expect(liaocheng.slice(1).map((l) => l.split(",")[col("year")]).sort()).toEqual(["2020", "2021"]);
    for (const l of liaocheng.slice(1)) expect(l.split(",")[col("region_code")]).toBe("371500");
    const named = await read({ scope: { q: "缙云 办公室" } });
    expect(named.slice(1).map((l) => l.split(",")[col("agency")])).toEqual(["缙云县人民政府办公室"]);
    expect(await read({ scope: { q: "没有这个机关" } })).toHaveLength(1);
    const zh = await read({ scope: { region: "331122" }, header: zhHeader() });
    expect(zh[0].split(",")).toEqual(zhHeader());
    expect(zh.slice(1)).toEqual((await read({ scope: { region: "331122" } })).slice(1));
  });

  it("finds by name through the two-character index exactly what LIKE finds (one-character words, several words, wildcards)", async () => {
    await prisma.agency.createMany({
      data: ["缙云县公安局", "缙云县公安局交通警察大队", "100%透明办公室", "a_b 局", "聊城市机关事务管理局"].map((name, i) => ({
        name, key: `${name}|test${i}`, reportsInForce: 1, yearsInForce: [2023],
      })),
      skipDuplicates: true,
    });
    const names = (await prisma.agency.findMany({ where: { reportsInForce: { gt: 0 } } })).map((a) => a.name);
    const like = async (words: string[]) => names.filter((n) => words.every((w) => n.includes(w))).sort();
    for (const q of ["公安局", "局", "缙云 办公室", "公安 大队", "100%", "a_b", "%", "_", "聊城市机关事务管理局", "没有这个机关", "务管"]) {
      const found = (await directoryPage({ q, sort: "name", pageSize: 500 })).items.map((a) => a.name).sort();
      expect(found, q).toEqual(await like(q.split(" ")));
    }
  });

  it("recognises the same file again and stores nothing new", async () => {
    const file = path.join(SAMPLES_DIR, "003_21c4dbd6a9801aef.txt");
    const before = await prisma.report.count();
    const again = await storeDocument(prisma, await readFile(new Uint8Array(fs.readFileSync(file)), "copy.txt"));
    expect(again.status).toBe("duplicate");
    // The same text pasted (different bytes: other line endings) is the same content too.
    const pasted = fs.readFileSync(file, "utf8").replace(/\n/g, "\r\n");
    expect((await storeDocument(prisma, readPastedText(pasted))).status).toBe("duplicate");
    expect(await prisma.report.count()).toBe(before);
  });
});
