// Reports for the review tests: seed 003's real tables under another agency (a report the
// database lacks), optionally with one cell misprinted, stored through the API.
import type { APIRequestContext } from "@playwright/test";
import pg from "pg";
import { seed003As } from "./variants";

/** Seed 003 with 予以公开·总计 printed as 5 instead of 4: two findings (row sum, outcome sum) on one cell. */
export function seed003Misprinted(agency: string): string {
  const text = seed003As(agency);
  const row = "| (一)予以公开 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |";
  if (!text.includes(row)) throw new Error("seed 003 changed: the 予以公开 row is not where the test expects it");
  return text.replace(row, "| (一)予以公开 | 4 | 0 | 0 | 0 | 0 | 0 | 5 |");
}

/** Stores a report's text through POST /api/reports; returns the stored report's id and agency id. */
export async function storeText(request: APIRequestContext, text: string): Promise<{ reportId: number; agencyId: number }> {
  const res = await request.post("/api/reports", { headers: { "content-type": "text/plain; charset=utf-8" }, data: Buffer.from(text) });
  const body = await res.json();
  if (!res.ok() || !body.ok) throw new Error(`upload failed: ${res.status()} ${JSON.stringify(body)}`);
  const r = (body.results?.[0]?.result ?? body.result ?? body).reports?.[0];
  if (!r) throw new Error(`unexpected answer: ${JSON.stringify(body)}`);
  return { reportId: r.reportId, agencyId: r.agencyId };
}

/** The /data.csv row of an agency and year, as header → value. */
export async function csvRow(request: APIRequestContext, agency: string, year: number): Promise<Record<string, string> | null> {
  const text = await (await request.get("/data.csv")).text();
  const [head, ...lines] = text.trim().split(/\r?\n/);
  const keys = head.replace(/^\uFEFF/, "").split(",");
  for (const line of lines) {
    const values = line.split(",");
    const row = Object.fromEntries(keys.map((k, i) => [k, values[i] ?? ""]));
    if (row.agency === agency && row.year === String(year)) return row;
  }
  return null;
}

/** The test database (the web server's embedded Postgres, or E2E_DATABASE_URL). */
export function e2eDatabaseUrl() {
  return process.env.E2E_DATABASE_URL || `postgresql://postgres:gongkai@127.0.0.1:${process.env.E2E_PG_PORT ?? "54349"}/gongkai`;
}

/**
 * Removes agencies a spec made (their reports, sources no other report uses, aliases) and
 * rebuilds the roll-ups, so the specs after it see the samples they expect (one server, one
 * database for all specs).
 */
export async function removeAgencies(names: string[]) {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    await client.query("BEGIN");
    const ids = (await client.query("SELECT id FROM agency WHERE name = ANY($1)", [names])).rows.map((r) => r.id);
    const sources = (await client.query("SELECT DISTINCT source_id FROM report WHERE agency_id = ANY($1)", [ids])).rows.map((r) => r.source_id);
    await client.query("UPDATE report SET based_on_report_id = NULL WHERE based_on_report_id IN (SELECT id FROM report WHERE agency_id = ANY($1))", [ids]);
    await client.query("DELETE FROM report WHERE agency_id = ANY($1)", [ids]);
    await client.query("DELETE FROM source s WHERE s.id = ANY($1) AND NOT EXISTS (SELECT 1 FROM report r WHERE r.source_id = s.id)", [sources]);
    await client.query("DELETE FROM agency_alias WHERE agency_id = ANY($1)", [ids]);
    await client.query("DELETE FROM agency_merge WHERE into_id = ANY($1) OR from_id = ANY($1)", [ids]);
    await client.query("DELETE FROM agency WHERE id = ANY($1)", [ids]);
    await client.query("SELECT gongkai_rebuild_aggregates()");
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK");
    throw e;
  } finally {
    await client.end();
  }
}
