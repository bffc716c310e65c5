// The missing list as CSV: canonical keys as headers (agency, province, city, county, region_code,
// level, year), then the deadline, why the agency is expected and its latest report's year.
import { regionChain } from "@/lib/regions";
import { csvCell as cell } from "@/lib/csv";
import { missingAgencies } from "./coverage-year";

export const MISSING_CSV_HEADER = ["agency", "province", "city", "county", "region_code", "level", "year", "deadline", "expected_by", "last_year_reported", "agency_id"];

export async function missingCsv(region: string | null, year: number): Promise<string> {
  const rows = await missingAgencies(region, year);
  const lines = [MISSING_CSV_HEADER.join(",")];
  for (const m of rows) {
    const chain = m.regionCode ? regionChain(m.regionCode) : [];
    const at = (level: string) => chain.find((r) => r.level === level)?.name ?? "";
    lines.push([m.name, at("province"), at("city"), at("county"), m.regionCode, m.level, year, m.deadline, m.expectedBy, m.lastYear, m.id].map(cell).join(","));
  }
  return lines.join("\r\n") + "\r\n";
}
