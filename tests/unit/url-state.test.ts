// The URL state the browser writes without nuqs' hooks (lib/url-codec.ts) agrees with the server's
// parsers, the keys-only statistic checks agree with statDef, and /data.csv links carry a page's
// filters and nothing else.
import { describe, expect, it } from "vitest";
import { agencyParsers, dataCsvScope, dataCsvUrl, hiddenParser, loadDataCsv, METRIC_OPTIONS, parseAsYear, statDef } from "@/lib/chart-state";
import { parseHidden, parseMix, parseYear } from "@/lib/url-codec";
import { composeStat, statColumn, statKind, statMetric } from "@/lib/stat-rows";
import { loadCompare } from "@/lib/compare-url";

describe("url-codec", () => {
  it("parses as the server's parsers do", () => {
    for (const v of ["2019", "2006", "2101", "20.5", "abc", ""]) expect(parseYear(v)).toBe(parseAsYear.parse(v) ?? null);
    for (const v of ["compare:3,compare:3,x", "a:b,bad entry,c-d:e.f", ""]) expect(parseHidden(v)).toEqual(v ? hiddenParser.parse(v) : []);
    for (const v of ["pct", "n", "other", null]) expect(parseMix(v)).toBe(v === "pct" ? "pct" : "n");
    expect(agencyParsers.mix.parse("pct")).toBe("pct");
  });
});

describe("statKind", () => {
  it("knows the same statistics as statDef, without their labels", () => {
    const keys = METRIC_OPTIONS.flatMap((g) => g.options.map((o) => o.value)).flatMap((m) => [m, `${m}.total`, `${m}.commercial`, `${m}.nope`]);
    for (const k of [...keys, "nothing", "granted", "review.upheld"]) expect(statKind(k), k).toBe(statDef(k)?.kind ?? null);
    expect(statMetric("denied.state_secret.commercial")).toBe("denied.state_secret");
    expect(statColumn("denied.state_secret.commercial")).toBe("commercial");
    expect(composeStat("grant_rate", "commercial")).toBe("grant_rate");
    expect(composeStat("granted", "research")).toBe("granted.research");
    expect(loadCompare("http://x/compare?s=bogus").stat).toBe("new_received.total");
  });
});

describe("/data.csv links", () => {
  it("carry the page's filters, leave out what is empty, and read back as the same scope", () => {
    const url = dataCsvUrl({ region: "371500", level: "city", from: 2020, to: 2022, q: " 聊城 机关 ", flagged: true });
    expect(url.startsWith("/data.csv?")).toBe(true);
    const back = loadDataCsv(new URLSearchParams(url.split("?")[1]));
    expect(dataCsvScope(back)).toEqual({ region: "371500", level: "city", from: 2020, to: 2022, q: "聊城 机关", flagged: true });
    expect(dataCsvUrl({})).toBe("/data.csv");
    expect(dataCsvUrl({ q: "  ", flagged: false, headers: "zh" })).toBe("/data.csv?headers=zh");
  });
  it("reads y as that year alone and orders a reversed range", () => {
    expect(dataCsvScope(loadDataCsv(new URLSearchParams("y=2022&from=2019")))).toMatchObject({ from: 2022, to: 2022 });
    expect(dataCsvScope(loadDataCsv(new URLSearchParams("from=2023&to=2020")))).toMatchObject({ from: 2020, to: 2023 });
  });
});
