// bytes → text (lib/extract) on real report text: the seed reports in every encoding people
// upload, seed 003 as a web page with real tables, inside JavaScript, as .docx, .doc and PDF, and
// the files that must be refused. Fixtures: tests/fixtures/extract (README.md there).
import fs from "node:fs";
import path from "node:path";
import iconv from "iconv-lite";
import JSZip from "jszip";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_MAX_BYTES,
  EXTRACT_MESSAGES,
  ExtractError,
  extractPastedText,
  extractText,
  normalizeText,
  type ExtractErrorCode,
} from "@/lib/extract";
import { docxToText } from "@/lib/extract/office";
import { decodeText } from "@/lib/extract/decode";
import { jsStringLiterals } from "@/lib/extract/script-html";

const DIR = path.join(import.meta.dirname, "..", "fixtures", "extract");
const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(DIR, name)));
const seedText = (prefix: string) => {
  const file = fs.readdirSync(DIR).find((f) => f.startsWith(prefix) && f.endsWith(".txt"))!;
  return fs.readFileSync(path.join(DIR, file), "utf8");
};
const SEEDS = { "000": seedText("000_"), "001": seedText("001_"), "002": seedText("002_"), "003": seedText("003_") };
const SEED3 = SEEDS["003"];
const HTML3 = fs.readFileSync(path.join(DIR, "seed003.html"), "utf8");
const AGENCY = "缙云县人民政府办公室";
const u8 = (b: Buffer | string) => new Uint8Array(typeof b === "string" ? Buffer.from(b, "utf8") : b);

/** The first table line (cells split by "|" or tabs) holding `label`. */
const rowOf = (text: string, label: string) =>
  text.split("\n").find((l) => l.includes(label) && /[|\t]/.test(l)) ?? `(no table line with ${label})`;
/** The numbers of that line, in order. */
const numbersOf = (text: string, label: string) =>
  rowOf(text, label)
    .split(/[|\t]/)
    .map((c) => c.trim())
    .filter((c) => /^\d+$/.test(c))
    .map(Number);

async function refusal(bytes: Uint8Array, opts: Parameters<typeof extractText>[1] = {}): Promise<ExtractError> {
  try {
    const r = await extractText(bytes, opts);
    throw new Error(`no error; read as ${r.format}: ${r.text.slice(0, 80)}`);
  } catch (e) {
    if (!(e instanceof ExtractError)) throw e;
    expect(e.message).toMatch(/[\u4e00-\u9fff]/); // a sentence for the user, in Chinese
    return e;
  }
}

// Table 3 of seed 003, as labels whose rows carry the same numbers in every format.
const TABLE3_LABELS = [
  "一、本年新收", "二、上年结转", "予以公开", "部分公开", "属于国家秘密", "其他法律行政法规禁止公开",
  "三安全一稳定", "保护第三方合法权益", "三类内部事务", "四类过程性", "行政执法案卷", "行政查询事项",
  "本机关不掌握", "没有现成信息", "补正后申请内容", "信访举报投诉", "重复申请", "公开出版物",
  "大量反复申请", "确认或重新出具", "逾期不补正", "逾期未按收费", "3.其他", "总计 |", "四、结转下年度",
];
const seedNumbers = (label: string) =>
  numbersOf(SEED3.replace(/\(七\)总计/, "(七)总计 |").replace(/\((.)\)/g, "（$1）"), label.replace("总计 |", "（七）总计"));

function expectTable3(text: string) {
  for (const label of TABLE3_LABELS) {
    const key = label === "总计 |" ? "（七）总计" : label;
    expect(numbersOf(text, key), label).toEqual(seedNumbers(label));
    expect(numbersOf(text, key).length, label).toBe(7);
  }
}

