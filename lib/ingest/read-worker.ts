// One reader process of ReadPool: a job in (ReadJob), its outcome out — the checked payload, the
// read document, or why the file cannot be stored. It exits when its parent disconnects.
import { runReadJob, type ReadJob } from "./read-pool";

process.on("message", async ({ id, ...job }: { id: number } & ReadJob) => {
  const outcome = await runReadJob(job);
  // The parent may have gone (the pool closed while this file was read): nothing to answer.
  if (process.connected) process.send!({ id, ...outcome }, undefined, undefined, () => {});
});
process.on("disconnect", () => process.exit(0));
if (process.connected) process.send!({ ready: true }, undefined, undefined, () => {}); // loaded: the pool counts a job's time from here
