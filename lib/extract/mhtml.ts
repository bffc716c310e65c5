// MHTML (.mht, "single file web page"; Word saves these, and sites often serve them as .doc):
// a MIME multipart message whose text/html part is the page.

const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("latin1");

export function looksLikeMhtml(b: Uint8Array): boolean {
  const head = latin1(b.subarray(0, 8192));
  return /^MIME-Version:/im.test(head) && /Content-Type:\s*multipart\/(?:related|mixed|alternative)/i.test(head);
}

function decodeQuotedPrintable(s: string): Buffer {
  const body = s.replace(/=\r?\n/g, "");
  const out: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 0x3d && /^[0-9A-Fa-f]{2}$/.test(body.slice(i + 1, i + 3))) {
      out.push(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(c & 0xff);
  }
  return Buffer.from(out);
}

/** The first text/html part: its bytes (transfer encoding undone) and declared charset. */
export function mhtmlHtmlPart(b: Uint8Array): { bytes: Buffer; charset: string | null } | null {
  const s = latin1(b);
  const headerEnd = s.search(/\r?\n\r?\n/);
  const headers = (headerEnd < 0 ? s : s.slice(0, headerEnd)).replace(/\r?\n[ \t]+/g, " ");
  const boundary = /boundary\s*=\s*"?([^";\r\n]+)"?/i.exec(headers)?.[1];
  if (!boundary) return null;
  for (const part of s.split(`--${boundary}`).slice(1)) {
    if (part.startsWith("--")) break; // closing delimiter
    const m = /\r?\n\r?\n/.exec(part);
    if (!m) continue;
    const head = part.slice(0, m.index).replace(/\r?\n[ \t]+/g, " ");
    if (!/Content-Type:\s*text\/html/i.test(head)) continue;
    const charset = /charset\s*=\s*"?([^";\s]+)"?/i.exec(head)?.[1] ?? null;
    const encoding = /Content-Transfer-Encoding:\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase() ?? "7bit";
    const raw = part.slice(m.index + m[0].length).replace(/\r?\n$/, "");
    const bytes =
      encoding === "quoted-printable"
        ? decodeQuotedPrintable(raw)
        : encoding === "base64"
          ? Buffer.from(raw.replace(/\s+/g, ""), "base64")
          : Buffer.from(raw, "latin1");
    return { bytes, charset };
  }
  return null;
}
