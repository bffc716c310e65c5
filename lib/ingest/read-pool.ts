// Reading files (bytes → text → reports → the payload the database reads) in helper processes,
// so the bulk import parses on every core while its main thread talks to the database. Processes,
// not worker threads: the readers load the TypeScript sources through tsx as the import CLI does,
// and on Node 20 a worker thread cannot take tsx's --import loader.
import os from "node:os";
import path from "node:path";
import { fork, type ChildProcess } from "node:child_process";
import { failureMessage } from "./errors";
import { readFile } from "./read";
import { documentPayload, type DocumentPayload } from "./store";

export type ReadOutcome = { payload: DocumentPayload } | { error: string };

/** One file's bytes → what the database stores, or why it cannot be stored (a reader's whole job). */
export async function readToPayload(bytes: Uint8Array, fileName: string, bytesSha256?: string): Promise<ReadOutcome> {
  try {
    // The reports come straight from analyzeText, which has validated them.
    return { payload: documentPayload(await readFile(bytes, fileName), { asParsed: true, bytesSha256 }) };
  } catch (e) {
    return { error: failureMessage(e) };
  }
}

/**
 * Reader processes by default: the cores left after the importer's own thread and Postgres, at
 * most 4 — none on two cores, where handing files over costs more than it frees (10,000 reports:
 * 367–372 reports/s alone, 323–338 with one reader; npm run bench -- --only import).
 */
export const defaultReaders = () => Math.max(0, Math.min(4, os.availableParallelism() - 2));

interface Reader {
  child: ChildProcess;
  tasks: Map<number, (o: ReadOutcome) => void>;
}

export class ReadPool {
  private readers: Reader[] = [];
  private ids = 0;
  private closing = false;

  constructor(size: number) {
    for (let i = 0; i < size; i++) this.readers.push(this.spawn());
  }

  private spawn(): Reader {
    const child = fork(path.join(__dirname, "read-worker.ts"), [], {
      execArgv: ["--import", "tsx", "--max-semi-space-size=64"], // as npm run import (package.json)
      serialization: "advanced", // bytes cross as bytes, not JSON
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const reader: Reader = { child, tasks: new Map() };
    child.on("message", ({ id, ...outcome }: { id: number } & ReadOutcome) => {
      const done = reader.tasks.get(id);
      reader.tasks.delete(id);
      // Serialisation turns a Buffer into a plain Uint8Array; pg sends only Buffers as bytea.
      if ("payload" in outcome) {
        const b = outcome.payload.bytes;
        outcome.payload.bytes = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
      }
      done?.(outcome as ReadOutcome);
    });
    // A reader that dies (out of memory…) fails the files it held, and is replaced.
    child.on("exit", (code, signal) => {
      for (const done of reader.tasks.values()) done({ error: `内部错误：读取进程意外退出（${signal ?? code}）` });
      reader.tasks.clear();
      const at = this.readers.indexOf(reader);
      if (at >= 0 && !this.closing) this.readers[at] = this.spawn();
    });
    return reader;
  }

  /** Reads one file's bytes in the least busy reader. */
  read(bytes: Uint8Array, fileName: string, bytesSha256?: string): Promise<ReadOutcome> {
    const reader = this.readers.reduce((a, b) => (b.tasks.size < a.tasks.size ? b : a));
    const id = this.ids++;
    return new Promise((resolve) => {
      reader.tasks.set(id, resolve);
      reader.child.send({ id, bytes, fileName, bytesSha256 });
    });
  }

  /** The reader processes' ids (for tests that kill one). */
  pids(): number[] {
    return this.readers.map((r) => r.child.pid!).filter(Boolean);
  }

  async close() {
    this.closing = true;
    await Promise.all(
      this.readers.map((r) => new Promise<void>((resolve) => (r.child.exitCode !== null ? resolve() : (r.child.once("exit", () => resolve()), r.child.disconnect())))),
    );
  }
}
