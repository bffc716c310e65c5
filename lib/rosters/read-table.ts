// A roster file's bytes → rows of cell texts, parsed off the request thread within budgets:
// ROSTER_MAX_BYTES (default 5 MB), 20,000 rows, 256 MB of heap and 30 s, else a clear error.
import path from "node:path";
import { Worker } from "node:worker_threads";

export const MAX_ROSTER_ROWS = 20_000;
export const maxRosterBytes = () => Number(process.env.ROSTER_MAX_BYTES ?? 5 * 1024 * 1024);
const TIME_BUDGET_MS = 30_000;

export class RosterFileError extends Error {}

export function tableKind(fileName: string): "csv" | "xlsx" | null {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === ".csv" || ext === ".txt") return "csv";
  if (ext === ".xlsx") return "xlsx";
  return null;
}

export async function readTable(bytes: Uint8Array, fileName: string): Promise<string[][]> {
  const kind = tableKind(fileName);
  if (!kind) throw new RosterFileError("只能导入 CSV 或 XLSX 文件（.csv、.xlsx）。旧版 .xls 请在 Excel 中另存为 .xlsx。");
  if (bytes.byteLength === 0) throw new RosterFileError("文件是空的。");
  if (bytes.byteLength > maxRosterBytes()) throw new RosterFileError(`文件超过 ${Math.round(maxRosterBytes() / 1024 / 1024)} MB，请拆分后导入。`);
  if (kind === "xlsx" && !(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw new RosterFileError("这不是有效的 XLSX 文件。");
  // A plain .mjs beside this file, resolved from the app's folder at run time (not bundled).
  const worker = new Worker(path.join(process.cwd(), "lib", "rosters", "read-table.worker.mjs"), {
    workerData: { bytes, kind, maxRows: MAX_ROSTER_ROWS },
    resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 },
  });
  try {
    const result = await new Promise<{ ok: boolean; rows?: string[][]; error?: string }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new RosterFileError("文件太复杂，未能在 30 秒内读完。")), TIME_BUDGET_MS);
      worker.once("message", (m) => (clearTimeout(timer), resolve(m)));
      worker.once("error", (e) => (clearTimeout(timer), reject(new RosterFileError(`文件无法读取：${e.message}`))));
      worker.once("exit", (code) => (clearTimeout(timer), reject(new RosterFileError(`文件无法读取（读取进程退出，代码 ${code}）。`))));
    });
    if (!result.ok) throw new RosterFileError(`文件无法读取：${result.error}`);
    const rows = result.rows ?? [];
    if (rows.length > MAX_ROSTER_ROWS + 1) throw new RosterFileError(`名单超过 ${MAX_ROSTER_ROWS.toLocaleString("zh-CN")} 行，请拆分后导入。`);
    return rows;
  } finally {
    await worker.terminate();
  }
}
