"use server";
// Server actions of the roster page: import a file (replaces the region's roster), add or remove
// one agency, remove the roster. Writes, so guarded like uploads (UPLOAD_TOKEN, rate limit).
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { getPrisma } from "@/lib/db/client";
import { isDatabaseUnavailable, OUTAGE_MESSAGE } from "@/lib/db/outage";
import { clientAddress, rateLimitTake, RATE_MESSAGE, TOKEN_MESSAGE, tokenAccepted } from "@/lib/ingest/guard";
import { readTable, RosterFileError } from "./read-table";
import { checkRosterTable, RosterRegion, type RowError } from "./schema";
import { addRosterEntry, importRoster, removeRoster, removeRosterEntry } from "./store";

export type RosterActionResult = { ok: true; message: string } | { ok: false; message: string; errors?: RowError[] } | null;

async function guard(form: FormData): Promise<string | null> {
  if (!tokenAccepted(form.get("token")?.toString())) return TOKEN_MESSAGE;
  // A roster write counts as one upload against the shared limit (kept in Postgres).
  try {
    if (!(await rateLimitTake(getPrisma(), clientAddress(await headers()), 1))) return RATE_MESSAGE;
  } catch (e) {
    if (isDatabaseUnavailable(e)) return OUTAGE_MESSAGE;
    throw e;
  }
  return null;
}

async function write(fn: () => Promise<RosterActionResult>): Promise<RosterActionResult> {
  try {
    const result = await fn();
    revalidatePath("/coverage", "layout");
    return result;
  } catch (e) {
    if (isDatabaseUnavailable(e)) return { ok: false, message: OUTAGE_MESSAGE };
    console.error("roster write failed", e);
    return { ok: false, message: "保存名单时出错，名单未改动。请稍后再试。" };
  }
}

export async function importRosterAction(_prev: RosterActionResult, form: FormData): Promise<RosterActionResult> {
  const denied = await guard(form);
  if (denied) return { ok: false, message: denied };
  const region = RosterRegion.safeParse(form.get("region")?.toString() ?? "");
  if (!region.success) return { ok: false, message: region.error.issues[0].message };
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return { ok: false, message: "请选择名单文件（CSV 或 XLSX）。" };
  let table: string[][];
  try {
    table = await readTable(new Uint8Array(await file.arrayBuffer()), file.name);
  } catch (e) {
    if (e instanceof RosterFileError) return { ok: false, message: e.message };
    throw e;
  }
  const checked = checkRosterTable(table, region.data);
  if (!checked.ok) return { ok: false, message: `名单有 ${checked.errors.length} 处错误，未导入任何一行。请改正后重新导入。`, errors: checked.errors.slice(0, 200) };
  return write(async () => {
    const r = await importRoster(getPrisma(), region.data, file.name, checked.rows);
    return { ok: true, message: `已导入 ${r.entries} 个机关。` };
  });
}

export async function addRosterEntryAction(_prev: RosterActionResult, form: FormData): Promise<RosterActionResult> {
  const denied = await guard(form);
  if (denied) return { ok: false, message: denied };
  const region = RosterRegion.safeParse(form.get("region")?.toString() ?? "");
  if (!region.success) return { ok: false, message: region.error.issues[0].message };
  const checked = checkRosterTable(
    [
      ["名称", "地区代码", "级别", "别名", "上级"],
      ["name", "regionCode", "level", "aliases", "parent"].map((k) => form.get(k)?.toString() ?? ""),
    ],
    region.data,
  );
  if (!checked.ok) return { ok: false, message: checked.errors.map((e) => e.message).join("；") };
  return write(async () => {
    await addRosterEntry(getPrisma(), region.data, checked.rows[0]);
    return { ok: true, message: `已添加 ${checked.rows[0].name}。` };
  });
}

export async function removeRosterEntryAction(_prev: RosterActionResult, form: FormData): Promise<RosterActionResult> {
  const denied = await guard(form);
  if (denied) return { ok: false, message: denied };
  const id = Number(form.get("entry"));
  if (!Number.isInteger(id) || id <= 0 || id >= 2 ** 31) return { ok: false, message: "要移除的机关不存在。" };
  return write(async () => {
    await removeRosterEntry(getPrisma(), id);
    return { ok: true, message: "已从名单中移除。" };
  });
}

export async function removeRosterAction(_prev: RosterActionResult, form: FormData): Promise<RosterActionResult> {
  const denied = await guard(form);
  if (denied) return { ok: false, message: denied };
  const region = RosterRegion.safeParse(form.get("region")?.toString() ?? "");
  if (!region.success) return { ok: false, message: region.error.issues[0].message };
  return write(async () => {
    await removeRoster(getPrisma(), region.data);
    return { ok: true, message: "已删除名单：这个地区改按默认名单（近几年有年报的机关）统计。" };
  });
}
