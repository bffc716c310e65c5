// Real seed text turned into the other forms people upload: GBK bytes, an HTML page, a .docx.
import fs from "node:fs";
import path from "node:path";
import iconv from "iconv-lite";
import JSZip from "jszip";

export const SEED_003 = path.join(process.cwd(), "prisma", "samples", "003_21c4dbd6a9801aef.txt");
const JINYUN = "缙云县人民政府办公室";

/** Seed 003 with its agency renamed: the same tables, a report the database does not hold yet. */
export function seed003As(agency: string): string {
  return fs.readFileSync(SEED_003, "utf8").replaceAll(JINYUN, agency);
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const cells = (line: string) => line.split("|").map((c) => c.trim());

export function toHtml(text: string): string {
  const body = text
    .split("\n")
    .map((line) =>
      line.includes("|")
        ? `<table border="1"><tr>${cells(line).map((c) => `<td>${c ? escape(c) : "&nbsp;"}</td>`).join("")}</tr></table>`
        : `<p>${escape(line)}</p>`,
    )
    .join("\n");
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开工作年度报告</title></head><body>${body}</body></html>`;
}

export const toGbk = (text: string) => iconv.encode(text, "gbk");

export async function toDocx(text: string): Promise<Buffer> {
  const run = (t: string) => `<w:r><w:t xml:space="preserve">${escape(t)}</w:t></w:r>`;
  const body = text
    .split("\n")
    .map((line) =>
      line.includes("|")
        ? `<w:tbl>${`<w:tr>${cells(line).map((c) => `<w:tc><w:p>${run(c)}</w:p></w:tc>`).join("")}</w:tr>`}</w:tbl>`
        : `<w:p>${run(line)}</w:p>`,
    )
    .join("");
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
  );
  zip.file(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
  );
  zip.file(
    "word/document.xml",
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: "nodebuffer" });
}
