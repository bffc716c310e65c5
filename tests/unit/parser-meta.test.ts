// Who and when (issue 19 item 3, issue 17 item 4): the agency, year and publication date from
// everything a document offers — a crawled page's header fields, the title, the 落款, the file
// name — and each report of a file holding several agencies' reports keeping its own.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeText } from "@/lib/analyze";
import { TABLE3_ROWS } from "@/lib/model/keys";
import type { ParsedReport } from "@/lib/model/report-schema";
import { isoDate, isPlaceAgency, qualifyAgency, titleFromFileName } from "@/lib/parser/meta";
import * as B from "../helpers/report-builder";

const SAMPLES = path.join(process.cwd(), "prisma", "samples");
const sample = (stem: string) => fs.readFileSync(path.join(SAMPLES, `${stem}.txt`), "utf8");
const golden = (stem: string) =>
  JSON.parse(fs.readFileSync(path.join(process.cwd(), "tests", "fixtures", "seeds", "expected", `${stem}.json`), "utf8")).reports as {
    agency: string;
    year: number;
    table3: Record<string, number[]>;
    table3_not_stated?: string[];
  }[];
const JINYUN = "003_21c4dbd6a9801aef";
const JIANGSU = "000_618cafc3c164b440";
const CHUANHUI = "002_af8fd19025225cb0";

function expectGolden(r: ParsedReport | undefined, stem: string) {
  const g = golden(stem)[0];
  expect(r, g.agency).toBeDefined();
  expect(r!.year).toBe(g.year);
  for (const [row, want] of Object.entries(g.table3)) {
    if (g.table3_not_stated?.includes(row)) continue;
    expect([g.agency, row, r!.table3[row]]).toEqual([g.agency, row, want]);
  }
}

const codes = (r: ParsedReport) => r.flags.map((f) => f.code);

describe("a file holding two agencies' reports", () => {
  const pairs: [string, string][] = [
    [JINYUN, JIANGSU],
    [JIANGSU, JINYUN],
    [CHUANHUI, JIANGSU],
    [JINYUN, CHUANHUI],
  ];
  for (const [a, b] of pairs) {
    for (const glue of ["\n", ""]) {
      it(`${a.slice(0, 3)} then ${b.slice(0, 3)}, ${glue ? "a line break between" : "glued (cat a b)"}: each report its own agency and numbers`, () => {
        const { reports } = analyzeText(sample(a) + glue + sample(b));
        expect(reports.map((r) => r.agency)).toEqual([golden(a)[0].agency, golden(b)[0].agency]);
        expectGolden(reports[0], a);
        expectGolden(reports[1], b);
        for (const r of reports) expect(codes(r)).not.toContain("agency_unknown");
      });
    }
  }

  it("a Traditional report after a Simplified one is read as Simplified too", () => {
    const { reports } = analyzeText(sample(JINYUN) + "\n" + sample(JIANGSU));
    expect(reports[1].agency).toBe("江苏省机关事务管理局");
    expect(reports[1].region?.province).toBe("江苏省");
  });

  it("a report naming no agency, in a file whose reports name different ones, is agency_unknown — never given another's", () => {
    const anonymous = B.asPipe(B.blocks(B.RICH, { title: "2023年政府信息公开工作年度报告", signature: false }));
    const { reports } = analyzeText(sample(JINYUN) + "\n" + sample(JIANGSU) + "\n" + anonymous);
    expect(reports).toHaveLength(3);
    expect(reports[2].agency).toBeNull();
    expect(codes(reports[2])).toContain("agency_unknown");
    expect(reports[2].flags.find((f) => f.code === "agency_unknown")!.evidence).toContain("缙云县人民政府办公室");
    for (const key of TABLE3_ROWS) expect([key, reports[2].table3[key]]).toEqual([key, B.valuesOf(B.RICH, key)]);
  });

  it("an agency's own history page still gives its name to a year that does not repeat it", () => {
    const named = B.asPipe(B.blocks(B.SPARSE, { agency: "聊城市东昌府区财政局", year: 2023 }));
    const unnamed = B.asPipe(B.blocks(B.RICH, { title: "2022年政府信息公开工作年度报告", year: 2022, signature: false }));
    const { reports } = analyzeText(named + "\n" + unnamed);
    expect(reports.map((r) => [r.agency, r.year])).toEqual([
      ["聊城市东昌府区财政局", 2023],
      ["聊城市东昌府区财政局", 2022],
    ]);
  });
});

/** A crawled page as the archive's crawler saved it: header fields, then the article on one line. */
function crawled(fields: Record<string, string>, body: string): string {
  return [...Object.entries(fields).map(([k, v]) => `${k}: ${v}`), "==================== 正文 ====================", body].join("\n");
}
const oneLine = (text: string) => text.replace(/\n/g, " ");

