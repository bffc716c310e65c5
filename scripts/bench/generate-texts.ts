// Generated report files for the parser and import benches: consistent tables (identity, outcome
// and row sums, table 4 totals, carry-over between an agency's years), real agency names placed
// in GB/T 2260 regions, in every layout and file format the parser reads (txt in UTF-8 and GB18030,
// HTML tables, .docx, Traditional characters, an agency's history on one page). Seeded: the same
// seed gives the same files, and every file carries the numbers it was made from.
//   npx tsx scripts/bench/generate-texts.ts DIR COUNT [--seed N]
import fs from "node:fs";
import path from "node:path";
import iconv from "iconv-lite";
import JSZip from "jszip";
import * as OpenCC from "opencc-js";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { OUTCOME_ROWS, TABLE3_ROWS, type Table3Row } from "@/lib/model/keys";
import { REGIONS, findRegionsByName, getRegion, type Region } from "@/lib/regions";
import * as B from "@/tests/helpers/report-builder";

export interface GeneratedReport {
  agency: string;
  year: number;
  regionCode: string;
  level: "province" | "city" | "county";
  /** Every leaf row of table 3, seven numbers each. */
  table3: Record<Table3Row, number[]>;
  table4: number[];
  table2: Record<string, number[]>;
}

export interface GeneratedFile {
  name: string;
  layout: string;
  /** Newest first when one page holds an agency's history. */
  reports: GeneratedReport[];
  bytes: () => Promise<Uint8Array>;
}

type Rng = ReturnType<typeof xoroshiro128plus>;

const PROVINCE_DEPTS = ["财政厅", "教育厅", "民政厅", "人力资源和社会保障厅", "自然资源厅", "生态环境厅", "住房和城乡建设厅", "交通运输厅", "水利厅", "农业农村厅", "商务厅", "文化和旅游厅", "卫生健康委员会", "应急管理厅", "审计厅", "市场监督管理局", "人民政府办公厅", "机关事务管理局"];
const LOCAL_DEPTS = ["财政局", "教育局", "民政局", "人力资源和社会保障局", "自然资源和规划局", "生态环境局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局", "文化和旅游局", "卫生健康委员会", "应急管理局", "审计局", "市场监督管理局", "统计局", "医疗保障局", "机关事务管理局", "人民政府办公室", "司法局", "退役军人事务局", "林业局", "城市管理局"];
const MUNICIPALITY = /^(?:北京|天津|上海|重庆)市$/;

/** How a layout prints table 3's cells and turns the report's blocks into a file. */
interface Layout {
  name: string;
  weight: number;
  cells: B.CellFormat;
  /** Reports per page: an agency's history (newest first) when more than one. */
  history?: boolean;
  /** Requests from natural persons only. */
  naturalOnly?: boolean;
  /** A small agency (every total below 10): glued digits split one way only. */
  tiny?: boolean;
  file: (reports: B.Block[][]) => { ext: string; bytes: () => Promise<Uint8Array> };
}

const utf8 = (s: string) => async () => new TextEncoder().encode(s);
const gb18030 = (s: string) => async () => new Uint8Array(iconv.encode(s, "gb18030"));
const joinPages = (texts: string[]) => texts.join("\n扫码使用手机浏览本页内容\n【打印本页】【关闭窗口】\n");
const toTraditional = OpenCC.Converter({ from: "cn", to: "tw" });

const text = (render: (b: B.Block[]) => string, encode = utf8) => (pages: B.Block[][]) => ({ ext: "txt", bytes: encode(joinPages(pages.map(render))) });

const LAYOUTS: Layout[] = [
  { name: "txt pipe table", weight: 3, cells: B.allCells, file: text(B.asPipe) },
  { name: "txt tab-separated", weight: 2, cells: B.allCells, file: text(B.asTabs) },
  { name: "txt one cell per line", weight: 2, cells: B.allCells, file: text(B.asCellLines) },
  // Blanks dropped lose the columns: only requests from natural persons, the one reading the
  // arithmetic cannot tell apart from another (and the common case in small agencies).
  { name: "txt one cell per line, blanks dropped", weight: 2, cells: B.zerosBlank, naturalOnly: true, file: text(B.asCellLines) },
  { name: "txt delimiter lines", weight: 1, cells: B.allCells, file: text(B.asDelimiterLines) },
  { name: "txt PDF text (spaced cells)", weight: 2, cells: B.allCells, file: text(B.asSpaced) },
  { name: "txt GB18030 pipe table", weight: 2, cells: B.allCells, file: text(B.asPipe, gb18030) },
  { name: "txt GB18030 tab-separated", weight: 1, cells: B.allCells, file: text(B.asTabs, gb18030) },
  { name: "txt Traditional characters", weight: 1, cells: B.allCells, file: text((b) => toTraditional(B.asPipe(b))) },
  { name: "txt history page", weight: 1, cells: B.allCells, history: true, file: text(B.asPipe) },
  { name: "html table, zeros blank", weight: 3, cells: B.zerosBlank, file: ([b]) => ({ ext: "html", bytes: utf8(B.asHtmlPage(b)) }) },
  { name: "html GB18030 table", weight: 1, cells: B.allCells, file: ([b]) => ({ ext: "html", bytes: gb18030(B.asHtmlPage(b, "gb18030")) }) },
  { name: "docx table, zeros blank", weight: 1, cells: B.zerosBlank, file: ([b]) => ({ ext: "docx", bytes: () => docx(b) }) },
  // A web archive's crawl: the article on one line, table cells glued (640020470), or glued
  // with stray spaces inside the runs (30 0 0 0 03).
  { name: "txt one line, cells glued", weight: 1, cells: B.allCells, tiny: true, file: text((b) => B.asGluedLine(b)) },
  { name: "txt one line, glued cells with stray spaces", weight: 1, cells: B.allCells, tiny: true, file: text((b) => B.asGluedLine(b, true)) },
];

