// Errors the ingest raises for the person importing: a Chinese sentence for the UI, a code for
// programs. Anything else thrown is a bug or an outage and is reported as such.
import { ExtractError } from "@/lib/extract/errors";
import { isDatabaseUnavailable, OUTAGE_MESSAGE } from "@/lib/db/outage";

export type IngestErrorCode =
  | "invalid_report"
  | "agency_missing"
  | "year_missing"
  | "no_report_found"
  | "region_not_found";

export class IngestError extends Error {
  constructor(
    public code: IngestErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "IngestError";
  }
}

/** What a person importing files is told when one cannot be stored. */
export function failureMessage(e: unknown): string {
  if (e instanceof IngestError || e instanceof ExtractError) return e.message;
  if (isDatabaseUnavailable(e)) return OUTAGE_MESSAGE;
  return `内部错误：${(e as Error).message}`;
}
