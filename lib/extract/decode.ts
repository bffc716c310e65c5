// Bytes of a text or HTML file → string, in UTF-8, GBK/GB18030 or UTF-16 — never mojibake:
// a decode that needs replacement characters or yields implausible text is rejected.
import chardet from "chardet";
import iconv from "iconv-lite";
import { ExtractError } from "./errors";

function bomEncoding(b: Uint8Array): string | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return "utf-8";
  if (b[0] === 0xff && b[1] === 0xfe) return "utf-16le";
  if (b[0] === 0xfe && b[1] === 0xff) return "utf-16be";
  return null;
}

/** UTF-16 without a BOM: the ASCII in a report (digits, "|", spaces) puts zero bytes on one
 * side of each pair only; CJK puts none. */
export function utf16Guess(b: Uint8Array): string | null {
  const n = Math.min(b.length - (b.length % 2), 65536);
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZero++;
    if (b[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  // (A CJK character such as 一 U+4E00 has a zero byte too, on the other side: allow a few.)
  if (oddZero / pairs > 0.02 && evenZero <= oddZero * 0.25) return "utf-16le";
  if (evenZero / pairs > 0.02 && oddZero <= evenZero * 0.25) return "utf-16be";
  return null;
}

function metaCharset(b: Uint8Array): string | null {
  const head = Buffer.from(b.subarray(0, 2048)).toString("latin1");
  return /<meta[^>]+charset=["']?\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase() ?? null;
}

/** Share of characters that no report contains: controls, replacement chars, private use. */
function implausible(s: string): number {
  if (!s.length) return 0;
  let bad = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c === 0xfffd || (c < 0x20 && c !== 9 && c !== 10 && c !== 13) || (c >= 0xe000 && c <= 0xf8ff) || (c >= 0x80 && c < 0xa0)) bad++;
  }
  return bad / s.length;
}

export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  const candidates: string[] = [];
  const bom = bomEncoding(bytes);
  if (bom) candidates.push(bom);
  const u16 = utf16Guess(bytes);
  if (u16) candidates.push(u16);
  candidates.push("utf-8");
  const meta = metaCharset(bytes);
  if (meta) candidates.push(meta === "gb2312" || meta === "gbk" ? "gb18030" : meta);
  const detected = chardet.detect(bytes)?.toLowerCase();
  if (detected) candidates.push(/^(gb2312|gbk|gb18030)$/.test(detected) ? "gb18030" : detected);
  candidates.push("gb18030", "big5");

  for (const enc of [...new Set(candidates)]) {
    if (!iconv.encodingExists(enc)) continue;
    if (enc === "utf-8") {
      try {
        const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
        if (implausible(text) < 0.01) return { text, encoding: "utf-8" };
      } catch {
        /* not UTF-8 */
      }
      continue;
    }
    const text = iconv.decode(Buffer.from(bytes), enc);
    if (implausible(text) < 0.01) return { text, encoding: enc };
  }
  throw new ExtractError("unreadable_encoding");
}
