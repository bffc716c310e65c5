// A roster row as a supervisor's spreadsheet has it (名称, 地区代码, 级别, 别名, 上级), checked
// with one zod schema shared by the file import and the form that adds one agency. Errors are
// Chinese sentences naming the row.
import { z } from "zod";
import { LEVELS, type Level } from "@/lib/model/keys";
import { getRegion } from "@/lib/regions/lookup";
import { regionBounds } from "@/lib/queries/scope";

const LEVEL_WORDS: Record<string, Level> = {
  province: "province", 省: "province", 省级: "province", 省本级: "province",
  city: "city", 市: "city", 市级: "city", 地级: "city", 地市级: "city", 市本级: "city",
  county: "county", 县: "county", 县级: "county", 区县: "county", 县区: "county", 县本级: "county",
  township: "township", 乡: "township", 镇: "township", 乡镇: "township", 乡级: "township", 乡镇级: "township", 街道: "township",
};

export const RosterRow = z.object({
  name: z.string().trim().min(1, "机关名称不能为空").max(200, "机关名称过长（最多 200 字）"),
  regionCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "地区代码应为六位数字（GB/T 2260）")
    .refine((c) => !!getRegion(c), "地区代码不在行政区划表中"),
  level: z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (!v) return null;
      const l = LEVEL_WORDS[v.toLowerCase()] ?? LEVEL_WORDS[v];
      if (!l) ctx.addIssue({ code: "custom", message: `级别“${v}”无法识别（可填 省级、市级、县级、乡镇）` });
      return l ?? null;
    }),
  aliases: z.array(z.string().trim().min(1).max(200, "别名过长（最多 200 字）")).max(20, "别名最多 20 个"),
  parent: z
    .string()
    .trim()
    .max(200, "上级机关名称过长")
    .transform((v) => v || null),
});
export type RosterRow = z.output<typeof RosterRow>;
export type RosterRowInput = z.input<typeof RosterRow>;

export const RosterRegion = z
  .string()
  .regex(/^\d{6}$/, "请选择名单所属的地区")
  .refine((c) => !!getRegion(c), "地区代码不在行政区划表中");

/** Column headings accepted for each field (Chinese as supervisors write them, or the English keys). */
const HEADINGS: Record<keyof RosterRowInput, string[]> = {
  name: ["名称", "机关名称", "机关", "单位名称", "单位", "部门名称", "部门", "name", "agency"],
  regionCode: ["地区代码", "行政区划代码", "区划代码", "地区编码", "region_code", "region"],
  level: ["级别", "层级", "行政级别", "level"],
  aliases: ["别名", "曾用名", "其他名称", "aliases", "alias"],
  parent: ["上级", "上级机关", "上级单位", "主管单位", "所属政府", "parent"],
};

const norm = (s: string) => s.replace(/[\s（）()*＊]/g, "").toLowerCase();

export interface RowError {
  /** 1-based line of the file. */
  line: number;
  message: string;
}

export type CheckedRoster = { ok: true; rows: RosterRow[] } | { ok: false; errors: RowError[] };

/** Splits "a、b；c|d" into names. */
export const splitAliases = (s: string) =>
  s
    .split(/[、,，;；|｜\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * Checks a table (first row: headings) for the roster of `rosterRegion`: every row valid, within
 * the region, no agency twice. Any error: nothing is imported, every error listed with its line.
 */
export function checkRosterTable(table: string[][], rosterRegion: string): CheckedRoster {
  const errors: RowError[] = [];
  if (table.length === 0) return { ok: false, errors: [{ line: 1, message: "文件里没有内容。" }] };
  const head = table[0].map(norm);
  const col = Object.fromEntries(
    (Object.keys(HEADINGS) as (keyof RosterRowInput)[]).map((k) => [k, head.findIndex((h) => HEADINGS[k].some((w) => norm(w) === h))]),
  ) as Record<keyof RosterRowInput, number>;
  if (col.name < 0) {
    return { ok: false, errors: [{ line: 1, message: `第 1 行应为表头，并含“名称”一列（可选：地区代码、级别、别名、上级）；读到的是：${table[0].join("，").slice(0, 80)}` }] };
  }
  const bounds = regionBounds(rosterRegion);
  const region = getRegion(rosterRegion);
  const rows: RosterRow[] = [];
  const seen = new Map<string, number>();
  table.slice(1).forEach((cells, i) => {
    const line = i + 2;
    if (cells.every((c) => !c?.trim())) return;
    const at = (k: keyof RosterRowInput) => (col[k] >= 0 ? (cells[col[k]] ?? "") : "");
    const parsed = RosterRow.safeParse({
      name: at("name"),
      regionCode: at("regionCode").trim() || rosterRegion,
      level: at("level"),
      aliases: splitAliases(at("aliases")),
      parent: at("parent"),
    });
    if (!parsed.success) {
      errors.push({ line, message: parsed.error.issues.map((x) => x.message).join("；") });
      return;
    }
    const row = parsed.data;
    if (bounds && !(row.regionCode >= bounds[0] && row.regionCode <= bounds[1])) {
      errors.push({ line, message: `地区代码 ${row.regionCode} 不在名单所属的${region?.name ?? rosterRegion}范围内` });
      return;
    }
    const key = `${row.name}|${row.regionCode}`;
    if (seen.has(key)) {
      errors.push({ line, message: `与第 ${seen.get(key)} 行重复（${row.name}）` });
      return;
    }
    seen.set(key, line);
    rows.push({ ...row, level: row.level ?? (getRegion(row.regionCode)?.level as Level | undefined) ?? null });
  });
  if (errors.length) return { ok: false, errors };
  if (rows.length === 0) return { ok: false, errors: [{ line: 2, message: "名单是空的：表头下没有机关。" }] };
  return { ok: true, rows };
}

export { LEVELS };
