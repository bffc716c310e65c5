// Where a report fetched from the web came from: the file's URL (and the page that linked it as
// its attachment) and when it was fetched. Nothing for an uploaded or pasted source.
import { formatDateTime } from "@/lib/format";

export function SourceOrigin({ source }: { source: { sourceUrl?: string | null; pageUrl?: string | null; fetchedAt?: Date | null } }) {
  if (!source.sourceUrl) return null;
  return (
    <p className="text-sm break-all text-muted" data-testid="source-url">
      网址：
      <a href={source.sourceUrl} rel="noopener noreferrer nofollow" target="_blank">
        {source.sourceUrl}
      </a>
      {source.pageUrl && (
        <>
          （附件，所在网页{" "}
          <a href={source.pageUrl} rel="noopener noreferrer nofollow" target="_blank">
            {source.pageUrl}
          </a>
          ）
        </>
      )}
      {source.fetchedAt && ` · 抓取于 ${formatDateTime(source.fetchedAt)}`}
    </p>
  );
}
