// Polls a URL until a server started as `child` answers it with 2xx; throws if the server exits
// first or the time runs out. Shared by the bench's HTTP section and the reliability tests.
import type { ChildProcess } from "node:child_process";

export async function waitUntilServing(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before serving ${url}`);
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the server did not answer ${url} within ${timeoutMs / 1000} s`);
}
