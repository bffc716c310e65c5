// npm run --silent parse -- FILE   prints {"reports": [...]} for one report file (any format
// lib/extract reads), one JSON object on stdout. Errors: a message on stderr, exit code 1.
import fs from "node:fs";
import path from "node:path";
import { analyzeText } from "@/lib/analyze";

interface Extracted {
  text: string;
}
type Extract = (bytes: Uint8Array, opts?: { fileName?: string }) => Promise<Extracted>;

/** lib/extract turns bytes (txt in any encoding, html, pdf, docx …) into text. FALLBACK while that
 * module is not in the checkout: the bytes are read as UTF-8 text. */
async function loadExtract(): Promise<Extract> {
  const spec = "@/lib/extract";
  try {
    const mod = (await import(spec)) as { extractText?: Extract };
    if (typeof mod.extractText === "function") return mod.extractText;
  } catch {
    // not there yet: fall through
  }
  return async (bytes) => ({ text: new TextDecoder("utf-8").decode(bytes) });
}

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((a) => a !== "--");
  const file = args[0];
  if (!file) {
    console.error("用法: npm run --silent parse -- 文件  (usage: npm run --silent parse -- FILE)");
    return 1;
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    console.error(`无法读取文件 ${file}（cannot read file）: ${(e as Error).message}`);
    return 1;
  }
  const extractText = await loadExtract();
  const { text } = await extractText(bytes, { fileName: path.basename(file) });
  const result = analyzeText(text);
  process.stdout.write(JSON.stringify(result) + "\n");
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`解析失败（parse failed）: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
);
