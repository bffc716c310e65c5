// No path from a report to the database writes a value the parser did not read (issue 19 item 4):
// report texts whose table 3 cannot be read (glued digits that stay ambiguous, a table of words)
// go through the ingest path — parse, store — and their unread cells are NULL in table3_row and
// empty in /data.csv, never 0.
import { beforeEach, describe, expect, it } from "vitest";
import { emptyDatabase, testPrisma } from "./db";
import { readPastedText, storeDocument } from "@/lib/ingest";
import { csvLines } from "@/lib/queries/csv";
import * as B from "@/tests/helpers/report-builder";

async function csvRow(agency: string): Promise<(k: string) => string> {
  let text = "";
  for await (const chunk of csvLines()) text += chunk;
  const lines = text.trim().split("\r\n").map((l) => l.split(","));
  const line = lines.find((l) => l[0] === agency)!;
  expect(line, `${agency} in /data.csv`).toBeDefined();
  return (k: string) => line[lines[0].indexOf(k)];
}

describe("a table the parser cannot read is stored unread, never as 0", () => {
  const prisma = testPrisma();
  beforeEach(() => emptyDatabase());

  it("glued digits two splits fit equally (110000011): NULL cells, split_ambiguous stored, empty in /data.csv", async () => {
    const agency = "平潭综合实验区财政金融局";
    const v = { new_received: [11, 0, 0, 0, 0, 0, 11], granted: [11, 0, 0, 0, 0, 0, 11], total_processed: [11, 0, 0, 0, 0, 0, 11] };
    const doc = readPastedText(B.asGluedLine(B.blocks(v, { agency, year: 2024 })));
    expect(doc.reports).toHaveLength(1);
    const stored = await storeDocument(prisma, doc);
    const got = await prisma.report.findUniqueOrThrow({ where: { id: stored.reports[0].reportId }, include: { table3: true, findings: true } });
    const row = got.table3.find((x) => x.row === "new_received")!;
    expect([row.naturalPerson, row.commercial, row.research, row.total]).toEqual([null, null, 0, 11]);
    expect(got.findings.map((f) => f.code)).toContain("split_ambiguous");
    const at = await csvRow(agency);
    expect(at("new_received.natural_person")).toBe("");
    expect(at("new_received.commercial")).toBe("");
    expect(at("new_received.total")).toBe("11");
  });

  it("a table of words: every cell of its rows NULL, table_unreadable; the prose figure alone in the total when there is no table", async () => {
    const agency = "聊城市东昌府区财政局";
    const words = (k: string, x: number[]) => (k === "new_received" ? ["二十五", "三", "", "", "二", "", "三十"] : x.map(String));
    const stored = await storeDocument(prisma, readPastedText(B.asPipe(B.blocks(B.RICH, { agency, year: 2023 }, words))));
    const got = await prisma.report.findUniqueOrThrow({ where: { id: stored.reports[0].reportId }, include: { table3: true, findings: true } });
    const row = got.table3.find((x) => x.row === "new_received")!;
    expect([row.naturalPerson, row.commercial, row.research, row.socialOrg, row.legalService, row.otherOrg, row.total]).toEqual([null, null, null, null, null, null, null]);
    expect(got.newReceived).toBeNull();
    expect(got.findings.map((f) => f.code)).toEqual(expect.arrayContaining(["table_unreadable", "cell_unreadable"]));
    const at = await csvRow(agency);
    expect(at("new_received.natural_person")).toBe("");
    expect(at("new_received.total")).toBe("");
    expect(at("granted.total")).toBe("5");

    // Tables as images: the prose's 23 in the total cell, the applicant columns NULL (not 0).
    const image = "某某县财政局2022年政府信息公开工作年度报告\n一、总体情况\n2022年,我局共收到政府信息公开申请23件。\n三、收到和处理政府信息公开申请情况\n[图片]\n五、存在的主要问题及改进情况\n无。";
    const s2 = await storeDocument(prisma, readPastedText(image));
    const r2 = await prisma.report.findUniqueOrThrow({ where: { id: s2.reports[0].reportId }, include: { table3: true } });
    const nr = r2.table3.find((x) => x.row === "new_received")!;
    expect([nr.naturalPerson, nr.commercial, nr.otherOrg, nr.total]).toEqual([null, null, null, 23]);
    expect(nr.provenance).toEqual({ total: "prose" });
  });
});
