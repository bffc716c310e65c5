// One small, realistic fixture per layout real reports come in (report-model.md and issue 8),
// each built from the same template rows and checked cell by cell, with its findings.
import { describe, expect, it } from "vitest";
import * as OpenCC from "opencc-js";
import { analyzeText } from "@/lib/analyze";
import fromTw from "opencc-js/from/tw";
import toCn from "opencc-js/to/cn";
import { parseReports } from "@/lib/parser";
import { CONVERTED_FROM, VOCABULARY, convertWhole, toSimplified } from "@/lib/parser/traditional";
import { TABLE3_ROWS } from "@/lib/model/keys";
import { ParsedReport } from "@/lib/model/report-schema";
import * as B from "../helpers/report-builder";

const SCORED = new Set([
  "columns_inferred", "value_derived", "prose_table_mismatch", "region_unknown", "identity_broken", "outcome_sum_broken",
  "row_sum_broken", "table4_sum_broken", "agency_unknown", "year_unknown", "table_missing",
]);

function one(text: string, hints?: Parameters<typeof analyzeText>[1]): ParsedReport {
  const { reports } = analyzeText(text, hints);
  expect(reports).toHaveLength(1);
  return reports[0];
}

const codes = (r: ParsedReport) => [...new Set(r.flags.map((f) => f.code).filter((c) => SCORED.has(c)))].sort();

function expectTable3(r: ParsedReport, v: B.Values) {
  for (const key of TABLE3_ROWS) expect([key, r.table3[key]]).toEqual([key, B.valuesOf(v, key)]);
}

const AGENCY = "聊城市东昌府区财政局";
const o = { agency: AGENCY };
const RICH_T2 = { 规章: [0, 0, 0], 行政规范性文件: [3, 1, 12], 行政许可: [1250], 行政处罚: [36], 行政强制: [0], 行政事业性收费: [12.5] };

describe("layouts with every cell printed", () => {
  const b = B.blocks(B.RICH, o);
  for (const [name, text] of [
    ["pipe table", B.asPipe(b)],
    ["tab-separated", B.asTabs(b)],
    ["HTML rows as `| cell |` lines", B.asHtmlRows(b)],
    ["one cell per line", B.asCellLines(b)],
    ["delimiter on its own line, blank lines, padded numbers", B.asDelimiterLines(b)],
    ["PDF text, cells separated by spaces", B.asSpaced(b)],
  ] as const) {
    it(name, () => {
      const r = one(text);
      expect(r.agency).toBe(AGENCY);
      expect(r.year).toBe(2023);
      expect(r.region).toEqual({ province: "山东省", city: "聊城市", county: "东昌府区", code: "371502" });
      expect(r.level).toBe("county");
      expectTable3(r, B.RICH);
      expect(r.table4).toEqual(B.TABLE4);
      expect(r.table2).toEqual(RICH_T2);
      expect(codes(r)).toEqual([]);
      expect(r.provenance).toEqual({});
    });
  }
});

