// The database being unreachable (stopped, restarting, network) is an outage to report, not a
// bug: one error with a fixed digest that the error page recognises (Next keeps a thrown error's
// own digest), and a 503 for routes.

export const DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE";
export const OUTAGE_MESSAGE = "数据库暂时无法连接，请稍后再试。服务器会在数据库恢复后自动重新连接。";

/** Connection refused/reset/timed out, Postgres shutting down or starting up, Prisma P1001/P1002/P1017. */
const UNREACHABLE =
  /\b(P1001|P1002|P1017|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|57P01|57P02|57P03|08000|08001|08003|08006|DatabaseNotReachable)\b|Connection terminated|timeout exceeded when trying to connect|the database system is (starting up|shutting down)|Can't reach database server/i;

export class DatabaseUnavailableError extends Error {
  readonly digest = DATABASE_UNAVAILABLE;
  constructor(cause: unknown) {
    super(OUTAGE_MESSAGE, { cause });
    this.name = "DatabaseUnavailableError";
  }
}

export function isDatabaseUnavailable(e: unknown): boolean {
  for (let x = e, depth = 0; x && depth < 8; x = (x as { cause?: unknown }).cause, depth++) {
    if (x instanceof DatabaseUnavailableError) return true;
    const o = x as { code?: unknown; kind?: unknown; message?: unknown; errno?: unknown };
    if (UNREACHABLE.test(`${o.code ?? ""} ${o.kind ?? ""} ${o.errno ?? ""} ${o.message ?? ""}`)) return true;
  }
  return false;
}

/** A route's answer during an outage. */
export const outageResponse = () =>
  Response.json({ ok: false, error: OUTAGE_MESSAGE }, { status: 503, headers: { "retry-after": "10", "cache-control": "no-store" } });
