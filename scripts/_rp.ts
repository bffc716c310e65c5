import fs from "node:fs";
import { readFile } from "@/lib/ingest/read";
const ext = process.argv[2];
const files = fs.readdirSync("/tmp/imp2000").filter((f) => f.endsWith(ext)).map((f) => fs.readFileSync("/tmp/imp2000/" + f));
async function main() {
  for (let k = 0; k < 3; k++) for (const b of files) await readFile(new Uint8Array(b), "x." + ext);
}
main();
