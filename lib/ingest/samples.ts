// First start: an empty database gets the bundled sample reports, so the dashboard is never empty.
import fs from "node:fs";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { listReportFiles } from "./files";
import { readFile } from "./read";
import { storeDocument } from "./store";

export const SAMPLES_DIR = path.join(process.cwd(), "prisma", "samples");

export async function importSamplesIfEmpty(prisma: PrismaClient, log: (m: string) => void = () => {}) {
  if ((await prisma.source.count()) > 0) return 0;
  let n = 0;
  for (const file of listReportFiles([SAMPLES_DIR])) {
    const doc = await readFile(new Uint8Array(fs.readFileSync(file)), path.basename(file));
    const result = await storeDocument(prisma, doc);
    n += result.reports.length;
  }
  log(`imported ${n} sample reports`);
  return n;
}
