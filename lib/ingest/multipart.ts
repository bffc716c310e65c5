// A buffered multipart/form-data body read into its files and fields with busboy, fed in slices
// with a turn of the event loop between them: a 14 MB form read at once (Response#formData) held
// the server's only request thread for 0.4 s of CPU — seconds under load — while other users'
// pages waited. The body is already bounded (readBody), so nothing here needs its own cap but
// busboy's per-field one, set to the same bound.
import { Busboy } from "@fastify/busboy";

export interface MultipartForm {
  files: Array<{ field: string; name: string; bytes: Uint8Array }>;
  /** Non-file fields by name, in the order sent. */
  fields: Map<string, string[]>;
}

const SLICE = 256 * 1024;

export function readMultipart(body: Uint8Array, contentType: string, maxFieldBytes: number): Promise<MultipartForm> {
  return new Promise((resolve, reject) => {
    const form: MultipartForm = { files: [], fields: new Map() };
    let failed = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      reject(e instanceof Error ? e : new Error(String(e)));
    };
    let parser: InstanceType<typeof Busboy>;
    try {
      parser = new Busboy({ headers: { "content-type": contentType }, defCharset: "utf8", limits: { fieldSize: maxFieldBytes } });
    } catch (e) {
      return fail(e); // not multipart, or no boundary
    }
    parser.on("file", (field, stream, name) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => form.files.push({ field, name, bytes: new Uint8Array(Buffer.concat(chunks)) }));
      stream.on("error", fail);
    });
    parser.on("field", (name, value, _nameTruncated, valueTruncated) => {
      if (valueTruncated) return fail(new Error(`field ${name} is over ${maxFieldBytes} bytes`));
      form.fields.set(name, [...(form.fields.get(name) ?? []), value]);
    });
    parser.on("error", fail);
    parser.on("finish", () => {
      if (!failed) resolve(form);
    });
    const feed = (at: number) => {
      if (failed) return;
      if (at >= body.length) return void parser.end();
      parser.write(Buffer.from(body.buffer, body.byteOffset + at, Math.min(SLICE, body.length - at)), () => setImmediate(feed, at + SLICE));
    };
    feed(0);
  });
}
