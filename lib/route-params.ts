// What a page's path names, read once per request (React's cache: generateMetadata and the page
// share it) or answered with the Chinese 404: agency and report ids, region codes.
import { notFound } from "next/navigation";
import { cache } from "react";
import { getAgency } from "@/lib/queries/agencies";
import { getReport } from "@/lib/queries/reports";
import { regionInfo } from "@/lib/queries/scope";

/** A database id from the path: digits only, within int4 (anything else is a 404, not a query). */
function idOf(raw: string): number {
  const id = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(id) || id <= 0 || id >= 2 ** 31) notFound();
  return id;
}

export const agencyOf = cache(async (raw: string) => (await getAgency(idOf(raw))) ?? notFound());

export const reportOf = cache(async (raw: string) => (await getReport(idOf(raw))) ?? notFound());

export function regionOf(code: string) {
  return (/^\d{6}$/.test(code) ? regionInfo(code) : null) ?? notFound();
}
