"use server";
// Server actions of the upload page: preview (nothing stored) and save (one transaction).
import { headers } from "next/headers";
import { getPrisma } from "@/lib/db/client";
import { isDatabaseUnavailable, OUTAGE_MESSAGE } from "@/lib/db/outage";
import { clientAddress, rateLimitTake, RATE_MESSAGE, TOKEN_MESSAGE, tokenAccepted } from "./guard";
import { previewUpload, saveUpload, type UploadInput, type UploadPreview, type UploadSave } from "./upload";
import { fileNameProblem, PastedText, UploadOptions } from "./upload-schema";
import { PROGRESS_TOKEN } from "./ocr-progress";

type Parsed = { ok: true; input: UploadInput; options: UploadOptions } | { ok: false; name: string; error: string; outage?: true; code?: string };

const BAD_REQUEST = "请求格式有误，请刷新页面后重试。";

/**
 * The form of a preview or a save, checked: a call with anything but a FormData (a script calling
 * the action with the wrong arguments) is told so instead of failing inside. Every file counts
 * against the rate limit, preview and save alike, as on the API.
 */
async function parseForm(form: unknown): Promise<Parsed> {
  if (!(form instanceof FormData)) return { ok: false, name: "", error: BAD_REQUEST };
  const file = form.get("file");
  const url = form.get("url")?.toString().trim();
  const name = file instanceof File ? file.name : url || "粘贴的文字";
  if (!tokenAccepted(form.get("token")?.toString())) return { ok: false, name, error: TOKEN_MESSAGE };
  if (file instanceof File) {
    const bad = fileNameProblem(file.name);
    if (bad) return { ok: false, name: "", error: bad };
  }
  try {
    if (!(await rateLimitTake(getPrisma(), clientAddress(await headers()), 1))) return { ok: false, name, error: RATE_MESSAGE };
  } catch (e) {
    if (isDatabaseUnavailable(e)) return { ok: false, name, error: `文件未保存：${OUTAGE_MESSAGE}`, outage: true };
    throw e;
  }

  let options: UploadOptions;
  try {
    const parsed = UploadOptions.safeParse(JSON.parse(form.get("options")?.toString() || "{}"));
    if (!parsed.success) {
      // What the person typed (a reason too short, a region not in the table): back to the form.
      const issue = parsed.error.issues[0];
      return { ok: false, name, error: issue.message, code: issue.path.includes("reason") ? "reason_missing" : "edit_invalid" };
    }
    options = parsed.data;
  } catch {
    return { ok: false, name, error: "表单数据有误，请刷新页面后重试。" };
  }
  if (file instanceof File) {
    const progress = form.get("progress")?.toString();
    return {
      ok: true,
      input: { kind: "file", bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name, ...(progress && PROGRESS_TOKEN.test(progress) && { progress }) },
      options,
    };
  }
  if (url) return { ok: true, input: { kind: "url", url }, options };
  const text = PastedText.safeParse(form.get("text")?.toString() ?? "");
  if (!text.success) return { ok: false, name, error: text.error.issues[0].message };
  return { ok: true, input: { kind: "text", text: text.data }, options };
}

export async function previewAction(form: FormData): Promise<UploadPreview> {
  const p = await parseForm(form);
  if (!p.ok) return p;
  return previewUpload(getPrisma(), p.input, p.options);
}

export async function saveAction(form: FormData): Promise<UploadSave> {
  const p = await parseForm(form);
  if (!p.ok) return p;
  return saveUpload(getPrisma(), p.input, p.options);
}

/** Region autocomplete for the preview form: up to 20 regions whose name contains the query. */
export async function suggestRegionsAction(query: string): Promise<{ code: string; label: string }[]> {
  if (typeof query !== "string") return [];
  const { REGIONS, regionChain } = await import("@/lib/regions");
  const q = query.trim().slice(0, 50);
  if (!q) return [];
  return REGIONS.filter((r) => r.name.includes(q) || r.code.startsWith(q))
    .slice(0, 20)
    .map((r) => ({ code: r.code, label: `${regionChain(r.code).map((c) => c.name).join(" ")}（${r.code}）` }));
}

export interface RegionAnswer {
  /** The one region the text names (a six-digit code, a full label, or a name only one region has). */
  match: { code: string; label: string } | null;
  /** Otherwise the regions it could be (several of one name, or names containing it). */
  candidates: { code: string; label: string }[];
}

/** A region typed in the form, resolved: one match, or the candidates to choose from. */
export async function resolveRegionAction(query: unknown): Promise<RegionAnswer> {
  const { REGIONS, getRegion, regionChain, findRegionsByName } = await import("@/lib/regions");
  const q = typeof query === "string" ? query.trim().slice(0, 100) : "";
  const label = (code: string) => `${regionChain(code).map((c) => c.name).join(" ")}（${code}）`;
  const one = (code: string) => ({ match: { code, label: label(code) }, candidates: [] });
  if (!q) return { match: null, candidates: [] };
  const code = q.match(/(\d{6})\s*[)）]?\s*$/)?.[1];
  if (code && getRegion(code)) return one(code);
  const exact = findRegionsByName(q);
  if (exact.length === 1) return one(exact[0].code);
  let list = exact.length ? exact : REGIONS.filter((r) => r.name.includes(q));
  if (list.length === 1 && !exact.length && list[0].name !== q) return { match: null, candidates: [{ code: list[0].code, label: label(list[0].code) }] };
  if (list.length === 1) return one(list[0].code);
  // A misprinted name (沐阳县 for 沭阳县): the names one character away, to choose from.
  // CJK ideographs are ordered by radical, then strokes: a look-alike (沭 for 沐, same radical)
  // sits near the misprint, so the nearest code point comes first.
  if (list.length === 0) {
    const distance = (name: string) => {
      const i = [...name].findIndex((c, j) => c !== q[j]);
      return Math.abs(name.charCodeAt(i) - q.charCodeAt(i));
    };
    list = REGIONS.filter((r) => r.name.length === q.length && [...r.name].filter((c, i) => c !== q[i]).length === 1).sort((x, y) => distance(x.name) - distance(y.name));
  }
  return { match: null, candidates: list.slice(0, 20).map((r) => ({ code: r.code, label: label(r.code) })) };
}
