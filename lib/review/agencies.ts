// Agencies merged and renamed by hand (one database function each: reports, roll-ups and the
// carry check change in one transaction). A merge keeps what it changed, so it can be undone.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { correctorName, databaseMessage, ReviewError } from "./correct";
import type { MergeInput, RenameInput } from "./schema";

const MESSAGES: Record<string, string> = {
  same_agency: "不能把一个机关合并到它自己。",
  agency_not_found: "找不到这个机关。",
  already_merged: "其中一个机关已经并入别的机关，请在合并后的机关上操作。",
  merge_not_found: "找不到这次合并。",
  already_undone: "这次合并已经撤销过。",
  merge_changed: "合并后该机关又存入了这些年度的新版本，撤销会把它们隐藏，所以未撤销。",
  name_taken: "这个地区已有同名的机关：两者若是同一机关，请合并。",
};

async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const m = databaseMessage(e)?.match(/\b(same_agency|agency_not_found|already_merged|merge_not_found|already_undone|merge_changed|name_taken)(?::(\d+))?/);
    if (m) throw new ReviewError(MESSAGES[m[1]], m[2] ? Number(m[2]) : undefined);
    throw e;
  }
}

/** Merges agency `fromId` into `intoId`; returns the merge's id (for undo). */
export async function mergeAgencies(prisma: PrismaClient, input: MergeInput): Promise<number> {
  return call(async () => {
    const [row] = await prisma.$queryRaw<{ id: number }[]>`
      SELECT gongkai_merge_agencies(${input.fromId}::int, ${input.intoId}::int, ${correctorName(input.by)}, ${input.reason}) AS id`;
    return row.id;
  });
}

export async function undoMerge(prisma: PrismaClient, mergeId: number): Promise<void> {
  await call(() => prisma.$queryRaw`SELECT gongkai_undo_merge(${mergeId}::int)::text AS done`);
}

export async function renameAgency(prisma: PrismaClient, input: RenameInput): Promise<void> {
  await call(() => prisma.$queryRaw`SELECT gongkai_rename_agency(${input.agencyId}::int, ${input.name})::text AS done`);
}