describe("plain text in every encoding", () => {
  const cases: [string, (t: string) => Buffer, string][] = [
    ["UTF-8", (t) => Buffer.from(t, "utf8"), "utf-8"],
    ["UTF-8 with BOM", (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, "utf8")]), "utf-8"],
    ["GBK", (t) => iconv.encode(t, "gbk"), "gb18030"],
    ["GB18030", (t) => iconv.encode(t, "gb18030"), "gb18030"],
    ["UTF-16LE with BOM", (t) => iconv.encode(t, "utf-16le", { addBOM: true }), "utf-16le"],
    ["UTF-16BE with BOM", (t) => Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(t, "utf-16be")]), "utf-16be"],
    ["UTF-16LE without BOM", (t) => iconv.encode(t, "utf-16le"), "utf-16le"],
    ["UTF-16BE without BOM", (t) => iconv.encode(t, "utf-16be"), "utf-16be"],
  ];
  for (const [seed, text] of Object.entries(SEEDS)) {
    it.each(cases)(`seed ${seed} as %s reads back verbatim`, async (_, encode, encoding) => {
      const bytes = encode(text);
      // GBK cannot hold every character of every seed: compare with what it can hold.
      const expected = normalizeText(encoding === "gb18030" ? iconv.decode(bytes, "gb18030") : text);
      const r = await extractText(u8(bytes), { fileName: `${seed}.txt` });
      expect(r.format).toBe("txt");
      expect(r.encoding).toBe(encoding);
      expect(r.text).toBe(expected);
      expect(r.text).not.toMatch(/\uFFFD/);
    });
  }

  it("reads the Traditional seed in Big5, not as GBK mojibake", async () => {
    const bytes = iconv.encode(SEEDS["000"], "big5");
    const roundTrip = iconv.decode(bytes, "big5");
    const r = await extractText(u8(bytes), { fileName: "000.txt" });
    expect(r.encoding).toBe("big5");
    expect(r.text).toBe(normalizeText(roundTrip));
    expect(r.text).toContain("江蘇省機關事務管理局");
  });

  it("keeps tab-separated cells (seed 002) and normalises CRLF, NUL and control characters", async () => {
    const crlf = SEEDS["002"].replace(/\n/g, "\r\n") + "\u0000\u0007";
    const r = await extractText(u8(iconv.encode(crlf, "gbk")), { fileName: "002.txt" });
    expect(r.text).toBe(normalizeText(SEEDS["002"]));
    expect(r.text).not.toMatch(/[\r\u0000\u0007]/);
    expect(rowOf(r.text, "一、本年新收")).toBe("一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0\t");
  });

  it("refuses text in an encoding it cannot tell instead of returning mojibake", async () => {
    const korean = iconv.encode("정부 정보 공개 연례 보고서. 올해 새로 접수된 신청 건수는 서른 건입니다. ".repeat(20), "euc-kr");
    expect((await refusal(u8(korean), { fileName: "report.txt" })).code).toBe("unreadable_encoding");
    const latin1 = iconv.encode("Rapport annuel: données publiées, réponses très détaillées. ".repeat(20), "latin1");
    expect((await refusal(u8(latin1), { fileName: "report.txt" })).code).toBe("unreadable_encoding");
  });

  it("reads UTF-16 without a BOM even when dense Chinese leaves few zero bytes", async () => {
    const dense = SEED3.split("\n").filter((l) => !/[|\x20-\x7e]{3}/.test(l)).join("").replace(/[\x00-\x7f]/g, "");
    expect(dense.length).toBeGreaterThan(500);
    const r = await extractText(u8(iconv.encode(dense, "utf-16le")), { fileName: "dense.txt" });
    expect(r.encoding).toBe("utf-16le");
    expect(r.text).toBe(dense);
  });

  it("honours a charset given with the upload's MIME type, and a GB18030 four-byte character", async () => {
    const text = `${SEED3}\n生僻字：𠀀`;
    const r = await extractText(u8(iconv.encode(text, "gb18030")), { fileName: "r.txt", mimeType: "text/plain; charset=GB18030" });
    expect(r.encoding).toBe("gb18030");
    expect(r.text).toContain("生僻字：𠀀");
  });

  it("does not decode a file with a few broken bytes as another encoding", () => {
    const bytes = Buffer.concat([iconv.encode(SEED3, "gbk"), Buffer.from([0xb5])]); // a truncated last character
    const d = decodeText(u8(bytes));
    expect(d.encoding).toBe("gb18030");
    expect(d.text).toContain(AGENCY);
    expect(d.warnings.join("")).toContain("1 处字节");
  });
});

