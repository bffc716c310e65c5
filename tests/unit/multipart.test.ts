// The API's multipart reader (lib/ingest/multipart.ts) against what a browser's FormData sends.
import { describe, expect, it } from "vitest";
import { readMultipart } from "@/lib/ingest/multipart";

async function encode(form: FormData) {
  const res = new Response(form);
  return { bytes: new Uint8Array(await res.arrayBuffer()), type: res.headers.get("content-type")! };
}

describe("readMultipart", () => {
  it("reads files (Chinese names, byte for byte) and repeated fields in order", async () => {
    const big = new Uint8Array(1_000_003).map((_, i) => (i * 7) % 256); // spans several slices
    const form = new FormData();
    form.append("file", new File([big], "聊城市2023年报.pdf"));
    form.append("file", new File(["第二份"], "二.txt"));
    form.append("url", "https://a.example/1.html");
    form.append("url", "https://a.example/2.html");
    form.append("options", JSON.stringify({ edits: [{ index: 0, agency: "某局" }] }));
    const { bytes, type } = await encode(form);
    const got = await readMultipart(bytes, type, 1 << 20);
    expect(got.files.map((f) => [f.field, f.name, f.bytes.length])).toEqual([["file", "聊城市2023年报.pdf", big.length], ["file", "二.txt", 9]]);
    expect(Buffer.from(got.files[0].bytes).equals(Buffer.from(big))).toBe(true);
    expect(got.fields.get("url")).toEqual(["https://a.example/1.html", "https://a.example/2.html"]);
    expect(JSON.parse(got.fields.get("options")![0])).toEqual({ edits: [{ index: 0, agency: "某局" }] });
  });

  it("refuses a field over the bound, a body without a boundary and a cut-off body", async () => {
    const form = new FormData();
    form.append("text", "字".repeat(1000));
    const { bytes, type } = await encode(form);
    await expect(readMultipart(bytes, type, 100)).rejects.toThrow(/over 100 bytes/);
    await expect(readMultipart(bytes, "multipart/form-data", 1 << 20)).rejects.toThrow();
    await expect(readMultipart(bytes.slice(0, bytes.length - 20), type, 1 << 20)).rejects.toThrow();
  });
});
