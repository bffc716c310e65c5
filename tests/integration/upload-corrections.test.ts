// Cells corrected in the upload preview: saving stores the parsed report and, beside it, the
// correction as the version in force (the correction API's path), in one transaction — nothing
// of either when the correction is refused; roll-ups stay equal to a recomputation.
import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { emptyDatabase, maintainedAndRecomputed, refuseTable3RowsOf, testPrisma } from "./db";
import { previewUpload, saveUpload, type UploadInput } from "@/lib/ingest/upload";
import { UploadOptions } from "@/lib/ingest/upload-schema";

const SEED = fs.readFileSync(path.join(process.cwd(), "prisma", "samples", "003_21c4dbd6a9801aef.txt"), "utf8");
const ROW = "| (一)予以公开 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |";

/** Seed 003 under another agency, 予以公开·总计 misprinted as 5. */
function misprinted(agency: string): UploadInput {
  if (!SEED.includes(ROW)) throw new Error("seed 003 changed: the 予以公开 row is not where the test expects it");
  return { kind: "text", text: SEED.replaceAll("缙云县人民政府办公室", agency).replace(ROW, ROW.replace(/4 \|$/, "5 |")) };
}

const options = (raw: unknown) => UploadOptions.parse(raw);

describe("corrections made in the upload preview", () => {
  const prisma = testPrisma();
  beforeEach(() => emptyDatabase());

  it("the preview (dry run) shows what the correction settles; saving stores both versions, the corrected one in force", async () => {
    const input = misprinted("缙云县交通运输局");
    const edits = { edits: [{ index: 0, cells: { "granted.total": 4 }, reason: "原表予以公开总计为 4", by: "赵六" }] };
    const preview = await previewUpload(prisma, input, options(edits));
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    expect(preview.reports[0].report.flags.map((f) => f.code)).toEqual(expect.arrayContaining(["row_sum_broken", "outcome_sum_broken"]));
    expect(preview.reports[0].correction?.cleared.map((f) => f.code).sort()).toEqual(["outcome_sum_broken", "row_sum_broken"]);
    expect(preview.reports[0].correction?.report.flags).toEqual([]);
    expect(await prisma.report.count()).toBe(0); // a preview stores nothing

    const saved = await saveUpload(prisma, input, options(edits));
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    expect(saved.result.status).toBe("stored");
    expect(saved.result.reports).toMatchObject([{ status: "corrected", version: 2, agency: "缙云县交通运输局", year: 2023 }]);

    const versions = await prisma.report.findMany({ orderBy: { version: "asc" }, include: { table3: { where: { row: "granted" } }, findings: true } });
    expect(versions.map((v) => [v.version, v.kind, v.inForce, v.table3[0].total])).toEqual([
      [1, "parsed", false, 5],
      [2, "corrected", true, 4],
    ]);
    expect(versions[1]).toMatchObject({ basedOnReportId: versions[0].id, correctedBy: "赵六", reason: "原表予以公开总计为 4", reviewSeverity: 0 });
    expect(versions[1].table3[0].provenance).toEqual({ total: "corrected" });
    expect(versions[0].findings.map((f) => f.code)).toEqual(expect.arrayContaining(["row_sum_broken"]));
    expect(versions[1].findings).toEqual([]);
    const state = await maintainedAndRecomputed();
    expect(state.maintained).toEqual(state.recomputed);
  });

  it("cells without a reason are refused by the schema, with the message the form shows", () => {
    const r = UploadOptions.safeParse({ edits: [{ index: 0, cells: { "granted.total": 4 } }] });
    expect(r.success).toBe(false);
    expect(!r.success && r.error.issues[0]).toMatchObject({ message: "请写明更正数字的理由（至少两个字）", path: ["edits", 0, "reason"] });
    expect(UploadOptions.safeParse({ edits: [{ index: 0, cells: { "granted.total": -1 }, reason: "原表" }] }).success).toBe(false);
  });

  it("when the correction cannot be stored, neither is the parsed report (one transaction)", async () => {
    const undo = await refuseTable3RowsOf("kind = 'corrected'");
    try {
      const saved = await saveUpload(prisma, misprinted("缙云县民政局"), options({ edits: [{ index: 0, cells: { "granted.total": 4 }, reason: "原表为 4" }] }));
      expect(saved.ok).toBe(false);
    } finally {
      await undo();
    }
    expect([await prisma.source.count(), await prisma.report.count(), await prisma.agency.count()]).toEqual([0, 0, 0]);
    // Saved again once the database takes it: both versions.
    const saved = await saveUpload(prisma, misprinted("缙云县民政局"), options({ edits: [{ index: 0, cells: { "granted.total": 4 }, reason: "原表为 4" }] }));
    expect(saved.ok && saved.result.reports[0].status).toBe("corrected");
    expect(await prisma.report.count()).toBe(2);
  });

  it("a document imported before: the cells typed are a correction of the stored report", async () => {
    const input = misprinted("缙云县财政局");
    const first = await saveUpload(prisma, input, options({}));
    expect(first.ok && first.result.status).toBe("stored");
    const again = await saveUpload(prisma, input, options({ edits: [{ index: 0, cells: { "granted.total": 4 }, reason: "原表为 4" }] }));
    expect(again.ok && again.result.status).toBe("duplicate");
    expect(again.ok && again.result.reports.map((r) => [r.status, r.version])).toEqual([["corrected", 2]]);
    expect(await prisma.source.count()).toBe(1);
    expect(await prisma.report.count({ where: { inForce: true, kind: "corrected" } })).toBe(1);
  });
});
