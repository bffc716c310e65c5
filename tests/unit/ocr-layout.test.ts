// OCR boxes → the parser's text (lib/extract/ocr/layout.ts), and what a report read by OCR
// carries (lib/checks/ocr.ts). Pure: boxes are written here as a tilted scan would give them.
import { describe, expect, it } from "vitest";
import { analyzeExtracted } from "@/lib/analyze";
import { estimateSkew, layoutPage, readNumber } from "@/lib/extract/ocr/layout";
import { TABLE3_COLUMNS } from "@/lib/model/keys";
import { RICH, T3_LINES, valuesOf } from "@/tests/helpers/report-builder";
import { SCAN_PAGE, scannedTable, tableBoxes } from "@/tests/helpers/ocr-scan";

describe("OCR layout", () => {
  it("mends digit look-alikes only in a cell that is all digits", () => {
    expect(readNumber("O")).toBe("0");
    expect(readNumber("1O5")).toBe("105");
    expect(readNumber("1,234")).toBe("1234");
    expect(readNumber("自然人")).toBeNull();
    expect(readNumber("3.危及")).toBeNull();
  });

  it("finds the page's tilt and takes it out before rows are formed", () => {
    const rows = [{ label: "一、本年新收政府信息公开申请数量", values: [25, 3, 0, 0, 2, 0, 30] }, ...Array.from({ length: 8 }, (_, i) => ({ label: `${i + 1}.其他`, values: [i, 0, 0, 0, 0, 0, i] }))];
    expect(Math.abs(estimateSkew(tableBoxes(rows, 1.2)) + 1.2)).toBeLessThan(0.25);
    expect(estimateSkew(tableBoxes(rows, 0))).toBe(0);
    const text = layoutPage(tableBoxes(rows, 1.2)).text.split("\n");
    expect(text[0]).toBe("| 一、本年新收政府信息公开申请数量 | 25 | 3 | 0 | 0 | 2 | 0 | 30 |");
    expect(text).toHaveLength(9);
  });

  it("keeps a blank cell in its column, and returns each number with its box and confidence", () => {
    const rows = [
      { label: "(一)予以公开", values: [4, 1, 0, 0, 0, 0, 5] },
      { label: "(二)部分公开", values: [7, null, 0, 0, 0, 0, 7] },
      { label: "(七)总计", values: [21, 2, 0, 0, 1, 0, 24] },
    ];
    const page = layoutPage(tableBoxes(rows), 2);
    expect(page.text.split("\n")[1]).toBe("| (二)部分公开 | 7 |  | 0 | 0 | 0 | 0 | 7 |");
    expect(page.numbers).toHaveLength(20);
    expect(page.numbers[0]).toMatchObject({ page: 2, value: 4, confidence: 0.97, box: { x: 800, y: 300, width: 14, height: 30 } });
  });

  it("joins a label wrapped in its cell to the row its numbers sit on", () => {
    const boxes = tableBoxes([
      { label: "(一)予以公开", values: [1, 0, 0, 0, 0, 0, 1] },
      { label: "不计其他情形)", values: [2, 0, 0, 0, 0, 0, 2] },
      { label: "(七)总计", values: [3, 0, 0, 0, 0, 0, 3] },
    ]);
    boxes.push({ text: "(二)部分公开(区分处理的,只计这一情形,", x: 100, y: 338, width: 560, height: 30, confidence: 0.99 });
    const lines = layoutPage(boxes).text.split("\n");
    expect(lines).toContain("| (二)部分公开(区分处理的,只计这一情形,不计其他情形) | 2 | 0 | 0 | 0 | 0 | 0 | 2 |");
  });
});

describe("a report read by OCR", () => {
  const { WIDTH, HEIGHT } = SCAN_PAGE;
  const scan = () => scannedTable();

  it("marks every value it read ocr, keeps each one's box and confidence, and lists the doubtful cells in ocr_unconfirmed", () => {
    const { reports } = analyzeExtracted(scan());
    const [r] = reports;
    expect(r.table3.new_received).toEqual(RICH.new_received);
    for (const l of T3_LINES) for (const c of TABLE3_COLUMNS) if (r.table3[l.key as keyof typeof r.table3]) expect(r.provenance[l.key as keyof typeof r.provenance]?.[c]).toBe("ocr");
    // Every one of the 25 × 7 cells has its box: the all-zero rows each at their own printed line.
    expect(Object.keys(r.ocr!.cells)).toHaveLength(25 * 7);
    const at = (key: string) => r.ocr!.cells[key];
    expect(at("new_received.natural_person")).toEqual({ page: 1, x: 0.4, y: expect.closeTo(300 / HEIGHT, 4), w: expect.closeTo(28 / WIDTH, 4), h: expect.closeTo(30 / HEIGHT, 4), confidence: 0.62, text: "25" });
    const zeroRows = T3_LINES.map((l, i) => ({ key: l.key, i })).filter(({ key }) => valuesOf(RICH, key).every((v) => v === 0));
    expect(zeroRows.length).toBeGreaterThan(3);
    for (const { key, i } of zeroRows) expect(at(`${key}.total`).y, key).toBeCloseTo((300 + i * 60) / HEIGHT, 4);
    expect(r.ocr!.pages).toEqual([1]);

    const f = r.flags.find((x) => x.code === "ocr_unconfirmed")!;
    expect(f.cells ?? []).toEqual([]); // correcting the doubtful cells must not settle the whole report's OCR
    expect(f.evidence).toContain("置信度低于 90% 的 1 格：本年新收政府信息公开申请数量·自然人（第 1 页，读作“25”，置信度 62%）");
    // Text that was not read by OCR is not marked.
    const plain = analyzeExtracted({ text: scan().text }).reports[0];
    expect(plain.flags.map((x) => x.code)).not.toContain("ocr_unconfirmed");
    expect(Object.keys(plain.provenance)).toHaveLength(0);
    expect(plain.ocr).toBeUndefined();
  });

  it("gives no box to a row whose numbers OCR read differently (a misread digit is not placed by guess)", () => {
    const s = scan();
    const misread = s.ocr.pages[0].numbers.find((n) => n.value === 30 && n.row === 0)!; // new_received.total
    misread.value = 80;
    const [r] = analyzeExtracted(s).reports;
    expect(r.ocr!.cells["new_received.total"]).toBeUndefined();
    expect(r.ocr!.cells["carried_over.total"]).toBeDefined();
  });

  it("stores nothing for a scan whose OCR read a title and prose but no table", () => {
    const text = "某县人民政府办公室2023年政府信息公开工作年度报告\n一、总体情况\n本年共收到政府信息公开申请30件，予以公开25件。";
    expect(analyzeExtracted({ text }).reports).toHaveLength(1); // as text: a report without tables (table_missing)
    expect(analyzeExtracted({ text, ocr: { pages: [{ page: 1, width: 100, height: 100, confidence: 0.9, numbers: [] }] } }).reports).toHaveLength(0);
  });
});
