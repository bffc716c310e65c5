// One reader process of ReadPool: bytes in, the checked payload (or the reason the file cannot
// be stored) out. It exits when the importer disconnects.
import { failureMessage } from "./errors";
import { readFile } from "./read";
import { documentPayload } from "./store";

process.on("message", async ({ id, bytes, fileName }: { id: number; bytes: Uint8Array; fileName: string }) => {
  try {
    process.send!({ id, payload: documentPayload(await readFile(bytes, fileName), { asParsed: true }) });
  } catch (e) {
    process.send!({ id, error: failureMessage(e) });
  }
});
process.on("disconnect", () => process.exit(0));
