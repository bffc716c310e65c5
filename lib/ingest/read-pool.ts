// Reading files (bytes → text → reports) in helper processes, so that no file is ever parsed on
// the thread that serves requests or talks to the database. One pool, two users:
//  - the bulk import (`payload` jobs): parsing on every core while its main thread stores;
//  - the web server (`read` jobs, lib/ingest/extraction.ts): every upload and preview, each file
//    within a budget of time and memory, so a hostile file is refused and the site keeps serving.
// A job type names what the reader does (READ_JOBS in read-worker.ts); a heavier kind of job
// (OCR) gets its own type and a pool of its own with a bigger budget (PoolBudget).
// Processes, not worker threads: the readers load the TypeScript sources through tsx as the
// import CLI does (on Node 20 a worker thread cannot take tsx's --import loader), and a process
// can be killed at any point, its memory given back whole.
import os from "node:os";
import path from "node:path";
import { fork, type ChildProcess } from "node:child_process";
import { ExtractError, type ExtractErrorCode } from "@/lib/extract/errors";
import { attachmentsOf } from "@/lib/fetch/document";
import { ocrInstalled, type OcrProgress } from "@/lib/extract/ocr/engine";
import { failureMessage, IngestError, type IngestErrorCode } from "./errors";
import { readFile, readPastedText, type ReadHints } from "./read";
import { documentPayload, type DocumentPayload, type DocumentToStore } from "./store";

export type ReadOutcome = { payload: DocumentPayload } | { error: string };

/** One file's bytes → what the database stores, or why it cannot be stored (a reader's whole job). */
export async function readToPayload(bytes: Uint8Array, fileName: string, bytesSha256?: string): Promise<ReadOutcome> {
  try {
    // The reports come straight from analyzeText, which has validated them.
    // The bulk import reads scanned PDFs by OCR when it is installed (slow, but nobody waits on a page).
    return { payload: documentPayload(await readFile(bytes, fileName, undefined, undefined, undefined, ocrInstalled()), { asParsed: true, bytesSha256 }) };
  } catch (e) {
    return { error: failureMessage(e) };
  }
}

/** What an upload is read from: a file's bytes (with the Content-Type a web server sent them with, for a
 * fetched page: its charset decides the page's encoding), or pasted text. */
export type ReadInput = { kind: "file"; bytes: Uint8Array; fileName: string; mimeType?: string } | { kind: "text"; text: string };

/** A read document without its bytes (the caller has them): what crosses back from a reader. */
export type ReadDocument = Omit<DocumentToStore, "bytes">;

/** The jobs a reader does. */
export type ReadJob =
  | { type: "payload"; bytes: Uint8Array; fileName: string; bytesSha256?: string }
  | { type: "read"; input: ReadInput; hints?: ReadHints; maxBytes?: number; /** Read scans and images by OCR (the OCR pool only). */ ocr?: boolean }
  /** A fetched report page's attachment links (its HTML parsed here, not on the server's thread). */
  | { type: "links"; bytes: Uint8Array; contentType?: string; url: string };

/** A failure that crosses the process boundary as data and is thrown again as the same class. */
export type JobError = { error: { kind: "extract" | "ingest" | "budget" | "internal"; code?: string; message: string } };
export type JobResult<J extends ReadJob> = J extends { type: "payload" }
  ? ReadOutcome
  : J extends { type: "links" }
    ? { links: string[] } | JobError
    : { document: ReadDocument } | JobError;

/** Runs one job in this process (what a reader does; also the in-process fallback of tests). */
export async function runReadJob(job: ReadJob, onProgress?: (p: OcrProgress) => void): Promise<ReadOutcome | { document: ReadDocument } | { links: string[] } | JobError> {
  if (job.type === "payload") return readToPayload(job.bytes, job.fileName, job.bytesSha256);
  if (job.type === "links") return { links: attachmentsOf(job.bytes, job.contentType, job.url) };
  try {
    const doc =
      job.input.kind === "file"
        ? await readFile(job.input.bytes, job.input.fileName, job.hints, job.maxBytes, job.input.mimeType, job.ocr && onProgress ? { onProgress } : job.ocr)
        : readPastedText(job.input.text, job.hints, job.maxBytes);
    const { bytes: _bytes, ...document } = doc;
    return { document };
  } catch (e) {
    if (e instanceof ExtractError) return { error: { kind: "extract", code: e.code, message: e.message } };
    if (e instanceof IngestError) return { error: { kind: "ingest", code: e.code, message: e.message } };
    return { error: { kind: "internal", message: String((e as Error)?.stack ?? e) } };
  }
}

