// The committed favicon is what scripts/make-favicon.ts draws (so the picture has one source),
// and it is a real 32×32 icon file.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { favicon } from "../../scripts/make-favicon";

describe("favicon", () => {
  const committed = fs.readFileSync(path.join(process.cwd(), "app", "favicon.ico"));
  it("is the generated icon", () => {
    expect(committed.equals(favicon())).toBe(true);
  });
  it("is an ICO with one 32×32 image", () => {
    expect(committed.readUInt16LE(2)).toBe(1);
    expect(committed.readUInt16LE(4)).toBe(1);
    expect([committed[6], committed[7]]).toEqual([32, 32]);
    expect(committed.readUInt32LE(18) + committed.readUInt32LE(14)).toBe(committed.length);
  });
});
