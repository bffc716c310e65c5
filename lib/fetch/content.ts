// What a response is: its declared Content-Type checked against its bytes. A server that says
// PDF but sends a web page (a login or error page served with 200) is refused instead of read as
// a report; a file name for the extract stage comes from the URL or Content-Disposition.
import { FetchError } from "./http";

export type BodyKind = "pdf" | "zip" | "ole" | "text";

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((v, i) => b[i] === v);

/** The format the bytes announce (the same signatures lib/extract reads by). */
export function sniff(b: Uint8Array): BodyKind {
  if (Buffer.from(b.buffer, b.byteOffset, Math.min(1024, b.byteLength)).toString("latin1").includes("%PDF-")) return "pdf";
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return "zip";
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "ole";
  return "text";
}

type Declared = BodyKind | "generic" | "other";

function declared(contentType: string | undefined): Declared {
  const t = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (!t || t === "application/octet-stream" || t === "application/force-download" || t === "application/x-download" || t === "binary/octet-stream") return "generic";
  if (t === "application/pdf" || t === "application/x-pdf") return "pdf";
  if (t.includes("openxmlformats")) return "zip";
  if (t === "application/msword" || t === "application/vnd.ms-excel" || t.includes("wps") || t === "application/vnd.ms-works") return "ole";
  if (t.startsWith("text/") || t.includes("html") || t.includes("xml") || t === "application/json" || t === "application/javascript") return "text";
  return "other";
}

const LABEL: Record<BodyKind, string> = { pdf: "PDF", zip: "Word (.docx)", ole: "Word/WPS/Excel (.doc .wps .xls)", text: "网页或文字" };

/**
 * The kind of the body, or a FetchError when the declared type contradicts the bytes or is not
 * a document at all (image/*, video/*, an archive).
 */
export function checkContent(url: string, headers: Record<string, string>, bytes: Uint8Array): BodyKind {
  const kind = sniff(bytes);
  const said = declared(headers["content-type"]);
  if (said === "other") {
    const t = headers["content-type"]?.split(";")[0].trim();
    // A Word file sent as application/zip is still a Word file; anything else is not a report.
    if (!(kind !== "text" && /zip|octet/.test(t ?? ""))) {
      throw new FetchError("content", `${url} 的内容类型是 ${t}，不是网页、PDF 或 Word 文件。`);
    }
  }
  if (said !== "generic" && said !== "other" && said !== "text" && said !== kind) {
    throw new FetchError("content", `${url} 声明是 ${LABEL[said]}，但收到的内容是${LABEL[kind]}（可能是出错页或登录页），未导入。`);
  }
  return kind;
}

/** The charset a Content-Type declares ("text/html; charset=GBK" → "GBK"), or null. */
export const charsetOf = (contentType?: string) => /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? "")?.[1] ?? null;

/** A file name for the extract stage: Content-Disposition's, else the URL's last segment. */
export function fileNameFor(url: string, headers: Record<string, string>, kind: BodyKind): string {
  const cd = headers["content-disposition"] ?? "";
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(cd);
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(cd);
  let name = "";
  try {
    name = star ? decodeURIComponent(star[1]) : plain ? plain[1] : decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "");
  } catch {
    name = "";
  }
  name = name.replace(/[\\/\0]/g, "_").trim().slice(0, 200);
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? "";
  const want = { pdf: "pdf", zip: "docx", ole: "doc", text: "html" }[kind];
  if (kind === "text" && /^(s?html?|txt|jsp|aspx?|php|xml)$/.test(ext)) return name;
  if (kind === "ole" && /^(doc|wps|xls)$/.test(ext)) return name;
  if (ext === want) return name;
  return `${name || "page"}.${want}`;
}
