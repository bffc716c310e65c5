// How a row's digits become its cells (issue 19 items 1, 4, 5; issue 17 item 5): glued and
// space-broken runs split by the template's arithmetic over the whole table, ambiguous splits
// left unread with their candidates, cells no count can be left unread, figures from the prose
// alone in the total cell, source errors kept as printed and flagged. Real snippets come from
// ../shared/fixtures/real (changwu/pingtan-gov-zwgk-archive).
import { describe, expect, it } from "vitest";
import { analyzeText } from "@/lib/analyze";
import type { ParsedReport } from "@/lib/model/report-schema";
import { rowCandidates, solveSplits, splitTable4 } from "@/lib/parser/split-solver";
import * as B from "../helpers/report-builder";

function one(text: string): ParsedReport {
  const { reports } = analyzeText(text);
  expect(reports).toHaveLength(1);
  return reports[0];
}
const codes = (r: ParsedReport) => r.flags.map((f) => f.code);
const flag = (r: ParsedReport, code: string) => r.flags.find((f) => f.code === code);

const HEAD = "平潭综合实验区财政金融局2024年度政府信息公开工作年度报告\n";
const T3_HEAD =
  "三、收到和处理政府信息公开申请情况(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他";
const T4_HEAD = "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计";
const ZERO_ROWS =
  "(三)不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开00000003.危及“三安全一稳定”00000004.保护第三方合法权益00000005.属于三类内部事务信息00000006.属于四类过程性信息10000017.属于行政执法案卷00000008.属于行政查询事项0000000";