/** Every layout the generator writes. */
export const LAYOUT_NAMES = LAYOUTS.map((l) => l.name);

const para = (s: string) => (s === "" ? "<w:p/>" : `<w:p><w:r><w:t xml:space="preserve">${B.escapeMarkup(s)}</w:t></w:r></w:p>`);

/** A minimal Word document: paragraphs and tables. */
async function docx(b: B.Block[]): Promise<Uint8Array> {
  const body = B.tables(b).map((x) =>
    x.kind === "line" ? para(x.text) : `<w:tbl>${x.rows.map((r) => `<w:tr>${r.map((c) => `<w:tc>${para(c)}</w:tc>`).join("")}</w:tr>`).join("")}</w:tbl>`,
  );
  const zip = new JSZip();
  zip.file("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file("_rels/.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file("word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body.join("")}</w:body></w:document>`);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

const chance = (rng: Rng, p: number) => uniformFloat64(rng) < p;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[uniformInt(rng, 0, xs.length - 1)];

/** Requests by applicant column: mostly natural persons, sometimes companies, rarely the rest. */
const COLUMN_SHARE = [0, 0.12, 0.01, 0.02, 0.03, 0.02];
/** How likely an outcome row is used, and how much of what is left it takes at most. */
const OUTCOME_SHARE: Partial<Record<Table3Row, number>> = {
  partially_granted: 0.15,
  "unable.not_held": 0.3,
  "other.other": 0.1,
  "not_processed.duplicate": 0.08,
  "not_processed.petition_or_complaint": 0.06,
  "denied.third_party_rights": 0.04,
  "denied.process_information": 0.04,
  "unable.needs_creation": 0.04,
  "other.overdue_correction": 0.04,
};

/** Table 3 for one year; carriedOver is last year's carried_forward (carry-over rule holds). */
function table3(rng: Rng, size: number, carriedOver: number[], naturalOnly = false): Record<Table3Row, number[]> {
  const t = Object.fromEntries(TABLE3_ROWS.map((k) => [k, [0, 0, 0, 0, 0, 0, 0]])) as Record<Table3Row, number[]>;
  const received = Math.floor(Math.exp(uniformFloat64(rng) * Math.log(size + 1)));
  let rest = received;
  for (let c = 1; c < 6; c++) {
    const n = !naturalOnly && chance(rng, COLUMN_SHARE[c] * 4) ? Math.min(rest, uniformInt(rng, 0, Math.ceil(received * COLUMN_SHARE[c] * 2))) : 0;
    t.new_received[c] = n;
    rest -= n;
  }
  t.new_received[0] = rest;
  for (let c = 0; c < 6; c++) {
    t.carried_over[c] = carriedOver[c];
    const open = t.new_received[c] + carriedOver[c];
    t.carried_forward[c] = chance(rng, 0.3) ? uniformInt(rng, 0, Math.floor(open * 0.15)) : 0;
    let left = open - t.carried_forward[c];
    t.total_processed[c] = left;
    for (const row of OUTCOME_ROWS) {
      if (row === "granted") continue;
      const share = OUTCOME_SHARE[row] ?? 0.01;
      const n = chance(rng, Math.min(0.9, share * 4)) ? uniformInt(rng, 0, Math.floor(left * share * 2)) : 0;
      t[row][c] = n;
      left -= n;
    }
    t.granted[c] = left;
  }
  for (const row of TABLE3_ROWS) t[row][6] = t[row].slice(0, 6).reduce((a, b) => a + b, 0);
  return t;
}

function table4(rng: Rng, max = 3): number[] {
  return [0, 1, 2].flatMap(() => {
    const g = chance(rng, 0.25) ? [0, 1, 2, 3].map(() => uniformInt(rng, 0, max)) : [0, 0, 0, 0];
    return [...g, g[0] + g[1] + g[2] + g[3]];
  });
}

function table2(rng: Rng): Record<string, number[]> {
  const n = (max: number) => uniformInt(rng, 0, max);
  return {
    规章: [n(2), n(1), n(10)],
    行政规范性文件: [n(20), n(10), n(200)],
    行政许可: [n(5000)],
    行政处罚: [n(500)],
    行政强制: [n(50)],
    行政事业性收费: [n(500) / 10],
  };
}

/** A unique, realistic agency name, placed in a region of GB/T 2260. */
function agencyName(rng: Rng, taken: Set<string>): { name: string; region: Region } {
  for (;;) {
    const region = pick(rng, REGIONS);
    const parent = region.parentCode ? getRegion(region.parentCode)! : null;
    let name: string;
    if (region.level === "province") name = region.name + pick(rng, MUNICIPALITY.test(region.name) ? LOCAL_DEPTS : PROVINCE_DEPTS);
    else if (region.level === "city") name = region.name + pick(rng, LOCAL_DEPTS);
    // A county is named alone when its name is unique in China (缙云县财政局), else with its parent.
    else name = (findRegionsByName(region.name).length === 1 && chance(rng, 0.5) ? "" : parent!.name) + region.name + pick(rng, LOCAL_DEPTS);
    if (!taken.has(name)) {
      taken.add(name);
      return { name, region };
    }
  }
}

const TITLES = [
  (a: string, y: number) => `${a}${y}年政府信息公开工作年度报告`,
  (a: string, y: number) => `${y}年度${a}政府信息公开工作年度报告`,
  (a: string, y: number) => `${a}关于${y}年政府信息公开工作的年度报告`,
];

function blocksOf(rng: Rng, r: GeneratedReport, cells: B.CellFormat): B.Block[] {
  return B.blocks(r.table3, { agency: r.agency, year: r.year, title: pick(rng, TITLES)(r.agency, r.year), table4: r.table4, table2: r.table2 }, cells);
}

/** `count` report files (a history page holds several reports), the same for the same seed. */
export function* generateFiles(count: number, seed = 2024): Generator<GeneratedFile> {
  const rng = xoroshiro128plus(seed);
  const taken = new Set<string>();
  const totalWeight = LAYOUTS.reduce((s, l) => s + l.weight, 0);
  let made = 0;
  while (made < count) {
    // One agency, its years 2019… (one to six of them, carry-over consistent), each year a file
    // of its own, or all of them on one history page.
    const { name, region } = agencyName(rng, taken);
    let size = pick(rng, [5, 20, 100, 1000, 3000]);
    const first = uniformInt(rng, 2019, 2023);
    const years = Math.min(uniformInt(rng, 1, 2024 - first + 1), count - made);
    let w = uniformFloat64(rng) * totalWeight;
    const layout = LAYOUTS.find((l) => (w -= l.weight) < 0) ?? LAYOUTS[0];
    if (layout.tiny) size = 4;
    let carried = [0, 0, 0, 0, 0, 0, 0];
    const history: GeneratedReport[] = [];
    for (let y = first; y < first + years; y++) {
      const t3 = table3(rng, size, carried, layout.naturalOnly);
      carried = t3.carried_forward;
      history.push({ agency: name, year: y, regionCode: region.code, level: region.level, table3: t3, table4: table4(rng, layout.tiny ? 2 : 3), table2: table2(rng) });
    }
    const pages = layout.history && history.length > 1 ? [history.reverse()] : history.map((r) => [r]);
    for (const reports of pages) {
      const f = layout.history && reports.length === 1 ? LAYOUTS[0] : layout;
      const { ext, bytes } = f.file(reports.map((r) => blocksOf(rng, r, f.cells)));
      const id = String(made).padStart(6, "0");
      yield { name: `${id}-${reports[0].regionCode}-${reports[0].year}.${ext}`, layout: f.name, reports, bytes };
      made += reports.length;
    }
  }
}

/** Writes the files into `dir`; returns how many files and reports. */
export async function writeFiles(dir: string, count: number, seed?: number): Promise<{ files: number; reports: number }> {
  fs.mkdirSync(dir, { recursive: true });
  let files = 0;
  let reports = 0;
  for (const f of generateFiles(count, seed)) {
    fs.writeFileSync(path.join(dir, f.name), await f.bytes());
    files++;
    reports += f.reports.length;
  }
  return { files, reports };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? "")) {
  const [dir, count] = process.argv.slice(2);
  const seedAt = process.argv.indexOf("--seed");
  if (!dir || !Number(count)) {
    console.error("usage: npx tsx scripts/bench/generate-texts.ts DIR COUNT [--seed N]");
    process.exit(2);
  }
  writeFiles(dir, Number(count), seedAt > 0 ? Number(process.argv[seedAt + 1]) : undefined).then((r) => console.log(`${r.files} files, ${r.reports} reports in ${dir}`));
}
