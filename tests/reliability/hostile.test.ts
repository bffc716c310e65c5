// Issue 17 against the production server: the attack report's hostile files (generated here) sent
// through the API (preview and save) and the upload page's server action, while a page is loaded
// over and over beside them — each refused with a reason in Chinese, the server up after each,
// the slowest page load within the documented bound; bodies up to the limit stored byte for byte,
// beyond it 413 (declared, chunked, lying); sums past 32 bits; the small items (NUL, wrong
// argument types, cross-origin actions, unknown region codes).
import crypto from "node:crypto";
import http from "node:http";
import net from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostileFiles } from "@/tests/helpers/hostile-files";
import { actionId, callAction, startApp, type TestApp } from "./app";
import { recordFigures } from "./figures";
import { reportOf } from "./report-texts";
import { RICH } from "@/tests/helpers/report-builder";
import { asPipe, blocks } from "@/tests/helpers/report-builder";

const FULL = process.env.RELIABILITY_FULL === "1";
const PAGE_BOUND_MS = Number(process.env.RELIABILITY_PAGE_BOUND_MS ?? 3_000);
const MB = 1024 * 1024;
let app: TestApp;
let db: pg.Client;
// The hostile files served on loopback too, for import by URL (allowed by GONGKAI_FETCH_ALLOW_HOSTS):
// fetched bytes are as untrusted as uploaded ones and read in the same readers, within the same budget.
let files: Awaited<ReturnType<typeof hostileFiles>>;
let site: http.Server;
let siteUrl = "";
const figures = { hostileFiles: 0, serverUpAfter: 0, slowestPageMs: 0, quietPageMs: 0, pageBoundMs: PAGE_BOUND_MS, bodiesAccepted: 0, bodiesExact: 0, crashes: 0, hangs: 0 };
/** Page loads with no hostile request in flight before each one (the machine's own pace, for the bound). */
const QUIET_LOADS = 3;

type Result = { ok: boolean; error?: string; name?: string };
const api = (body: BodyInit, query = "", headers: Record<string, string> = {}) =>
  fetch(`${app.url}/api/reports${query}`, { method: "POST", body, headers }).then(async (r) => ({ status: r.status, json: await r.json().catch(() => null) }));
const fileForm = (bytes: Uint8Array | string, name: string, type = "text/plain", options?: unknown) => {
  const f = new FormData();
  f.append("file", new Blob([bytes as BlobPart], { type }), name);
  if (options) f.append("options", JSON.stringify(options));
  return f;
};
const serverUp = async () => app.server.exitCode === null && (await fetch(`${app.url}/agencies`).then((r) => r.status === 200).catch(() => false));

/**
 * Loads `path` again and again until stopped, keeping each load's start and end, so that the loads
 * made while a hostile request was in flight can be told from the loads made without one.
 */
function pageLoader(path: string) {
  const loads: { start: number; end: number }[] = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const start = Date.now();
      // One retry for a failed connection (a kept-alive socket the server closed as it was reused
      // is the client's race, not the server being down); a second failure counts.
      const load = () => fetch(`${app.url}${path}`, { headers: { accept: "text/html" } }).then(async (r) => ({ status: r.status, body: await r.text() }));
      const r = await load().catch(() => load()).catch((e) => ({ status: 0, body: String((e as Error).cause ?? e) }));
      if (r.status !== 200) throw new Error(`${path} answered ${r.status || r.body} beside a hostile upload`);
      loads.push({ start, end: Date.now() });
      await new Promise((res) => setTimeout(res, 100));
    }
  })();
  done.catch(() => {}); // reported by stop()
  return {
    /** Waits until `n` loads have started and ended since `since` (none of them beside a hostile request). */
    quietLoads: async (since: number, n: number) => {
      while (running && loads.filter((l) => l.start >= since).length < n) {
        await Promise.race([done, new Promise((res) => setTimeout(res, 50))]);
      }
    },
    stop: async () => {
      running = false;
      await done;
      return loads;
    },
  };
}

