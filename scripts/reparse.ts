// npm run reparse: re-read every stored source with the current parser; store a new version
// only where a report's numbers changed. Sources stay as they were uploaded.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { withDatabase } from "@/lib/db/with-database";
import { readFile, readPastedText } from "@/lib/ingest/read";
import { PARSER_VERSION } from "@/lib/parser";
import { reparseSource } from "@/lib/ingest/store";
import { runCli } from "./run-cli";

async function reparseAll(prisma: PrismaClient): Promise<number> {
  let changed = 0;
  let failed = 0;
  const ids = await prisma.source.findMany({ select: { id: true }, orderBy: { id: "asc" } });
  for (const { id } of ids) {
    const source = await prisma.source.findUniqueOrThrow({ where: { id } });
    try {
      const bytes = new Uint8Array(source.bytes);
      const doc =
        source.format === "paste"
          ? readPastedText(new TextDecoder().decode(bytes))
          : await readFile(bytes, source.fileName ?? "");
      const stored = await reparseSource(prisma, id, doc.reports, doc.parserVersion);
      for (const r of stored.filter((s) => s.status !== "unchanged")) {
        changed++;
        console.log(`✓ 来源 #${id}: ${r.agency} ${r.year} 年 → v${r.version}`);
      }
    } catch (e) {
      failed++;
      console.log(`✗ 来源 #${id}: ${(e as Error).message}`);
    }
  }
  console.log(`\n重新解析 ${ids.length} 个来源（解析器 ${PARSER_VERSION}）：${changed} 份报告有新版本，${failed} 个失败。`);
  return failed ? 1 : 0;
}

runCli(() => withDatabase(reparseAll));
