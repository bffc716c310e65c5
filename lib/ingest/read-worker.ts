// One reader process of ReadPool: a job in (ReadJob), its outcome out — the checked payload, the
// read document, or why the file cannot be stored. It exits when its parent disconnects.
import type { OcrProgress } from "@/lib/extract/ocr/engine";
import { runReadJob, type ReadJob } from "./read-pool";

process.on("message", async ({ id, ...job }: { id: number } & ReadJob) => {
  // OCR's progress, a few messages a second at most (each page, then every box read is too many).
  let last = 0;
  let lastPage = -1;
  const onProgress = (progress: OcrProgress) => {
    const now = Date.now();
    if (!process.connected || (progress.page === lastPage && now - last < 500)) return;
    [last, lastPage] = [now, progress.page];
    process.send!({ id, progress }, undefined, undefined, () => {});
  };
  const outcome = await runReadJob(job, onProgress);
  // The parent may have gone (the pool closed while this file was read): nothing to answer.
  if (process.connected) process.send!({ id, ...outcome }, undefined, undefined, () => {});
});
process.on("disconnect", () => process.exit(0));
if (process.connected) process.send!({ ready: true }, undefined, undefined, () => {}); // loaded: the pool counts a job's time from here