/**
 * The slowest load beside a hostile request, and the slowest without one. The bound is
 * PAGE_BOUND_MS — or, on a machine so busy that pages are slower than that with no hostile file
 * in sight (other builds and tests sharing the 2 cores), twice the slowest load without one in
 * the same minutes: a stall caused by the file (the request thread parsing it: 11–100 s in the
 * attack report) is still far past either.
 */
function pageTimes(loads: { start: number; end: number }[], hostile: { start: number; end: number; what: string }[]) {
  const overlapping = (l: { start: number; end: number }) => hostile.filter((h) => l.start < h.end && l.end > h.start);
  const beside = (l: { start: number; end: number }) => overlapping(l).length > 0;
  const slowest = (ls: typeof loads) => Math.max(0, ...ls.map((l) => l.end - l.start));
  const besideMs = slowest(loads.filter(beside));
  const quietMs = slowest(loads.filter((l) => !beside(l)));
  const worst = loads.filter(beside).find((l) => l.end - l.start === besideMs);
  return {
    besideMs,
    quietMs,
    besideLoads: loads.filter(beside).length,
    quietLoads: loads.length - loads.filter(beside).length,
    boundMs: Math.max(PAGE_BOUND_MS, 2 * quietMs),
    /** What was in flight during the slowest load (for the failure message). */
    worstBeside: worst ? overlapping(worst).map((h) => `${h.what} (${h.end - h.start} ms)`).join(", ") : "",
  };
}

/** A report text padded with appendix lines to `size` bytes (UTF-8). */
function paddedReport(agency: string, size: number): string {
  const head = reportOf(agency) + "\n附件说明：\n";
  const line = "本附件为政府信息公开工作相关材料的说明文字，不含统计数据。\n"; // 87 bytes
  const lineBytes = Buffer.byteLength(line);
  const room = size - Buffer.byteLength(head);
  return head + line.repeat(Math.floor(room / lineBytes)) + "。".repeat(0) + "x".repeat(room % lineBytes);
}

