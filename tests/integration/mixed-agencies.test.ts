// One file holding two agencies' reports (issue 17 item 4): each report is stored under its own
// agency with its own numbers, and a report already stored for the first agency is left as it is —
// never given the other agency's table as a new version.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { emptyDatabase, testPrisma } from "./db";
import { readFile, storeDocument } from "@/lib/ingest";
import { SAMPLES_DIR } from "@/lib/ingest/samples";

const JINYUN = "003_21c4dbd6a9801aef";
const JIANGSU = "000_618cafc3c164b440";
const sample = (stem: string) => fs.readFileSync(path.join(SAMPLES_DIR, `${stem}.txt`));
const golden = (stem: string) =>
  JSON.parse(fs.readFileSync(path.join(process.cwd(), "tests", "fixtures", "seeds", "expected", `${stem}.json`), "utf8")).reports[0] as {
    agency: string;
    year: number;
    table3: Record<string, number[]>;
    table3_not_stated?: string[];
  };

describe("a file with two agencies' reports", () => {
  const prisma = testPrisma();

  async function table3Of(agency: string, year: number) {
    const r = await prisma.report.findFirstOrThrow({ where: { agency: { name: agency }, year, inForce: true }, include: { table3: true } });
    return {
      version: r.version,
      rows: new Map(r.table3.map((x) => [x.row, [x.naturalPerson, x.commercial, x.research, x.socialOrg, x.legalService, x.otherOrg, x.total]])),
    };
  }

  beforeAll(async () => {
    await emptyDatabase();
    // 缙云 2023 stored on its own first: the mixed file must not replace it.
    const alone = await storeDocument(prisma, await readFile(new Uint8Array(sample(JINYUN)), `${JINYUN}.txt`));
    expect(alone.status).toBe("stored");
  });

  it("stores each report under its own agency and keeps the first agency's report unchanged", async () => {
    for (const order of [
      [JINYUN, JIANGSU],
      [JIANGSU, JINYUN],
    ]) {
      // As `cat a b` makes it: the first file does not end with a line break.
      const bytes = Buffer.concat(order.map(sample));
      const result = await storeDocument(prisma, await readFile(new Uint8Array(bytes), "two-agencies.txt"));
      expect(result.status).toBe("stored");
      const byAgency = Object.fromEntries(result.reports.map((r) => [r.agency, r]));
      expect(Object.keys(byAgency).sort()).toEqual(["江苏省机关事务管理局", "缙云县人民政府办公室"]);
      expect(byAgency["缙云县人民政府办公室"].status).toBe("unchanged");
      expect(byAgency["缙云县人民政府办公室"].version).toBe(1);
    }

    for (const stem of [JINYUN, JIANGSU]) {
      const g = golden(stem);
      const { version, rows } = await table3Of(g.agency, g.year);
      expect(version, g.agency).toBe(1);
      for (const [row, want] of Object.entries(g.table3)) {
        if (g.table3_not_stated?.includes(row)) continue;
        expect(rows.get(row), `${g.agency} ${row}`).toEqual(want);
      }
    }
    // 缙云's 30 applications, Jiangsu's 23: neither took the other's.
    expect((await table3Of("缙云县人民政府办公室", 2023)).rows.get("new_received")?.[6]).toBe(30);
    expect((await table3Of("江苏省机关事务管理局", 2023)).rows.get("new_received")?.[6]).toBe(23);
    expect(await prisma.report.count({ where: { year: 2023 } })).toBe(2);
  });
});
