import type { Metadata } from "next";
import Link from "next/link";
import { ReportView } from "@/components/report/ReportView";
import { CorrectionForm } from "@/components/review/CorrectionForm";
import { VersionHistory } from "@/components/review/VersionHistory";
import { getPrisma } from "@/lib/db/client";
import { uploadTokenRequired } from "@/lib/ingest/guard";
import { reportHistory } from "@/lib/queries/history";
import { loadCorrectable } from "@/lib/review/correct";
import { SourceOrigin } from "@/components/report/SourceOrigin";
import { Breadcrumbs } from "@/components/ui/Breadcrumbs";
import { formatCount, formatDateTime } from "@/lib/format";
import { reportOf } from "@/lib/route-params";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const r = await reportOf((await params).id);
  return { title: `${r.agency.name} ${r.year} 年年报`, description: `${r.agency.name}${r.year}年政府信息公开工作年度报告：原文与读出的统计表。` };
}

export default async function ReportPage({ params, searchParams }: Props) {
  const r = await reportOf((await params).id);
  const sp = await searchParams;
  const current = r.versions.find((v) => v.inForce);
  const [history, correctable] = await Promise.all([reportHistory(r.id), r.inForce ? loadCorrectable(getPrisma(), r.id) : null]);
  const focusFinding = r.findings.find((f) => String(f.id) === sp.f);
  const regionLabel = r.agency.regionPath.map((p) => p.name).join(" ");
  return (
    <article className="space-y-4">
      <header className="space-y-1">
        <Breadcrumbs
          items={[
            { href: "/agencies", label: "机关" },
            { href: `/agencies/${r.agency.id}`, label: r.agency.name },
            { label: `${r.year} 年` },
          ]}
        />
        <h1 className="text-2xl font-semibold">
          {r.agency.name} {r.year} 年政府信息公开工作年度报告
        </h1>
        <p className="text-sm text-muted">
          第 {r.version} 版{r.inForce ? "（在用）" : "（已被新版本取代）"} · 导入于 {formatDateTime(r.importedAt)} · 解析器 {r.parserVersion}
        </p>
        <p className="text-sm text-muted">
          来源：{r.source.fileName ?? "粘贴的文本"}（{r.source.format.toUpperCase()}
          {r.source.encoding ? `，${r.source.encoding}` : ""}，{formatCount(r.source.byteSize)} 字节
          {r.source.reportsInSource > 1 ? `，同一文件含 ${r.source.reportsInSource} 份年报` : ""}）
        </p>
        {r.kind === "corrected" && (
          <p className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm" data-testid="correction-note">
            <span className="font-medium">人工更正</span>
            {r.correctedBy ? `：${r.correctedBy}` : ""}，{formatDateTime(r.importedAt)}。理由：{r.reason}
            {r.basedOnReportId && (
              <Link href={`/reports/${r.basedOnReportId}`} className="ml-2">
                对照更正前的版本
              </Link>
            )}
          </p>
        )}
        <SourceOrigin source={r.source} />
        {!r.inForce && current && (
          <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm">
            这是旧版本。<Link href={`/reports/${current.id}`}>查看在用的第 {current.version} 版 →</Link>
          </p>
        )}
        {r.versions.length > 1 && (
          <nav aria-label="版本" className="flex flex-wrap gap-2 text-sm">
            {r.versions.map((v) =>
              v.id === r.id ? (
                <span key={v.id} aria-current="page" className="rounded bg-accent px-2 py-0.5 text-white">
                  第 {v.version} 版
                </span>
              ) : (
                <Link key={v.id} href={`/reports/${v.id}`} className="rounded border border-line bg-white px-2 py-0.5">
                  第 {v.version} 版{v.inForce ? "（在用）" : ""}
                </Link>
              ),
            )}
          </nav>
        )}
      </header>
      {correctable && (
        <CorrectionForm
          key={r.id}
          reportId={r.id}
          base={correctable.report}
          regionLabel={regionLabel}
          tokenRequired={uploadTokenRequired()}
          open={sp.edit === "1"}
          focusCells={focusFinding?.cells ?? []}
        />
      )}
      <ReportView
        parsedValues={history.parsedValues}
        lines={r.lines}
        firstLine={r.firstLine}
        wholeSource={r.wholeSource}
        table3={r.table3}
        table4={r.table4}
        table2={r.table2}
        findings={r.findings}
        rowLines={r.rowLines}
        scan={r.ocr ? { sourceId: r.source.id, ocr: r.ocr } : null}
      />
      <VersionHistory entries={history.entries} current={r.id} />
    </article>
  );
}
