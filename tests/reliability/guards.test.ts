// Who may upload and how much, against the production server with UPLOAD_TOKEN, a 1 MB file
// limit and a rate limit of 8 files a minute: no token, a wrong one or one without "Bearer" is
// refused (API and server action), oversized files and bodies are refused (also a chunked body
// that declares no length), files are counted one by one — page preview, page save and API
// alike, in Postgres — and the 9th file in a minute gets 429 whatever X-Forwarded-For claims;
// only the one good upload is stored.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RATE_MESSAGE, TOKEN_MESSAGE } from "@/lib/ingest/guard";
import { callAction, startApp, type TestApp } from "./app";
import { recordFigures } from "./figures";
import { reportOf } from "./report-texts";

const TOKEN = "s3cret-token";
const LIMIT = 8;
let app: TestApp;
let db: pg.Client;
let tried = 0;
const stored = async () => Number((await db.query("SELECT count(*) AS n FROM source")).rows[0].n);
type ApiInit = Omit<RequestInit, "headers"> & { token?: string; query?: string; headers?: Record<string, string>; duplex?: "half" };
const api = (init: ApiInit = {}) => {
  tried++;
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  return fetch(`${app.url}/api/reports${init.query ?? ""}`, { method: "POST", body: reportOf("口令测试局"), ...init, headers });
};
const fileForm = (text: string, name = "r.txt") => {
  const f = new FormData();
  f.append("file", new Blob([text], { type: "text/plain" }), name);
  return f;
};
type Save = { ok: boolean; error?: string };

describe("upload guards", () => {
  beforeAll(async () => {
    app = await startApp(1, { UPLOAD_TOKEN: TOKEN, UPLOAD_RATE_LIMIT: String(LIMIT), UPLOAD_MAX_BYTES: String(1024 * 1024) });
    db = new pg.Client({ connectionString: app.db.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await app?.stop();
  });

  it("refuses the API without the token or with a wrong one (401), in Chinese", async () => {
    for (const token of [undefined, "wrong", `${TOKEN}x`]) {
      const r = await api({ token });
      expect(r.status).toBe(401);
      expect((await r.json()).error).toBe(TOKEN_MESSAGE);
    }
    // The token without "Bearer " is not a token.
    for (const authorization of [TOKEN, `Token ${TOKEN}`, `Bearer`, `Bearer ${TOKEN} extra`]) {
      const r = await api({ headers: { authorization } });
      expect(r.status, authorization).toBe(401);
    }
    expect(await stored()).toBe(0);
  });

  it("refuses the server action without the token", async () => {
    tried += 2;
    for (const token of ["", "wrong"]) {
      const r = await callAction<Save>(app, "/upload", "saveAction", { text: reportOf("口令测试局"), token, options: "{}" });
      expect(r.result).toEqual({ ok: false, name: "粘贴的文字", error: TOKEN_MESSAGE });
    }
    expect(await stored()).toBe(0);
  });

  it("refuses a file over UPLOAD_MAX_BYTES (422) and a body over the outer bound (413), declared or not", async () => {
    const big = reportOf("口令测试局") + "\n" + "附件说明。".repeat(110_000); // ~1.6 MB
    const file = await api({ token: TOKEN, body: fileForm(big) });
    expect(file.status).toBe(422);
    expect((await file.json()).results[0].error).toMatch(/超过了 1 MB 的上限/);

    const huge = new Uint8Array(7 * 1024 * 1024).fill(0x41);
    const declared = await api({ token: TOKEN, body: huge, headers: { "content-type": "text/plain" } });
    expect(declared.status).toBe(413);

    // Chunked: no Content-Length, so only counting the bytes as they arrive stops it.
    const chunks = Array.from({ length: 14 }, () => new Uint8Array(512 * 1024).fill(0x42));
    const stream = new ReadableStream<Uint8Array>({ pull: (c) => (chunks.length ? c.enqueue(chunks.pop()!) : c.close()) });
    const chunked = await api({ token: TOKEN, body: stream, headers: { "content-type": "text/plain" }, duplex: "half" });
    expect(chunked.status).toBe(413);
    expect((await chunked.json()).error).toContain("请求过大");

    tried++;
    const action = await callAction<Save>(app, "/upload", "saveAction", { file: new Blob([big], { type: "text/plain" }) as unknown as string, token: TOKEN, options: "{}" });
    expect(action.result?.ok).toBe(false);
    expect(action.result?.error).toMatch(/超过了 1 MB 的上限/);
    expect(await stored()).toBe(0);
  });

  it("stores a good upload with the token", async () => {
    const r = await api({ token: TOKEN });
    expect(r.status).toBe(200);
    expect(await stored()).toBe(1);
  });

  it(`counts files, page and API alike, and answers 429 past ${LIMIT} files in a minute, whatever X-Forwarded-For says`, async () => {
    // Counted so far: the stored upload, the 1.6 MB file (422) and the page's 1.6 MB file = 3
    // (a body refused before it is read, 413, is not counted; nor a request without the token).
    const threeFiles = new FormData();
    for (let i = 0; i < 3; i++) threeFiles.append("file", new Blob([reportOf(`计数测试${i}局`)], { type: "text/plain" }), `r${i}.txt`);
    const three = await api({ token: TOKEN, query: "?dryRun=1", body: threeFiles });
    expect(three.status).toBe(200); // 6
    tried++;
    const preview = await callAction<Save>(app, "/upload", "previewAction", { text: reportOf("计数测试局"), token: TOKEN, options: "{}" });
    expect(preview.result?.ok).toBe(true); // 7: the page's preview counts too
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await api({ token: TOKEN, query: "?dryRun=1", headers: { "x-forwarded-for": `203.0.113.${i}` } }).catch((e) => {
        throw new Error(`request ${i} after ${statuses.join(",")}: ${e.cause ?? e}\n${app.output().slice(-3000)}`);
      });
      statuses.push(r.status);
      if (r.status === 429) expect((await r.json()).error).toBe(RATE_MESSAGE);
    }
    expect(statuses).toEqual([200, 429, 429]); // 8, then full
    tried++;
    const save = await callAction<Save>(app, "/upload", "saveAction", { text: reportOf("计数测试局"), token: TOKEN, options: "{}" });
    expect(save.result).toEqual({ ok: false, name: "粘贴的文字", error: RATE_MESSAGE }); // the page's save shares the limit
    const many = new FormData();
    for (let i = 0; i < LIMIT + 1; i++) many.append("file", new Blob(["x"], { type: "text/plain" }), `m${i}.txt`);
    const tooMany = await api({ token: TOKEN, body: many });
    expect(tooMany.status).toBe(429);
    expect((await tooMany.json()).error).toContain(`一次上传了 ${LIMIT + 1} 个文件`);
    expect(await stored()).toBe(1);
    recordFigures("guards", { what: "guards: token, size limits, rate limit per file", cases: tried, note: `401/413/422/429 as expected; ${await stored()} stored of ${tried} tried` });
  });
});
