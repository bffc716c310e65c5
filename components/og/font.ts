// A CJK font for next/og (Satori reads .ttf/.otf/.woff, not font collections). Debian's
// fonts-noto-cjk ships Noto Sans CJK as a .ttc, so we cut the Simplified Chinese face out of
// the collection into a standalone OpenType font, once per process. Without a CJK font on the
// machine the OG images fall back to Latin-only text (see ogText).
import fs from "node:fs";

const CANDIDATES: Array<{ path: string; face?: number }> = [
  { path: process.env.GONGKAI_OG_FONT ?? "" },
  { path: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", face: 2 },
  { path: "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", face: 2 },
  { path: "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", face: 2 },
  { path: "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc", face: 2 },
  { path: "/System/Library/Fonts/PingFang.ttc", face: 0 },
];

/** One face of a TrueType/OpenType collection as a standalone font file. */
export function faceFromCollection(ttc: Buffer, face: number): Buffer {
  if (ttc.toString("latin1", 0, 4) !== "ttcf") return ttc;
  const numFonts = ttc.readUInt32BE(8);
  if (face >= numFonts) face = 0;
  const offset = ttc.readUInt32BE(12 + 4 * face);
  const numTables = ttc.readUInt16BE(offset + 4);
  const headerSize = 12 + 16 * numTables;
  const tables = Array.from({ length: numTables }, (_, i) => {
    const rec = offset + 12 + 16 * i;
    return {
      tag: ttc.subarray(rec, rec + 4),
      checksum: ttc.readUInt32BE(rec + 4),
      offset: ttc.readUInt32BE(rec + 8),
      length: ttc.readUInt32BE(rec + 12),
    };
  });
  let size = headerSize;
  for (const t of tables) size += (t.length + 3) & ~3;
  const out = Buffer.alloc(size);
  ttc.copy(out, 0, offset, offset + 12);
  let at = headerSize;
  tables.forEach((t, i) => {
    const rec = 12 + 16 * i;
    t.tag.copy(out, rec);
    out.writeUInt32BE(t.checksum, rec + 4);
    out.writeUInt32BE(at, rec + 8);
    out.writeUInt32BE(t.length, rec + 12);
    ttc.copy(out, at, t.offset, t.offset + t.length);
    at += (t.length + 3) & ~3;
  });
  return out;
}

let cached: Promise<ArrayBuffer | null> | undefined;

export function cjkFont(): Promise<ArrayBuffer | null> {
  cached ??= (async () => {
    for (const c of CANDIDATES) {
      if (!c.path || !fs.existsSync(/*turbopackIgnore: true*/ c.path)) continue;
      try {
        const buf = faceFromCollection(await fs.promises.readFile(/*turbopackIgnore: true*/ c.path), c.face ?? 0);
        return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
      } catch {
        // try the next one
      }
    }
    return null;
  })();
  return cached;
}

/** The ImageResponse options every share card uses: 1200 × 630, the CJK font when found, cached 5 minutes. */
export const cardResponse = (font: ArrayBuffer | Buffer | null | undefined) => ({
  width: 1200,
  height: 630,
  fonts: font ? [{ name: "Noto Sans CJK SC", data: font, weight: 400 as const, style: "normal" as const }] : undefined,
  headers: { "cache-control": "public, max-age=300" },
});
