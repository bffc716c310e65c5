import fs from "node:fs";
import path from "node:path";

export const REPORT_EXTENSIONS = [".txt", ".html", ".htm", ".pdf", ".docx", ".doc"];

/** Report files under the given paths (folders recursively), sorted, each once. */
export function listReportFiles(paths: string[]): string[] {
  const out = new Set<string>();
  const walk = (p: string) => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) {
        if (!name.startsWith(".")) walk(path.join(p, name));
      }
    } else if (REPORT_EXTENSIONS.includes(path.extname(p).toLowerCase())) {
      out.add(path.resolve(p));
    }
  };
  for (const p of paths) {
    if (!fs.existsSync(p)) throw new Error(`找不到文件或文件夹：${p}`);
    walk(p);
  }
  return [...out];
}
