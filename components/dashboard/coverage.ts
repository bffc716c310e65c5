// Words of the coverage page, the scorecard and the missing list's CSV.
export const PUBLISHED_FROM_LABELS: Record<string, string> = {
  header: "网页发布时间",
  signature: "落款日期",
  title: "标题中的日期",
  file_name: "文件名中的日期",
  upload: "上传日期（原文未写发布日期）",
};

export const EXPECTED_BY_LABELS = { roster: "名单", recent: "近年有年报" } as const;

/** 2024-01-31 → 2024年1月31日 */
export function formatDay(iso: string | null | undefined): string {
  const m = iso?.match(/^(\d{4})-(\d{2})-(\d{2})/);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : "—";
}

export const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);