describe("glued digit runs (a whole article on one line)", () => {
  it("024: 210000021 is 21 … 21; the next item's number glued after a run (1400000142.没有…) is no digit of it", () => {
    const r = one(
      HEAD +
        "一、总体情况2023年,我办共收到政府信息公开申请21件。" +
        T3_HEAD +
        "一、本年新收政府信息公开申请数量 210000021二、上年结转政府信息公开申请数量 0000000三、本年度办理结果 (一)予以公开 6000006(二)部分公开(区分处理的,只计这一情形,不计其他情形) 0000000" +
        ZERO_ROWS +
        "(四)无法提供 1.本机关不掌握相关政府信息1400000142.没有现成信息需要另行制作00000003.补正后申请内容仍不明确0000000(五)不予处理 1.信访举报投诉类申请 00000002.重复申请 00000003.要求提供公开出版物 00000004.无正当理由大量反复申请 00000005.要求行政机关确认或重新出具已获取信息 0000000(六)其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 00000002.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 00000003.其他 0000000(七)总计 210000021四、结转下年度继续办理 0000000" +
        T4_HEAD +
        " 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 五、存在的主要问题及改进情况无。",
    );
    expect(r.table3.new_received).toEqual([21, 0, 0, 0, 0, 0, 21]);
    expect(r.table3["unable.not_held"]).toEqual([14, 0, 0, 0, 0, 0, 14]);
    expect(r.table3["unable.needs_creation"]).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(r.table3["denied.process_information"]).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(r.table3.total_processed).toEqual([21, 0, 0, 0, 0, 0, 21]);
    expect(r.table4).toEqual(new Array(15).fill(0));
    expect(r.provenance.new_received?.natural_person).toBe("split");
    expect(codes(r).filter((c) => c.endsWith("_broken") || c.startsWith("split") || c.startsWith("table") || c.startsWith("cell"))).toEqual([]);
  });

  it("004: stray spaces inside runs (30 0 0 0 03, 2 0 000022.没有…) and a year glued after a run (20000022025年)", () => {
    const r = one(
      HEAD +
        T3_HEAD +
        "一、本年新收政府信息公开申请数量 30 0 0 0 03 二、上年结转政府信息公开申请数量0 0 00 0 0 0三、本年度办理结果(一)予以公开10 00001(二)部分公开(区分处理的,只计这一情形,不计其他情形)0 0 0 0 00 0" +
        ZERO_ROWS.replace("10000017.", "00000007.") +
        "(四)无法提供1.本机关不掌握相关政府信息2 0 000022.没有现成信息需要另行制作0 0000 003.补正后申请内容仍不明确 0000000(五)不予处理1.信访举报投诉类申请0000 0002.重复申请 00000003.要求提供公开出版物00000004.无正当理由大量反复申请0 0000005.要求行政机关确认或重新出具已获取信息0 000000(六)其他处理0000000(七)总计3 000003四、结转下年度继续办理00000002025年1月" +
        T4_HEAD +
        " 0 00 0 0 0 00 0 00 0 0 0 0五、存在的主要问题及改进情况无。",
    );
    expect(r.table3.new_received).toEqual([3, 0, 0, 0, 0, 0, 3]);
    expect(r.table3.granted).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(r.table3["unable.not_held"]).toEqual([2, 0, 0, 0, 0, 0, 2]);
    expect(r.table3.other).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(r.table3.carried_forward).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(r.table4).toEqual(new Array(15).fill(0));
  });

  it("103: 640020470 is 64 0 0 2 0 4 70, decided with the other rows; table 4 glued (17 digits) by its group sums", () => {
    expect(rowCandidates("640020470").cands.map((c) => c.v)).toContainEqual([64, 0, 0, 2, 0, 4, 70]);
    expect(splitTable4("10203120001200000")).toEqual({ cells: [1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0], candidates: [], unreadable: false });
    // 102: only one split of 17 digits for 15 cells satisfies the three group sums.
    expect(splitTable4("21317000001324019").unreadable).toBe(false);
    expect(splitTable4("21317000001324019").candidates).toEqual([]);
  });

  it("a row two splits fit is decided by the column rules (110000011: 11 … 11, not 1 10 … 11)", () => {
    const v = { new_received: [11, 0, 0, 0, 0, 0, 11], granted: [9, 0, 0, 0, 0, 0, 9], "unable.not_held": [2, 0, 0, 0, 0, 0, 2], total_processed: [11, 0, 0, 0, 0, 0, 11] };
    expect(rowCandidates("110000011").cands.map((c) => c.v)).toEqual(expect.arrayContaining([[1, 10, 0, 0, 0, 0, 11], [11, 0, 0, 0, 0, 0, 11]]));
    const r = one(B.asGluedLine(B.blocks(v, { agency: "平潭综合实验区财政金融局", year: 2024 })));
    expect(r.table3.new_received).toEqual([11, 0, 0, 0, 0, 0, 11]);
    expect(r.table3.total_processed).toEqual([11, 0, 0, 0, 0, 0, 11]);
    expect(codes(r)).not.toContain("split_ambiguous");
  });

  it("splits every rule allows equally: those cells null, split_ambiguous lists the candidates", () => {
    const v = { new_received: [11, 0, 0, 0, 0, 0, 11], granted: [11, 0, 0, 0, 0, 0, 11], total_processed: [11, 0, 0, 0, 0, 0, 11] };
    const r = one(B.asGluedLine(B.blocks(v, { agency: "平潭综合实验区财政金融局", year: 2024 })));
    expect(r.table3.new_received).toEqual([null, null, 0, 0, 0, 0, 11]);
    expect(r.table3.granted).toEqual([null, null, 0, 0, 0, 0, 11]);
    const f = flag(r, "split_ambiguous")!;
    expect(f.evidence).toContain("110000011");
    expect(f.evidence).toContain("1 10 0 0 0 0 11 或 11 0 0 0 0 0 11");
    expect(f.cells).toContain("new_received.natural_person");
    // Nothing is checked against an unread cell.
    expect(codes(r).filter((c) => c.endsWith("_broken"))).toEqual([]);
  });

  it("the solver alone: fixed rows and glued rows together; a row no split fits is unreadable", () => {
    const out = solveSplits(
      [
        { key: "new_received", digits: "110000011" },
        { key: "granted", fixed: [11, 0, 0, 0, 0, 0, 11] },
        { key: "total_processed", digits: "110000011" },
        { key: "carried_forward", fixed: [0, 0, 0, 0, 0, 0, 0] },
        { key: "other.other", digits: "5" },
      ],
      new Set(["granted"]),
    );
    expect(out.find((x) => x.key === "new_received")?.cells).toEqual([11, 0, 0, 0, 0, 0, 11]);
    expect(out.find((x) => x.key === "other.other")).toMatchObject({ unreadable: true, cells: new Array(7).fill(null) });
    // An unread row in a rule leaves that rule out: then nothing decides new_received.
    const open = solveSplits(
      [
        { key: "new_received", digits: "110000011" },
        { key: "total_processed", fixed: [11, 0, 0, 0, 0, 0, 11] },
        { key: "carried_forward", digits: "5" },
      ],
      new Set(),
    );
    expect(open[0].cells).toEqual([null, null, 0, 0, 0, 0, 11]);
    expect(open[0].candidates).toHaveLength(2);
  });

  it("source errors stay as printed and are flagged: 018 (七)总计 0000000 beside outcomes of 4; 030 总计 column 0", () => {
    const rows = (nr: string, tp: string, third: string, notHeld: string) =>
      HEAD +
      T3_HEAD +
      `一、本年新收政府信息公开申请数量${nr}二、上年结转政府信息公开申请数量0000000三、本年度办理结果(一)予以公开0000000(二)部分公开(区分处理的,只计这一情形,不计其他情形)0000000` +
      ZERO_ROWS.replace("10000017.", "00000007.").replace("4.保护第三方合法权益0000000", `4.保护第三方合法权益${third}`) +
      `(四)无法提供1.本机关不掌握相关政府信息${notHeld}2.没有现成信息需要另行制作00000003.补正后申请内容仍不明确0000000(五)不予处理1.信访举报投诉类申请00000002.重复申请00000003.要求提供公开出版物00000004.无正当理由大量反复申请00000005.要求行政机关确认或重新出具已获取信息0000000(六)其他处理0000000(七)总计${tp}四、结转下年度继续办理0000000` +
      T4_HEAD +
      "000000000000000五、存在的主要问题及改进情况无。";
    const r018 = one(rows("4000004", "0000000", "1000001", "3000003"));
    expect(r018.table3.total_processed).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(r018.table3["unable.not_held"]).toEqual([3, 0, 0, 0, 0, 0, 3]);
    expect(codes(r018)).toEqual(expect.arrayContaining(["outcome_sum_broken", "identity_broken"]));
    const r030 = one(rows("2000000", "2000000", "0000000", "2000000"));
    expect(r030.table3.new_received).toEqual([2, 0, 0, 0, 0, 0, 0]);
    expect(codes(r030)).toContain("row_sum_broken");
  });
});

