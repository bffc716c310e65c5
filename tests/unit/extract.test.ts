// bytes → text on real report text (seed 003) in the encodings and formats people upload.
import { describe, expect, it } from "vitest";
import iconv from "iconv-lite";
import { extractPastedText, extractText, ExtractError } from "@/lib/extract";
import { seed003As, toDocx, toHtml } from "@/e2e/helpers/variants";

const text = seed003As("缙云县人民政府办公室");
const ROW = "本年新收政府信息公开申请数量 | 30 | 0 | 0 | 0 | 0 | 0 | 30 |";
const rowOf = (t: string) => t.split("\n").find((l) => l.includes("本年新收"))!;

async function fails(bytes: Uint8Array, fileName: string) {
  try {
    await extractText(bytes, { fileName });
  } catch (e) {
    expect(e).toBeInstanceOf(ExtractError);
    return e as ExtractError;
  }
  throw new Error(`${fileName}: no error`);
}

describe("extractText", () => {
  it.each([
    ["utf-8", Buffer.from(text)],
    ["utf-8 with BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
    ["gbk", iconv.encode(text, "gbk")],
    ["gb18030", iconv.encode(text, "gb18030")],
    ["utf-16le with BOM", iconv.encode(text, "utf16le", { addBOM: true })],
    ["utf-16be with BOM", Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, "utf16be")])],
    ["utf-16le without BOM", iconv.encode(text, "utf16le")],
  ])("reads %s text without mojibake", async (_, bytes) => {
    const r = await extractText(new Uint8Array(bytes), { fileName: "report.txt" });
    expect(r.format).toBe("txt");
    expect(r.text).toContain("缙云县人民政府办公室");
    expect(rowOf(r.text)).toContain(ROW);
    expect(r.text).not.toMatch(/\uFFFD|\r/);
  });

  it("turns an HTML table into one pipe line per row, blanks kept", async () => {
    const html = toHtml(text).replace("<td>30</td>", "<td>&nbsp;30<br>\n</td>");
    const r = await extractText(new Uint8Array(Buffer.from(html)), { fileName: "r.html" });
    expect(r.format).toBe("html");
    expect(rowOf(r.text)).toBe("| 一、本年新收政府信息公开申请数量 | 30 | 0 | 0 | 0 | 0 | 0 | 30 |  |  |  |");
    expect(r.text).toContain("政府信息公开工作年度报告"); // the <title>
  });

  it("honours <meta charset=gbk> and reads HTML inside a JavaScript string", async () => {
    const gbk = iconv.encode(toHtml(text).replace('charset="utf-8"', 'charset="gbk"'), "gbk");
    expect(rowOf((await extractText(new Uint8Array(gbk), { fileName: "r.htm" })).text)).toContain("| 30 |");
    const js = `document.write(${JSON.stringify(toHtml(text))});`;
    const r = await extractText(new Uint8Array(Buffer.from(js)), { fileName: "page.js.txt" });
    expect(rowOf(r.text)).toContain("| 一、本年新收政府信息公开申请数量 | 30 |");
  });

  it("reads a .docx with its table rows", async () => {
    const r = await extractText(new Uint8Array(await toDocx(text)), { fileName: "r.docx" });
    expect(r.format).toBe("docx");
    expect(rowOf(r.text)).toContain("| 一、本年新收政府信息公开申请数量 | 30 | 0 |");
  });

  it("refuses empty, binary, oversized and mislabelled files with Chinese sentences", async () => {
    expect((await fails(new Uint8Array(0), "e.txt")).code).toBe("empty");
    const noise = new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    expect((await fails(noise, "garbage.txt")).code).toBe("unsupported");
    expect((await fails(new Uint8Array(Buffer.from("not a pdf")), "x.pdf")).code).toBe("corrupt");
    const big = await fails(new Uint8Array(Buffer.from(text)), "big.txt").catch(() => null);
    expect(big).toBeNull(); // within the default limit it reads fine…
    await expect(extractText(new Uint8Array(Buffer.from(text)), { fileName: "t.txt", maxBytes: 100 })).rejects.toThrow("大小限制");
  });

  it("refuses a zip whose document part would inflate past the limit", async () => {
    const JSZip = (await import("jszip")).default;
    const zip = new JSZip();
    zip.file("word/document.xml", "<w:document>" + "a".repeat(210 * 1024 * 1024) + "</w:document>", { compression: "DEFLATE" });
    const bomb = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    expect(bomb.byteLength).toBeLessThan(2_000_000);
    const e = await fails(bomb, "bomb.docx");
    expect(e.code).toBe("too_large");
  }, 60_000);

  it("reads pasted text, and pasted HTML source as HTML", () => {
    expect(extractPastedText(text).format).toBe("txt");
    const pasted = extractPastedText(toHtml(text));
    expect(pasted.format).toBe("html");
    expect(rowOf(pasted.text)).toContain("| 30 |");
    expect(() => extractPastedText("  \n ")).toThrow(ExtractError);
  });
});
