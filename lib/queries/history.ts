// A report's version history: every version of its agency and year, and the versions a
// correction was based on when it moved the report from another agency or year; each with what
// changed from the version before it (cells, agency, year, region) and, for a correction, who,
// when and why.
import { getPrisma } from "@/lib/db/client";
import { TABLE3_COLUMNS, TABLE4_KEYS } from "@/lib/model/keys";
import { table4Cells, type Cell } from "@/lib/model/report-schema";
import { regionName } from "./scope";

export interface VersionChange {
  /** "granted.total", "review.upheld", or "agency" / "year" / "region". */
  key: string;
  before: string | number | null;
  after: string | number | null;
}

export interface HistoryEntry {
  id: number;
  version: number;
  inForce: boolean;
  kind: "parsed" | "corrected";
  at: Date;
  by: string | null;
  reason: string | null;
  agency: string;
  year: number;
  findingCount: number;
  basedOn: number | null;
  changes: VersionChange[];
}

interface Loaded {
  id: number;
  version: number;
  inForce: boolean;
  kind: string;
  importedAt: Date;
  correctedBy: string | null;
  reason: string | null;
  basedOnReportId: number | null;
  agencyId: number;
  year: number;
  regionCode: string | null;
  findingCount: number;
  agency: { name: string };
  table4: unknown;
  table3: Array<{ row: string; naturalPerson: Cell; commercial: Cell; research: Cell; socialOrg: Cell; legalService: Cell; otherOrg: Cell; total: Cell }>;
}

/** Every cell of a version as key → value. */
export function cellsOf(r: Pick<Loaded, "table3" | "table4">): Map<string, Cell> {
  const out = new Map<string, Cell>();
  for (const t of r.table3) {
    const v = [t.naturalPerson, t.commercial, t.research, t.socialOrg, t.legalService, t.otherOrg, t.total];
    TABLE3_COLUMNS.forEach((c, i) => out.set(`${t.row}.${c}`, v[i]));
  }
  const t4 = table4Cells(r.table4);
  if (t4) TABLE4_KEYS.forEach((k, i) => out.set(k, t4[i]));
  return out;
}

function diff(before: Loaded, after: Loaded): VersionChange[] {
  const changes: VersionChange[] = [];
  if (before.agency.name !== after.agency.name) changes.push({ key: "agency", before: before.agency.name, after: after.agency.name });
  if (before.year !== after.year) changes.push({ key: "year", before: before.year, after: after.year });
  if ((before.regionCode ?? "") !== (after.regionCode ?? "")) {
    changes.push({ key: "region", before: regionName(before.regionCode?.trim()) || "未知", after: regionName(after.regionCode?.trim()) || "未知" });
  }
  const a = cellsOf(before);
  const b = cellsOf(after);
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key) ?? null;
    const y = b.get(key) ?? null;
    if (x !== y) changes.push({ key, before: x, after: y });
  }
  return changes;
}

const SELECT = {
  id: true,
  version: true,
  inForce: true,
  kind: true,
  importedAt: true,
  correctedBy: true,
  reason: true,
  basedOnReportId: true,
  agencyId: true,
  year: true,
  regionCode: true,
  findingCount: true,
  table4: true,
  agency: { select: { name: true } },
  table3: { select: { row: true, naturalPerson: true, commercial: true, research: true, socialOrg: true, legalService: true, otherOrg: true, total: true } },
} as const;

export async function reportHistory(id: number): Promise<{ entries: HistoryEntry[]; parsedValues: Record<string, Cell> }> {
  const prisma = getPrisma();
  const r = await prisma.report.findUnique({ where: { id }, select: { agencyId: true, year: true } });
  if (!r) return { entries: [], parsedValues: {} };
  const loaded = new Map<number, Loaded>();
  for (const v of await prisma.report.findMany({ where: { agencyId: r.agencyId, year: r.year }, select: SELECT, take: 200 })) loaded.set(v.id, v);
  // Corrections that moved a report: follow what they were based on (a short chain).
  for (let i = 0; i < 20; i++) {
    const missing = [...loaded.values()].map((v) => v.basedOnReportId).filter((b): b is number => b !== null && !loaded.has(b));
    if (missing.length === 0) break;
    for (const v of await prisma.report.findMany({ where: { id: { in: missing } }, select: SELECT })) loaded.set(v.id, v);
  }
  const list = [...loaded.values()].sort((a, b) => a.importedAt.getTime() - b.importedAt.getTime() || a.id - b.id);
  const entries = list.map((v, i): HistoryEntry => {
    const before = v.basedOnReportId !== null ? loaded.get(v.basedOnReportId) : list.slice(0, i).reverse().find((p) => p.agencyId === v.agencyId && p.year === v.year);
    return {
      id: v.id,
      version: v.version,
      inForce: v.inForce,
      kind: v.kind === "corrected" ? "corrected" : "parsed",
      at: v.importedAt,
      by: v.correctedBy,
      reason: v.reason,
      agency: v.agency.name,
      year: v.year,
      findingCount: v.findingCount,
      basedOn: v.basedOnReportId,
      changes: before ? diff(before, v) : [],
    };
  });

  // The parsed value beside each corrected cell of this version: from the parsed version its
  // corrections started from.
  const parsedValues: Record<string, Cell> = {};
  let cur = loaded.get(id);
  const self = cur;
  while (cur && cur.kind === "corrected" && cur.basedOnReportId !== null) cur = loaded.get(cur.basedOnReportId);
  if (self && cur && cur !== self) {
    const was = cellsOf(cur);
    for (const [k, v] of cellsOf(self)) if ((was.get(k) ?? null) !== v) parsedValues[k] = was.get(k) ?? null;
  }
  return { entries: entries.reverse(), parsedValues };
}
