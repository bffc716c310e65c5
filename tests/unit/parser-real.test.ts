// Real reports (tests/fixtures/real, and the shared development set ../shared/fixtures/real when
// it sits beside the clone, as on CI): each file's bytes go through the extractor and the parser
// exactly as `npm run parse` does, and agency, year and every hand-checked total must come out.
// Fixtures listed in tests/fixtures/real/known-failing.json run as it.fails: the suite stays
// green while they fail, and one that starts passing fails the suite until it leaves the list.
import { describe, expect, it } from "vitest";
import { listRealFixtures, parseFile, readKnownFailing, scoreFixture } from "@/tests/helpers/real-fixtures";

const fixtures = listRealFixtures();
const knownFailing = readKnownFailing();

describe("real reports: agency, year and the totals read by hand", () => {
  it("has the fixtures, and the known-failing list names only fixtures that exist", () => {
    expect(fixtures.filter((f) => f.set === "real").length).toBeGreaterThan(0);
    const ids = new Set(fixtures.map((f) => f.id));
    // A shared-set id may be listed while that folder is absent (a clone without ../shared).
    const stale = Object.keys(knownFailing).filter((id) => id.startsWith("real/") && !ids.has(id));
    expect(stale, "known-failing.json lists fixtures that do not exist").toEqual([]);
  });

  for (const fx of fixtures) {
    const run = knownFailing[fx.id] ? it.fails : it;
    run(`${fx.id} (${fx.family}) ${fx.goldens.map((g) => `${g.agency} ${g.year}`).join("; ")}`, async () => {
      const score = scoreFixture(fx, await parseFile(fx.file));
      expect(score.misses, `${fx.id}: ${score.ok}/${score.total} right; misses:\n  ${score.misses.join("\n  ")}`).toEqual([]);
    });
  }
});
