// npm run crawl -- LISTING_URL [--max-pages N] [--since YEAR] [--delay SECONDS] [--timeout SECONDS]
//                  [--allow-private-hosts] [--quiet]
// Crawls an agency's 政府信息公开年报 column into the app's database (DATABASE_URL, or the
// embedded Postgres the app uses), politely: robots.txt, one request per second per host, a
// User-Agent naming the project, retries with backoff. Prints each report, a progress line on a
// terminal and a summary; exits 1 when anything failed. Run again to fetch only what changed.
import { withDatabase } from "@/lib/db/with-database";
import { crawlListing, type CrawlEvent, type CrawlSummary } from "@/lib/fetch/crawl";
import { FetchRefused } from "@/lib/fetch/guard";
import { PoliteClient } from "@/lib/fetch/polite";
import { runCli } from "./run-cli";

process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.CHECKPOINT_DISABLE = "1";

const USAGE =
  "用法: npm run crawl -- 年报栏目网址 [--max-pages N] [--since 年份] [--delay 秒] [--timeout 秒] [--allow-private-hosts] [--quiet]";

export function parseCrawlArgs(argv: string[]) {
  const out = { url: "", maxPages: 50, since: undefined as number | undefined, delayMs: 1000, timeoutMs: 30_000, allowPrivate: false, quiet: false, error: "" };
  const num = (v: string | undefined, name: string) => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n < 0) out.error = `${name} 需要一个非负数`;
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") continue;
    else if (a === "--max-pages") out.maxPages = Math.max(1, Math.floor(num(argv[++i], a)));
    else if (a === "--since") out.since = Math.floor(num(argv[++i], a));
    else if (a === "--delay") out.delayMs = num(argv[++i], a) * 1000;
    else if (a === "--timeout") out.timeoutMs = Math.max(1, num(argv[++i], a)) * 1000;
    else if (a === "--allow-private-hosts") out.allowPrivate = true;
    else if (a === "--quiet" || a === "-q") out.quiet = true;
    else if (a.startsWith("-")) out.error = `不认识的选项 ${a}`;
    else if (!out.url) out.url = a;
    else out.error = "只能给一个栏目网址";
  }
  if (!out.url && !out.error) out.error = "缺少年报栏目的网址";
  return out;
}

const STATUS_LABEL = { stored: "新增", new_version: "新版本", unchanged: "数字未变", corrected: "人工更正" } as const;

function describe(e: CrawlEvent): string | null {
  if (e.type === "page") return `· 栏目页 ${e.url}：${e.reports} 个年报链接`;
  if (e.type === "page_failed") return `✗ 栏目页 ${e.url}：${e.error}`;
  if (e.outcome === "unchanged") return `= ${e.title}：未变，跳过`;
  if (e.outcome === "failed") return `✗ ${e.title}（${e.url}）：${e.error}`;
  const r = e.result!;
  if (r.status === "duplicate") return `= ${e.title}：内容已导入过（来源 #${r.sourceId}）`;
  return r.reports.map((x) => `✓ ${e.title}：${x.agency} ${x.year} 年 v${x.version}（${STATUS_LABEL[x.status]}，报告 #${x.reportId}）`).join("\n");
}

function summaryLines(s: CrawlSummary): string[] {
  const lines = [
    `\n栏目页 ${s.pages} 个，年报链接 ${s.reportLinks} 个：下载 ${s.downloaded} 个，未变跳过 ${s.unchanged} 个，保存 ${s.stored} 份报告，已导入过 ${s.duplicates} 个，` +
      `早于起始年份 ${s.skippedOlder} 个，失败 ${s.failures.length} 个；请求 ${s.requests} 次，用时 ${(s.elapsedMs / 1000).toFixed(1)} 秒。`,
  ];
  if (s.failures.length) lines.push("失败：", ...s.failures.map((f) => `  ${f.url}：${f.error}`));
  return lines;
}

async function main() {
  const args = parseCrawlArgs(process.argv.slice(2));
  if (args.error) {
    console.error(`${args.error}\n${USAGE}`);
    return 2;
  }
  const tty = process.stderr.isTTY;
  const counts = { pages: 0, reports: 0, failed: 0, started: Date.now() };
  const progress = () => {
    if (!tty) return;
    const perMin = (counts.reports / Math.max(1, (Date.now() - counts.started) / 60_000)).toFixed(1);
    process.stderr.write(`\r\x1b[K栏目页 ${counts.pages} · 年报 ${counts.reports} · ${perMin} 份/分钟 · 失败 ${counts.failed}`);
  };
  const client = new PoliteClient({
    policy: { allowPrivate: args.allowPrivate },
    robots: true,
    delayMs: args.delayMs,
    timeoutMs: args.timeoutMs,
    maxBytes: Number(process.env.UPLOAD_MAX_BYTES ?? 20 * 1024 * 1024),
    onRetry: (url, attempt, waitMs, reason) => {
      if (tty) process.stderr.write("\r\x1b[K");
      console.log(`… ${reason}；${(waitMs / 1000).toFixed(0)} 秒后第 ${attempt} 次重试`);
    },
  });
  return withDatabase(async (prisma) => {
    let summary: CrawlSummary;
    try {
      summary = await crawlListing(prisma, args.url, {
        client,
        maxPages: args.maxPages,
        since: args.since,
        onEvent: (e) => {
          if (e.type === "page") counts.pages++;
          if (e.type === "report") counts.reports++;
          if (e.type === "page_failed" || (e.type === "report" && e.outcome === "failed")) counts.failed++;
          const line = describe(e);
          if (line && (!args.quiet || line.startsWith("✗"))) {
            if (tty) process.stderr.write("\r\x1b[K");
            console.log(line);
          }
          progress();
        },
      });
    } catch (e) {
      if (e instanceof FetchRefused) {
        console.error(`✗ ${e.message}${args.allowPrivate ? "" : "\n（抓取本机或内网的网站需要 --allow-private-hosts。）"}`);
        return 1;
      }
      throw e;
    }
    if (tty) process.stderr.write("\n");
    for (const line of summaryLines(summary)) console.log(line);
    return summary.failures.length ? 1 : 0;
  });
}

if (process.argv[1]?.endsWith("crawl.ts")) runCli(main);
