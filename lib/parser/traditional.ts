// Traditional → Simplified, characters and the Taiwan vocabulary these reports use (檔案 → 文件,
// 資訊 → 信息), with OpenCC's tw → cn dictionaries plus a short word list. (OpenCC's full Taiwan
// phrase set, twp, rewrites mainland words too: 查詢 → 查找, 文件 → 文档, 建立 → 创建.) The
// converter is built on first use and only for texts that look Traditional: conversion costs
// about a millisecond per report.
import { ConverterFactory, type ConverterFunction } from "opencc-js/core";
import TSCharacters from "opencc-js/dict/TSCharacters";
import fromTw from "opencc-js/from/tw";
import toCn from "opencc-js/to/cn";

/** Taiwan words → mainland words (the longer entries keep 檔案館 an archive). */
export const VOCABULARY: [string, string][] = [
  ["檔案", "文件"],
  ["檔案館", "档案馆"],
  ["檔案局", "档案局"],
  ["檔案室", "档案室"],
  ["人事檔案", "人事档案"],
  ["檔案管理", "档案管理"],
  ["資訊", "信息"],
  ["網路", "网络"],
  ["網際網路", "互联网"],
  ["軟體", "软件"],
  ["硬體", "硬件"],
  ["數位", "数字"],
  ["視訊", "视频"],
  ["資料庫", "数据库"],
  ["伺服器", "服务器"],
  ["行動裝置", "移动设备"],
];

let converter: ConverterFunction | null = null;
/** 1 = a Traditional-only character, 2 = a Simplified-only character. */
let marks: Uint8Array | null = null;

function buildMarks(): Uint8Array {
  const m = new Uint8Array(65536);
  for (const pair of (TSCharacters as string).split("|")) {
    const [trad, ...simps] = pair.split(" ");
    if (trad.length !== 1) continue;
    for (const s of simps) {
      if (s.length === 1 && s !== trad) {
        m[s.charCodeAt(0)] = 2;
        // A character that is also some Simplified form (著, 乾 …) proves nothing.
        if (!simps.includes(trad)) m[trad.charCodeAt(0)] = 1;
      }
    }
  }
  // Keep characters that are both (after all pairs are read) neutral.
  for (const pair of (TSCharacters as string).split("|")) {
    const [trad, ...simps] = pair.split(" ");
    if (trad.length === 1 && m[trad.charCodeAt(0)] === 2 && simps.some((s) => s !== trad)) m[trad.charCodeAt(0)] = 0;
  }
  return m;
}

/** True when the text is written mostly in Traditional characters. */
export function looksTraditional(text: string, from = 0, to = Math.min(text.length, 200_000)): boolean {
  const { trad, simp } = countMarks(text, from, to);
  return trad >= 5 && trad > 3 * simp;
}

/** The first character code any dictionary entry holds (a test checks every entry): text below it
 * (digits, Latin, white space, 、。, the table's pipes) is never part of a match, so the converter
 * sees only the runs of characters from here on, each converted on its own. */
export const CONVERTED_FROM = 0x3400;

/** Runs converted before: a report's template words recur in every report of a file. */
const converted = new Map<string, string>();

export function toSimplified(text: string): string {
  let out = "";
  let copied = 0;
  for (let i = 0; i < text.length; ) {
    if (text.charCodeAt(i) < CONVERTED_FROM) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < text.length && text.charCodeAt(j) >= CONVERTED_FROM) j++;
    const run = text.slice(i, j);
    let simp = converted.get(run);
    if (simp === undefined) {
      simp = convertWhole(run);
      if (converted.size > 20_000) converted.clear();
      // (A long run, a whole article on one line, is not kept: it will not come again.)
      if (run.length <= 200) converted.set(run, simp);
    }
    out += text.slice(copied, i) + simp;
    copied = i = j;
  }
  return out + text.slice(copied);
}

/** OpenCC's converter over the whole of a string (what toSimplified must equal). */
export function convertWhole(text: string): string {
  converter ??= ConverterFactory([[VOCABULARY, ...fromTw[0]]], toCn);
  return converter(text);
}

/** At least `n` Traditional-only characters in the whole text. */
function hasTraditional(text: string, n: number): boolean {
  marks ??= buildMarks();
  const m = marks;
  let trad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x3400 && m[c] === 1 && ++trad >= n) return true;
  }
  return false;
}

/** Traditional-only and Simplified-only characters in text[from, to), counted up to 600. */
function countMarks(text: string, from: number, to: number): { trad: number; simp: number } {
  marks ??= buildMarks();
  let trad = 0;
  let simp = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x3400) continue;
    const k = marks[c];
    if (k === 1) trad++;
    else if (k === 2) simp++;
    else continue;
    if (trad + simp >= 600) break;
  }
  return { trad, simp };
}

/** The text with its Traditional lines made Simplified (a file holding a Traditional report after a
 * Simplified one): each line decided by its own characters, a line with too few to tell (numbers,
 * a short label) going with the line before; null when nothing is Traditional. Line breaks are
 * kept, so offsets map back line by line. */
export function simplifyTraditionalParts(text: string): string | null {
  // Nothing is converted unless some line holds 3 Traditional-only characters or the text looks
  // Traditional (5 or more): a text with fewer than 3 in all is left as it is after one tight
  // pass, without the per-line counting below (most texts: Simplified throughout).
  if (!hasTraditional(text, 3)) return null;
  const parts: string[] = [];
  let changed = false;
  let trad = looksTraditional(text);
  let runStart = 0;
  let runTrad = trad;
  const flush = (to: number) => {
    if (to <= runStart) return;
    const part = text.slice(runStart, to);
    if (runTrad) {
      parts.push(toSimplified(part));
      changed = true;
    } else parts.push(part);
    runStart = to;
  };
  for (let from = 0; from < text.length; ) {
    let to = text.indexOf("\n", from);
    to = to < 0 ? text.length : to + 1;
    const m = countMarks(text, from, to);
    // A line with a few Traditional-only characters is converted whatever else it holds (two
    // files glued on one line; converting Simplified text changes nothing); a line of too few
    // characters to tell goes with the lines before.
    if (m.trad >= 3) trad = true;
    else if (m.simp >= 3 && m.simp > 2 * m.trad) trad = false;
    if (trad !== runTrad) {
      flush(from);
      runTrad = trad;
    }
    from = to;
  }
  flush(text.length);
  return changed ? parts.join("") : null;
}
