import crypto from "node:crypto";
import type { ParsedReport } from "@/lib/model/report-schema";

export const sha256 = (data: Uint8Array | string) => crypto.createHash("sha256").update(data).digest("hex");

/** The same report pasted or uploaded in another file differs only in white space. */
export const normalizedTextSha256 = (text: string) => sha256(text.normalize("NFKC").replace(/\s+/g, ""));

/** Fingerprint of a report's numbers: equal fingerprints mean nothing changed. */
export function numbersSha256(r: ParsedReport): string {
  const t3 = Object.keys(r.table3)
    .sort()
    .map((k) => [k, r.table3[k as keyof typeof r.table3]]);
  const t2 = Object.entries(r.table2);
  return sha256(JSON.stringify({ t3, t4: r.table4, t2 }));
}
