// Collecting reports from the web into a real Postgres: the crawler over the fixture site's
// 年报 column (stored once; a second crawl fetches only the page that changed, as a new version),
// and import by URL through the upload flow (the web form's and the API's path), whose guard
// refuses private addresses. Traffic goes to 127.0.0.1 only (socket hook).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { crawlListing } from "@/lib/fetch/crawl";
import { PoliteClient } from "@/lib/fetch/polite";
import { previewUpload, saveUpload } from "@/lib/ingest/upload";
import { closeExtractionPool } from "@/lib/ingest/extraction";
import { csvLines } from "@/lib/queries/csv";
import { getReport } from "@/lib/queries/reports";
import { EXPECTED_REPORTS, startFixtureSite, type FixtureSite } from "../helpers/fixture-site";
import { loopbackOnly, type SocketGuard } from "../helpers/loopback-only";
import { emptyDatabase, testPrisma } from "./db";

let site: FixtureSite;
let sockets: SocketGuard;
const prisma = testPrisma();

beforeAll(async () => {
  sockets = loopbackOnly();
  site = await startFixtureSite({ slowMs: 30_000 }); // answers long after the crawler's timeout
  await emptyDatabase();
});
afterAll(async () => {
  await closeExtractionPool(); // import by URL read the fetched files in the server's reader processes
  await site.close();
  sockets.restore();
});
afterEach(() => expect(sockets.violations).toEqual([]));

const crawl = () =>
  crawlListing(prisma, `${site.url}/nianbao/index.html`, {
    // A timeout generous for a busy machine; one retry, soon.
    client: new PoliteClient({ policy: { allowPrivate: true }, robots: true, delayMs: 0, timeoutMs: 3000, retries: 1, retryBaseMs: 10 }),
  });

const storedReports = async () =>
  (await prisma.report.findMany({ include: { agency: true }, orderBy: [{ agencyId: "asc" }, { year: "asc" }, { version: "asc" }] })).map(
    (r) => `${r.agency.name} ${r.year} v${r.version}${r.inForce ? "" : " (old)"}`,
  );

describe("npm run crawl over the fixture column", () => {
  it("follows the three pages and stores every report once, with its URL; the 404, the slow page and robots.txt fail clearly", async () => {
    const s = await crawl();
    expect(s.pages).toBe(3); // index, index_1 (下一页, createPageHTML), index_2; /elsewhere/ left alone
    expect(s.reportLinks).toBe(8);
    expect(s.stored).toBe(EXPECTED_REPORTS.length);
    expect([s.downloaded, s.unchanged, s.duplicates]).toEqual([5, 0, 0]);
    expect(site.requests.map((r) => r.path)).not.toContain("/elsewhere/index_1.html");
    expect(site.requests.map((r) => r.path)).not.toContain("/private/2019.html");
    const failures = Object.fromEntries(s.failures.map((f) => [new URL(f.url).pathname, f.error]));
    expect(Object.keys(failures).sort()).toEqual(["/nianbao/202001/slow.html", "/nianbao/202101/missing.html", "/private/2019.html"]);
    expect(failures["/nianbao/202101/missing.html"]).toMatch(/404/);
    expect(failures["/nianbao/202001/slow.html"]).toMatch(/超时/);
    expect(failures["/private/2019.html"]).toMatch(/robots\.txt/);

    const names = (await prisma.report.findMany({ include: { agency: true } })).map((r) => `${r.agency.name} ${r.year}`).sort();
    expect(names).toEqual(EXPECTED_REPORTS.map(([a, y]) => `${a} ${y}`).sort());
    const sources = await prisma.source.findMany({ orderBy: { id: "asc" }, select: { sourceUrl: true, pageUrl: true, format: true, fetchedAt: true, httpHeaders: true } });
    expect(sources.map((x) => [x.format, x.sourceUrl?.replace(site.url, ""), x.pageUrl?.replace(site.url, "") ?? null])).toEqual([
      ["html", "/nianbao/202401/t20240120_1.html", null],
      ["pdf", "/files/P020240121.pdf", "/nianbao/202401/t20240121_2.html"],
      ["docx", "/files/chuanhui-2023.docx", "/nianbao/202401/t20240123_3.html"],
      ["html", "/nianbao/202201/liaocheng.html", null], // after the 301
      ["html", "/nianbao/202401/t20240124_4.html", null],
    ]);
    expect(sources.every((x) => x.fetchedAt && (x.httpHeaders as Record<string, string>).etag)).toBe(true);
  }, 120_000); // five documents read (a PDF among them) and two timeouts on a busy machine

  it("a second crawl downloads nothing but the page that changed, stored as a new version", async () => {
    const before = await storedReports();
    site.change();
    const from = site.requests.length;
    const s = await crawl();
    const served = site.requests.slice(from);
    const reportPages200 = served.filter((r) => r.status === 200 && !/index(_\d+)?\.html$|robots\.txt$/.test(r.path)).map((r) => r.path);
    expect(reportPages200).toEqual(["/nianbao/202401/t20240124_4.html"]);
    expect(served.filter((r) => r.status === 304).map((r) => r.path).sort()).toEqual(
      ["/nianbao/202201/liaocheng.html", "/nianbao/202401/t20240120_1.html", "/nianbao/202401/t20240121_2.html", "/nianbao/202401/t20240123_3.html"].sort(),
    );
    expect([s.downloaded, s.unchanged, s.stored]).toEqual([1, 4, 1]);
    const after = await storedReports();
    expect(after.length).toBe(before.length + 1);
    expect(after).toContain("市国资委 2023 v1 (old)");
    expect(after).toContain("市国资委 2023 v2");
  });

  it("a third crawl with nothing changed stores nothing", async () => {
    const count = await prisma.report.count();
    const s = await crawl();
    expect([s.downloaded, s.stored, s.unchanged]).toEqual([0, 0, 5]);
    expect(await prisma.report.count()).toBe(count);
  });

  it("--since skips the links of earlier years without fetching them", async () => {
    const from = site.requests.length;
    const s = await crawlListing(prisma, `${site.url}/nianbao/index.html`, {
      since: 2022,
      client: new PoliteClient({ policy: { allowPrivate: true }, robots: true, delayMs: 0, timeoutMs: 3000, retries: 0 }),
    });
    expect([s.skippedOlder, s.failures.length, s.unchanged]).toEqual([3, 0, 5]);
    const paths = site.requests.slice(from).map((r) => r.path);
    expect(paths).not.toContain("/nianbao/202101/missing.html");
    expect(paths).not.toContain("/nianbao/202001/slow.html");
  });

  it("the report page and /data.csv show where a report came from", async () => {
    const r = await prisma.report.findFirstOrThrow({ where: { agency: { name: "缙云县人民政府办公室" } } });
    const detail = await getReport(r.id);
    expect(detail?.source.sourceUrl).toBe(`${site.url}/files/P020240121.pdf`);
    expect(detail?.source.pageUrl).toBe(`${site.url}/nianbao/202401/t20240121_2.html`);
    let csv = "";
    for await (const chunk of csvLines()) csv += chunk;
    const [header, ...rows] = csv.trim().split("\r\n");
    const col = header.split(",").indexOf("source_url");
    expect(col).toBeGreaterThan(0);
    const jinyun = rows.find((l) => l.startsWith("缙云县人民政府办公室,"))!;
    expect(jinyun.split(",")[col]).toBe(`${site.url}/files/P020240121.pdf`);
  });

  it("a listing on a private address is refused without --allow-private-hosts, with nothing fetched", async () => {
    const from = site.requests.length;
    const run = crawlListing(prisma, `${site.url}/nianbao/index.html`, { client: new PoliteClient({ policy: {}, robots: true, delayMs: 0 }) });
    await expect(run).rejects.toThrow(/拒绝访问 127\.0\.0\.1：它指向本机（回环）地址/);
    expect(site.requests.length).toBe(from);
  });
});

