// One CSV cell helper for /data.csv and the charts' CSV export: formulas kept as text.
import { describe, expect, it } from "vitest";
import { csvCell } from "@/lib/csv";
import { toCsv } from "@/components/charts/export";

describe("CSV cells", () => {
  it("keep formula-like text as text, numbers as numbers", () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell("+cmd|' /C calc'!A0")).toBe("'+cmd|' /C calc'!A0");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("-1+2")).toBe("'-1+2");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(null)).toBe("");
    expect(csvCell("a,b")).toBe('"a,b"');
  });

  it("the compare chart's export escapes its header and cells the same way", () => {
    const csv = toCsv(["年度", "=HYPERLINK(\"x\")"], [[2023, "+cmd|x"]]);
    expect(csv).toBe(`年度,"'=HYPERLINK(""x"")"\r\n2023,'+cmd|x\r\n`);
  });
});
