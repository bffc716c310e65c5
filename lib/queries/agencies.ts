// Reads for the agency directory and the agency page. Only reports in force count.
import { getPrisma } from "@/lib/db/client";
import { TABLE3_COLUMNS, type Table3Column } from "@/lib/model/keys";
import { regionPath } from "./regions";

export interface AgencyListItem {
  id: number;
  name: string;
  level: string | null;
  regionCode: string | null;
  regionName: string;
  years: number[];
  latestNewReceived: number | null;
}

export async function listAgencies(): Promise<AgencyListItem[]> {
  const prisma = getPrisma();
  const agencies = await prisma.agency.findMany({
    orderBy: { name: "asc" },
    include: {
      reports: { where: { inForce: true }, select: { year: true, newReceived: true }, orderBy: { year: "asc" } },
    },
  });
  const paths = await regionPath(agencies.map((a) => a.regionCode));
  return agencies.map((a) => ({
    id: a.id,
    name: a.name,
    level: a.level,
    regionCode: a.regionCode,
    regionName: a.regionCode ? (paths.get(a.regionCode)?.map((r) => r.name).join(" ") ?? "") : "",
    years: a.reports.map((r) => r.year),
    latestNewReceived: a.reports.at(-1)?.newReceived ?? null,
  }));
}

export type ColumnValues = Record<Table3Column, number>;

export interface AgencyYear {
  reportId: number;
  year: number;
  version: number;
  findingCount: number;
  newReceived: ColumnValues | null;
  outcomes: {
    granted: number | null;
    partiallyGranted: number | null;
    denied: number | null;
    unable: number | null;
    notProcessed: number | null;
    other: number | null;
  };
  totalProcessed: number | null;
  carriedOver: number | null;
  carriedForward: number | null;
  reviewTotal: number | null;
  litigationTotal: number | null;
}

export async function getAgency(id: number) {
  const prisma = getPrisma();
  const agency = await prisma.agency.findUnique({
    where: { id },
    include: {
      reports: {
        where: { inForce: true },
        orderBy: { year: "asc" },
        include: { table3: { where: { row: "new_received" } } },
      },
    },
  });
  if (!agency) return null;
  const path = agency.regionCode ? ((await regionPath([agency.regionCode])).get(agency.regionCode) ?? []) : [];
  const years: AgencyYear[] = agency.reports.map((r) => {
    const row = r.table3[0];
    return {
      reportId: r.id,
      year: r.year,
      version: r.version,
      findingCount: r.findingCount,
      newReceived: row
        ? (Object.fromEntries(
            TABLE3_COLUMNS.map((c, i) => [
              c,
              [row.naturalPerson, row.commercial, row.research, row.socialOrg, row.legalService, row.otherOrg, row.total][i],
            ]),
          ) as ColumnValues)
        : null,
      outcomes: {
        granted: r.granted,
        partiallyGranted: r.partiallyGranted,
        denied: r.denied,
        unable: r.unable,
        notProcessed: r.notProcessed,
        other: r.otherOutcome,
      },
      totalProcessed: r.totalProcessed,
      carriedOver: r.carriedOver,
      carriedForward: r.carriedForward,
      reviewTotal: r.reviewTotal,
      litigationTotal: r.litigationTotal,
    };
  });
  return { id: agency.id, name: agency.name, level: agency.level, regionPath: path, years };
}
