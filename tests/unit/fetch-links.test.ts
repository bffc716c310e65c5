// Link picking, pagination, content checks, and the polite client (robots.txt, pacing, retries,
// caps) against the fixture site on 127.0.0.1.
import http from "node:http";
import zlib from "node:zlib";
import type { AddressInfo } from "node:net";
import { parseCrawlArgs } from "@/scripts/crawl";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { checkContent, fileNameFor, sniff } from "@/lib/fetch/content";
import { documentFromPage } from "@/lib/fetch/document";
import { closeExtractionPool, pooledPageReader } from "@/lib/ingest/extraction";
import { ExtractError } from "@/lib/extract/errors";
import { FetchError, httpGet, retryAfterMs } from "@/lib/fetch/http";
import { attachmentLinks, pageLinks, reportLinks, sameListing, yearOfTitle } from "@/lib/fetch/links";
import { PoliteClient } from "@/lib/fetch/polite";
import { startFixtureSite, type FixtureSite } from "../helpers/fixture-site";
import { loopbackOnly, type SocketGuard } from "../helpers/loopback-only";

const BASE = "http://www.example.gov.cn/col/col123/index.html";

describe("reportLinks", () => {
  it("picks annual reports with a year, by text or title attribute, each once", () => {
    const html = `
      <a href="t1.html">2023年政府信息公开工作年度报告</a>
      <a href="/art/t2.html" title="某某县人民政府2022年度政府信息公开工作年度报告">某某县人民政府2022年度政府信息…</a>
      <a href="t3.html">二〇二一年政府信息公开年报</a>
      <a href="t1.html#top">2023年政府信息公开工作年度报告</a>
      <a href="t4.html">政府信息公开工作年度报告</a>
      <a href="t5.html">关于做好2023年政府信息公开工作年度报告编制工作的通知</a>
      <a href="t6.html">2023年度企业年报公示</a>
      <a href="javascript:void(0)">2023年年报</a>
      <a href="mailto:x@y.cn">2023年年报</a>
      <a href="files/2020nb.pdf">2020年年报.pdf</a>`;
    expect(reportLinks(html, BASE)).toEqual([
      { url: "http://www.example.gov.cn/col/col123/t1.html", title: "2023年政府信息公开工作年度报告", year: 2023 },
      { url: "http://www.example.gov.cn/art/t2.html", title: "某某县人民政府2022年度政府信息公开工作年度报告", year: 2022 },
      { url: "http://www.example.gov.cn/col/col123/t3.html", title: "二〇二一年政府信息公开年报", year: 2021 },
      { url: "http://www.example.gov.cn/col/col123/files/2020nb.pdf", title: "2020年年报.pdf", year: 2020 },
    ]);
  });

  it("reads years from titles", () => {
    expect(yearOfTitle("2023年政府信息公开工作年度报告")).toBe(2023);
    expect(yearOfTitle("（2019）年报")).toBe(2019);
    expect(yearOfTitle("二〇一八年度报告")).toBe(2018);
    expect(yearOfTitle("1999年年报")).toBeNull();
    expect(yearOfTitle("政府信息公开年报")).toBeNull();
    expect(yearOfTitle("文号12023年")).toBeNull();
  });
});

describe("pageLinks and sameListing", () => {
  it("finds 下一页, numbered links, index_N pages and createPageHTML's pages", () => {
    const html = `
      <a href="index_1.html">下一页</a> <a href="index.html">1</a> <a href="index_5.html">尾页</a>
      <a href="list.jsp?page=3">3</a> <a href="t1.html">2023年年报</a>
      <script>createPageHTML(4, 0, "index", "html");</script>`;
    const links = pageLinks(html, BASE).map((u) => u.replace("http://www.example.gov.cn/col/col123/", ""));
    expect(links.sort()).toEqual(["index_1.html", "index_2.html", "index_3.html", "index_5.html", "list.jsp?page=3"]);
  });

  it("keeps a crawl in its column's folder on its host", () => {
    expect(sameListing("http://www.example.gov.cn/col/col123/index_2.html", BASE)).toBe(true);
    expect(sameListing("http://www.example.gov.cn/col/col999/index_2.html", BASE)).toBe(false);
    expect(sameListing("http://other.example.gov.cn/col/col123/index_2.html", BASE)).toBe(false);
    expect(sameListing("http://www.example.gov.cn/col/col123/a.pdf", BASE)).toBe(false);
  });
});

