// A small government website on 127.0.0.1 for the fetch and crawl tests: a paginated 政府信息公开
// 年报 column in GBK (charset in a <meta>, in the header, or nowhere), report pages with the
// report inline, pages with only a PDF or a DOCX attachment, a moved page (301), a 404, a slow
// page, a page robots.txt disallows, and a page that changes (site.change()). Every page has an
// ETag and Last-Modified and answers If-None-Match with 304. The report texts are the real seed
// reports (tests/fixtures/seeds); the PDF is tests/fixtures/extract/seed003.pdf.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import crypto from "node:crypto";
import type { AddressInfo } from "node:net";
import iconv from "iconv-lite";
import JSZip from "jszip";

const ROOT = path.join(process.cwd(), "tests");
const seed = (id: string) => fs.readFileSync(path.join(ROOT, "fixtures/seeds", fs.readdirSync(path.join(ROOT, "fixtures/seeds")).find((f) => f.startsWith(id))!), "utf8");
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export interface SiteRequest {
  path: string;
  status: number;
  userAgent: string;
  /** Date.now() when it arrived. */
  at: number;
}

export interface Page {
  body: Buffer;
  type: string;
}

/** The agencies and years the column's reports hold (9 reports in 5 documents). */
export const EXPECTED_REPORTS = [
  ["江苏省机关事务管理局", 2023],
  ["缙云县人民政府办公室", 2023],
  ["川汇区机关事务中心", 2023],
  ["聊城市机关事务管理局", 2019],
  ["聊城市机关事务管理局", 2020],
  ["聊城市机关事务管理局", 2021],
  ["聊城市机关事务管理局", 2022],
  ["聊城市机关事务管理局", 2023],
  ["市国资委", 2023],
] as const;

const gbk = (s: string) => iconv.encode(s, "gbk");

function reportPage(title: string, body: string, meta = true) {
  return `<!DOCTYPE html>
<html><head>${meta ? '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">' : ""}
<title>${esc(title)}</title>
<script>var _hmt = _hmt || [];</script></head>
<body><div class="nav"><a href="/">首页</a> &gt; <a href="/nianbao/index.html">政府信息公开年报</a></div>
<h1>${esc(title)}</h1>
${body}
<div class="footer">主办单位：某某人民政府办公室　<a href="/contact.html">联系我们</a></div>
</body></html>`;
}

const asParagraphs = (text: string) => text.split("\n").map((l) => `<p>${esc(l)}</p>`).join("\n");

function listing(items: [string, string][], extra: string, meta: boolean) {
  return `<!DOCTYPE html>
<html><head>${meta ? '<meta charset="gb2312">' : ""}<title>政府信息公开年报</title></head>
<body><h2>政府信息公开年报</h2>
<ul class="list">
${items.map(([href, title]) => `<li><a href="${href}" title="${esc(title)}">${esc(title.length > 18 ? title.slice(0, 18) + "…" : title)}</a><span>2024-01-20</span></li>`).join("\n")}
</ul>
${extra}
</body></html>`;
}

