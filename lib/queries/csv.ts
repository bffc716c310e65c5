// /data.csv: one row per report in force, canonical keys as headers (or the codebook's Chinese
// labels), streamed in batches so a large database never sits in memory. A scope (region, level,
// years, name, flagged — the directory's, region page's and coverage page's filters) narrows the
// rows; the columns never change.
import { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/db/client";
import { csvCell } from "@/lib/csv";
import { regionChain } from "@/lib/regions";
import { agencyWhere, reportWhere, type Scope } from "./scope";
import { table4Cells } from "@/lib/model/report-schema";
import {
  TABLE3_COLUMNS,
  TABLE3_GROUP_KEYS,
  TABLE3_GROUPS,
  TABLE3_ROWS,
  TABLE4_KEYS,
  type Table3Key,
} from "@/lib/model/keys";

// corrected: 1 when the version in force is a person's correction (人工更正; the parsed version
// is kept, see /reports/<report_id>); finding_codes: the report's findings, ";"-separated.
const META = ["agency", "province", "city", "county", "region_code", "level", "year", "version", "report_id", "corrected", "finding_codes"] as const;
const T3_KEYS: Table3Key[] = [...TABLE3_ROWS, ...TABLE3_GROUP_KEYS];

export const CSV_HEADER = [
  ...META,
  ...T3_KEYS.flatMap((row) => TABLE3_COLUMNS.map((col) => `${row}.${col}`)),
  ...TABLE4_KEYS,
  "source_url", // where the report was fetched from (import by URL, npm run crawl); blank when uploaded
];

type RowValues = (number | null)[];

/** Group columns: the printed group row, else the sum of its printed items, else blank. */
function groupValues(rows: Map<string, RowValues>, group: (typeof TABLE3_GROUP_KEYS)[number]): RowValues | null {
  const printed = rows.get(group);
  if (printed) return printed;
  const items = TABLE3_GROUPS[group].map((k) => rows.get(`${group}.${k}`)).filter((v): v is RowValues => !!v);
  if (items.length === 0) return null;
  // A column with an unread cell among the items has no known sum: empty, like the cell.
  return TABLE3_COLUMNS.map((_, i) => (items.some((v) => v[i] === null) ? null : items.reduce((s, v) => s + v[i]!, 0)));
}

/** Province, city and county names of an agency's region (a 直辖市 district has no city here). */
function regionNames(code: string | null) {
  const out = { province: "", city: "", county: "" };
  for (const r of code ? regionChain(code) : []) out[r.level] = r.name;
  return out;
}

interface CsvReport {
  id: number;
  year: number;
  version: number;
  table4: unknown;
  name: string;
  region_code: string | null;
  level: string | null;
  kind: string;
  codes: string | null;
  /** Printed table-3 rows: row key → the seven columns. */
  t3: Record<string, RowValues> | null;
  source_url: string | null;
}

export interface CsvOptions {
  /** Only the reports in this scope (agencies' name and review filters included). */
  scope?: Scope;
  /** The header line's labels, one per CSV_HEADER column (default: the keys themselves). */
  header?: readonly string[];
  batchSize?: number;
}

export async function* csvLines({ scope = {}, header = CSV_HEADER, batchSize = 1000 }: CsvOptions = {}): AsyncGenerator<string> {
  const prisma = getPrisma();
  if (header.length !== CSV_HEADER.length) throw new Error("csvLines: one header label per column");
  yield header.map(csvCell).join(",") + "\r\n";
  // Region and level are on the report (reportWhere); the name words and the review filter on
  // the agency (TRUE when not asked).
  const where = Prisma.sql`${reportWhere(scope)} AND ${agencyWhere({ q: scope.q, flagged: scope.flagged })}`;
  let afterId = 0;
  while (true) {
    // Keyset pages in id order, table 3 folded into one JSON value per report: one query a batch.
    const reports = await prisma.$queryRaw<CsvReport[]>`
      SELECT r.id, r.year, r.version, r.table4, a.name, a.region_code, a.level::text AS level, r.kind,
        (SELECT string_agg(DISTINCT f.code, ';' ORDER BY f.code) FROM finding f WHERE f.report_id = r.id) AS codes,
        (SELECT json_object_agg(t.row, json_build_array(t.natural_person, t.commercial, t.research, t.social_org, t.legal_service, t.other_org, t.total))
         FROM table3_row t WHERE t.report_id = r.id) AS t3,
        (SELECT s.source_url FROM source s WHERE s.id = r.source_id) AS source_url
      FROM report r JOIN agency a ON a.id = r.agency_id
      WHERE ${where} AND r.id > ${afterId}
      ORDER BY r.id LIMIT ${batchSize}`;
    if (reports.length === 0) return;
    afterId = reports.at(-1)!.id;
    let chunk = "";
    for (const r of reports) {
      const rows = new Map<string, RowValues>(Object.entries(r.t3 ?? {}));
      const code = r.region_code?.trim() ?? null;
      const region = regionNames(code);
      const values: unknown[] = [r.name, region.province, region.city, region.county, code ?? "", r.level ?? "", r.year, r.version, r.id, r.kind === "corrected" ? 1 : 0, r.codes ?? ""];
      for (const row of TABLE3_ROWS) values.push(...(rows.get(row) ?? TABLE3_COLUMNS.map(() => null)));
      for (const g of TABLE3_GROUP_KEYS) values.push(...(groupValues(rows, g) ?? TABLE3_COLUMNS.map(() => null)));
      values.push(...(table4Cells(r.table4) ?? TABLE4_KEYS.map(() => null)));
      values.push(r.source_url);
      chunk += values.map(csvCell).join(",") + "\r\n";
    }
    yield chunk;
  }
}
