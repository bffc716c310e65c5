// The codebook describes every /data.csv column, in the CSV's order, name first.
import { describe, expect, it } from "vitest";
import { CSV_HEADER } from "@/lib/queries/csv";
import { codebook, codebookCsv, describeColumn } from "@/lib/queries/codebook";

describe("codebook", () => {
  it("has one row per /data.csv column, in order", () => {
    expect(codebook().map((r) => r.column)).toEqual([...CSV_HEADER]);
  });
  it("describes every column (a new /data.csv column needs its line in lib/queries/codebook.ts)", () => {
    const undescribed = CSV_HEADER.filter((c) => !describeColumn(c));
    expect(undescribed).toEqual([]);
    for (const r of codebook()) expect(r.label && r.meaning, r.column).toBeTruthy();
  });
  it("also covers the columns being added beside it", () => {
    for (const c of ["corrected", "finding_codes", "source_url"]) expect(describeColumn(c)?.label).toBeTruthy();
  });
  it("gives table, row, column and unit of a statistic", () => {
    expect(describeColumn("denied.state_secret.commercial")).toMatchObject({
      label: "不予公开 · 属于国家秘密（商业企业）",
      tableRow: "不予公开 · 属于国家秘密",
      tableColumn: "商业企业",
      unit: "件",
    });
    expect(describeColumn("review.corrected")).toMatchObject({ tableRow: "行政复议", tableColumn: "结果纠正", unit: "件" });
  });
  it("writes a CSV whose first field of each line is the column name", () => {
    const lines = codebookCsv().trim().split("\r\n");
    expect(lines[0]).toBe("column,label_zh,table,table_row,table_column,unit,meaning");
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual([...CSV_HEADER]);
  });
});
