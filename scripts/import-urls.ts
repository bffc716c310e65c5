// The URLs given to `npm run import`: each page (and its attachment) fetched one after another,
// read and stored as an uploaded file would be. Private addresses only with --allow-private-hosts.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { failureMessage } from "@/lib/ingest/errors";
import { storeDocument } from "@/lib/ingest/store";
import type { FileOutcome } from "@/lib/ingest/bulk";
import { isDatabaseUnavailable } from "@/lib/db/outage";
import { readUrl } from "@/lib/fetch/from-url";
import { isFetchProblem } from "@/lib/fetch/document";
import { PoliteClient } from "@/lib/fetch/polite";
import { IngestError } from "@/lib/ingest/errors";

/** Imports the URLs; prints one line per URL; returns how many failed. */
export async function importUrls(
  prisma: PrismaClient,
  urls: string[],
  opts: { allowPrivate: boolean; quiet: boolean; describe: (o: FileOutcome, name: string) => string },
): Promise<number> {
  const maxBytes = Number(process.env.UPLOAD_MAX_BYTES ?? 20 * 1024 * 1024);
  const client = new PoliteClient({ policy: { allowPrivate: opts.allowPrivate }, robots: false, maxBytes });
  let failed = 0;
  for (const url of urls) {
    let outcome: FileOutcome;
    try {
      const doc = await readUrl(url, undefined, maxBytes, { client });
      if (doc.reports.length === 0) throw new IngestError("no_report_found", "网页里没有找到年度报告的统计表，也没有附件。");
      outcome = { file: url, result: await storeDocument(prisma, doc) };
    } catch (e) {
      if (isDatabaseUnavailable(e)) throw e;
      outcome = { file: url, error: isFetchProblem(e) ? e.message : failureMessage(e) };
      failed++;
    }
    if (!opts.quiet || outcome.error) console.log(opts.describe(outcome, url));
  }
  return failed;
}
