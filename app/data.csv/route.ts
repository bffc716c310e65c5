import { csvLines } from "@/lib/queries/csv";
import { isDatabaseUnavailable, outageResponse } from "@/lib/db/outage";

export const dynamic = "force-dynamic";

export async function GET() {
  const lines = csvLines();
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
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="gongkai-${date}.csv"`,
      "cache-control": "no-store",
    },
  });
}
