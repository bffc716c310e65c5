// /coverage/missing.csv?year=YEAR&r=REGION_CODE: the agencies expected in the region (r absent:
// the whole country) that have no report for the year. UTF-8 with BOM for Excel.
import type { NextRequest } from "next/server";
import { loadMissingCsv } from "@/lib/chart-state";
import { isDatabaseUnavailable, outageResponse } from "@/lib/db/outage";
import { missingCsv } from "@/lib/queries/coverage-csv";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest) {
  const { year, region } = loadMissingCsv(req.nextUrl.searchParams);
  if (year === null) return new Response("缺少 year 参数（如 ?year=2023&r=371500）。\n", { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  if (req.nextUrl.searchParams.get("r") && !region) return new Response("r 应为六位地区代码（GB/T 2260）。\n", { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  let body: string;
  try {
    body = await missingCsv(region, year);
  } catch (e) {
    if (isDatabaseUnavailable(e)) return outageResponse();
    throw e;
  }
  return new Response(`\ufeff${body}`, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="missing-${year}${region ? `-${region}` : ""}.csv"`,
      "cache-control": "no-store",
    },
  });
}
