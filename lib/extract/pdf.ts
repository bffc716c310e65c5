// PDF text layer → lines: items on one baseline joined (a wide gap becomes " | " so a table row
// stays one line of cells). No OCR: a PDF without text is refused with advice.
import { ExtractError } from "./errors";

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  fontSize: number;
}

function pageLines(items: Item[]): string[] {
  const rows: { y: number; items: Item[] }[] = [];
  for (const it of items) {
    if (!it.str.trim()) continue;
    const tolerance = Math.max(2, it.fontSize * 0.4);
    const row = rows.find((r) => Math.abs(r.y - it.y) <= tolerance);
    if (row) row.items.push(it);
    else rows.push({ y: it.y, items: [it] });
  }
  rows.sort((a, b) => b.y - a.y); // PDF origin is bottom-left
  return rows.map((r) => {
    r.items.sort((a, b) => a.x - b.x);
    let line = "";
    let end = -Infinity;
    for (const it of r.items) {
      const gap = it.x - end;
      if (line) line += gap > it.fontSize * 1.5 ? " | " : gap > it.fontSize * 0.25 ? " " : "";
      line += it.str;
      end = it.x + it.width;
    }
    return line.trim();
  });
}

export async function pdfToText(bytes: Uint8Array): Promise<string> {
  const { getDocumentProxy, extractTextItems } = await import("unpdf");
  let doc;
  try {
    doc = await getDocumentProxy(new Uint8Array(bytes));
  } catch (e) {
    const name = (e as { name?: string })?.name ?? "";
    if (name === "PasswordException" || /password/i.test(String((e as Error)?.message))) throw new ExtractError("encrypted");
    throw new ExtractError("corrupt");
  }
  const { items } = await extractTextItems(doc);
  const text = items.map((page) => pageLines(page as Item[]).join("\n")).join("\n");
  if (text.replace(/\s/g, "").length < 20) throw new ExtractError("no_text_layer");
  return text;
}
