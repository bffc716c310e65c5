// npm run crawl: an agency's 政府信息公开年报 column → its reports, stored by the same ingest as
// an upload or `npm run import`. The column's pages are followed (links.ts), every link titled as
// an annual report is fetched (with its attachment, document.ts) and stored. Resumable: each
// report URL fetched is remembered (fetched_url) with its ETag/Last-Modified and asked for again
// conditionally, so a second crawl downloads only what changed.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { decodeText } from "@/lib/extract/decode";
import { failureMessage, IngestError } from "@/lib/ingest/errors";
import { sha256 } from "@/lib/ingest/hashing";
import { storeDocument, type StoreResult } from "@/lib/ingest/store";
import { isDatabaseUnavailable } from "@/lib/db/outage";
import { charsetOf, checkContent } from "./content";
import { documentFromPage, isFetchProblem } from "./document";
import { FetchRefused } from "./guard";
import { FetchError, type Fetched } from "./http";
import { pageLinks, reportLinks, sameListing, type ReportLink } from "./links";
import type { PoliteClient } from "./polite";

export interface CrawlOptions {
  client: PoliteClient;
  /** Listing pages fetched at most (default 50). */
  maxPages?: number;
  /** Reports of earlier years are skipped. */
  since?: number;
  maxBytes?: number;
  onEvent?: (e: CrawlEvent) => void;
}

export type ReportOutcome = "stored" | "duplicate" | "unchanged" | "failed";

export type CrawlEvent =
  | { type: "page"; url: string; reports: number; pagesQueued: number }
  | { type: "page_failed"; url: string; error: string }
  | { type: "report"; url: string; title: string; outcome: ReportOutcome; result?: StoreResult; error?: string };

export interface CrawlSummary {
  pages: number;
  reportLinks: number;
  /** Report pages downloaded (200), not counting 304s. */
  downloaded: number;
  unchanged: number;
  /** Reports stored as new or as a new version. */
  stored: number;
  duplicates: number;
  skippedOlder: number;
  failures: { url: string; error: string }[];
  requests: number;
  elapsedMs: number;
}

/** Failures that will be the same next time (no table, not a report): remembered, not retried. */
const lasting = (e: unknown) =>
  e instanceof IngestError || (isFetchProblem(e) && !(e instanceof FetchError && ["timeout", "network", "http", "robots"].includes(e.code)));

export async function crawlListing(prisma: PrismaClient, listingUrl: string, opts: CrawlOptions): Promise<CrawlSummary> {
  const started = Date.now();
  const { client } = opts;
  const maxPages = opts.maxPages ?? 50;
  const sum: CrawlSummary = { pages: 0, reportLinks: 0, downloaded: 0, unchanged: 0, stored: 0, duplicates: 0, skippedOlder: 0, failures: [], requests: 0, elapsedMs: 0 };
  const queue = [listingUrl];
  const seen = new Set([listingUrl]);
  const emit = (e: CrawlEvent) => opts.onEvent?.(e);

  while (queue.length > 0 && sum.pages < maxPages) {
    const pageUrl = queue.shift()!;
    let page: Fetched;
    let html: string;
    try {
      page = await client.get(pageUrl);
      if (checkContent(page.url, page.headers, page.bytes) !== "text") throw new FetchError("content", `${page.url} 不是网页，不是年报栏目。`);
      html = decodeText(page.bytes, { declared: charsetOf(page.headers["content-type"]) }).text;
    } catch (e) {
      // The column itself refused (a private address, robots.txt): nothing else can be fetched.
      if (pageUrl === listingUrl && e instanceof FetchRefused) throw e;
      if (!isFetchProblem(e)) throw e;
      sum.failures.push({ url: pageUrl, error: e.message });
      emit({ type: "page_failed", url: pageUrl, error: e.message });
      continue;
    }
    sum.pages++;
    seen.add(page.url);
    for (const next of pageLinks(html, page.url)) {
      if (!seen.has(next) && sameListing(next, listingUrl)) {
        seen.add(next);
        queue.push(next);
      }
    }
    const links = reportLinks(html, page.url).filter((l) => !seen.has(l.url));
    emit({ type: "page", url: page.url, reports: links.length, pagesQueued: queue.length });
    for (const link of links) {
      seen.add(link.url);
      sum.reportLinks++;
      if (opts.since && link.year !== null && link.year < opts.since) {
        sum.skippedOlder++;
        continue;
      }
      await crawlReport(prisma, link, opts, sum, emit);
    }
  }
  sum.requests = client.requests;
  sum.elapsedMs = Date.now() - started;
  return sum;
}

async function crawlReport(prisma: PrismaClient, link: ReportLink, opts: CrawlOptions, sum: CrawlSummary, emit: (e: CrawlEvent) => void) {
  const { url, title } = link;
  const fail = (error: string) => {
    sum.failures.push({ url, error });
    emit({ type: "report", url, title, outcome: "failed", error });
  };
  const known = await prisma.fetchedUrl.findUnique({ where: { url } });
  let page: Fetched;
  try {
    page = await opts.client.get(url, { etag: known?.etag, lastModified: known?.lastModified });
  } catch (e) {
    if (!isFetchProblem(e)) throw e;
    return fail(e.message); // not remembered: tried again next time
  }
  const remember = (data: { sourceId?: number | null; error?: string | null }) => {
    const row = {
      etag: page.headers.etag ?? null,
      lastModified: page.headers["last-modified"] ?? null,
      sha256: sha256(page.bytes),
      status: page.status,
      fetchedAt: page.fetchedAt,
      sourceId: data.sourceId ?? null,
      error: data.error ?? null,
    };
    return prisma.fetchedUrl.upsert({ where: { url }, create: { url, ...row }, update: row });
  };
  if (page.notModified) {
    sum.unchanged++;
    return emit({ type: "report", url, title, outcome: "unchanged" });
  }
  sum.downloaded++;
  // A server without ETag/Last-Modified sent the same bytes again.
  if (known && known.sha256 === sha256(page.bytes) && known.sourceId !== null) {
    await remember({ sourceId: known.sourceId });
    sum.unchanged++;
    return emit({ type: "report", url, title, outcome: "unchanged" });
  }
  try {
    const doc = await documentFromPage(page, (u) => opts.client.get(u), { year: link.year ?? undefined }, opts.maxBytes);
    if (doc.reports.length === 0) throw new IngestError("no_report_found", "网页里没有找到年度报告的统计表，也没有附件。");
    const result = await storeDocument(prisma, doc);
    await remember({ sourceId: result.sourceId });
    if (result.status === "duplicate") sum.duplicates++;
    else sum.stored += result.reports.filter((r) => r.status !== "unchanged").length;
    emit({ type: "report", url, title, outcome: result.status === "duplicate" ? "duplicate" : "stored", result });
  } catch (e) {
    if (isDatabaseUnavailable(e)) throw e;
    const message = isFetchProblem(e) ? e.message : failureMessage(e);
    if (lasting(e)) await remember({ error: message });
    fail(message);
  }
}
