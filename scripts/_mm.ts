import fs from "node:fs";
import mammoth from "mammoth";
import { htmlToText } from "@/lib/extract/html";
const dirs = ["/tmp/imp2000"];
const files = fs.readdirSync("/tmp/imp2000").filter((f) => f.endsWith(".docx")).map((f) => fs.readFileSync("/tmp/imp2000/" + f));
const seedDocx = fs.readdirSync("/work/shared/fixtures", { recursive: true }).map(String).filter((f) => f.endsWith(".docx"));
console.log("seed docx", seedDocx.length);
const all = [...files, ...seedDocx.map((f) => fs.readFileSync("/work/shared/fixtures/" + f))];
async function run(opts: object) {
  const out: string[] = [];
  const t = performance.now();
  for (const b of all) out.push(htmlToText((await mammoth.convertToHtml({ buffer: b }, { convertImage: mammoth.images.imgElement(async () => ({ src: "" })), ...opts })).value, { title: false }));
  return { ms: (performance.now() - t) / all.length, out };
}
async function main() {
  await run({});
  const a = await run({});
  const b = await run({ includeDefaultStyleMap: false });
  console.log("default", a.ms.toFixed(2), "noDefault", b.ms.toFixed(2), "same text", a.out.every((x, i) => x === b.out[i]));
}
main();