/** Throws a job's error again as what it was in the reader (ExtractError, IngestError, Error). */
export function rethrowJobError(e: JobError["error"]): never {
  if (e.kind === "extract" || e.kind === "budget") throw new ExtractError((e.code ?? "too_complex") as ExtractErrorCode, e.message);
  if (e.kind === "ingest") throw new IngestError(e.code as IngestErrorCode, e.message);
  throw new Error(`reader: ${e.message}`);
}

/**
 * Reader processes by default for the bulk import: the cores left after the importer's own
 * thread and Postgres, at most 4 — none on two cores, where handing files over costs more than
 * it frees (10,000 reports: 367–372 reports/s alone, 323–338 with one reader; npm run bench --
 * --only import).
 */
export const defaultReaders = () => Math.max(0, Math.min(4, os.availableParallelism() - 2));

/** What one job may use. Memory is per process (V8's old space), so it is the pool's. */
export interface PoolBudget {
  /** A job still running after this long is stopped (its reader killed and replaced). */
  timeoutMs?: number;
  /** The largest heap a reader may grow (node --max-old-space-size); a reader over it dies. */
  maxOldSpaceMb?: number;
  /** Jobs handed to one reader at once (1: a reader that dies takes exactly one file with it). */
  inFlight?: number;
  /** Scheduling priority of the readers (os.setPriority; 10: the CPU goes to serving pages first). */
  nice?: number;
}

export const budgetMessage = {
  time: (ms: number) =>
    `读取这个文件用时超过了 ${Math.round(ms / 1000)} 秒的上限，已停止读取（文件过于复杂，或是特意构造的）。文件未保存。请复制报告文字后粘贴上传。`,
  memory: (mb?: number) =>
    `读取这个文件需要的内存超过了${mb ? ` ${mb} MB 的` : ""}上限，已停止读取（文件过于复杂，或是特意构造的）。文件未保存。请复制报告文字后粘贴上传。`,
};

interface Task {
  job: ReadJob;
  resolve: (o: unknown) => void;
  /** OCR's progress, as the reader reports it. */
  onProgress?: (p: OcrProgress) => void;
  timer?: NodeJS.Timeout;
}

interface Reader {
  child: ChildProcess;
  tasks: Map<number, Task>;
  /** Loaded and listening (a job's time is counted from then, not from the process's start). */
  ready: boolean;
  /** Set when the pool killed it on purpose (a job over its time budget). */
  killedFor?: number;
}

export class ReadPool {
  private readers: Reader[] = [];
  private queue: { id: number; task: Task }[] = [];
  private ids = 0;
  private closing = false;
  private readonly budget: PoolBudget;
  // From the project root: inside the Next server's bundle __dirname is not this folder. (A field,
  // not an argument written at the call: the bundler would try to bundle a literal path given to fork.)
  private readonly workerFile = path.resolve(process.cwd(), "lib", "ingest", "read-worker.ts");

  constructor(size: number, budget: PoolBudget = {}) {
    this.budget = budget;
    for (let i = 0; i < size; i++) this.readers.push(this.spawn());
  }