describe("never invent a number", () => {
  it("cells no count can be (-30, 三十, 30.7, 3e1, 99999999999, 2000000000, 24 digits): null with cell_unreadable, the others in place", () => {
    const bad = (k: string, v: number[]) =>
      k === "new_received" ? ["-30", "三十", "30.7", "3e1", "99999999999", "2000000000", "30"] : k === "granted" ? ["123456789012345678901234", "1", "0", "0", "0", "0", "5"] : v.map(String);
    const r = one(B.asPipe(B.blocks(B.RICH, { agency: "聊城市东昌府区财政局" }, bad)));
    expect(r.table3.new_received).toEqual([null, null, null, null, null, null, 30]);
    expect(r.table3.granted).toEqual([null, 1, 0, 0, 0, 0, 5]);
    const f = flag(r, "cell_unreadable")!;
    for (const s of ["-30", "三十", "30.7", "3e1", "99999999999", "2000000000", "123456789012345678901234"]) expect(f.evidence).toContain(`“${s}”`);
    expect(f.cells).toContain("granted.natural_person");
    // Table 4 too.
    const t4 = one(B.asPipe(B.blocks(B.RICH, { agency: "聊城市东昌府区财政局", table4: ["-1", 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0] })));
    expect(t4.table4).toEqual([null, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0]);
    expect(codes(t4)).toContain("cell_unreadable");
  });

  it("a table of words: printed, not read — its cells null and table_unreadable, never 0", () => {
    const words = (k: string, v: number[]) => (k === "new_received" || k === "total_processed" ? ["五", "", "", "", "", "", "五"] : v.map(String));
    const r = one(B.asPipe(B.blocks(B.RICH, { agency: "聊城市东昌府区财政局" }, words)));
    expect(r.table3.new_received).toEqual(new Array(7).fill(null));
    expect(codes(r)).toContain("table_unreadable");
  });

  it("a figure from the prose alone: that figure in the total cell, provenance prose, the applicant columns null", () => {
    const r = one("某某县财政局2022年政府信息公开工作年度报告\n一、总体情况\n2022年,我局共收到政府信息公开申请23件。\n三、收到和处理政府信息公开申请情况\n[图片]\n五、存在的主要问题及改进情况\n无。");
    expect(r.table3.new_received).toEqual([null, null, null, null, null, null, 23]);
    expect(r.provenance.new_received).toEqual({ total: "prose" });
    expect(codes(r)).toContain("table_missing");
    expect(codes(r)).not.toContain("table_unreadable");
  });

  it("table_unreadable, not table_missing, when the table's labels are there but no row could be read", () => {
    const r = one(
      "某某县财政局2022年政府信息公开工作年度报告\n一、总体情况\n2022年,我局共收到政府信息公开申请23件。\n三、收到和处理政府信息公开申请情况\n申请人情况 自然人 商业企业 科研机构\n(一)予以公开\n五、存在的主要问题及改进情况\n无。",
    );
    expect(r.table3.new_received).toEqual([null, null, null, null, null, null, 23]);
    expect(codes(r)).toContain("table_unreadable");
    expect(codes(r)).not.toContain("table_missing");
  });
});