/** Raw HTTP over a socket, for what fetch will not send (a Content-Length that lies). */
function rawPost(path: string, headers: string[], body: Buffer, opts: { waitMs: number }): Promise<{ status: number | null; ms: number; ended: "answer" | "closed" | "timeout" }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const { port, hostname } = new URL(app.url);
    const socket = net.connect({ port: Number(port), host: hostname });
    let got = "";
    let done = false;
    const finish = (ended: "answer" | "closed" | "timeout") => {
      if (done) return;
      done = true;
      socket.destroy();
      const m = /^HTTP\/1\.1 (\d{3})/.exec(got);
      resolve({ status: m ? Number(m[1]) : null, ms: Date.now() - started, ended: m ? "answer" : ended });
    };
    socket.setTimeout(opts.waitMs, () => finish("timeout"));
    socket.on("data", (d) => {
      got += d.toString("latin1");
      if (/\r\n\r\n/.test(got)) finish("answer");
    });
    socket.on("error", () => finish("closed"));
    socket.on("close", () => finish("closed"));
    socket.on("connect", () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n${headers.join("\r\n")}\r\n\r\n`);
      socket.write(body);
    });
  });
}

describe("hostile uploads", () => {
  beforeAll(async () => {
    files = await hostileFiles();
    site = http.createServer((req, res) => {
      const f = files[Number(/^\/f\/(\d+)\//.exec(req.url ?? "")?.[1] ?? -1)];
      if (!f) return void res.writeHead(404).end();
      res.writeHead(200, { "content-type": f.type, "content-length": f.bytes.length }).end(Buffer.from(f.bytes));
    });
    await new Promise<void>((r) => site.listen(0, "127.0.0.1", r));
    const sitePort = (site.address() as net.AddressInfo).port;
    siteUrl = `http://127.0.0.1:${sitePort}`;
    app = await startApp(4, { UPLOAD_RATE_LIMIT: "100000", UPLOAD_BODY_IDLE_MS: "3000", EXTRACT_TIMEOUT_MS: "60000", GONGKAI_FETCH_ALLOW_HOSTS: `127.0.0.1:${sitePort}` });
    db = new pg.Client({ connectionString: app.db.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await app?.stop();
    site?.close();
    recordFigures("hostile", {
      what: "hostile files: zip/XML/HTML/PDF bombs, bodies, small items",
      cases: figures.hostileFiles,
      crashes: figures.crashes,
      hangs: figures.hangs,
      note: `server up after ${figures.serverUpAfter}/${figures.hostileFiles}; slowest page beside them ${figures.slowestPageMs} ms (${figures.quietPageMs} ms between them); ${figures.bodiesExact}/${figures.bodiesAccepted} bodies stored byte for byte`,
      hostileFiles: figures.hostileFiles,
      serverUpAfter: figures.serverUpAfter,
      slowestPageMs: figures.slowestPageMs,
      quietPageMs: figures.quietPageMs,
      pageBoundMs: figures.pageBoundMs,
      bodiesAccepted: figures.bodiesAccepted,
      bodiesExact: figures.bodiesExact,
    });
  });

  it("refuses every hostile file (API preview, API save, page action; by upload and by URL) with a reason in Chinese; the server stays up and pages stay fast", async () => {
    // Warm the readers and the page, so the first measured load is not the server's first.
    await api(reportOf("预热局"), "?dryRun=1", { "content-type": "text/plain" });
    await fetch(`${app.url}/agencies`).then((r) => r.text());
    const loader = pageLoader("/agencies");
    const hostile: { start: number; end: number; what: string }[] = [];
    let worstBeside = "";
    try {
      for (const [i, f] of files.entries()) {
        const at = `${siteUrl}/f/${i}/${f.name}`;
        const urlForm = () => {
          const form = new FormData();
          form.append("url", at);
          return form;
        };
        const ways: [string, () => Promise<Result | undefined>][] = [
          ["api preview", async () => (await api(fileForm(f.bytes, f.name, f.type), "?dryRun=1")).json?.results?.[0]],
          ["api save", async () => (await api(fileForm(f.bytes, f.name, f.type))).json?.results?.[0]],
          ["page preview", async () => (await callAction<Result>(app, "/upload", "previewAction", { file: new Blob([f.bytes as BlobPart], { type: f.type }) as unknown as string, options: "{}" })).result ?? undefined],
          ["api save by URL", async () => (await api(urlForm())).json?.results?.[0]],
          ["page preview by URL", async () => (await callAction<Result>(app, "/upload", "previewAction", { url: at, options: "{}" })).result ?? undefined],
        ];
        for (const [how, send] of ways) {
          // A few loads with no hostile request in flight first: what this machine gives now.
          await loader.quietLoads(hostile.at(-1)?.end ?? 0, QUIET_LOADS);
          figures.hostileFiles++;
          const started = Date.now();
          const r = await send().catch((e) => ({ ok: true, error: `request failed: ${e}` }));
          hostile.push({ start: started, end: Date.now(), what: `${f.what} via ${how}` });
          if (Date.now() - started > 120_000) figures.hangs++;
          expect(r?.ok, `${f.what} via ${how}: ${JSON.stringify(r)?.slice(0, 300)}`).toBe(false);
          expect(r?.error ?? "", `${f.what} via ${how}`).toMatch(/[\u4e00-\u9fff]/);
          if (await serverUp()) figures.serverUpAfter++;
          else figures.crashes++;
        }
      }
    } finally {
      const t = pageTimes(await loader.stop(), hostile);
      Object.assign(figures, { slowestPageMs: t.besideMs, quietPageMs: t.quietMs, pageBoundMs: t.boundMs });
      console.log(
        `[hostile] ${figures.hostileFiles} hostile uploads; /agencies loaded ${t.besideLoads} times beside them (slowest ${t.besideMs} ms) ` +
          `and ${t.quietLoads} times between them (slowest ${t.quietMs} ms); bound ${t.boundMs} ms; the slowest was beside ${t.worstBeside}`,
      );
      worstBeside = t.worstBeside;
    }
    expect(figures.serverUpAfter).toBe(figures.hostileFiles);
    expect(Number((await db.query("SELECT count(*) AS n FROM source")).rows[0].n)).toBe(0);
    expect(figures.slowestPageMs, `the slowest load was beside ${worstBeside}`).toBeLessThanOrEqual(figures.pageBoundMs);
  }, 1_200_000);

  it("stores every accepted body byte for byte, up to the 20 MB limit (API text and file, page action)", async () => {
    const sizes = FULL ? [1 * MB, 10.6 * MB, 15 * MB, 19.5 * MB] : [1 * MB, 10.6 * MB];
    let n = 0;
    const check = async (sent: Buffer, how: string, status: number, json: unknown) => {
      figures.bodiesAccepted++;
      expect(status, `${how}: ${JSON.stringify(json)?.slice(0, 300)}`).toBe(200);
      const sha = crypto.createHash("sha256").update(sent).digest("hex");
      const { rows } = await db.query("SELECT byte_size, encode(sha256(bytes), 'hex') AS sha, octet_length(bytes) AS len FROM source WHERE sha256 = $1", [sha]);
      expect(rows, how).toHaveLength(1);
      expect(Number(rows[0].len), how).toBe(sent.length);
      expect(rows[0].sha, how).toBe(sha);
      figures.bodiesExact++;
    };
    for (const size of sizes) {
      const text = Buffer.from(paddedReport(`字节测试${++n}局`, Math.floor(size)));
      const r = await api(text, "", { "content-type": "text/plain; charset=utf-8", "x-content-sha256": crypto.createHash("sha256").update(text).digest("hex") });
      await check(text, `text/plain ${text.length} bytes`, r.status, r.json);
      const file = Buffer.from(paddedReport(`字节测试${++n}局`, Math.floor(size)));
      const f = await api(fileForm(file, `r${n}.txt`));
      await check(file, `multipart ${file.length} bytes`, f.status, f.json);
    }
    // The page's Save: through proxy.ts, whose body buffer once cut bodies at 10 MB.
    const big = Buffer.from(paddedReport("字节测试页面局", Math.floor((FULL ? 15 : 10.6) * MB)));
    const action = await callAction<Result>(app, "/upload", "saveAction", { file: new Blob([big], { type: "text/plain" }) as unknown as string, options: "{}" });
    await check(big, `page action ${big.length} bytes`, action.result?.ok ? 200 : action.status, action.result ?? action.body.slice(0, 300));
  }, 900_000);

  it("answers 413 beyond the limit (declared, chunked), 400/408 for a Content-Length that lies, and stores none of them", async () => {
    const before = Number((await db.query("SELECT count(*) AS n FROM source")).rows[0].n);
    // Declared over the limit: 413 at once, before the body is read (over a raw socket: fetch
    // reports the early answer as a broken pipe while it is still writing).
    const over = Buffer.alloc(21 * MB + 1, 0x41);
    expect((await rawPost("/api/reports", ["Content-Type: text/plain", `Content-Length: ${over.length}`], over, { waitMs: 60_000 })).status).toBe(413);
    const chunks = Array.from({ length: 22 }, () => new Uint8Array(MB).fill(0x42));
    const stream = new ReadableStream<Uint8Array>({ pull: (c) => (chunks.length ? c.enqueue(chunks.pop()!) : c.close()) });
    const chunked = await fetch(`${app.url}/api/reports`, { method: "POST", body: stream, headers: { "content-type": "text/plain" }, duplex: "half" } as RequestInit);
    expect(chunked.status).toBe(413);
    // Declares 5 MB, sends 1 MB and waits: refused once the body stalls (UPLOAD_BODY_IDLE_MS=3 s), not hung.
    const stalled = await rawPost("/api/reports", ["Content-Type: text/plain", `Content-Length: ${5 * MB}`], Buffer.alloc(MB, 0x43), { waitMs: 60_000 });
    expect(stalled.status).toBe(408);
    expect(stalled.ms).toBeLessThan(30_000);
    // Declares 1000 bytes, sends 1000 bytes of no report, then a report and 2 MB more: the server
    // reads the 1000 bytes it was told of (no report: nothing stored) and does not hang.
    const short = await rawPost("/api/reports", ["Content-Type: text/plain", "Content-Length: 1000"], Buffer.concat([Buffer.alloc(1000, 0x44), Buffer.from(reportOf("说谎局")), Buffer.alloc(2 * MB, 0x44)]), { waitMs: 60_000 });
    // Not hung: answered, or closed by the server when the bytes past the declared length did not
    // parse as a next request (a reset can then drop the answer before the client reads it).
    expect(short.ended, `ended after ${short.ms} ms`).not.toBe("timeout");
    expect(await serverUp()).toBe(true);
    // The SHA-256 the client states must match.
    const text = Buffer.from(reportOf("校验值局"));
    expect((await api(text, "", { "content-type": "text/plain", "x-content-sha256": "0".repeat(64) })).status).toBe(400);
    expect(Number((await db.query("SELECT count(*) AS n FROM source")).rows[0].n)).toBe(before);
  }, 300_000);

  it("sums past 32 bits: three reports of ~1e9 applications each, and a group of three ~1e9 items in one report", async () => {
    const big = 999_999_990;
    for (const year of [2021, 2022, 2023]) {
      const v = { ...RICH, new_received: [big, 0, 0, 0, 0, 0, big] };
      const r = await api(asPipe(blocks(v, { agency: "大数测试局", year })), "", { "content-type": "text/plain" });
      expect(r.status, JSON.stringify(r.json).slice(0, 400)).toBe(200);
    }
    const { rows } = await db.query("SELECT sum_new_received::text AS s FROM agency WHERE name = '大数测试局'");
    expect(rows[0].s).toBe(String(3 * big));
    // And within one report: a group's total is the sum of its items (three of ~1e9 here).
    const row = [big, 0, 0, 0, 0, 0, big];
    const v = { ...RICH, "denied.state_secret": row, "denied.prohibited_by_law": row, "denied.third_party_rights": row };
    const r = await api(asPipe(blocks(v, { agency: "大数分组局", year: 2023 })), "", { "content-type": "text/plain" });
    expect(r.status, JSON.stringify(r.json).slice(0, 400)).toBe(200);
    const group = await db.query("SELECT r.denied::text AS d FROM report r JOIN agency a ON a.id = r.agency_id WHERE a.name = '大数分组局' AND r.in_force");
    expect(group.rows[0].d).toBe(String(3 * big));
    const page = await fetch(`${app.url}/agencies/${(await db.query("SELECT id FROM agency WHERE name = '大数分组局'")).rows[0].id}`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
  }, 120_000);

  it("the small items: NUL, wrong argument types, cross-origin actions, unknown region codes — clear refusals, no 500, no stack in the log", async () => {
    const logBefore = app.output().length;
    // NUL in a file name (API and page) and in an agency edit.
    const nulName = await api(fileForm(reportOf("空字符局"), "年报\u0000.txt"));
    expect(nulName.status).toBe(400);
    expect(nulName.json.error).toContain("控制字符");
    const nulAction = await callAction<Result>(app, "/upload", "saveAction", { text: reportOf("空字符局"), options: JSON.stringify({ edits: [{ index: 0, agency: "空字\u0000符局" }] }) });
    expect(nulAction.status).toBe(200);
    expect(nulAction.result?.error).toContain("控制字符");
    // An unknown region code in an edit: a message, not ignored.
    const region = await api(fileForm(reportOf("地区测试局"), "r.txt", "text/plain", { edits: [{ index: 0, regionCode: "999999" }] }));
    expect(region.status).toBe(400);
    expect(region.json.error).toContain("999999");
    // A server action called with a string where a FormData belongs.
    const wrong = await fetch(`${app.url}/upload`, {
      method: "POST",
      headers: { "Next-Action": actionId("previewAction"), Accept: "text/x-component", Origin: app.url, "content-type": "text/plain;charset=UTF-8" },
      body: JSON.stringify(["not a form"]),
    });
    expect(wrong.status).toBeLessThan(500);
    expect(await wrong.text()).toContain("请求格式有误");
    // A server action from another origin: refused, not 500.
    const cross = await fetch(`${app.url}/upload`, {
      method: "POST",
      headers: { "Next-Action": actionId("saveAction"), Accept: "text/x-component", Origin: "http://evil.example" },
      body: new FormData(),
    });
    expect(cross.status).toBe(403);
    expect(await serverUp()).toBe(true);
    const log = app.output().slice(logBefore);
    expect(log, log).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
    expect(log).not.toContain("22P05");
  }, 120_000);
});
