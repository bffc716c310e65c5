// npm run reparse: re-read every stored source with the current parser; store a new version
// only where a report's numbers changed. Sources stay as they were uploaded.
import { bootDatabase } from "@/lib/db/bootstrap";
import { getPrisma, disconnectPrisma } from "@/lib/db/client";
import { extractText, extractPastedText } from "@/lib/extract";
import { analyzeText } from "@/lib/analyze";
import { PARSER_VERSION } from "@/lib/parser";
import { reparseSource } from "@/lib/ingest/store";

async function main() {
  const db = await bootDatabase();
  const prisma = getPrisma();
  let changed = 0;
  let failed = 0;
  try {
    const ids = await prisma.source.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    for (const { id } of ids) {
      const source = await prisma.source.findUniqueOrThrow({ where: { id } });
      try {
        const bytes = new Uint8Array(source.bytes);
        const text =
          source.format === "paste"
            ? extractPastedText(new TextDecoder().decode(bytes)).text
            : (await extractText(bytes, { fileName: source.fileName ?? undefined })).text;
        const stored = await reparseSource(prisma, id, analyzeText(text).reports, PARSER_VERSION);
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
  } finally {
    await disconnectPrisma();
    await db.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
