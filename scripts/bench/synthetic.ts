// SYNTHETIC agencies and reports for benches and dev databases: real GB/T 2260 regions, realistic
// department names and levels, and table-3 numbers that satisfy every rule of the template (row
// sums, outcome sums, the identity per column, carry-over from the year before). Deterministic
// for a seed.
import { REGIONS, type Region } from "@/lib/regions/data";
import { OUTCOME_ROWS, TABLE3_ROWS, type Level } from "@/lib/model/keys";

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number) {
  let state = seed >>> 0;
  const rand = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)];
  /** Log-normal-ish count around `median`. */
  const count = (median: number) => Math.max(0, Math.round(median * Math.exp((rand() + rand() + rand() - 1.5) * 1.6)));
  return { rand, int, pick, count };
}
export type Rng = ReturnType<typeof prng>;

/** Split n into parts by weights (largest remainder), so the parts add up to n exactly. */
export function split(n: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (sum > 0 ? (n * w) / sum : 0));
  const out = raw.map(Math.floor);
  let rest = n - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (rest-- <= 0) break;
    out[i]++;
  }
  if (sum === 0 && n > 0) out[0] += n;
  return out;
}

const COUNTY_DEPTS = [
  "人民政府办公室", "发展和改革局", "教育局", "科学技术局", "工业和信息化局", "公安局", "民政局", "司法局", "财政局",
  "人力资源和社会保障局", "自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局",
  "文化和旅游局", "卫生健康局", "退役军人事务局", "应急管理局", "审计局", "市场监督管理局", "统计局", "医疗保障局",
  "林业局", "城市管理局", "信访局", "行政审批局", "数据资源局", "机关事务服务中心", "乡村振兴局", "民族宗教事务局",
  "体育局", "人民防空办公室", "国有资产监督管理局", "粮食和物资储备局", "投资促进局", "档案馆", "住房公积金管理中心",
];
const PROVINCE_DEPTS = [
  "人民政府办公厅", "发展和改革委员会", "教育厅", "科学技术厅", "工业和信息化厅", "公安厅", "民政厅", "司法厅", "财政厅",
  "人力资源和社会保障厅", "自然资源厅", "生态环境厅", "住房和城乡建设厅", "交通运输厅", "水利厅", "农业农村厅", "商务厅",
  "文化和旅游厅", "卫生健康委员会", "退役军人事务厅", "应急管理厅", "审计厅", "市场监督管理局", "统计局", "医疗保障局",
  "林业局", "信访局", "国有资产监督管理委员会", "地方金融监督管理局", "机关事务管理局", "体育局", "粮食和物资储备局",
];
const TOWNS = [
  "城关镇", "东城街道", "西城街道", "南城街道", "北城街道", "新华街道", "人民路街道", "城东镇", "城西镇", "城南镇",
  "城北镇", "新城镇", "东关镇", "西关镇", "河口镇", "桥头镇", "马集镇", "王庄乡", "李家乡", "张庄镇",
];
/** Departments that get many more requests (land, housing, police). */
const BUSY = /自然资源|住房和城乡建设|公安|人民政府办公|市场监督/;
const MEDIAN: Record<Level, number> = { province: 160, city: 45, county: 9, township: 2 };

export interface SyntheticAgency {
  id: number;
  name: string;
  regionCode: string;
  level: Level;
  /** Median requests a year. */
  base: number;
}

/** `count` agencies over the real regions: mostly county departments and townships, as in China. */
export function syntheticAgencies(count: number, rng: Rng): SyntheticAgency[] {
  const byLevel: Record<Level, Region[]> = {
    province: REGIONS.filter((r) => r.level === "province"),
    city: REGIONS.filter((r) => r.level === "city"),
    county: REGIONS.filter((r) => r.level === "county"),
    township: REGIONS.filter((r) => r.level === "county"),
  };
  const lists: Record<Level, string[]> = { province: PROVINCE_DEPTS, city: COUNTY_DEPTS, county: COUNTY_DEPTS, township: TOWNS };
  const used = new Map<string, number>();
  const weights: Array<[Level, number]> = [["province", 0.02], ["city", 0.15], ["county", 0.63], ["township", 0.2]];
  const out: SyntheticAgency[] = [];
  let misses = 0;
  while (out.length < count && misses < count * 20) {
    let x = rng.rand();
    const level = weights.find(([, w]) => (x -= w) < 0)?.[0] ?? "county";
    const region = rng.pick(byLevel[level]);
    const key = `${level}|${region.code}`;
    const n = used.get(key) ?? 0;
    if (n >= lists[level].length) {
      misses++;
      continue;
    }
    used.set(key, n + 1);
    const dept = lists[level][n];
    const name = `${region.name}${dept}`;
    const base = Math.max(1, rng.count(MEDIAN[level] * (BUSY.test(dept) ? 3 : 1)));
    out.push({ id: out.length + 1, name, regionCode: region.code, level, base });
  }
  return out;
}

