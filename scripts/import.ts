// npm run import -- PATH…   imports report files or folders into the app's database
// (DATABASE_URL, or the embedded Postgres the app uses), printing per file what was stored.
import fs from "node:fs";
import path from "node:path";
import { bootDatabase } from "@/lib/db/bootstrap";
import { getPrisma, disconnectPrisma } from "@/lib/db/client";
import { listReportFiles } from "@/lib/ingest/files";
import { readFile, storeDocument, IngestError } from "@/lib/ingest";
import { ExtractError } from "@/lib/extract";

process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.CHECKPOINT_DISABLE = "1";

const STATUS_LABEL = { stored: "新增", new_version: "新版本", unchanged: "未变" } as const;

async function main() {
  const paths = process.argv.slice(2).filter((a) => a !== "--");
  if (paths.length === 0) {
    console.error("用法: npm run import -- 文件或文件夹…  (usage: npm run import -- PATH…)");
    return 2;
  }
  const files = listReportFiles(paths);
  if (files.length === 0) {
    console.error("没有找到报告文件（.txt .html .htm .pdf .docx .doc）。");
    return 1;
  }
  const db = await bootDatabase();
  const prisma = getPrisma();
  const failures: string[] = [];
  let storedReports = 0;
  try {
    for (const file of files) {
      const name = path.relative(process.cwd(), file) || file;
      try {
        const doc = await readFile(new Uint8Array(fs.readFileSync(file)), path.basename(file));
        const result = await storeDocument(prisma, doc);
        if (result.status === "duplicate") {
          console.log(`= ${name}: 已导入过（来源 #${result.sourceId}），未重复保存`);
          continue;
        }
        for (const r of result.reports) {
          if (r.status !== "unchanged") storedReports++;
          console.log(`✓ ${name}: ${r.agency} ${r.year} 年 v${r.version}（${STATUS_LABEL[r.status]}，报告 #${r.reportId}）`);
        }
      } catch (e) {
        const reason = e instanceof IngestError || e instanceof ExtractError ? e.message : `内部错误：${(e as Error).message}`;
        failures.push(`${name}: ${reason}`);
        console.log(`✗ ${name}: ${reason}`);
      }
    }
  } finally {
    await disconnectPrisma();
    await db.stop();
  }
  console.log(`\n${files.length} 个文件，保存 ${storedReports} 份报告，失败 ${failures.length} 个。`);
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