describe("import by URL through the upload flow (the web form and POST /api/reports)", () => {
  it("previews, then saves, a fixture page allowed by GONGKAI_FETCH_ALLOW_HOSTS", async () => {
    await emptyDatabase();
    process.env.GONGKAI_FETCH_ALLOW_HOSTS = `127.0.0.1:${site.port}`; // read once by the server's client
    const input = { kind: "url" as const, url: `${site.url}/nianbao/202401/t20240121_2.html` };
    const preview = await previewUpload(prisma, input, { edits: [] });
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    expect(preview.format).toBe("pdf");
    expect(preview.origin).toEqual({ url: `${site.url}/files/P020240121.pdf`, pageUrl: input.url });
    expect(preview.reports.map((r) => r.report.agency)).toEqual(["缙云县人民政府办公室"]);
    const requests = site.requests.length;
    const saved = await saveUpload(prisma, input, { edits: [{ index: 0, regionCode: "331122" }] });
    expect(saved.ok && saved.result.status).toBe("stored");
    expect(site.requests.length).toBe(requests); // saved what was previewed, not fetched again
    const source = await prisma.source.findFirstOrThrow();
    expect(source.sourceUrl).toBe(`${site.url}/files/P020240121.pdf`);
    const report = await prisma.report.findFirstOrThrow({ include: { agency: true } });
    expect([report.agency.name, report.regionCode]).toEqual(["缙云县人民政府办公室", "331122"]);
  });

  it.each([
    ["http://127.0.0.1:1/", /本机（回环）地址/],
    [`http://[::1]:${0}/`, /本机（回环）地址/],
    ["http://2130706433/", /本机（回环）地址/],
    ["http://10.0.0.1/annual.html", /内网地址/],
    ["http://169.254.169.254/latest/meta-data/", /云服务器元数据地址/],
    ["file:///etc/passwd", /只能导入 http/],
  ])("refuses %s with a Chinese message, nothing fetched or stored", async (url, message) => {
    const from = site.requests.length;
    const target = url.replace(":0/", `:${site.port}/`);
    const preview = await previewUpload(prisma, { kind: "url", url: target }, { edits: [] });
    expect(preview.ok).toBe(false);
    expect(!preview.ok && preview.error).toMatch(message);
    const saved = await saveUpload(prisma, { kind: "url", url: target }, { edits: [] });
    expect(!saved.ok && saved.error).toMatch(message);
    expect(site.requests.length).toBe(from);
  });

  it("a page without a report says so", async () => {
    const r = await previewUpload(prisma, { kind: "url", url: `${site.url}/nianbao/index_2.html` }, { edits: [] });
    expect(!r.ok && r.error).toMatch(/没有在这份文件中找到/);
  });
});