describe("blank cells", () => {
  it("HTML table whose blank cells stay in place (&nbsp; → blank cell): read by position", () => {
    const r = one(B.asHtmlRows(B.blocks(B.SPARSE, o, B.zerosBlank)));
    expectTable3(r, B.SPARSE);
    expect(codes(r)).toEqual([]);
  });

  it("one cell per line with blanks dropped: columns recovered from the arithmetic", () => {
    const r = one(B.asCellLines(B.blocks(B.SPARSE, o, B.zerosBlank)));
    expectTable3(r, B.SPARSE);
    // 1 | 1 for 不掌握: the company column, because 总计's natural-person column has no room for it.
    expect(r.table3["unable.not_held"]).toEqual([0, 1, 0, 0, 0, 0, 1]);
    expect(codes(r)).toEqual(["columns_inferred"]);
    expect(r.provenance["unable.not_held"]?.commercial).toBe("inferred");
    expect(r.provenance.new_received?.total).toBeUndefined();
    expect(r.table4).toEqual(B.TABLE4);
  });

  it("pipe rows whose blanks were pushed to the end (| 3 | 1 | 4 | | | | |)", () => {
    const shifted: B.CellFormat = (_k, v) => {
      const nz = v.filter((x) => x !== 0).map(String);
      return [...nz, ...new Array(7 - nz.length).fill("")];
    };
    const r = one(B.asPipe(B.blocks(B.SPARSE, o, shifted)));
    expectTable3(r, B.SPARSE);
    expect(codes(r)).toEqual(["columns_inferred"]);
  });

  it("rows printed `||||` with no numbers are zeros; a blank (七)总计 row is derived", () => {
    const text = B.asPipe(B.blocks(B.SPARSE, o, B.zerosBlank)).replace(/\(七\)总计 \|[^\n]*/, "(七)总计 | | | | | | | |");
    const r = one(text);
    expectTable3(r, B.SPARSE);
    expect(codes(r)).toEqual(["value_derived"]);
    expect(r.provenance.total_processed?.total).toBe("derived");
    expect(r.table3["denied.state_secret"]).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it("总计 column left blank on outcome rows: derived and flagged", () => {
    const blankTotal: B.CellFormat = (k, v) =>
      k.includes(".") || k === "granted" || k === "partially_granted" ? [...v.slice(0, 6).map(String), ""] : v.map(String);
    for (const text of [B.asHtmlRows(B.blocks(B.RICH, o, blankTotal)), B.asCellLines(B.blocks(B.RICH, o, blankTotal))]) {
      const r = one(text);
      expectTable3(r, B.RICH);
      expect(codes(r)).toEqual(["value_derived"]);
      expect(r.provenance.granted).toEqual({ total: "derived" });
      expect(r.flags.find((f) => f.code === "value_derived")?.cells).toContain("granted.total");
    }
  });

  it("table 4 with blanks dropped (5 5 5 5 3 3): group totals, first sub-column", () => {
    const printed = [5, "", "", "", 5, 5, "", "", "", 5, 3, "", "", "", 3];
    const text = B.asCellLines(B.blocks(B.SPARSE, { ...o, table4: printed }, B.zerosBlank));
    expect(text).toContain("总计\n5\n5\n5\n5\n3\n3\n五、");
    const r = one(text);
    expect(r.table4).toEqual([5, 0, 0, 0, 5, 5, 0, 0, 0, 5, 3, 0, 0, 0, 3]);
    expect(codes(r)).toEqual(["columns_inferred"]);
    // In place (HTML), the same row is read by position, nothing inferred.
    const html = one(B.asHtmlRows(B.blocks(B.SPARSE, { ...o, table4: [0, 5, "", "", 5, "", "", "", "", "", "", "", "", "", ""] }, B.zerosBlank)));
    expect(html.table4).toEqual([0, 5, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(codes(html)).toEqual([]);
    const tabs = one(B.asTabs(B.blocks(B.SPARSE, { ...o, table4: ["", "", 2, "", 2, "", "", "", "", "", "", "", "", "", ""] })));
    expect(tabs.table4).toEqual([0, 0, 2, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(codes(tabs)).toEqual([]);
  });
});

describe("cells and labels in odd shapes", () => {
  it("labels split over two lines and over two cells", () => {
    const lines = B.asCellLines(B.blocks(B.RICH, o)).replace("5.要求行政机关确认或重新出具已获取信息", "5.要求行政机关确认或重新\n出具已获取信息")
      .replace("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "2.申请人逾期未按收费通知要求缴纳费\n用、行政机关不再处理其政府信息公开申请");
    expectTable3(one(lines), B.RICH);
    const cells = B.asPipe(B.blocks(B.RICH, o)).replace("5.要求行政机关确认或重新出具已获取信息 |", "5.要求行政机关确认或重新 | 出具已获取信息 |");
    expectTable3(one(cells), B.RICH);
  });

  it("cells run together: 规章000, 行政许可1250, glued table-3 digits", () => {
    const text = B.asCellLines(B.blocks(B.RICH, o)).replace("规章\n0\n0\n0", "规章000").replace("行政许可\n1250", "行政许可1250").replace("行政强制\n0", "行政强制0");
    const r = one(text);
    expect(r.table2).toEqual(RICH_T2);
    const glued = B.asSpaced(B.blocks(B.RICH, o))
      .replace("一、本年新收政府信息公开申请数量 25 3 0 0 2 0 30", "一、本年新收政府信息公开申请数量253002030")
      .replace("2.其他法律行政法规禁止公开 0 0 0 0 0 0 0", "2.其他法律行政法规禁止公开0000000");
    const g = one(glued);
    expectTable3(g, B.RICH);
    // 253002030 also splits as 2 5 3 0 0 20 30 (its row sum holds): the column rules decide, so
    // nothing is flagged; the cells say they were split.
    expect(codes(g)).toEqual([]);
    expect(g.provenance.new_received?.natural_person).toBe("split");
    // Blanks dropped and the rest glued: 本年新收…数量314 is 3, 1 and their total 4.
    const shortText = B.asCellLines(B.blocks(B.SPARSE, o, B.zerosBlank)).replace("一、本年新收政府信息公开申请数量\n3\n1\n4", "一、本年新收政府信息公开申请数量314");
    expect(shortText).toContain("数量314\n");
    expectTable3(one(shortText), B.SPARSE);
  });

  it("group item labels dropped: (三)不予公开 followed by its items' numbers", () => {
    const text = B.asPipe(B.blocks(B.RICH, o))
      .split("\n")
      .map((l) => l.replace(/^\d\.[^|]*\| /, "| ").replace(/^(\(三\)不予公开|\(四\)无法提供|\(五\)不予处理|\(六\)其他处理) \| \d\.[^|]*\|/, "$1 |"))
      .join("\n");
    expect(text).toContain("(三)不予公开 | 0 | 0");
    expect(text).not.toContain("4.保护第三方合法权益");
    const r = one(text);
    expectTable3(r, B.RICH);
    expect(codes(r)).toEqual([]);
  });

  it("/ - — 无 as zeros, full-width digits, thousands separators", () => {
    const marks = B.asPipe(
      B.blocks(B.RICH, o, (_k, v) => v.map((x, i) => (x === 0 ? ["/", "-", "—", "无"][i % 4] : String(x).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))))),
    );
    expectTable3(one(marks), B.RICH);
    const big: B.Values = {
      ...B.RICH,
      new_received: [2504, 3, 0, 0, 2, 0, 2509],
      granted: [2483, 1, 0, 0, 0, 0, 2484],
      total_processed: [2500, 2, 0, 0, 1, 0, 2503],
    };
    const r = one(B.asPipe(B.blocks(big, { ...o, prose: "全年共收到政府信息公开申请2,509件。" }, (_k, v) => v.map((x) => (x >= 1000 ? x.toLocaleString("en-US") : String(x))))));
    expectTable3(r, big);
    expect(codes(r)).toEqual([]);
    expect(r.prose?.["new_received.total"]).toBe(2509);
  });
});

describe("templates and scripts", () => {
  it("2019–2020 template: 本年新制作数量 columns, 减4, (九)政府集中采购, (六)其他处理 as one row", () => {
    const table3 = B.asPipe(B.blocks(B.SPARSE, {}).filter((x) => x.kind === "row").slice(14))
      .replace(/\(六\)其他处理 \| 1\.申请人无正当理由[^\n]*\n2\.申请人逾期[^\n]*\n3\.其他 \| [^\n]*/, "(六)其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |");
    const text = `聊城市东昌府区城市管理局2020年政府信息公开工作年度报告
一、总体情况
2020年,我局共收到4件政府信息公开申请。
二、主动公开政府信息情况
第二十条第(一)项 | ||||
信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |
规章 | 0 | 0 | 0 |
规范性文件 | 2 | 2 | 15 |
第二十条第(五)项 | ||||
信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |
行政许可 | 12 | 减4 | 230 |
其他对外管理服务事项 | 3 | +1 | 17 |
第二十条第(六)项 | ||||
信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |
行政处罚 | 8 | 0 | 41 |
行政强制 | 2 | -1 | 3 |
第二十条第(八)项 | ||||
信息内容 | 上一年项目数量 | 本年增/减 | ||
行政事业性收费 | 1 | 0 | ||
第二十条第(九)项 | ||||
信息内容 | 采购项目数量 | 采购总金额 | ||
政府集中采购 | 5 | 1,234.5万元 | ||
三、收到和处理政府信息公开申请情况
${table3}
五、存在的主要问题及改进情况
无。`;
    expect(text).toContain("(六)其他处理 | 0 |");
    const r = one(text);
    expect(r.year).toBe(2020);
    expect(r.agency).toBe("聊城市东昌府区城市管理局");
    expectTable3(r, B.SPARSE);
    expect(r.table3.other).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(r.table3.denied).toBeUndefined();
    expect(r.table2).toEqual({
      规章: [0, 0, 0],
      规范性文件: [2, 2, 15],
      行政许可: [12, -4, 230],
      其他对外管理服务事项: [3, 1, 17],
      行政处罚: [8, 0, 41],
      行政强制: [2, -1, 3],
      行政事业性收费: [1, 0],
      政府集中采购: [5, 1234.5],
    });
    expect(r.table4).toEqual(B.TABLE4);
    expect(codes(r)).toEqual([]);
  });

  it("Traditional characters and Taiwan vocabulary (檔案 → 文件, 資訊 → 信息, 查詢)", () => {
    const toTw = OpenCC.Converter({ from: "cn", to: "tw" });
    const text = toTw(B.asCellLines(B.blocks(B.SPARSE, { agency: "江苏省机关事务管理局" }, B.zerosBlank)))
      .replace("行政規範性文件", "行政規範性檔案")
      .replace("通過政府門戶網站", "通過政府資訊公開網站");
    expect(text).toContain("規範性檔案");
    expect(text).toContain("屬於行政查詢事項");
    const r = one(text);
    expect(r.agency).toBe("江苏省机关事务管理局");
    expect(r.region?.province).toBe("江苏省");
    expect(r.level).toBe("province");
    expectTable3(r, B.SPARSE);
    expect(r.table2["行政规范性文件"]).toEqual([3, 1, 12]);
    expect(codes(r)).toEqual(["columns_inferred"]);
  });

  it("Traditional text converted run by run equals converting it whole (no dictionary entry holds a digit, a space or a pipe)", () => {
    for (const dict of [VOCABULARY, ...fromTw.flat(), ...toCn.flat()]) {
      const entries = typeof dict === "string" ? dict.split("|").map((e) => e.split(" ")) : dict;
      for (const [key] of entries) for (const ch of key) expect(ch.charCodeAt(0)).toBeGreaterThanOrEqual(CONVERTED_FROM);
    }
    const toTw = OpenCC.Converter({ from: "cn", to: "tw" });
    const text = toTw(B.asPipe(B.blocks(B.SPARSE, { agency: "江苏省机关事务管理局" }))) + "\n資訊 | 檔案館 12 網際網路、行動裝置。軟體a硬體";
    expect(toSimplified(text)).toBe(convertWhole(text));
    expect(toSimplified(text)).toBe(convertWhole(text)); // (and again, from the cache of runs)
  });
});

describe("who, when, where", () => {
  it("我局 in the prose, agency and year from the title", () => {
    const r = one(B.asPipe(B.blocks(B.SPARSE, { title: "2023年度缙云县财政局政府信息公开工作年度报告", prose: "2023年,我局认真贯彻落实条例,全年共收到政府信息公开申请4件。" })));
    expect([r.agency, r.year, r.level]).toEqual(["缙云县财政局", 2023, "county"]);
    expect(r.region).toEqual({ province: "浙江省", city: "丽水市", county: "缙云县", code: "331122" });
  });

  it("title split over two lines, behind 大 中 小", () => {
    const text = "字号:\n大 中 小缙云县财政局\n2021年政府信息公开工作年度报告\n" + B.asPipe(B.blocks(B.SPARSE, { title: null, year: 2021 }));
    expect([one(text).agency, one(text).year]).toEqual(["缙云县财政局", 2021]);
    const below = "2021年政府信息公开工作年度报告\n缙云县财政局\n" + B.asPipe(B.blocks(B.SPARSE, { title: null, year: 2021 }));
    expect([one(below).agency, one(below).year]).toEqual(["缙云县财政局", 2021]);
  });

  it("agency from 发布机构, year from the statistical period", () => {
    const text = "当前位置:首页 > 政务公开\n发布机构: 市国资委 成文日期: 2022-01-15\n" +
      B.asPipe(B.blocks(B.SPARSE, { title: null, prose: "本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。我委共收到政府信息公开申请4件。" }));
    const r = one(text);
    expect([r.agency, r.year, r.level, r.region]).toEqual(["市国资委", 2021, "city", null]);
    expect(codes(r)).toEqual(["region_unknown"]);
  });

  it("year from the prose (2020年,市机关事务管理局…) and from the publication date minus one", () => {
    const prose = one(B.asPipe(B.blocks(B.SPARSE, { title: "聊城市机关事务管理局政府信息公开工作年度报告", prose: "2020年,市机关事务管理局共收到政府信息公开申请4件。" })));
    expect([prose.agency, prose.year]).toEqual(["聊城市机关事务管理局", 2020]);
    const dated = one("发布日期:2022-01-28\n" + B.asPipe(B.blocks(B.SPARSE, { title: "聊城市机关事务管理局政府信息公开工作年度报告", prose: "我局共收到政府信息公开申请4件。" })));
    expect(dated.year).toBe(2021);
  });

  it("nothing names the agency or the year: flagged; hints fill them", () => {
    const text = B.asPipe(B.blocks(B.SPARSE, { title: null, prose: "我乡共收到政府信息公开申请4件。" }));
    const bare = one(text);
    expect([bare.agency, bare.year, bare.level]).toEqual([null, null, "township"]);
    expect(codes(bare)).toEqual(["agency_unknown", "region_unknown", "year_unknown"]);
    const hinted = one(text, { agency: "缙云县壶镇镇人民政府", year: 2023, regionCode: "331122" });
    expect([hinted.agency, hinted.year, hinted.level, hinted.region?.county]).toEqual(["缙云县壶镇镇人民政府", 2023, "township", "缙云县"]);
    expect(codes(hinted)).toEqual([]);
  });

  it("OCR slip in the county's name: closest GB/T 2260 name, region_guessed", () => {
    const r = one(B.asPipe(B.blocks(B.SPARSE, { agency: "缙去县财政局" })));
    expect(r.agency).toBe("缙去县财政局");
    expect(r.region).toEqual({ province: "浙江省", city: "丽水市", county: "缙云县", code: "331122" });
    expect(r.flags.map((f) => f.code)).toContain("region_guessed");
    expect(codes(r)).toEqual([]);
  });

  it("prose that contradicts the table: prose_table_mismatch", () => {
    const r = one(B.asPipe(B.blocks(B.SPARSE, { ...o, prose: "2023年,我局共收到政府信息公开申请6件。" })));
    expect(codes(r)).toEqual(["prose_table_mismatch"]);
    expect(r.prose?.["new_received.total"]).toBe(6);
  });
});

describe("tables missing, PDF and Markdown text, whole articles on one line", () => {
  it("tables published as images: what the prose says, table_missing", () => {
    const text = `某某县人民政府办公室2022年政府信息公开工作年度报告
一、总体情况
2022年,我办共收到政府信息公开申请12件,其中予以公开8件,部分公开1件,无法提供2件,不予处理1件。全年未发生政府信息公开行政复议、行政诉讼案件。
二、主动公开政府信息情况
[图片]
三、收到和处理政府信息公开申请情况
[图片]
四、政府信息公开行政复议、行政诉讼情况
[图片]
五、存在的主要问题及改进情况
无。`;
    const r = one(text);
    expect(r.year).toBe(2022);
    expect(r.table3.new_received).toEqual([null, null, null, null, null, null, 12]);
    expect(r.provenance.new_received).toEqual({ total: "prose" });
    expect(r.table3.granted?.[6]).toBe(8);
    expect(r.table3.unable?.[6]).toBe(2);
    expect(r.table4?.[4]).toBe(0);
    expect(r.table4?.[0]).toBeNull();
    expect(codes(r)).toContain("table_missing");
    expect(codes(r)).not.toContain("identity_broken");
  });

  it("no heading at all, tables as images: a title and what the prose says", () => {
    const r = one("缙云县财政局2022年政府信息公开工作年度报告\n本报告根据条例编制。2022年,我局共收到政府信息公开申请七件,予以公开5件,无法提供2件。\n[图片]\n缙云县财政局\n2023-01-20");
    expect([r.agency, r.year, r.region?.code]).toEqual(["缙云县财政局", 2022, "331122"]);
    expect(r.table3.new_received).toEqual([null, null, null, null, null, null, 7]);
    expect(r.table3.granted?.[6]).toBe(5);
    expect(codes(r)).toEqual(["table_missing"]);
  });

  it("headings worded otherwise (因政府信息公开工作被申请行政复议…, 政府信息公开工作存在的主要问题…)", () => {
    const text = B.asPipe(B.blocks(B.RICH, o))
      .replace("四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开工作被申请行政复议和提起行政诉讼情况")
      .replace("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况\n2024 年 将加强培训 3 次");
    const r = one(text);
    expectTable3(r, B.RICH);
    expect(r.table4).toEqual(B.TABLE4);
  });

  it("PDF text: labels first, numbers later; page number, running title and header repeated inside the table", () => {
    const pdf = B.asSpaced(B.blocks(B.RICH, o)).split("\n");
    const i3 = pdf.findIndex((l) => l.startsWith("三、收到和处理"));
    const i4 = pdf.findIndex((l) => l.startsWith("四、政府信息公开行政复议"));
    const header = pdf.slice(i3 + 1, i3 + 4);
    const rows = pdf.slice(i3 + 4, i4);
    const labels = rows.map((r) => r.replace(/(\s+\d+)+$/, ""));
    const nums = rows.map((r) => (/(\s+\d+)+$/.exec(r)?.[0] ?? "").trim());
    const text = [...pdf.slice(0, i3 + 1), ...header, ...labels.slice(0, 12), "- 3 -", `${AGENCY}2023年政府信息公开工作年度报告`, ...header, ...labels.slice(12), ...nums, ...pdf.slice(i4)].join("\n");
    const r = one(text);
    expectTable3(r, B.RICH);
    expect(r.table4).toEqual(B.TABLE4);
    expect(codes(r)).toEqual([]);
  });

  it("PDF text: a bare page number between a label and its numbers, or among detached rows", () => {
    const spaced = B.asSpaced(B.blocks(B.RICH, o)).replace("4.保护第三方合法权益 1 0 0 0 0 0 1", "4.保护第三方合法权益\n7\n1 0 0 0 0 0 1");
    expectTable3(one(spaced), B.RICH);
    const pdf = B.asSpaced(B.blocks(B.RICH, o)).split("\n");
    const i3 = pdf.findIndex((l) => l.startsWith("三、收到和处理"));
    const i4 = pdf.findIndex((l) => l.startsWith("四、政府信息公开行政复议"));
    const rows = pdf.slice(i3 + 4, i4);
    const labels = rows.map((r) => r.replace(/(\s+\d+)+$/, ""));
    const nums = rows.map((r) => (/(\s+\d+)+$/.exec(r)?.[0] ?? "").trim());
    const text = [...pdf.slice(0, i3 + 4), ...labels, ...nums.slice(0, 10), "12", ...nums.slice(10), ...pdf.slice(i4)].join("\n");
    expectTable3(one(text), B.RICH);
  });

  it("Markdown: ## headings, **bold**, |---| rules", () => {
    const md = B.blocks(B.RICH, o)
      .map((x) => (x.kind === "line" ? (/^[一二三四五六]、/.test(x.text) ? `## **${x.text}**` : x.text) : `| ${x.cells.join(" | ")} |`))
      .join("\n")
      .replace("| 自然人 |", "|---|---|\n| 自然人 |");
    const r = one(md);
    expectTable3(r, B.RICH);
    expect(r.table2).toEqual(RICH_T2);
    // Cells with <br> and &nbsp; as a converter leaves them: not an HTML page.
    const withBr = B.blocks(B.SPARSE, o, (_k, v) => v.map((x) => (x === 0 ? "&nbsp;" : String(x))))
      .map((x) => (x.kind === "line" ? x.text : `| ${x.cells.join(" | ").replace("(区分处理的", "<br>(区分处理的")} |`))
      .join("\n");
    expect(withBr).toContain("<br>(区分处理的");
    const b = one(withBr);
    expectTable3(b, B.SPARSE);
    expect(codes(b)).toEqual([]);
  });

  it("every row its own small table with generic headers (数据1 … 数据n)", () => {
    const text = B.blocks(B.RICH, o)
      .map((x) => (x.kind === "line" ? x.text : `| ${x.cells.map((_, i) => `数据${i + 1}`).join(" | ")} |\n| ${x.cells.map(() => "---").join(" | ")} |\n| ${x.cells.join(" | ")} |\n`))
      .join("\n");
    const r = one(text);
    expectTable3(r, B.RICH);
    expect(r.table4).toEqual(B.TABLE4);
    expect(codes(r)).toEqual([]);
  });

  it("a whole article on one line", () => {
    for (const text of [B.asSpaced(B.blocks(B.RICH, o)).replace(/\n/g, " "), B.asPipe(B.blocks(B.RICH, o)).replace(/\n/g, " ")]) {
      const r = one(text);
      expect([r.agency, r.year]).toEqual([AGENCY, 2023]);
      expectTable3(r, B.RICH);
      expect(r.table4).toEqual(B.TABLE4);
    }
  });
});

describe("HTML left in the text", () => {
  const b = B.blocks(B.SPARSE, { agency: "缙云县财政局" }, B.zerosBlank);
  const html =
    '<html><head><style>td{color:red}</style></head><body><div class="nav">首页 &gt; 政务公开</div>' +
    b
      .map((x) =>
        x.kind === "line"
          ? `<p>${x.text}</p>`
          : `<tr>${x.cells.map((c, i) => `<td${i === 0 && c.length > 10 ? ' colspan="2"' : ""}>${c === "" ? "&nbsp;" : c.replace("确认或重新", "确认或重新<br>")}</td>`).join("")}</tr>`,
      )
      .join("\n")
      .replace("<tr>", "<table><tr>") +
    "</table><p>扫码使用手机浏览本页内容</p></body></html>";

  it("a page's HTML", () => {
    const r = one(html);
    expect(r.agency).toBe("缙云县财政局");
    expectTable3(r, B.SPARSE);
    expect(codes(r)).toEqual([]);
  });

  it("HTML inside a JavaScript string (\\\" \\/ \\n escapes)", () => {
    const js = `<script>var content = "${html.replace(/"/g, '\\"').replace(/\//g, "\\/").replace(/\n/g, "\\n")}";document.write(content);</script>`;
    const r = one(js);
    expectTable3(r, B.SPARSE);
    expect(r.table4).toEqual(B.TABLE4);
    expect(r.span!.end).toBeLessThanOrEqual(js.length);
  });
});

describe("pages with several reports and site noise", () => {
  const y2023: B.Values = { ...B.SPARSE, carried_forward: [1, 0, 0, 0, 0, 0, 1], total_processed: [2, 1, 0, 0, 0, 0, 3], granted: [1, 0, 0, 0, 0, 0, 1] };
  const y2022: B.Values = { ...B.SPARSE, new_received: [4, 1, 0, 0, 0, 0, 5], carried_forward: [1, 0, 0, 0, 0, 0, 1] };
  const page = [
    "首页 | 政务公开 | 政府信息公开年报",
    "聊城市机关事务管理局政府信息公开指南",
    "一、主动公开政府信息\n(一)公开范围\n二、依申请公开\n三、不予公开",
    "扫码使用手机浏览本页内容",
    "字号:",
    B.asPipe(B.blocks(y2023, { agency: "聊城市机关事务管理局", year: 2023, prose: "2023年,我局共收到政府信息公开申请4件。" })).replace("| 结果纠正 |", "| 结果纠正 |\n打印本页"),
    "聊城市机关事务管理局2023年政府信息公开工作年度报告.pdf",
    "扫码使用手机浏览本页内容",
    "字号:",
    B.asTabs(B.blocks(y2022, { agency: "聊城市机关事务管理局", year: 2022, title: null, prose: "2022年,我局共收到政府信息公开申请5件。" })),
    "打印本页 关闭窗口",
    "相关链接",
  ].join("\n");

  it("finds each report, newest first, and reads each", () => {
    const { reports } = analyzeText(page);
    expect(reports.map((r) => [r.agency, r.year])).toEqual([
      ["聊城市机关事务管理局", 2023],
      ["聊城市机关事务管理局", 2022],
    ]);
    expectTable3(reports[0], y2023);
    expectTable3(reports[1], y2022);
    expect(codes(reports[0])).toEqual([]);
    expect(codes(reports[1])).toEqual([]);
    expect(reports[0].span!.start).toBeGreaterThan(page.indexOf("字号:"));
    expect(reports[0].span!.end).toBeLessThanOrEqual(reports[1].span!.start);
    expect(page.slice(reports[1].span!.start, reports[1].span!.end)).toContain("2022年,我局");
  });

  it("checks the carry-over between the years it holds", () => {
    const { reports } = analyzeText(page);
    // 2022 carried 1 forward, 2023 says 0 carried over.
    expect(reports[0].flags.map((f) => f.code)).toContain("carry_mismatch");
    expect(reports[1].flags.map((f) => f.code)).not.toContain("carry_mismatch");
  });
});

describe("garbage never hangs or crashes", () => {
  it("random bytes, empty text, truncated reports", () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const bytes = Array.from({ length: 200_000 }, () => String.fromCharCode(Math.floor(rnd() * 0xffff)));
    expect(analyzeText(bytes.join("")).reports.length).toBeLessThan(3);
    expect(analyzeText("").reports).toEqual([]);
    expect(parseReports("|||\n\t\t\n<<<<>>>>\n一、总体情况")).toEqual([]);
    const full = B.asPipe(B.blocks(B.RICH, o));
    for (const cut of [0.35, 0.5, 0.6, 0.75, 0.9]) {
      const { reports } = analyzeText(full.slice(0, Math.floor(full.length * cut)));
      for (const r of reports) expect(ParsedReport.safeParse(r).success).toBe(true);
    }
  });

  it("large inputs stay linear", () => {
    const report = B.asPipe(B.blocks(B.RICH, o));
    const big = (report + "\n").repeat(400) + "x".repeat(2_000_000) + "<".repeat(200_000) + "1|".repeat(200_000);
    const t0 = performance.now();
    const { reports } = analyzeText(big);
    expect(reports.length).toBe(400);
    expect(performance.now() - t0).toBeLessThan(20_000);
  });
});