describe("attachmentLinks", () => {
  it("lists .pdf .doc .docx .wps .xls by address or link text, the report first", () => {
    const html = `
      <a href="/u/form.doc">申请表.doc</a>
      <a href="/u/P0202401.pdf">附件：2023年政府信息公开工作年度报告.pdf</a>
      <a href="/download?id=7">2023年年报.wps</a>
      <a href="/u/data.xls">数据.xls</a> <a href="/u/pic.jpg">图片</a> <a href="/u/a.html">网页</a>`;
    expect(attachmentLinks(html, BASE).map((u) => new URL(u).pathname + new URL(u).search)).toEqual([
      "/u/P0202401.pdf",
      "/download?id=7",
      "/u/form.doc",
      "/u/data.xls",
    ]);
  });
});

describe("content checks", () => {
  const pdf = new TextEncoder().encode("%PDF-1.7\n...");
  const html = new TextEncoder().encode("<html><body>登录</body></html>");
  it("refuses a declared type the bytes contradict, and non-documents", () => {
    expect(checkContent("u", { "content-type": "application/pdf" }, pdf)).toBe("pdf");
    expect(checkContent("u", { "content-type": "application/octet-stream" }, pdf)).toBe("pdf");
    expect(checkContent("u", { "content-type": "text/html" }, pdf)).toBe("pdf"); // the bytes win
    expect(() => checkContent("u", { "content-type": "application/pdf" }, html)).toThrow(/声明是 PDF，但收到的内容是网页/);
    expect(() => checkContent("u", { "content-type": "image/png" }, html)).toThrow(/不是网页、PDF 或 Word/);
    expect(sniff(new Uint8Array([0x50, 0x4b, 3, 4]))).toBe("zip");
  });
  it("names the file for the extract stage", () => {
    expect(fileNameFor("http://x/a/%E5%B9%B4%E6%8A%A5.pdf", {}, "pdf")).toBe("年报.pdf");
    expect(fileNameFor("http://x/download?id=1", { "content-disposition": "attachment; filename*=UTF-8''%E5%B9%B4%E6%8A%A5.docx" }, "zip")).toBe("年报.docx");
    expect(fileNameFor("http://x/art/t1.shtml", {}, "text")).toBe("t1.shtml");
    expect(fileNameFor("http://x/", {}, "text")).toBe("page.html");
    expect(fileNameFor("http://x/get.jsp", {}, "pdf")).toBe("get.jsp.pdf");
  });
  it("reads Retry-After", () => {
    expect(retryAfterMs("3")).toBe(3000);
    expect(retryAfterMs(new Date(Date.now() + 10_000).toUTCString())).toBeGreaterThan(8000);
    expect(retryAfterMs("soon")).toBeUndefined();
  });
});

