// The bulk import's reader processes: the same payload as reading in the importer's own thread,
// and a reader that dies fails only the files it held, then is replaced.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ReadPool, readToPayload } from "@/lib/ingest/read-pool";

const seed = new Uint8Array(fs.readFileSync(path.join(process.cwd(), "tests", "fixtures", "seeds", "001_6174489a5f7162cb.txt")));

describe("reader processes", () => {
  let pool: ReadPool | null = null;
  afterEach(async () => {
    await pool?.close();
    pool = null;
  }, 120_000);

  it("give the payload the importer's own thread gives", async () => {
    pool = new ReadPool(1);
    const [there, here] = await Promise.all([pool.read(seed, "seed.txt"), readToPayload(seed, "seed.txt")]);
    if (!("payload" in there) || !("payload" in here)) throw new Error("expected payloads");
    expect(Buffer.isBuffer(there.payload.bytes)).toBe(true); // pg sends only Buffers as bytea
    expect({ ...there.payload, bytes: [...there.payload.bytes] }).toEqual({ ...here.payload, bytes: [...here.payload.bytes] });
    expect(JSON.parse(there.payload.reportsJson)).toHaveLength(5);
  }, 120_000);

  it("say why a file is not a report", async () => {
    pool = new ReadPool(1);
    const out = await pool.read(new TextEncoder().encode("会议纪要：本周无事。"), "notes.txt");
    expect(out).toEqual({ error: expect.stringMatching(/没有在这份文件中找到/) });
  }, 120_000);

  it("a reader killed mid-file fails that file only, and a new one reads the next", async () => {
    pool = new ReadPool(1);
    const [pid] = pool.pids();
    const pending = pool.read(seed, "seed.txt"); // the reader is still starting: this cannot be done yet
    process.kill(pid, "SIGKILL");
    expect(await pending).toEqual({ error: expect.stringMatching(/读取进程意外退出/) });
    const next = await pool.read(seed, "seed.txt");
    expect("payload" in next).toBe(true);
    expect(pool.pids()[0]).not.toBe(pid);
  }, 120_000);

  it("a read job over its time budget is stopped, refused with the reason in Chinese, and the reader replaced", async () => {
    pool = new ReadPool(1, { timeoutMs: 1, inFlight: 1 });
    const [pid] = pool.pids();
    const out = await pool.run({ type: "read", input: { kind: "file", bytes: seed, fileName: "seed.txt" } });
    expect(out).toEqual({ error: { kind: "budget", code: "too_complex", message: expect.stringMatching(/用时超过了 0 秒的上限|用时超过/) } });
    expect(pool.pids()[0]).not.toBe(pid);
  }, 120_000);

  it("a read job gives the document without its bytes, and a refusal as the error it was", async () => {
    pool = new ReadPool(1, { inFlight: 1 });
    const out = await pool.run({ type: "read", input: { kind: "file", bytes: seed, fileName: "seed.txt" }, maxBytes: 1_000_000 });
    if (!("document" in out)) throw new Error(JSON.stringify(out));
    expect(out.document.reports).toHaveLength(5);
    expect("bytes" in out.document).toBe(false);
    const refused = await pool.run({ type: "read", input: { kind: "text", text: "  " } });
    expect(refused).toEqual({ error: { kind: "extract", code: "empty", message: expect.stringMatching(/空/) } });
  }, 120_000);
});
