// Hostile files, generated (nothing hostile is kept in the repository): each is small on the wire
// and made to cost a reader minutes or gigabytes (issue 17's attack report). Used by the
// reliability tests (uploaded to a running server) and the unit tests of the caps.
import zlib from "node:zlib";
import JSZip from "jszip";

export interface HostileFile {
  what: string;
  name: string;
  bytes: Uint8Array;
  type: string;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const rels = (target: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${target}"/></Relationships>`;
const W = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`;

/** A .docx whose main part holds `mb` MB of empty paragraphs, at `target` (any name). */
async function docxOfEmptyParagraphs(mb: number, target = "word/document.xml"): Promise<Uint8Array> {
  const z = new JSZip();
  z.file("[Content_Types].xml", CONTENT_TYPES);
  z.file("_rels/.rels", rels(target));
  const n = Math.floor((mb * 1024 * 1024) / 6);
  z.file(target, W + "<w:p/>".repeat(n) + "</w:body></w:document>");
  if (target !== "word/document.xml") z.file("word/document.xml", W + "<w:p><w:r><w:t>封面</w:t></w:r></w:p></w:body></w:document>");
  return new Uint8Array(await z.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 } }));
}

/** A PDF built by hand, with a correct cross-reference table. `objects[i]` is object i+1. */
function pdf(objects: (string | Buffer)[]): Uint8Array {
  const parts: Buffer[] = [Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let at = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(at);
    const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), typeof o === "string" ? Buffer.from(o, "latin1") : o, Buffer.from("\nendobj\n")]);
    parts.push(b);
    at += b.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`)].join("");
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}

/** `pages` empty pages. */
export function pdfOfEmptyPages(pages: number): Uint8Array {
  const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(" ");
  return pdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    ...Array.from({ length: pages }, () => "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"),
  ]);
}

/** One page with some text and a Flate content stream of `mb` MB of line operators. */
export function pdfOfLineOperators(mb: number): Uint8Array {
  const line = "10 10 m 500 800 l S\n";
  const content = "BT /F1 12 Tf 72 720 Td (2023 annual report) Tj ET\n" + line.repeat(Math.floor((mb * 1024 * 1024) / line.length));
  const z = zlib.deflateSync(Buffer.from(content), { level: 9 });
  return pdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    Buffer.concat([Buffer.from(`<< /Length ${z.length} /Filter /FlateDecode >>\nstream\n`), z, Buffer.from("\nendstream")]),
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ]);
}

const html = (body: string) => new TextEncoder().encode(`<!doctype html><html><head><meta charset="utf-8"><title>年报</title></head><body>${body}</body></html>`);

/** Every hostile file of the attack report, sized as there (or as large as the upload limit lets). */
export async function hostileFiles(): Promise<HostileFile[]> {
  const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  return [
    { what: "docx: 60 MB of <w:p/> in document.xml", name: "p-bomb.docx", type: DOCX, bytes: await docxOfEmptyParagraphs(60) },
    { what: "docx: main part word/main.bin (zip guard bypass)", name: "bin-main.docx", type: DOCX, bytes: await docxOfEmptyParagraphs(120, "word/main.bin") },
    { what: "html: <div/> × 40,000", name: "divs.html", type: "text/html", bytes: html("<div/>".repeat(40_000)) },
    { what: "html: attributes holding '<' × 40,000", name: "attrs.html", type: "text/html", bytes: html('<div title="<">'.repeat(40_000)) },
    { what: "html: <b></b> × 2,000,000 (elements)", name: "elements.html", type: "text/html", bytes: html("<p>" + "<b></b>".repeat(2_000_000)) },
    { what: "pdf: 10,000 empty pages", name: "pages.pdf", type: "application/pdf", bytes: pdfOfEmptyPages(10_000) },
    { what: "pdf: content stream of 15 MB of line operators", name: "ops.pdf", type: "application/pdf", bytes: pdfOfLineOperators(15) },
  ];
}
