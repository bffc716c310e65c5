// The filters' URL state (region, level, years, name, sort, page, minimum base) and the report
// page's highlight: the parsers the browser's filter controls need, apart from lib/chart-state.ts
// so those pages' first-load JS does not carry the statistics' labels. lib/chart-state.ts
// re-exports all of it: server code imports from there.
import { createLoader, createParser, createSerializer, parseAsBoolean, parseAsInteger, parseAsString, parseAsStringLiteral, type inferParserType } from "nuqs/server";
import { LEVELS } from "@/lib/model/keys";
import { parseAsYear } from "@/lib/chart-url";
import { REPORT_URL_KEYS } from "@/lib/url-codec";

// ---------------------------------------------------------------------------------------------
// Shared parsers.


/** A GB/T 2260 code: six digits. */
export const parseAsRegion = createParser<string>({
  parse: (v) => (/^\d{6}$/.test(v) ? v : null),
  serialize: (v) => v,
});

export const parseAsPage = createParser<number>({
  parse: (v) => {
    const n = Number(v);
    return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : null;
  },
  serialize: (v) => String(v),
});

/** Agency ids, comma-separated, at most 8 (the palette's size), no repeats. */
export const parseAsAgencyIds = createParser<number[]>({
  parse: (v) => {
    const ids = v
      .split(",")
      .map((s) => Number(s))
      .filter((n) => Number.isInteger(n) && n > 0 && n < 2 ** 31);
    return [...new Set(ids)].slice(0, MAX_COMPARE);
  },
  serialize: (v) => v.join(","),
  eq: (a, b) => a.length === b.length && a.every((x, i) => x === b[i]),
});

export const MAX_COMPARE = 8;

/** A rate's minimum base (n): rates resting on fewer cases are greyed and left out of charts and rankings. */
export const parseAsMinBase = createParser<number>({
  parse: (v) => {
    const n = Number(v);
    return Number.isInteger(n) && n >= 0 && n <= 1_000_000 ? n : null;
  },
  serialize: (v) => String(v),
});
export const MIN_BASE_OPTIONS = [0, 10, 30, 100] as const;



// ---------------------------------------------------------------------------------------------
// Filters: overview, directory, regions, coverage.

export const SORTS = ["apps", "-apps", "grant", "-grant", "refuse", "-refuse", "lit", "-lit", "name", "-name"] as const;
export type Sort = (typeof SORTS)[number];

export const filterParsers = {
  region: parseAsRegion,
  level: parseAsStringLiteral(LEVELS),
  from: parseAsYear,
  to: parseAsYear,
  q: parseAsString.withDefault(""),
  /** Only agencies with a report in force that has something to review (有核查提示). */
  flagged: parseAsBoolean,
  /** The review queue's finding code (/review). */
  code: parseAsString,
  sort: parseAsStringLiteral(SORTS).withDefault("-apps"),
  page: parseAsPage.withDefault(1),
  /** Rates with a smaller base (办理结果总计) are greyed and sorted last. */
  minBase: parseAsMinBase.withDefault(0),
};
export const filterUrlKeys = { region: "r", level: "lv", page: "p", flagged: "flag", minBase: "n" } as const;
export type FilterState = inferParserType<typeof filterParsers>;
export const loadFilters = createLoader(filterParsers, { urlKeys: filterUrlKeys });
export const serializeFilters = createSerializer(filterParsers, { urlKeys: filterUrlKeys });

// ---------------------------------------------------------------------------------------------
// The report page: which cell or finding is highlighted in the source text.

export const reportParsers = {
  cell: parseAsString,
  finding: parseAsInteger,
};
export const reportUrlKeys = REPORT_URL_KEYS;
export const loadReportState = createLoader(reportParsers, { urlKeys: reportUrlKeys });
