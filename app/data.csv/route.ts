// /data.csv: every report in force, or those of a page's filters (?r=&lv=&from=&to=&q=&flag=&y=,
// the same parameters as the page the link is on); ?headers=zh for the codebook's Chinese labels.
import type { NextRequest } from "next/server";
import { dataCsvScope, loadDataCsv } from "@/lib/chart-state";
import { csvLines } from "@/lib/queries/csv";
import { zhHeader } from "@/lib/queries/codebook";
import { isDatabaseUnavailable, outageResponse } from "@/lib/db/outage";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest) {
  const state = loadDataCsv(req.nextUrl.searchParams);
  const scope = dataCsvScope(state);
  const lines = csvLines({ scope, header: state.headers === "zh" ? zhHeader() : undefined });
  // The header and the first batch of rows are read before answering, so an outage is a 503,
  // not a download cut off after its header.
  const head: string[] = [];
  try {
    for (let r = await lines.next(); !r.done; r = await lines.next()) if (head.push(r.value) === 2) break;
  } catch (e) {
    if (isDatabaseUnavailable(e)) return outageResponse();
    throw e;
  }
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      // UTF-8 BOM so Excel opens the Chinese text correctly.
      controller.enqueue(new Uint8Array([0xef, 0xbb, 0xbf]));
      for (const line of head) controller.enqueue(encoder.encode(line));
    },
    async pull(controller) {
      const { value, done } = await lines.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  const date = new Date().toISOString().slice(0, 10);
  // The filters in the file's name, so two downloads do not overwrite each other.
  const tags = [scope.region, scope.level, scope.from !== null || scope.to !== null ? `${scope.from ?? ""}-${scope.to ?? ""}` : null, scope.flagged ? "flagged" : null, scope.q?.trim() ? "search" : null, state.headers === "zh" ? "zh" : null];
  const name = ["gongkai", date, ...tags.filter(Boolean)].join("-");
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}.csv"`,
      "cache-control": "no-store",
    },
  });
}
