// Report texts for the reliability tests, built from the unit tests' report builder.
import { asPipe, blocks, RICH, type Values } from "@/tests/helpers/report-builder";

/** A whole report of `agency` for `year`; `granted` changes its numbers (and so its version). */
export function reportOf(agency: string, year = 2023, granted?: number): string {
  const v: Values = granted === undefined ? RICH : { ...RICH, granted: [granted, 1, 0, 0, 0, 0, granted + 1] };
  return asPipe(blocks(v, { agency, year }));
}
