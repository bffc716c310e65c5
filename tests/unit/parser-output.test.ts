// The parser's whole output pinned: a digest of everything analyzeText returns (cells, provenance,
// findings and their evidence, spans, dates) for the bench's generated reports, one per layout,
// and for every text fixture. A speed-up that changes any of it fails here, where the other tests
// check only what they name. When the output changes on purpose, bump PARSER_VERSION
// (lib/parser/index.ts) and rewrite the snapshot:
//   npx vitest run tests/unit/parser-output.test.ts -u
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeText } from "@/lib/analyze";
import { extractText } from "@/lib/extract";
import { PARSER_VERSION } from "@/lib/parser";
import { LAYOUT_NAMES, generateFiles } from "@/scripts/bench/generate-texts";

const digest = (texts: string[]) => {
  const h = createHash("sha256");
  for (const t of texts) h.update(JSON.stringify(analyzeText(t))).update("\n");
  return h.digest("hex").slice(0, 16);
};

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures");

describe("parser output pinned", () => {
  it("the generated reports of every layout, and every text fixture, give the output they gave", async () => {
    const byLayout = new Map<string, string[]>();
    for (const f of generateFiles(250, 2024)) {
      const { text } = await extractText(await f.bytes(), { fileName: f.name });
      byLayout.set(f.layout, [...(byLayout.get(f.layout) ?? []), text]);
    }
    expect([...byLayout.keys()].sort()).toEqual([...LAYOUT_NAMES].sort());
    const layouts = Object.fromEntries([...byLayout].sort(([a], [b]) => a.localeCompare(b)).map(([layout, texts]) => [layout, `${texts.length} files ${digest(texts)}`]));

    const fixtures: Record<string, string> = {};
    for (const dir of fs.readdirSync(FIXTURES).sort()) {
      if (!fs.statSync(path.join(FIXTURES, dir)).isDirectory()) continue;
      for (const name of fs.readdirSync(path.join(FIXTURES, dir)).sort()) {
        if (/\.(?:txt|html)$/.test(name)) fixtures[`${dir}/${name}`] = digest([fs.readFileSync(path.join(FIXTURES, dir, name), "utf8")]);
      }
    }
    expect(Object.keys(fixtures).length).toBeGreaterThan(30);
    await expect(JSON.stringify({ parserVersion: PARSER_VERSION, layouts, fixtures }, null, 2) + "\n").toMatchFileSnapshot("../fixtures/parser-output.snap.json");
  });
});
