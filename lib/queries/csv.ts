// /data.csv: one row per report in force, canonical keys as headers, streamed in batches so a
// large database never sits in memory.
import { getPrisma } from "@/lib/db/client";
import { regionChain } from "@/lib/regions";
import {
  TABLE3_COLUMNS,
  TABLE3_GROUP_KEYS,
  TABLE3_GROUPS,
  TABLE3_ROWS,
  TABLE4_KEYS,
  type Table3Key,
} from "@/lib/model/keys";

const META = ["agency", "province", "city", "county", "region_code", "level", "year", "version", "report_id"] as const;
const T3_KEYS: Table3Key[] = [...TABLE3_ROWS, ...TABLE3_GROUP_KEYS];

export const CSV_HEADER = [
  ...META,
  ...T3_KEYS.flatMap((row) => TABLE3_COLUMNS.map((col) => `${row}.${col}`)),
  ...TABLE4_KEYS,
];

function cell(v: unknown): string {
  if (v === null || v === undefined) return "";
  // Text that Excel would run as a formula (an uploaded agency name "=HYPERLINK(…)") is kept as
  // text by a leading apostrophe (OWASP's advice against CSV injection); numbers stay numbers.
  const s = typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

type RowValues = number[];

/** Group columns: the printed group row, else the sum of its printed items, else blank. */
function groupValues(rows: Map<string, RowValues>, group: (typeof TABLE3_GROUP_KEYS)[number]): RowValues | null {
  const printed = rows.get(group);
  if (printed) return printed;
  const items = TABLE3_GROUPS[group].map((k) => rows.get(`${group}.${k}`)).filter((v): v is RowValues => !!v);
  if (items.length === 0) return null;
  return TABLE3_COLUMNS.map((_, i) => items.reduce((s, v) => s + v[i], 0));
}

/** Province, city and county names of an agency's region (a 直辖市 district has no city here). */
function regionNames(code: string | null) {
  const out = { province: "", city: "", county: "" };
  for (const r of code ? regionChain(code) : []) out[r.level] = r.name;
  return out;
}

export async function* csvLines(batchSize = 500): AsyncGenerator<string> {
  const prisma = getPrisma();
  yield CSV_HEADER.join(",") + "\r\n";
  let afterId = 0;
  while (true) {
    const reports = await prisma.report.findMany({
      where: { inForce: true, id: { gt: afterId } },
      orderBy: { id: "asc" },
      take: batchSize,
      include: { agency: true, table3: true },
    });
    if (reports.length === 0) return;
    afterId = reports.at(-1)!.id;
    let chunk = "";
    for (const r of reports) {
      const rows = new Map<string, RowValues>(
        r.table3.map((t) => [t.row, [t.naturalPerson, t.commercial, t.research, t.socialOrg, t.legalService, t.otherOrg, t.total]]),
      );
      const region = regionNames(r.agency.regionCode);
      const values: unknown[] = [
        r.agency.name,
        region.province,
        region.city,
        region.county,
        r.agency.regionCode ?? "",
        r.agency.level ?? "",
        r.year,
        r.version,
        r.id,
      ];
      for (const row of TABLE3_ROWS) values.push(...(rows.get(row) ?? TABLE3_COLUMNS.map(() => null)));
      for (const g of TABLE3_GROUP_KEYS) values.push(...(groupValues(rows, g) ?? TABLE3_COLUMNS.map(() => null)));
      values.push(...(r.table4.length === 15 ? r.table4 : TABLE4_KEYS.map(() => null)));
      chunk += values.map(cell).join(",") + "\r\n";
    }
    yield chunk;
  }
}