export type Columns = number[]; // six applicant columns and the total

export interface SyntheticReport {
  year: number;
  /** Table 3, every row printed: row key → 7 values. */
  table3: Map<string, Columns>;
  table4: number[];
  table2: Array<{ label: string; values: number[] }>;
}

const APPLICANT_WEIGHTS = [85, 7, 1, 1, 4, 2];
const OUTCOME_WEIGHTS: Record<string, number> = {
  granted: 45, partially_granted: 10, "denied.state_secret": 0.3, "denied.prohibited_by_law": 0.6,
  "denied.three_safeties_one_stability": 0.3, "denied.third_party_rights": 1.2, "denied.internal_affairs": 1,
  "denied.process_information": 2, "denied.law_enforcement_files": 0.8, "denied.administrative_query": 1,
  "unable.not_held": 20, "unable.needs_creation": 3, "unable.unclear_after_correction": 2,
  "not_processed.petition_or_complaint": 2, "not_processed.duplicate": 3, "not_processed.publication": 0.5,
  "not_processed.excessive": 0.5, "not_processed.confirm_or_reissue": 1, "other.overdue_correction": 2,
  "other.unpaid_fee": 0.1, "other.other": 3,
};

const withTotal = (cols: number[]): Columns => [...cols, cols.reduce((a, b) => a + b, 0)];

/**
 * One report's tables. `carried` is last year's carried_forward per column (or null: this is the
 * first year, or the year before is missing), and the return's carried_forward feeds next year.
 */
export function syntheticReport(rng: Rng, agency: SyntheticAgency, year: number, carried: number[] | null, last: boolean): SyntheticReport {
  const nr = split(rng.count(agency.base), APPLICANT_WEIGHTS);
  const co = carried ?? nr.map((v) => rng.int(0, Math.round(v * 0.05)));
  const outcomeWeights = OUTCOME_ROWS.map((k) => OUTCOME_WEIGHTS[k] * (0.5 + rng.rand()));
  const cf: number[] = [];
  const outcomes: number[][] = [];
  for (let c = 0; c < 6; c++) {
    const handled = nr[c] + co[c];
    cf[c] = last ? 0 : rng.int(0, Math.round(handled * 0.06));
    outcomes.push(split(handled - cf[c], outcomeWeights));
  }
  const table3 = new Map<string, Columns>();
  for (const row of TABLE3_ROWS) {
    if (row === "new_received") table3.set(row, withTotal(nr));
    else if (row === "carried_over") table3.set(row, withTotal(co));
    else if (row === "carried_forward") table3.set(row, withTotal(cf));
    else if (row === "total_processed") table3.set(row, withTotal(nr.map((v, c) => v + co[c] - cf[c])));
    else {
      const i = OUTCOME_ROWS.indexOf(row);
      table3.set(row, withTotal(outcomes.map((o) => o[i])));
    }
  }
  const total = table3.get("new_received")![6];
  const four = (t: number) => [...split(t, [6, 2, 1, 1]), t];
  const review = rng.int(0, Math.round(total / 25));
  const table4 = [...four(review), ...four(rng.int(0, Math.round(total / 40))), ...four(rng.int(0, Math.round(review / 3)))];
  const table2 = [
    { label: "规章", values: [rng.int(0, 2), rng.int(0, 1), rng.int(0, 30)] },
    { label: "行政规范性文件", values: [rng.int(0, 12), rng.int(0, 5), rng.int(5, 120)] },
    { label: "行政许可", values: [rng.count(agency.base * 20)] },
    { label: "行政处罚", values: [rng.count(agency.base * 5)] },
    { label: "行政强制", values: [rng.count(agency.base)] },
    { label: "行政事业性收费", values: [Math.round(rng.rand() * 500) / 10] },
  ];
  return { year, table3, table4, table2 };
}