/** A .docx of a text, one paragraph per line (tabs kept), as a Word user would paste it. */
export async function docxOf(text: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    "_rels/.rels",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  const para = (line: string) =>
    `<w:p>${line
      .split("\t")
      .map((part, i) => `${i ? "<w:r><w:tab/></w:r>" : ""}<w:r><w:t xml:space="preserve">${esc(part)}</w:t></w:r>`)
      .join("")}</w:p>`;
  zip.file(
    "word/document.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${text.split("\n").map(para).join("")}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: "nodebuffer" });
}

/** Seed 004 with one more application received (natural persons and total): new numbers. */
export function changedSeed004(text: string): string {
  const lines = text.split("\n");
  const at = lines.findIndex((l) => l.includes("本年新收"));
  const numeric = lines.map((l, i) => (i > at && /^\d+$/.test(l.trim()) ? i : -1)).filter((i) => i >= 0).slice(0, 7);
  for (const i of [numeric[0], numeric[6]]) lines[i] = String(Number(lines[i].trim()) + 1);
  return lines.join("\n");
}

export interface FixtureSite {
  url: string;
  port: number;
  /** Every request served, in order. */
  requests: SiteRequest[];
  /** The 市国资委 report page gets new numbers (and a new ETag). */
  change(): void;
  close(): Promise<void>;
}

export async function startFixtureSite(opts: { port?: number; slowMs?: number; extraPages?: Record<string, Page> } = {}): Promise<FixtureSite> {
  const slowMs = opts.slowMs ?? 3000;
  const requests: SiteRequest[] = [];
  const pdf = fs.readFileSync(path.join(ROOT, "fixtures/extract/seed003.pdf"));
  const docx = await docxOf(seed("002"));
  const seed004 = seed("004");
  let changed = false;
  let flaky = 0;

  const pages: Record<string, () => Page> = {
    "/robots.txt": () => ({ type: "text/plain", body: Buffer.from("User-agent: *\nDisallow: /private/\n") }),
    // Page 1: charset in a <meta> only; the createPageHTML script of TRS sites and a 下一页 link.
    "/nianbao/index.html": () => ({
      type: "text/html",
      body: gbk(
        listing(
          [
            ["202401/t20240120_1.html", "江苏省机关事务管理局2023年度政府信息公开年报"],
            ["202401/t20240121_2.html", "缙云县人民政府办公室2023年政府信息公开工作年度报告"],
            ["202401/t20240122_9.html", "关于印发2024年政务公开工作要点的通知"],
          ],
          `<div class="page"><script>createPageHTML(3, 0, "index", "html");</script><a href="index_1.html">下一页</a></div>`,
          true,
        ),
      ),
    }),
    // Page 2: charset in the header only; numbered links, one leading out of the column.
    "/nianbao/index_1.html": () => ({
      type: "text/html; charset=GBK",
      body: gbk(
        listing(
          [
            ["202401/t20240123_3.html", "川汇区机关事务中心2023年政府信息公开工作年度报告"],
            ["old/liaocheng.html", "聊城市机关事务管理局2023年政府信息公开年报"],
          ],
          `<div class="page"><a href="index.html">1</a> <a href="index_1.html">2</a> <a href="index_2.html">3</a> <a href="/elsewhere/index_1.html">4</a></div>`,
          false,
        ),
      ),
    }),
    // Page 3: no charset anywhere (the bytes alone say GBK).
    "/nianbao/index_2.html": () => ({
      type: "text/html",
      body: gbk(
        listing(
          [
            ["202401/t20240124_4.html", "市国资委2023年政府信息公开工作年度报告"],
            ["202101/missing.html", "2021年政府信息公开工作年度报告"],
            ["202001/slow.html", "2020年政府信息公开年报"],
            ["/private/2019.html", "2019年政府信息公开年报"],
          ],
          `<div class="page"><a href="index_1.html">上一页</a></div>`,
          false,
        ),
      ),
    }),
    "/nianbao/202401/t20240120_1.html": () => ({ type: "text/html", body: gbk(reportPage("江苏省机关事务管理局2023年度政府信息公开年报", asParagraphs(seed("000")))) }),
    "/nianbao/202401/t20240121_2.html": () => ({
      type: "text/html",
      body: gbk(reportPage("缙云县人民政府办公室2023年政府信息公开工作年度报告", `<p>现将本机关2023年政府信息公开工作年度报告予以公布。</p><p>附件：<a href="/files/P020240121.pdf">缙云县人民政府办公室2023年政府信息公开工作年度报告.pdf</a></p>`)),
    }),
    "/nianbao/202401/t20240123_3.html": () => ({
      type: "text/html; charset=gbk",
      body: gbk(reportPage("川汇区机关事务中心2023年政府信息公开工作年度报告", `<p>附件：<a href="/files/chuanhui-2023.docx">川汇区机关事务中心2023年政府信息公开工作年度报告.docx</a></p>`, false)),
    }),
    "/nianbao/202201/liaocheng.html": () => ({ type: "text/html", body: gbk(reportPage("聊城市机关事务管理局2023年政府信息公开年报", asParagraphs(seed("001")), false)) }),
    "/nianbao/202401/t20240124_4.html": () => ({
      type: "text/html; charset=GBK",
      body: gbk(reportPage("市国资委2023年政府信息公开工作年度报告", asParagraphs(changed ? changedSeed004(seed004) : seed004))),
    }),
    "/private/2019.html": () => ({ type: "text/html", body: gbk(reportPage("2019年政府信息公开年报", asParagraphs(seed("003")))) }),
    "/files/P020240121.pdf": () => ({ type: "application/pdf", body: pdf }),
    "/files/chuanhui-2023.docx": () => ({ type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", body: docx }),
    "/flaky": () => ({ type: "text/plain; charset=utf-8", body: Buffer.from("终于可以了") }),
    "/secret": () => ({ type: "text/plain", body: Buffer.from("internal") }),
    ...Object.fromEntries(Object.entries(opts.extraPages ?? {}).map(([p, page]) => [p, () => page])),
  };
  const redirects: Record<string, string> = {
    "/nianbao/old/liaocheng.html": "/nianbao/202201/liaocheng.html",
  };

  const server = http.createServer((req, res) => {
    const p = new URL(req.url ?? "/", "http://x").pathname;
    const log = (status: number) => requests.push({ path: p, status, userAgent: String(req.headers["user-agent"] ?? ""), at: Date.now() });
    // Busy twice (503, then 429 with Retry-After), then the page.
    if (p === "/flaky" && ++flaky <= 2) {
      log(flaky === 1 ? 503 : 429);
      res.writeHead(flaky === 1 ? 503 : 429, { "retry-after": "0" }).end();
      return;
    }
    if (redirects[p]) {
      log(301);
      res.writeHead(301, { location: redirects[p] }).end();
      return;
    }
    if (p === "/redirect-to-loopback") {
      log(302);
      res.writeHead(302, { location: `http://127.0.0.1:${port}/secret` }).end();
      return;
    }
    if (p === "/nianbao/202001/slow.html") {
      const t = setTimeout(() => {
        log(200);
        res.writeHead(200, { "content-type": "text/html" }).end("<p>too late</p>");
      }, slowMs);
      res.on("close", () => clearTimeout(t));
      return;
    }
    const page = pages[p];
    if (!page) {
      log(404);
      res.writeHead(404, { "content-type": "text/html" }).end("<h1>404 页面不存在</h1>");
      return;
    }
    const { body, type } = page();
    const etag = `"${crypto.createHash("sha1").update(body).digest("hex").slice(0, 16)}"`;
    if (req.headers["if-none-match"] === etag) {
      log(304);
      res.writeHead(304, { etag }).end();
      return;
    }
    log(200);
    res.writeHead(200, { "content-type": type, "content-length": body.byteLength, etag, "last-modified": "Sat, 20 Jan 2024 08:00:00 GMT" }).end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    change: () => void (changed = true),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