  private spawn(): Reader {
    const execArgv = ["--import", "tsx", "--max-semi-space-size=64"]; // as npm run import (package.json)
    if (this.budget.maxOldSpaceMb) execArgv.push(`--max-old-space-size=${this.budget.maxOldSpaceMb}`);
    const child = fork(this.workerFile, [], {
      execArgv,
      serialization: "advanced", // bytes cross as bytes, not JSON
      stdio: ["ignore", "inherit", "pipe", "ipc"],
    });
    // A reader's stderr is passed on, except V8's report of running out of heap (expected when a
    // hostile file hits the memory budget; the upload is refused with the reason).
    let oom = false;
    child.stderr!.on("data", (d: Buffer) => {
      const s = d.toString();
      if (/heap out of memory|Reached heap limit|Allocation failed|^\s*<--- |^\s*\d+: 0x|FATAL ERROR|Last few GCs|JS stacktrace|Mark-Compact|Scavenge/m.test(s)) oom = true;
      else process.stderr.write(d);
    });
    if (this.budget.nice && child.pid) {
      try {
        os.setPriority(child.pid, this.budget.nice);
      } catch {
        /* not allowed here: the reader runs at the server's priority */
      }
    }
    const reader: Reader = { child, tasks: new Map(), ready: false };
    child.on("message", ({ id, ...outcome }: { id: number } & Record<string, unknown>) => {
      if ((outcome as { ready?: boolean }).ready) {
        reader.ready = true;
        for (const [taskId, task] of reader.tasks) this.startClock(reader, taskId, task);
        return;
      }
      const progress = (outcome as { progress?: OcrProgress }).progress;
      if (progress) return void reader.tasks.get(id)?.onProgress?.(progress);
      const task = reader.tasks.get(id);
      reader.tasks.delete(id);
      if (!task) return;
      clearTimeout(task.timer);
      // Serialisation turns a Buffer into a plain Uint8Array; pg sends only Buffers as bytea.
      const payload = (outcome as { payload?: DocumentPayload }).payload;
      if (payload) {
        const b = payload.bytes;
        payload.bytes = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
      }
      task.resolve(outcome);
      this.dispatch();
    });
    // A reader that dies (out of memory, killed over its time budget, killed by someone) fails the
    // files it held, and is replaced. A job killed for its time is told so; the others it held
    // are innocent and go back to the queue.
    child.on("exit", (code, signal) => {
      for (const [id, task] of reader.tasks) {
        clearTimeout(task.timer);
        if (reader.killedFor !== undefined && reader.killedFor !== id) {
          this.queue.unshift({ id, task });
          continue;
        }
        const timeout = reader.killedFor === id;
        const memory = oom || code === 134 || signal === "SIGABRT" || signal === "SIGTRAP";
        const message = timeout
          ? budgetMessage.time(this.budget.timeoutMs ?? 0)
          : memory
            ? budgetMessage.memory(this.budget.maxOldSpaceMb)
            : `内部错误：读取进程意外退出（${signal ?? code}）`;
        task.resolve(
          task.job.type === "payload" ? { error: message } : { error: { kind: timeout || memory ? "budget" : "internal", code: "too_complex", message } },
        );
      }
      reader.tasks.clear();
      const at = this.readers.indexOf(reader);
      if (at >= 0 && !this.closing) {
        this.readers[at] = this.spawn();
        this.dispatch();
      }
    });
    child.on("error", () => {}); // a failed send to a dying reader: its exit handler settles the tasks
    return reader;
  }

  /** Hands queued jobs to readers that have room, least busy first. */
  private dispatch() {
    const limit = this.budget.inFlight ?? Infinity;
    while (this.queue.length && !this.closing) {
      const reader = this.readers.filter((r) => r.child.connected && r.tasks.size < limit).sort((a, b) => a.tasks.size - b.tasks.size)[0];
      if (!reader) return;
      const { id, task } = this.queue.shift()!;
      reader.tasks.set(id, task);
      if (reader.ready) this.startClock(reader, id, task);
      reader.child.send({ id, ...task.job });
    }
  }

  /** A job's time budget runs from when its reader is ready (a reader starting on a busy machine
   * takes seconds to load, which is not the file's doing). */
  private startClock(reader: Reader, id: number, task: Task) {
    if (!this.budget.timeoutMs || task.timer) return;
    task.timer = setTimeout(() => {
      if (!reader.tasks.has(id)) return;
      reader.killedFor = id;
      reader.child.kill("SIGKILL");
    }, this.budget.timeoutMs);
  }

  /** Runs a job in the least busy reader (queued while every reader is full). */
  run<J extends ReadJob>(job: J, opts: { onProgress?: (p: OcrProgress) => void } = {}): Promise<JobResult<J>> {
    return new Promise((resolve) => {
      this.queue.push({ id: this.ids++, task: { job, resolve: resolve as (o: unknown) => void, onProgress: opts.onProgress } });
      this.dispatch();
    });
  }

  /** Reads one file's bytes into the payload the database reads (the bulk import). */
  read(bytes: Uint8Array, fileName: string, bytesSha256?: string): Promise<ReadOutcome> {
    return this.run({ type: "payload", bytes, fileName, bytesSha256 });
  }

  /** The reader processes' ids (for tests that kill one). */
  pids(): number[] {
    return this.readers.map((r) => r.child.pid!).filter(Boolean);
  }

  /** Jobs waiting for a reader. */
  get waiting(): number {
    return this.queue.length;
  }

  async close() {
    this.closing = true;
    await Promise.all(
      this.readers.map(
        (r) =>
          new Promise<void>((resolve) => {
            if (r.child.exitCode !== null || r.child.signalCode !== null) return resolve();
            r.child.once("exit", () => resolve());
            // A reader still loading holds no work: stopped at once rather than waited for.
            if (!r.ready && r.tasks.size === 0) r.child.kill("SIGKILL");
            else if (r.child.connected) r.child.disconnect();
            else r.child.kill("SIGKILL");
          }),
      ),
    );
  }
}