describe("who and when from a crawled page's header", () => {
  const body = oneLine(B.asSpaced(B.blocks(B.RICH, { title: null, year: 2022, signature: false })));

  it("takes the agency and year from 标题:, the date from 发布时间:, ignoring a generic 发布机构", () => {
    const [r] = analyzeText(
      crawled({ 标题: "平潭综合实验区综合执法与应急管理局2022年政府信息公开工作年度报告", 发布时间: "2023-01-09 14:15", 文号: "", 发布机构: "办公室", 栏目: "政府信息公开年报" }, body),
    ).reports;
    expect(r.agency).toBe("平潭综合实验区综合执法与应急管理局");
    expect(r.year).toBe(2022);
    expect(r.published).toEqual({ date: "2023-01-09", from: "header" });
    // 平潭综合实验区 is not in GB/T 2260: placed in 平潭县, whose zone it is.
    expect(r.region?.code).toBe("350128");
  });

  it("a place as the title's agency: the region's own report", () => {
    const [r] = analyzeText(crawled({ 标题: "平潭综合实验区2019年度政府信息公开工作年度报告", 发布时间: "2020-01-20 15:22", 发布机构: "" }, body)).reports;
    expect(r.agency).toBe("平潭综合实验区");
    expect(r.year).toBe(2019);
  });

  it("an empty 发布机构: does not read the next field as the agency", () => {
    const [r] = analyzeText(crawled({ 发布时间: "2023-01-09 14:15", 发布机构: "", 栏目: "政府信息公开年报" }, "平潭综合实验区海坛片区管理局2022年度政府信息公开工作年度报告 " + body)).reports;
    expect(r.agency).toBe("平潭综合实验区海坛片区管理局");
  });
});

describe("who and when from the end of the text and the file name", () => {
  it("the 落款 ending a one-line page: agency and date", () => {
    const text = oneLine(B.asSpaced(B.blocks(B.RICH, { title: "2022年度政府信息公开工作年度报告", year: 2022, signature: false }))) + " 平潭综合实验区市场监督管理局 2023年1月31日 附件下载";
    const [r] = analyzeText(text).reports;
    expect(r.agency).toBe("平潭综合实验区市场监督管理局");
    expect(r.published).toEqual({ date: "2023-01-31", from: "signature" });
  });

  it("the signature on lines of its own gives the date", () => {
    const [r] = analyzeText(B.asPipe(B.blocks(B.RICH, { agency: "聊城市东昌府区财政局", year: 2023 }))).reports;
    expect(r.published).toEqual({ date: "2024-01-20", from: "signature" });
  });

  it("the file name names the agency, year and date when the text does not", () => {
    const text = B.asPipe(B.blocks(B.RICH, { title: null, prose: "全年共收到政府信息公开申请若干件。", signature: false }));
    const [r] = analyzeText(text, { fileName: "t20240115_80576_聊城市东昌府区财政局2023年度政府信息公开工作年度报告.pdf" }).reports;
    expect(r.agency).toBe("聊城市东昌府区财政局");
    expect(r.year).toBe(2023);
    expect(r.published).toEqual({ date: "2024-01-15", from: "file_name" });
    const [bare] = analyzeText(text).reports;
    expect(bare.agency).toBeNull();
    expect(bare.published ?? null).toBeNull();
  });

  it("parses titles from file names and tells places from offices", () => {
    expect(titleFromFileName("80576_平潭综合实验区2019年度政府信息公开工作年度报告.txt")).toMatchObject({ agency: "平潭综合实验区", year: 2019 });
    expect(isPlaceAgency("淮安市")).toBe(true);
    expect(isPlaceAgency("平潭综合实验区")).toBe(true);
    expect(isPlaceAgency("年度报告平潭综合实验区")).toBe(false);
    expect(isPlaceAgency("办公室")).toBe(false);
  });

  it("places 区行政审批局 in the zone the head names, and leaves 市国资委 alone when no city is named", () => {
    expect(qualifyAgency("区行政审批局", "标题: 平潭综合实验区行政审批局2025年政府信息公开工作年度报告")?.value).toBe("平潭综合实验区行政审批局");
    expect(qualifyAgency("区公安局", "平潭综合实验区2020年…")?.value).toBe("平潭综合实验区公安局");
    expect(qualifyAgency("市国资委", "当前位置:首页 > 政务公开 > 市国资委")).toBeNull();
    expect(qualifyAgency("川汇区机关事务中心", "周口市川汇区")).toBeNull();
  });
});

describe("OCR slips", () => {
  it("reads row labels by similarity and says so (label_fuzzy); a place name with a slipped character is a guessed region", () => {
    let text = B.asPipe(B.blocks(B.RICH, { agency: "沐阳县财政局", year: 2023 }));
    text = text.replace("本年新收政府信息公开申请数量", "本年新牧政府信息公幵申请数量").replace("(一)予以公开", "(一)子以公开");
    const [r] = analyzeText(text).reports;
    for (const key of TABLE3_ROWS) expect([key, r.table3[key]]).toEqual([key, B.valuesOf(B.RICH, key)]);
    const fuzzy = r.flags.find((f) => f.code === "label_fuzzy");
    expect(fuzzy?.evidence).toContain("本年新牧政府信息公幵申请数量");
    expect(fuzzy?.cells).toEqual(["new_received.total", "granted.total"]);
    expect(r.region?.county).toBe("沭阳县");
    expect(codes(r)).toContain("region_guessed");
  });

  it("matches nothing by similarity in prose or in clean labels", () => {
    const [r] = analyzeText(B.asPipe(B.blocks(B.RICH, { agency: "聊城市东昌府区财政局", year: 2023 }))).reports;
    expect(codes(r)).not.toContain("label_fuzzy");
  });
});

describe("isoDate", () => {
  it("accepts exactly the calendar's days from 2000 to 2100 (leap years by the Gregorian rule)", () => {
    const wrong: string[] = [];
    for (let y = 1999; y <= 2101; y++) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const real = y >= 2000 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
          const want = real ? `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}` : null;
          if (isoDate(y, m, d) !== want) wrong.push(`${y}-${m}-${d}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(isoDate(2024, 2, 29)).toBe("2024-02-29");
    expect(isoDate(2100, 2, 29)).toBeNull();
  });
});
