import type { Metadata } from "next";
import { UploadWorkbench } from "@/components/upload/UploadWorkbench";
import { uploadTokenRequired } from "@/lib/ingest/guard";
import { getPrisma } from "@/lib/db/client";
import { OCR_MISSING, ocrInstalled } from "@/lib/extract/ocr/engine";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "上传年报" };

export default async function UploadPage() {
  const agencies = await getPrisma().agency.findMany({ select: { name: true }, distinct: ["name"], orderBy: { name: "asc" }, take: 5000 });
  return (
    <section className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">上传年报</h1>
        <p className="mt-1 max-w-3xl text-sm text-muted">
          上传后先预览：读出的三张统计表、算术核查提示和原文并排显示，确认无误再保存。原文逐字保存；同一内容不会重复存储；同一机关同一年度的不同内容另存为新版本，旧版本保留。
        </p>
      </div>
      <UploadWorkbench tokenRequired={uploadTokenRequired()} agencies={agencies.map((a) => a.name)} ocr={ocrInstalled() ? null : OCR_MISSING} />
    </section>
  );
}
