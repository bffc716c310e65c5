import { csvLines } from "@/lib/queries/csv";

export const dynamic = "force-dynamic";

export async function GET() {
  const lines = csvLines();
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      // UTF-8 BOM so Excel opens the Chinese text correctly.
      controller.enqueue(new Uint8Array([0xef, 0xbb, 0xbf]));
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
