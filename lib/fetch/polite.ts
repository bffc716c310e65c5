// The HTTP client every fetch goes through: guarded (guard.ts), paced (one request per host per
// `delayMs`, longer when robots.txt asks with Crawl-delay), robots.txt honoured when asked
// (npm run crawl), retried with backoff on 429, 5xx, timeouts and dropped connections
// (Retry-After honoured, capped).
import robotsParser from "robots-parser";
import { FetchRefused, type GuardPolicy } from "./guard";
import { DEFAULT_USER_AGENT, FetchError, httpGet, type Fetched, type GetOptions } from "./http";

export interface PoliteOptions {
  policy: GuardPolicy;
  userAgent?: string;
  /** Least time between two requests to one host (default 1000 ms). */
  delayMs?: number;
  timeoutMs?: number;
  maxBytes?: number;
  /** Honour robots.txt (the crawler: yes; a person importing one URL: no, like a browser). */
  robots?: boolean;
  /** Further attempts after a 429/5xx/timeout/dropped connection (default 3). */
  retries?: number;
  /** First backoff (default 2000 ms), doubled per attempt, at most MAX_BACKOFF_MS. */
  retryBaseMs?: number;
  /** Called before each wait for a retry (for progress output). */
  onRetry?: (url: string, attempt: number, waitMs: number, reason: string) => void;
}

const MAX_BACKOFF_MS = 60_000;
const MAX_CRAWL_DELAY_MS = 30_000;
const RETRY_STATUS = new Set([429, 500, 502, 503, 504]);

type Robots = { isAllowed: (url: string, ua?: string) => boolean | undefined; crawlDelayMs: number; unreachable?: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class PoliteClient {
  /** Requests made (robots.txt included): what the crawl's progress and tests count. */
  requests = 0;
  private nextSlot = new Map<string, number>();
  private queue = new Map<string, Promise<void>>();
  private robotsCache = new Map<string, Promise<Robots>>();

  constructor(private opts: PoliteOptions) {}

  get userAgent() {
    return this.opts.userAgent ?? DEFAULT_USER_AGENT;
  }

  /** GET with robots.txt, pacing and retries. Throws FetchError / FetchRefused. */
  async get(url: string, extra: Pick<GetOptions, "etag" | "lastModified" | "accept"> = {}): Promise<Fetched> {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new FetchRefused(`不是有效的网址：${url.slice(0, 200)}`);
    }
    if (this.opts.robots) {
      const robots = await this.robotsFor(u);
      if (robots.unreachable) throw new FetchError("robots", robots.unreachable);
      if (robots.isAllowed(url, this.userAgent) === false) {
        throw new FetchError("robots", `网站的 robots.txt 不允许抓取这个网址：${url}`);
      }
    }
    const retries = this.opts.retries ?? 3;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.paced(u.host, () => httpGet(url, { ...this.getOptions(), ...extra }));
      } catch (e) {
        const retryable =
          e instanceof FetchError && (e.code === "timeout" || e.code === "network" || (e.code === "http" && RETRY_STATUS.has(e.status ?? 0)));
        if (!retryable || attempt >= retries) throw e;
        const backoff = Math.min(MAX_BACKOFF_MS, (this.opts.retryBaseMs ?? 2000) * 2 ** attempt);
        const wait = Math.min(MAX_BACKOFF_MS, Math.max(backoff, (e as FetchError).retryAfterMs ?? 0));
        this.opts.onRetry?.(url, attempt + 1, wait, (e as Error).message);
        await sleep(wait);
      }
    }
  }

  private getOptions(): GetOptions {
    return { policy: this.opts.policy, userAgent: this.userAgent, timeoutMs: this.opts.timeoutMs, maxBytes: this.opts.maxBytes };
  }

  /** Runs `fn` when this host's turn comes: requests to one host one after another, delayMs apart. */
  private async paced<T>(host: string, fn: () => Promise<T>): Promise<T> {
    const before = this.queue.get(host) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    this.queue.set(host, before.then(() => mine));
    await before;
    try {
      const wait = (this.nextSlot.get(host) ?? 0) - Date.now();
      if (wait > 0) await sleep(wait);
      this.requests++;
      return await fn();
    } finally {
      this.nextSlot.set(host, Date.now() + this.delayFor(host));
      release();
    }
  }

  private crawlDelay = new Map<string, number>();
  private delayFor(host: string) {
    return Math.max(this.opts.delayMs ?? 1000, this.crawlDelay.get(host) ?? 0);
  }

  /**
   * robots.txt of the URL's origin, fetched once (RFC 9309: 4xx → no rules; 5xx or unreachable
   * → everything disallowed, as the site may be overloaded).
   */
  private robotsFor(u: URL): Promise<Robots> {
    const origin = u.origin;
    let p = this.robotsCache.get(origin);
    if (!p) {
      p = this.loadRobots(origin, u.host);
      this.robotsCache.set(origin, p);
    }
    return p;
  }

  private async loadRobots(origin: string, host: string): Promise<Robots> {
    const robotsUrl = `${origin}/robots.txt`;
    try {
      const r = await this.paced(host, () => httpGet(robotsUrl, { ...this.getOptions(), maxBytes: 512 * 1024, accept: "text/plain" }));
      const parsed = robotsParser(robotsUrl, Buffer.from(r.bytes).toString("utf8"));
      const delay = Math.min(MAX_CRAWL_DELAY_MS, (parsed.getCrawlDelay(this.userAgent) ?? 0) * 1000);
      if (delay > 0) this.crawlDelay.set(host, delay);
      return { isAllowed: (url, ua) => parsed.isAllowed(url, ua), crawlDelayMs: delay };
    } catch (e) {
      if (e instanceof FetchError && e.code === "http" && (e.status ?? 0) >= 400 && (e.status ?? 0) < 500) {
        return { isAllowed: () => true, crawlDelayMs: 0 };
      }
      if (e instanceof FetchRefused) throw e;
      const why = `无法读取 ${robotsUrl}（${(e as Error).message}）；按 robots.txt 规范，读不到时不抓取这个网站。`;
      return { isAllowed: () => false, crawlDelayMs: 0, unreachable: why };
    }
  }
}
