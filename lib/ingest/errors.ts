// Errors the ingest raises for the person importing: a Chinese sentence for the UI, a code for
// programs. Anything else thrown is a bug or an outage and is reported as such.
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
