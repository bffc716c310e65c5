"use server";
// Server actions of the review pages: correct a report, merge / undo / rename agencies. Anyone
// allowed to upload may (the upload token when one is set); the input is checked by the shared
// zod schemas, whatever the caller sent.
import { z } from "zod";
import { mergeAgencies, renameAgency, undoMerge } from "./agencies";
import { correctReport } from "./correct";
import { runReview, type ReviewResult } from "./run";
import { CorrectionInput, MergeInput, RenameInput } from "./schema";

const tokenOf = (t: unknown) => (typeof t === "string" ? t : null);

export async function correctAction(input: unknown, token: unknown): Promise<ReviewResult<{ reportId: number; version: number; agencyId: number }>> {
  return runReview(CorrectionInput, input, tokenOf(token), async (prisma, c) => {
    const r = await correctReport(prisma, c);
    return { reportId: r.reportId, version: r.version, agencyId: r.agencyId };
  });
}

export async function mergeAction(input: unknown, token: unknown): Promise<ReviewResult<number>> {
  return runReview(MergeInput, input, tokenOf(token), mergeAgencies);
}

export async function undoMergeAction(mergeId: unknown, token: unknown): Promise<ReviewResult<null>> {
  return runReview(z.number().int().positive(), mergeId, tokenOf(token), async (prisma, id) => {
    await undoMerge(prisma, id);
    return null;
  });
}

export async function renameAction(input: unknown, token: unknown): Promise<ReviewResult<null>> {
  return runReview(RenameInput, input, tokenOf(token), async (prisma, r) => {
    await renameAgency(prisma, r);
    return null;
  });
}

/** Agencies whose name contains the text (the merge form's search). */
export async function findAgenciesAction(q: unknown): Promise<Array<{ id: number; name: string; regionName: string; reports: number }>> {
  const parsed = z.string().trim().min(1).max(100).safeParse(q);
  if (!parsed.success) return [];
  const { searchAgencies } = await import("@/lib/queries/agencies");
  return searchAgencies(parsed.data, 10);
}
