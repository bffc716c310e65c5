// One reader process of ReadPool: bytes in, the checked payload (or the reason the file cannot
// be stored) out. It exits when the importer disconnects.
import { readToPayload } from "./read-pool";

process.on("message", async ({ id, bytes, fileName, bytesSha256 }: { id: number; bytes: Uint8Array; fileName: string; bytesSha256?: string }) => {
  process.send!({ id, ...(await readToPayload(bytes, fileName, bytesSha256)) });
});
process.on("disconnect", () => process.exit(0));
