// Import by URL (the upload page's 从网址导入, POST /api/reports url=…, npm run import -- URL):
// one report page (and its attachment) fetched on a person's request, like a browser would, so
// without robots.txt; guarded against private addresses unless the host is allowed by
// GONGKAI_FETCH_ALLOW_HOSTS (read once, at the server's start). The server keeps the responses
// of the last minutes so that 保存 after a preview stores what was previewed, without fetching
// the page again.
import type { ReadHints } from "@/lib/ingest/read";
import type { DocumentToStore } from "@/lib/ingest/store";
import { documentFromPage, type Getter, type PageReader } from "./document";
import { allowHostsFromEnv, checkUrl, FetchRefused } from "./guard";
import type { Fetched } from "./http";
import { PoliteClient } from "./polite";

export const MAX_URLS_PER_REQUEST = 20;
const CACHE_MS = 15 * 60_000;
const CACHE_BYTES = 100 * 1024 * 1024;

let serverClient: PoliteClient | null = null;
const cache = new Map<string, { at: number; fetched: Fetched }>();

/** The web server's client: public addresses only (plus GONGKAI_FETCH_ALLOW_HOSTS). */
function webClient(maxBytes: number): PoliteClient {
  serverClient ??= new PoliteClient({
    policy: { allowHosts: allowHostsFromEnv() },
    robots: false,
    retries: 1,
    retryBaseMs: 1000,
    timeoutMs: 30_000,
    maxBytes,
  });
  return serverClient;
}

function cachedGetter(client: PoliteClient): Getter {
  return async (url) => {
    const now = Date.now();
    for (const [k, v] of cache) if (now - v.at > CACHE_MS) cache.delete(k);
    const hit = cache.get(url);
    if (hit) return hit.fetched;
    const fetched = await client.get(url);
    cache.set(url, { at: now, fetched });
    let total = 0;
    for (const [k, v] of [...cache].reverse()) {
      total += v.fetched.bytes.byteLength;
      if (total > CACHE_BYTES) cache.delete(k);
    }
    return fetched;
  };
}

/** The URL as typed, checked for its form (scheme, no password, no private IP literal). */
export function parseImportUrl(raw: string): string {
  const s = raw.trim();
  if (!s) throw new FetchRefused("网址是空的。");
  return checkUrl(/^[a-z][a-z0-9+.-]*:/i.test(s) ? s : `http://${s}`, { allowHosts: allowHostsFromEnv() }).toString();
}

/**
 * The document at `url`, read as an upload would be. `client`: the CLI's own (with its
 * --allow-private-hosts); the web server's otherwise. `reader`: who reads the fetched bytes —
 * the web server passes its reader processes (lib/ingest/extraction.ts); the CLI reads here.
 */
export async function readUrl(
  url: string,
  hints: ReadHints | undefined,
  maxBytes: number,
  opts: { client?: PoliteClient; reader?: PageReader } = {},
): Promise<DocumentToStore> {
  const { client, reader } = opts;
  const get = client ? (u: string) => client.get(u) : cachedGetter(webClient(maxBytes));
  const page = await get(client ? url.trim() : parseImportUrl(url));
  return documentFromPage(page, get, hints, maxBytes, reader);
}
