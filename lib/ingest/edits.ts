// Applies what the person uploading filled in (agency, year, region) to the parsed reports.
// Numbers are not edited here: the parsed report is stored as the source prints it, and cells a
// person typed over become a correction version beside it (lib/ingest/upload.ts).
import { getRegion, regionRef } from "@/lib/regions";
import type { ParsedReport } from "@/lib/model/report-schema";
import type { ReportEdit } from "./upload-schema";

const FILLED_FLAGS: Record<string, "agency" | "year" | "regionCode"> = {
  agency_unknown: "agency",
  year_unknown: "year",
  region_unknown: "regionCode",
  region_guessed: "regionCode",
};

export function applyEdits(reports: ParsedReport[], edits: ReportEdit[]): ParsedReport[] {
  return reports.map((r, index) => {
    const edit = edits.find((e) => e.index === index);
    if (!edit) return r;
    const next: ParsedReport = { ...r };
    if (edit.agency) next.agency = edit.agency;
    if (edit.year) next.year = edit.year;
    if (edit.regionCode) {
      const region = getRegion(edit.regionCode);
      if (region) {
        next.region = regionRef(edit.regionCode);
        // An agency is at its region's level, except a township's, which sits in a county.
        next.level = r.level === "township" ? "township" : region.level;
      }
    }
    // A flag that said "the text does not name X" no longer applies once a person supplied X.
    next.flags = r.flags.filter((f) => {
      const field = FILLED_FLAGS[f.code];
      return !(field && edit[field]);
    });
    return next;
  });
}
