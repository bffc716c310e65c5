import { codebookCsv } from "@/lib/queries/codebook";

export const dynamic = "force-dynamic";

export function GET() {
  // UTF-8 BOM so Excel opens the Chinese text correctly, like /data.csv.
  return new Response("\uFEFF" + codebookCsv(), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="gongkai-codebook.csv"',
    },
  });
}
