// A fetched report page → the document to store: the page itself when its text holds the
// report's tables, else the first of its attachments (附件 .pdf .doc .docx .wps .xls) that does.
// Read by the same lib/ingest/read as an uploaded file; the source keeps where it came from.
// The fetched bytes are read by a PageReader: here (the CLI and the crawler, which serve no one),
// or, in the web server, by the reader processes of lib/ingest/extraction.ts within the upload
// budgets — a hostile page or attachment is as untrusted as a hostile upload.
import { ExtractError } from "@/lib/extract/errors";
import { decodeText } from "@/lib/extract/decode";
import { readFile, type ReadHints } from "@/lib/ingest/read";
import type { DocumentToStore } from "@/lib/ingest/store";
import { charsetOf, checkContent, fileNameFor, type BodyKind } from "./content";
import { FetchRefused } from "./guard";
import { FetchError, keptHeaders, type Fetched } from "./http";
import { attachmentLinks } from "./links";

export type Getter = (url: string) => Promise<Fetched>;

/** Attachments tried per page at most (a page may list forms and 解读 beside the report). */
const MAX_ATTACHMENTS = 4;

/** Reads fetched bytes: the document they hold, and a page's attachment links. */
export interface PageReader {
  read: (bytes: Uint8Array, fileName: string, hints: ReadHints | undefined, maxBytes: number | undefined, mimeType: string | undefined) => Promise<DocumentToStore>;
  attachments: (bytes: Uint8Array, contentType: string | undefined, url: string) => Promise<string[]>;
}

/** A report page's attachment links, best first (decoded as the page declares or as its bytes say). */
export function attachmentsOf(bytes: Uint8Array, contentType: string | undefined, url: string): string[] {
  try {
    const html = decodeText(bytes, { declared: charsetOf(contentType) }).text;
    return attachmentLinks(html, url).slice(0, MAX_ATTACHMENTS);
  } catch {
    return []; // not text in any encoding: the page's own problem is what the person is told
  }
}

/** Reading in this process. */
export const readHere: PageReader = {
  read: (bytes, fileName, hints, maxBytes, mimeType) => readFile(bytes, fileName, hints, maxBytes, mimeType),
  attachments: async (bytes, contentType, url) => attachmentsOf(bytes, contentType, url),
};

async function read(reader: PageReader, f: Fetched, kind: BodyKind, hints: ReadHints | undefined, maxBytes: number | undefined, pageUrl: string | null): Promise<DocumentToStore> {
  const doc = await reader.read(f.bytes, fileNameFor(f.url, f.headers, kind), hints, maxBytes, f.headers["content-type"]);
  return { ...doc, origin: { url: f.url, pageUrl, fetchedAt: f.fetchedAt, headers: keptHeaders(f.headers) } };
}

/** A person can act on these; anything else is a bug and propagates. */
export const isFetchProblem = (e: unknown): e is Error => e instanceof FetchError || e instanceof FetchRefused || e instanceof ExtractError;

/**
 * The document a report page stands for. Returns the page's own document (possibly with no
 * report, for the caller to say so) when it has no attachment; throws a FetchError naming what
 * was tried when neither the page nor its attachments hold a report.
 */
export async function documentFromPage(page: Fetched, get: Getter, hints?: ReadHints, maxBytes?: number, reader: PageReader = readHere): Promise<DocumentToStore> {
  const kind = checkContent(page.url, page.headers, page.bytes);
  if (kind !== "text") return read(reader, page, kind, hints, maxBytes, null); // a link straight to the file

  let pageDoc: DocumentToStore | null = null;
  let pageProblem: Error | null = null;
  try {
    pageDoc = await read(reader, page, kind, hints, maxBytes, null);
    if (pageDoc.reports.length > 0) return pageDoc;
  } catch (e) {
    if (!isFetchProblem(e)) throw e;
    pageProblem = e;
  }
  // A page refused for its size or complexity is not parsed a second time for its links.
  const overBudget = pageProblem instanceof ExtractError && (pageProblem.code === "too_complex" || pageProblem.code === "too_large");
  const attachments = overBudget ? [] : await reader.attachments(page.bytes, page.headers["content-type"], page.url);
  if (attachments.length === 0) {
    if (pageDoc) return pageDoc;
    throw pageProblem!;
  }
  const problems: string[] = [];
  for (const url of attachments) {
    try {
      const f = await get(url);
      const k = checkContent(f.url, f.headers, f.bytes);
      const doc = await read(reader, f, k, hints, maxBytes, page.url);
      if (doc.reports.length > 0) return doc;
      problems.push(`${url}：没有找到统计表`);
    } catch (e) {
      if (!isFetchProblem(e)) throw e;
      problems.push(e.message);
    }
  }
  throw new FetchError("content", `网页里没有找到年度报告的统计表，附件也没有读出报告（${problems.join("；")}）。`);
}