describe("the polite client on the fixture site", () => {
  let site: FixtureSite;
  let sockets: SocketGuard;
  beforeAll(async () => {
    sockets = loopbackOnly();
    site = await startFixtureSite({ slowMs: 2000 });
  });
  afterAll(async () => {
    await site.close();
    sockets.restore();
  });
  afterEach(() => expect(sockets.violations).toEqual([]));
  const client = (extra: Partial<ConstructorParameters<typeof PoliteClient>[0]> = {}) =>
    new PoliteClient({ policy: { allowPrivate: true }, robots: true, delayMs: 0, retries: 0, timeoutMs: 5000, ...extra });

  it("honours robots.txt: a disallowed page is not requested", async () => {
    const c = client();
    await expect(c.get(`${site.url}/private/2019.html`)).rejects.toThrow(/robots\.txt 不允许/);
    expect(site.requests.map((r) => r.path)).not.toContain("/private/2019.html");
    expect((await c.get(`${site.url}/nianbao/index.html`)).status).toBe(200);
    expect(site.requests.filter((r) => r.path === "/robots.txt").length).toBe(1);
  });

  it("names the project in its User-Agent", async () => {
    await client({ robots: false }).get(`${site.url}/nianbao/index_1.html`);
    expect(site.requests.at(-1)!.userAgent).toMatch(/^gongkai\/[\d.]+ \(\+https?:\/\/\S+;/);
  });

  it("waits delayMs between two requests to one host", async () => {
    const c = client({ robots: false, delayMs: 300 });
    const from = site.requests.length;
    for (let i = 0; i < 3; i++) await c.get(`${site.url}/nianbao/index.html`);
    const at = site.requests.slice(from).map((r) => r.at);
    expect(at).toHaveLength(3);
    for (let i = 1; i < at.length; i++) expect(at[i] - at[i - 1]).toBeGreaterThanOrEqual(280);
  });

  it("retries 503 and 429 with backoff, then gets the page", async () => {
    const waits: number[] = [];
    const r = await client({ robots: false, retries: 3, retryBaseMs: 20, onRetry: (_u, _a, ms) => waits.push(ms) }).get(`${site.url}/flaky`);
    expect(Buffer.from(r.bytes).toString()).toBe("终于可以了");
    expect(site.requests.filter((x) => x.path === "/flaky").map((x) => x.status)).toEqual([503, 429, 200]);
    expect(waits).toEqual([20, 40]);
  });

  it("gives up on a slow page at its timeout, and on a 404 at once", async () => {
    const started = Date.now();
    const err = await client({ robots: false, timeoutMs: 400 }).get(`${site.url}/nianbao/202001/slow.html`).catch((e) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect(err.code).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(1900);
    const notFound = await client({ robots: false, retries: 3, retryBaseMs: 10_000 }).get(`${site.url}/nope`).catch((e) => e);
    expect([notFound.code, notFound.status]).toEqual(["http", 404]);
  });

  it("refuses a body over the size cap", async () => {
    const err = await client({ robots: false, maxBytes: 10_000 }).get(`${site.url}/files/P020240121.pdf`).catch((e) => e);
    expect(err.code).toBe("too_large");
    expect(err.message).toMatch(/上限/);
  });

  it("conditional GET: 304 when the page has not changed", async () => {
    const c = client({ robots: false });
    const first = await c.get(`${site.url}/nianbao/202401/t20240124_4.html`);
    const again = await c.get(`${site.url}/nianbao/202401/t20240124_4.html`, { etag: first.headers.etag });
    expect([again.status, again.notModified, again.bytes.byteLength]).toEqual([304, true, 0]);
  });

  it("reads a GBK page with the report inline, and follows a page's PDF and DOCX attachments", async () => {
    const c = client({ robots: false });
    const docOf = async (path: string) => {
      const page = await c.get(site.url + path);
      return documentFromPage(page, (u) => c.get(u));
    };
    const inline = await docOf("/nianbao/202401/t20240120_1.html");
    expect([inline.format, inline.encoding, inline.reports.map((r) => r.agency)]).toEqual(["html", "gb18030", ["江苏省机关事务管理局"]]);
    expect(inline.origin).toMatchObject({ url: `${site.url}/nianbao/202401/t20240120_1.html`, pageUrl: null });
    const pdf = await docOf("/nianbao/202401/t20240121_2.html");
    expect([pdf.format, pdf.reports.map((r) => r.agency), pdf.origin?.url, pdf.origin?.pageUrl]).toEqual([
      "pdf",
      ["缙云县人民政府办公室"],
      `${site.url}/files/P020240121.pdf`,
      `${site.url}/nianbao/202401/t20240121_2.html`,
    ]);
    expect(pdf.origin?.headers).toMatchObject({ "content-type": "application/pdf", "last-modified": "Sat, 20 Jan 2024 08:00:00 GMT" });
    const docx = await docOf("/nianbao/202401/t20240123_3.html");
    expect([docx.format, docx.reports.map((r) => [r.agency, r.year])]).toEqual(["docx", [["川汇区机关事务中心", 2023]]]);
  }, 60_000); // reads a PDF and a DOCX

  it("the web server reads what it fetched in its reader processes (lib/ingest/extraction.ts), with the same result", async () => {
    const c = client({ robots: false });
    const budget = process.env.EXTRACT_TIMEOUT_MS;
    process.env.EXTRACT_TIMEOUT_MS = "240000"; // a busy machine's pace; the budget itself is tested below
    const both = async (path: string) => {
      const page = await c.get(site.url + path);
      const here = await documentFromPage(page, (u) => c.get(u));
      const pooled = await documentFromPage(page, (u) => c.get(u), undefined, undefined, pooledPageReader);
      return { here, pooled };
    };
    for (const path of ["/nianbao/202401/t20240120_1.html", "/nianbao/202401/t20240121_2.html"]) {
      const { here, pooled } = await both(path);
      // The page's charset crosses to the reader with its bytes (a GBK page read right), and the
      // attachment it links is found there.
      const where = (d: typeof here) => [d.origin?.url, d.origin?.pageUrl, d.origin?.headers["content-type"]];
      expect([pooled.format, pooled.encoding, where(pooled), pooled.reports]).toEqual([here.format, here.encoding, where(here), here.reports]);
      expect(Buffer.from(pooled.bytes).equals(Buffer.from(here.bytes))).toBe(true);
    }
    await closeExtractionPool();
    // And within the uploads' budget: with 1 ms per file, the page is refused with the reason.
    process.env.EXTRACT_TIMEOUT_MS = "1";
    try {
      const page = await c.get(`${site.url}/nianbao/202401/t20240120_1.html`);
      const err = await documentFromPage(page, (u) => c.get(u), undefined, undefined, pooledPageReader).catch((e) => e);
      expect(err).toBeInstanceOf(ExtractError);
      expect(err.message).toMatch(/用时超过/);
    } finally {
      if (budget === undefined) delete process.env.EXTRACT_TIMEOUT_MS;
      else process.env.EXTRACT_TIMEOUT_MS = budget;
      await closeExtractionPool();
    }
  }, 300_000); // two pools of reader processes started (each loads the sources) beside the reads
});

describe("compressed responses", () => {
  it("inflates gzip and br, and caps what comes out (a small gzip of gigabytes is refused)", async () => {
    const sockets = loopbackOnly();
    const page = Buffer.from("<p>政府信息公开工作年度报告</p>".repeat(50));
    const bomb = zlib.gzipSync(Buffer.alloc(8 * 1024 * 1024)); // 8 MB of zeros in ~8 KB
    const server = http.createServer((req, res) => {
      if (req.url === "/bomb") return res.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" }).end(bomb);
      const br = req.url === "/br";
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-encoding": br ? "br" : "gzip" }).end(br ? zlib.brotliCompressSync(page) : zlib.gzipSync(page));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const policy = { allowPrivate: true };
      for (const path of ["/gz", "/br"]) expect(Buffer.from((await httpGet(base + path, { policy })).bytes).equals(page)).toBe(true);
      expect(bomb.byteLength).toBeLessThan(64 * 1024);
      const err = await httpGet(`${base}/bomb`, { policy, maxBytes: 1024 * 1024 }).catch((e) => e);
      expect(err.code).toBe("too_large");
      expect(sockets.violations).toEqual([]);
    } finally {
      server.closeAllConnections();
      server.close();
      sockets.restore();
    }
  });
});

describe("npm run crawl's arguments", () => {
  it("reads the options, with polite defaults", () => {
    expect(parseCrawlArgs(["--", "http://x.gov.cn/col/index.html"])).toMatchObject({ url: "http://x.gov.cn/col/index.html", maxPages: 50, delayMs: 1000, timeoutMs: 30_000, allowPrivate: false, error: "" });
    expect(parseCrawlArgs(["http://x/", "--max-pages", "5", "--since", "2021", "--delay", "2.5", "--allow-private-hosts"])).toMatchObject({ maxPages: 5, since: 2021, delayMs: 2500, allowPrivate: true, error: "" });
    expect(parseCrawlArgs([]).error).toMatch(/缺少/);
    expect(parseCrawlArgs(["http://x/", "--delay", "soon"]).error).toMatch(/--delay/);
    expect(parseCrawlArgs(["http://x/", "--robots=no"]).error).toMatch(/不认识/);
  });
});