describe("HTML", () => {
  it("turns every table row of seed 003's page into one pipe line, numbers in order", async () => {
    const r = await extractText(u8(HTML3), { fileName: "seed003.html" });
    expect(r.format).toBe("html");
    expect(r.encoding).toBe("utf-8");
    expectTable3(r.text);
    expect(rowOf(r.text, "一、本年新收")).toBe("| 一、本年新收政府信息公开申请数量 | 30 | 0 | 0 | 0 | 0 | 0 | 30 |");
    expect(rowOf(r.text, "予以公开")).toBe("| 三、本年度办理结果 | （一）予以公开 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |");
    expect(rowOf(r.text, "本机关不掌握")).toBe("| （四）无法提供 | 1.本机关不掌握相关政府信息 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |");
    expect(rowOf(r.text, "商业")).toBe("| 商业 企业 | 科研 机构 | 社会公益组织 | 法律服务机构 | 其他 |");
    expect(rowOf(r.text, "行政规范性文件")).toBe("| 行政规范性文件 | 15 | 74 | 186 |");
    expect(numbersOf(r.text, "| 1 | 0")).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    // headings and paragraphs are lines; navigation and scripts are gone
    expect(r.text.split("\n")[0]).toBe(`${AGENCY}2023年政府信息公开工作年度报告`);
    expect(r.text).toContain("\n一、总体情况\n");
    expect(r.text).toContain("\n五、存在的主要问题及改进情况\n");
    expect(r.text).not.toMatch(/首页|统计代码|_hmt/);
  });

  it("keeps blank cells (&nbsp;, empty) as empty cells and joins <br> inside a cell", async () => {
    const html = HTML3.replace(
      /<tr><td colspan="3">二、上年结转政府信息公开申请数量<\/td>(<td>0<\/td>)+<\/tr>/,
      '<tr><td colspan="3">二、上年结转<br>政府信息公开申请数量</td><td>&nbsp;</td><td></td><td> &nbsp; </td><td>0</td><td>\n</td><td>&#160;</td><td>0</td></tr>',
    ).replace("<td>30</td>", "<td>&nbsp;30<br>\n</td>");
    expect(html).not.toBe(HTML3);
    const r = await extractText(u8(html), { fileName: "r.html" });
    expect(rowOf(r.text, "上年结转")).toBe("| 二、上年结转 政府信息公开申请数量 |  |  |  | 0 |  |  | 0 |");
    expect(rowOf(r.text, "一、本年新收")).toBe("| 一、本年新收政府信息公开申请数量 | 30 | 0 | 0 | 0 | 0 | 0 | 30 |");
  });

  it.each([
    ['<meta charset="gbk">', "gbk"],
    ['<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "gb2312"],
    ['<meta charset="gb18030">', "gb18030"],
  ])("reads a page declared %s", async (meta, enc) => {
    const page = HTML3.replace('<meta charset="utf-8">', meta);
    const r = await extractText(u8(iconv.encode(page, enc)), { fileName: "r.htm" });
    expect(r.format).toBe("html");
    expect(r.encoding).toBe("gb18030");
    expectTable3(r.text);
    expect(r.text).toContain(AGENCY);
  });

  it("trusts the bytes over a stale <meta charset>", async () => {
    const page = HTML3.replace('<meta charset="utf-8">', '<meta charset="gb2312">');
    const r = await extractText(u8(page), { fileName: "r.html" });
    expect(r.encoding).toBe("utf-8");
    expect(r.text).toContain(AGENCY);
  });

  it("reads a Big5 page of the Traditional seed", async () => {
    const body = SEEDS["000"].split("\n").slice(0, 40).map((l) => `<p>${l}</p>`).join("\n");
    const page = `<html><head><meta charset="big5"><title>年報</title></head><body>${body}</body></html>`;
    const r = await extractText(u8(iconv.encode(page, "big5")), { fileName: "r.html" });
    expect(r.encoding).toBe("big5");
    expect(r.text).toContain("江蘇省機關事務管理局2023年度政府信息公開年報");
  });

  it("finds the page without a file name or .html extension by its tags", async () => {
    const r = await extractText(u8(iconv.encode(HTML3, "utf-16le", { addBOM: true })), { fileName: "download" });
    expect(r.format).toBe("html");
    expectTable3(r.text);
  });

  it("removes a source line break inside Chinese text (Word's 'save as web page') but not between words", async () => {
    const r = await extractText(u8("<html><body><p>共收到政府信息\r\n公开申请30件</p><p>open\ngovernment</p></body></html>"), { fileName: "a.html" });
    expect(r.text).toBe("共收到政府信息公开申请30件\nopen government");
  });

  it("reads a page laid out in a table (layout cells are blocks, the data table inside stays rows)", async () => {
    const inner = HTML3.slice(HTML3.indexOf("<body>") + 6, HTML3.indexOf("</body>"));
    const page = `<html><body><table width="100%"><tr><td class="logo">缙云县人民政府</td></tr><tr><td class="left">栏目</td><td class="content">${inner}</td></tr></table></body></html>`;
    const r = await extractText(u8(page), { fileName: "a.html" });
    expectTable3(r.text);
    expect(r.text).toContain("\n一、总体情况\n");
    expect(rowOf(r.text, "一、本年新收")).toBe("| 一、本年新收政府信息公开申请数量 | 30 | 0 | 0 | 0 | 0 | 0 | 30 |");
  });
});

describe("HTML inside JavaScript or JSON strings", () => {
  const body = HTML3.slice(HTML3.indexOf("<h1>"), HTML3.indexOf("</body>"));
  const escapeAll = (s: string) => s.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

  it("expands document.write in a page, with \\\" \\n and \\u escapes", async () => {
    const js = `document.write("${escapeAll(body.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n"))}");`;
    expect(js).toContain('\\"');
    expect(js).toContain("\\u4e00");
    const page = `<html><head><title>年度报告</title></head><body><div id="zoom"><script>${js}</script></div></body></html>`;
    const r = await extractText(u8(page), { fileName: "a.html" });
    expect(r.format).toBe("html");
    expectTable3(r.text);
    expect(r.text).toContain(AGENCY);
  });

  it("reads a bare script of document.write pieces joined with +", async () => {
    const lines = body.split("\n").map((l) => `document.write('${l.replace(/'/g, "\\'")}' + '');`);
    const r = await extractText(u8(lines.join("\n")), { fileName: "content.js" });
    expect(r.format).toBe("html");
    expectTable3(r.text);
  });

  it("reads a JSON API answer whose content is escaped HTML", async () => {
    const json = escapeAll(JSON.stringify({ code: 0, data: { title: `${AGENCY}2023年政府信息公开工作年度报告`, content: body } }).replace(/\//g, "\\/"));
    expect(json).toContain("<\\/td>");
    const r = await extractText(u8(json), { fileName: "api.json" });
    expect(r.format).toBe("html");
    expectTable3(r.text);
    expect(r.text.split("\n")[0]).toBe(`${AGENCY}2023年政府信息公开工作年度报告`);
  });

  it("unescapes JavaScript string literals like JavaScript does", () => {
    expect(jsStringLiterals(String.raw`a("<td>\u4e00\x3c\/td>\n", 'it\'s', "\u{20000}") // "comment"`)).toEqual(["<td>一</td>\n", "it's", "𠀀"]);
  });
});

describe("pasted text", () => {
  it("keeps pasted text verbatim (tabs and all) and reads pasted HTML source as HTML", () => {
    const t = extractPastedText(SEEDS["002"]);
    expect(t).toEqual({ text: SEEDS["002"], format: "txt" });
    const h = extractPastedText(HTML3);
    expect(h.format).toBe("html");
    expectTable3(h.text);
    expect(() => extractPastedText(" \n\u3000 ")).toThrow(ExtractError);
    expect(() => extractPastedText(SEED3, { maxBytes: 100 })).toThrow(/上限/);
  });
});

describe("Word", () => {
  it("reads a .docx (LibreOffice) through the HTML path: one line per table row", async () => {
    const r = await extractText(fixture("seed003.docx"), { fileName: "seed003.docx" });
    expect(r.format).toBe("docx");
    expect(r.text).toContain(AGENCY);
    expectTable3(r.text);
    expect(rowOf(r.text, "予以公开")).toBe("| 三、本年度办理结果 | （一）予以公开 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |");
  });

  it("reads a minimal .docx built here, with merged cells", async () => {
    const cell = (t: string, props = "") => `<w:tc>${props ? `<w:tcPr>${props}</w:tcPr>` : ""}<w:p><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p></w:tc>`;
    const row = (...cells: string[]) => `<w:tr>${cells.join("")}</w:tr>`;
    const nums = (label: string) => seedNumbers(label).map((n) => cell(String(n)));
    const doc = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>${AGENCY}2023年政府信息公开工作年度报告</w:t></w:r></w:p>
<w:tbl>
${row(cell("一、本年新收政府信息公开申请数量", '<w:gridSpan w:val="2"/>'), ...nums("一、本年新收"))}
${row(cell("三、本年度办理结果", '<w:vMerge w:val="restart"/>'), cell("（一）予以公开"), ...nums("予以公开"))}
${row(cell("", "<w:vMerge/>"), cell("（二）部分公开"), ...nums("部分公开"))}
</w:tbl><w:p><w:r><w:t>五、存在的主要问题及改进情况</w:t></w:r></w:p></w:body></w:document>`;
    const zip = new JSZip();
    zip.file("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
    zip.file("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
    zip.file("word/document.xml", doc);
    const bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    const r = await extractText(bytes, { fileName: "built.docx" });
    expect(r.format).toBe("docx");
    expect(r.text.split("\n")).toEqual([
      `${AGENCY}2023年政府信息公开工作年度报告`,
      "| 一、本年新收政府信息公开申请数量 | 30 | 0 | 0 | 0 | 0 | 0 | 30 |",
      "| 三、本年度办理结果 | （一）予以公开 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |",
      "| （二）部分公开 | 7 | 0 | 0 | 0 | 0 | 0 | 7 |",
      "五、存在的主要问题及改进情况",
    ]);
  });

  it("refuses a zip bomb: a document.xml that inflates past the limit", async () => {
    const zip = new JSZip();
    zip.file("[Content_Types].xml", "<Types/>");
    zip.file("word/document.xml", "<w:document>" + " ".repeat(70 * 1024 * 1024) + "</w:document>");
    const bomb = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 9 } });
    expect(bomb.byteLength).toBeLessThan(1_000_000);
    const e = await refusal(bomb, { fileName: "bomb.docx" });
    expect(e.code).toBe("too_large");
  }, 60_000);

  it("refuses a zip bomb that lies about its size in the directory", async () => {
    const zip = new JSZip();
    zip.file("word/document.xml", "<w:document>" + "a".repeat(4 * 1024 * 1024) + "</w:document>");
    const b = Buffer.from(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
    // Declare 100 bytes uncompressed in the central directory entry.
    const cd = b.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    b.writeUInt32LE(100, cd + 24);
    await expect(docxToText(new Uint8Array(b), { maxPart: 1024 * 1024 })).rejects.toMatchObject({ code: "too_large" });
  });

  it("refuses an Excel file, a plain zip and a truncated .docx", async () => {
    const xlsx = new JSZip();
    xlsx.file("xl/workbook.xml", "<workbook/>");
    const e1 = await refusal(await xlsx.generateAsync({ type: "uint8array" }), { fileName: "r.xlsx" });
    expect([e1.code, e1.message]).toEqual(["unsupported", expect.stringContaining("Excel")]);
    const plain = new JSZip();
    plain.file("report.txt", SEED3);
    expect((await refusal(await plain.generateAsync({ type: "uint8array" }), { fileName: "r.zip" })).code).toBe("unsupported");
    const docx = fixture("seed003.docx");
    expect((await refusal(docx.subarray(0, docx.length / 2), { fileName: "r.docx" })).code).toBe("corrupt");
  });

  it("reads an old binary .doc (cells tab-separated)", async () => {
    const r = await extractText(fixture("seed003.doc"), { fileName: "seed003.doc" });
    expect(r.format).toBe("doc");
    expect(r.text).toContain(`${AGENCY}2023年政府信息公开工作年度报告`);
    expect(r.text).toContain("一、本年新收政府信息公开申请数量\t30\t0\t0\t0\t0\t0\t30");
    expectTable3(r.text);
  });

  it("reads a web page or web archive saved with a .doc name (common on government sites)", async () => {
    const html = await extractText(u8(iconv.encode(HTML3.replace('charset="utf-8"', 'charset="gb2312"'), "gbk")), { fileName: "report.doc" });
    expect(html.format).toBe("html");
    expect(html.warnings?.join("")).toContain("网页");
    expectTable3(html.text);
    const qp = iconv
      .encode(HTML3.replace('charset="utf-8"', 'charset="gb2312"'), "gbk")
      .toString("latin1")
      .replace(/[\x80-\xff=]/g, (c) => `=${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`)
      .replace(/(.{70})/g, "$1=\r\n");
    const mht = `MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="----=_NextPart_01DA"\r\n\r\n------=_NextPart_01DA\r\nContent-Location: file:///C:/report.htm\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Type: text/html; charset="gb2312"\r\n\r\n${qp}\r\n------=_NextPart_01DA--\r\n`;
    const r = await extractText(u8(Buffer.from(mht, "latin1")), { fileName: "report.doc" });
    expect(r.format).toBe("html");
    expectTable3(r.text);
    expect(r.text).toContain(AGENCY);
  });
});

describe("PDF", () => {
  it("reads a real PDF's text layer: the agency, and each table row as one line of cells", async () => {
    const r = await extractText(fixture("seed003.pdf"), { fileName: "seed003.pdf" });
    expect(r.format).toBe("pdf");
    expect(r.text).toContain(`${AGENCY}2023年政府信息公开工作年度报告`); // radicals (⼈⺠) unified
    expect(r.text).not.toMatch(/[\u2e80-\u2fdf]/);
    expectTable3(r.text);
    expect(rowOf(r.text, "一、本年新收")).toBe("| 一、本年新收政府信息公开申请数量 | 30 | 0 | 0 | 0 | 0 | 0 | 30 |");
    // a label that wraps inside its cell stays one cell, on the row of its numbers
    expect(rowOf(r.text, "部分公开")).toBe("| （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 7 | 0 | 0 | 0 | 0 | 0 | 7 |");
    expect(rowOf(r.text, "予以公开")).toBe("| 三、本年度办理结果 | （一）予以公开 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |");
    expect(rowOf(r.text, "行政规范性文件")).toBe("| 行政规范性文件 | 15 | 74 | 186 |");
    expect(numbersOf(r.text, "| 1 | 0")).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("refuses a scanned (image-only) PDF and an empty one as no_text_layer", async () => {
    expect((await refusal(fixture("scanned.pdf"), { fileName: "scan.pdf" })).code).toBe("no_text_layer");
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]).drawRectangle({ x: 50, y: 50, width: 200, height: 100 });
    const e = await refusal(await doc.save(), { fileName: "blank.pdf" });
    expect(e.code).toBe("no_text_layer");
    expect(e.message).toBe(EXTRACT_MESSAGES.no_text_layer);
  });

  it("refuses a PDF whose page content is damaged (found by the fuzzer) as corrupt, not with pdf.js's exception", async () => {
    // The document opens, but its page's flate stream is broken: pdf.js throws UnknownErrorException.
    const bytes = new Uint8Array(fixture("scanned.pdf"));
    for (const [at, value] of [[2287, 97], [7751, 23], [3754, 223], [9176, 224], [5494, 4], [819, 228], [9125, 203], [5818, 127]]) bytes[at] = value;
    expect((await refusal(bytes, { fileName: "damaged.pdf" })).code).toBe("corrupt");
  });

  it("refuses a PDF that needs a password, and reads one that only forbids copying", async () => {
    expect((await refusal(fixture("encrypted-userpw.pdf"), { fileName: "locked.pdf" })).code).toBe("encrypted");
    const r = await extractText(fixture("encrypted-ownerpw.pdf"), { fileName: "restricted.pdf" });
    expect(r.text).toContain(AGENCY);
    expect(r.text).toContain("本年新收政府信息公开申请数量 30 件");
  });

  it("refuses a broken PDF and a text file named .pdf", async () => {
    const pdf = fixture("seed003.pdf");
    const broken = new Uint8Array(pdf.subarray(0, 2000));
    expect((await refusal(broken, { fileName: "r.pdf" })).code).toBe("corrupt");
    expect((await refusal(u8("not a pdf at all"), { fileName: "x.pdf" })).code).toBe("corrupt");
  });
});

describe("files that must be refused", () => {
  it("empty", async () => {
    expect((await refusal(new Uint8Array(0), { fileName: "e.txt" })).code).toBe("empty");
    expect((await refusal(u8(" \r\n\t\u3000\n"), { fileName: "blank.txt" })).code).toBe("empty");
    expect((await refusal(u8("<html><body><script>var a = 1;</script></body></html>"), { fileName: "e.html" })).code).toBe("empty");
  });

  it("HTML nested deeper than any real page: refused at once, not parsed for minutes or overflowing the stack", async () => {
    const deep = (n: number, tag = "div") => u8(`<html><body>${`<${tag}>`.repeat(n)}本年新收政府信息公开申请数量${`</${tag}>`.repeat(n)}</body></html>`);
    const started = Date.now();
    expect((await refusal(deep(100_000), { fileName: "deep.html" })).code).toBe("too_complex"); // took 100 s, then a RangeError
    expect((await refusal(deep(20_000, "span"), { fileName: "deep.html" })).code).toBe("too_complex");
    expect(Date.now() - started).toBeLessThan(20_000); // milliseconds when idle; 100 s before the depth limit
    // Sloppy but real: a thousand unclosed <font>s closed by one </div> each are not deep.
    const sloppy = Array.from({ length: 1000 }, () => "<div><font>一<font>二</div>").join("");
    expect((await extractText(u8(`<html><body>${sloppy}</body></html>`), { fileName: "s.html" })).format).toBe("html");
    expect((await extractText(deep(1000), { fileName: "ok.html" })).text).toContain("本年新收");
  });

  it("the attack report's hostile files (issue 17): refused over a cap, each in seconds, not minutes or gigabytes", async () => {
    const { hostileFiles } = await import("../helpers/hostile-files");
    for (const f of await hostileFiles()) {
      const e = await refusal(f.bytes, { fileName: f.name, mimeType: f.type });
      expect(["too_complex", "too_large"], `${f.what}: ${e.code} ${e.message}`).toContain(e.code);
      expect(e.message, f.what).toMatch(/[\u4e00-\u9fff]/);
    }
  }, 120_000);

  it("random bytes or an image named .txt: unsupported, not decoded to garbage", async () => {
    let seed = 42;
    const noise = new Uint8Array(8192).map(() => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24) & 0xff);
    expect((await refusal(noise, { fileName: "garbage.txt" })).code).toBe("unsupported");
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...noise.subarray(0, 200)]);
    expect((await refusal(png, { fileName: "report.txt" })).code).toBe("unsupported");
    // high bytes only, no NUL: still not text in any encoding
    const high = noise.map((b) => b | 0x80);
    expect(["unsupported", "unreadable_encoding"]).toContain((await refusal(high, { fileName: "x.txt" })).code);
  });

  it("over the size limit (default 20 MB, overridable)", async () => {
    expect(DEFAULT_MAX_BYTES).toBe(20 * 1024 * 1024);
    const e = await refusal(new Uint8Array(DEFAULT_MAX_BYTES + 1), { fileName: "big.txt" });
    expect(e.code).toBe("too_large");
    expect(e.message).toContain("20 MB");
    expect((await refusal(u8(SEED3), { fileName: "t.txt", maxBytes: 1000 })).code).toBe("too_large");
    expect((await extractText(u8(SEED3), { fileName: "t.txt", maxBytes: 1_000_000 })).format).toBe("txt");
  });

  it("every code has a Chinese sentence", () => {
    const codes: ExtractErrorCode[] = ["empty", "too_large", "unsupported", "no_text_layer", "encrypted", "unreadable_encoding", "corrupt", "too_complex"];
    for (const code of codes) {
      const e = new ExtractError(code);
      expect(e).toBeInstanceOf(Error);
      expect(e.code).toBe(code);
      expect(e.message).toMatch(/^[^a-z]*[\u4e00-\u9fff][\s\S]*。$/);
    }
    expect(EXTRACT_MESSAGES.no_text_layer).toBe("这个 PDF 没有文字层（可能是扫描件），无法读取表格。请复制报告文字后粘贴上传。");
  });
});

describe("normalisation", () => {
  it("line endings, controls, BOM, zero-width spaces and radicals; nothing else changes", () => {
    expect(normalizeText("\uFEFF⼀、总体情况\r\n⺠政\u200B局\u0000\r申請數量\f(一)\t3")).toBe("一、总体情况\n民政局\n申請數量\n(一)\t3");
  });
});
