// Scanned copies of the seed reports, for the OCR tests (tests/fixtures/scans). Each seed's golden
// numbers are printed in the template's layout (three label columns, merged cells as the
// 国办公开办函〔2021〕30号 form has them) by Chromium, the PDF is rasterised (pdftoppm), each page
// degraded as a scanner and a photocopier do it (a small rotation, blur, grey noise, strong JPEG)
// and the pages wrapped again as a PDF holding only images — no text layer.
//
//   npx tsx scripts/ocr/make-scans.ts [OUT_DIR]   (default tests/fixtures/scans)
//
// Needs Chromium (/usr/bin/chromium or CHROMIUM_PATH) and poppler-utils; the outputs are committed
// so the tests need neither.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { PDFDocument } from "pdf-lib";
import sharp from "sharp";
import { TABLE3_ROWS, type Table3Row } from "@/lib/model/keys";
import { T4_HEADER, escapeMarkup } from "@/tests/helpers/report-builder";

const SEEDS = path.resolve("..", "shared", "fixtures", "seeds");
const OUT = path.resolve(process.argv[2] ?? "tests/fixtures/scans");

interface Golden {
  agency: string;
  year: number;
  table3: Record<string, (number | null)[]>;
  table4: (number | null)[] | null;
}

/** How each scan is spoiled: degrees of rotation, blur sigma, JPEG quality, noise amplitude. */
const SCANS: { seed: string; report?: number; rotate: number; blur: number; quality: number; noise: number; dpi: number }[] = [
  { seed: "000_618cafc3c164b440", rotate: 0.4, blur: 0.5, quality: 55, noise: 10, dpi: 150 },
  { seed: "001_6174489a5f7162cb", report: 0, rotate: -0.8, blur: 0.8, quality: 40, noise: 16, dpi: 150 },
  { seed: "002_af8fd19025225cb0", rotate: 1.2, blur: 0.6, quality: 45, noise: 12, dpi: 150 },
  { seed: "003_21c4dbd6a9801aef", rotate: -0.3, blur: 1.0, quality: 35, noise: 20, dpi: 150 },
  { seed: "004_78cb5ee3af34762b", rotate: 0.7, blur: 0.7, quality: 50, noise: 14, dpi: 150 },
];

type Label = { text: string; rowspan?: number; colspan?: number };
/** Table 3's label cells per row, as the template merges them (3 label columns). */
const T3_LABELS: Record<Table3Row, Label[]> = {
  new_received: [{ text: "一、本年新收政府信息公开申请数量", colspan: 3 }],
  carried_over: [{ text: "二、上年结转政府信息公开申请数量", colspan: 3 }],
  granted: [{ text: "三、本年度办理结果", rowspan: 22 }, { text: "（一）予以公开", colspan: 2 }],
  partially_granted: [{ text: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", colspan: 2 }],
  "denied.state_secret": [{ text: "（三）不予公开", rowspan: 8 }, { text: "1.属于国家秘密" }],
  "denied.prohibited_by_law": [{ text: "2.其他法律行政法规禁止公开" }],
  "denied.three_safeties_one_stability": [{ text: "3.危及“三安全一稳定”" }],
  "denied.third_party_rights": [{ text: "4.保护第三方合法权益" }],
  "denied.internal_affairs": [{ text: "5.属于三类内部事务信息" }],
  "denied.process_information": [{ text: "6.属于四类过程性信息" }],
  "denied.law_enforcement_files": [{ text: "7.属于行政执法案卷" }],
  "denied.administrative_query": [{ text: "8.属于行政查询事项" }],
  "unable.not_held": [{ text: "（四）无法提供", rowspan: 3 }, { text: "1.本机关不掌握相关政府信息" }],
  "unable.needs_creation": [{ text: "2.没有现成信息需要另行制作" }],
  "unable.unclear_after_correction": [{ text: "3.补正后申请内容仍不明确" }],
  "not_processed.petition_or_complaint": [{ text: "（五）不予处理", rowspan: 5 }, { text: "1.信访举报投诉类申请" }],
  "not_processed.duplicate": [{ text: "2.重复申请" }],
  "not_processed.publication": [{ text: "3.要求提供公开出版物" }],
  "not_processed.excessive": [{ text: "4.无正当理由大量反复申请" }],
  "not_processed.confirm_or_reissue": [{ text: "5.要求行政机关确认或重新出具已获取信息" }],
  "other.overdue_correction": [{ text: "（六）其他处理", rowspan: 3 }, { text: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" }],
  "other.unpaid_fee": [{ text: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请" }],
  "other.other": [{ text: "3.其他" }],
  total_processed: [{ text: "（七）总计", colspan: 2 }],
  carried_forward: [{ text: "四、结转下年度继续办理", colspan: 3 }],
};

const td = (l: Label) =>
  `<td class="l"${l.rowspan ? ` rowspan="${l.rowspan}"` : ""}${l.colspan ? ` colspan="${l.colspan}"` : ""}>${escapeMarkup(l.text)}</td>`;
const num = (v: number | null) => `<td class="n">${v === null ? "" : v}</td>`;

export function scanHtml(g: Golden): string {
  const t3 = TABLE3_ROWS.map((k) => `<tr>${T3_LABELS[k].map(td).join("")}${(g.table3[k] ?? [0, 0, 0, 0, 0, 0, 0]).map(num).join("")}</tr>`);
  const t4 = g.table4 ?? Array(15).fill(0);
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><style>
  @page { size: A4; margin: 18mm 16mm; }
  body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 11pt; line-height: 1.6; color: #111; }
  h1 { font-size: 17pt; text-align: center; font-weight: bold; margin: 0 0 12pt; }
  p { text-indent: 2em; margin: 0 0 6pt; }
  table { border-collapse: collapse; width: 100%; margin: 6pt 0 12pt; page-break-inside: avoid; }
  td { border: 1px solid #000; padding: 3pt 4pt; font-size: 9.5pt; text-align: center; vertical-align: middle; }
  td.l { text-align: left; }
  td.n { width: 7%; }
  .t4 td { font-size: 8.5pt; padding: 3pt 1pt; }
  .sign { text-align: right; margin-top: 18pt; }
</style></head><body>
<h1>${escapeMarkup(g.agency)}${g.year}年政府信息公开工作年度报告</h1>
<p>本报告根据《中华人民共和国政府信息公开条例》编制，全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。</p>
<p>一、总体情况</p>
<p>${g.year}年，${escapeMarkup(g.agency)}认真贯彻落实政府信息公开工作要求，持续推进政务公开，依法做好依申请公开工作。</p>
<p>三、收到和处理政府信息公开申请情况</p>
<table>
<tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
${t3.join("\n")}
</table>
<p>四、政府信息公开行政复议、行政诉讼情况</p>
<table class="t4">
<tr><td colspan="5" rowspan="2">${T4_HEADER[0][0]}</td><td colspan="10">${T4_HEADER[0][1]}</td></tr>
<tr><td colspan="5">${T4_HEADER[1][5]}</td><td colspan="5">${T4_HEADER[1][6]}</td></tr>
<tr>${T4_HEADER[2].map((h) => `<td>${h}</td>`).join("")}</tr>
<tr>${t4.map(num).join("")}</tr>
</table>
<p>五、存在的主要问题及改进情况</p>
<p>政务公开的深度和广度还需进一步拓展，下一步将加强培训，提升工作水平。</p>
<p>六、其他需要报告的事项</p>
<p>本年度未收取信息处理费。</p>
<p class="sign">${escapeMarkup(g.agency)}<br>${g.year + 1}年1月20日</p>
</body></html>`;
}

/** A seeded pseudo-random generator (mulberry32): the same scan every run. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function degrade(png: Buffer, s: (typeof SCANS)[number], seed: number): Promise<Buffer> {
  const rotated = await sharp(png).grayscale().rotate(s.rotate, { background: "#ffffff" }).blur(s.blur).raw().toBuffer({ resolveWithObject: true });
  const { data, info } = rotated;
  const rnd = random(seed);
  for (let i = 0; i < data.length; i++) data[i] = Math.max(0, Math.min(255, data[i] + Math.round((rnd() - 0.5) * 2 * s.noise)));
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).jpeg({ quality: s.quality }).toBuffer();
}

async function main() {
  fs.mkdirSync(path.join(OUT, "expected"), { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-scans-"));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
  try {
    for (const [n, s] of SCANS.entries()) {
      const golden = JSON.parse(fs.readFileSync(path.join(SEEDS, "expected", `${s.seed}.json`), "utf8"));
      const report = golden.reports[s.report ?? 0];
      const page = await browser.newPage();
      await page.setContent(scanHtml(report));
      const printed = path.join(tmp, `${s.seed}.pdf`);
      await page.pdf({ path: printed, format: "A4", printBackground: true, preferCSSPageSize: true });
      await page.close();
      execFileSync("pdftoppm", ["-r", String(s.dpi), "-gray", "-png", printed, path.join(tmp, s.seed)]);
      const pages = fs.readdirSync(tmp).filter((f) => f.startsWith(s.seed) && f.endsWith(".png")).sort();
      const pdf = await PDFDocument.create();
      for (const [i, f] of pages.entries()) {
        const jpg = await degrade(fs.readFileSync(path.join(tmp, f)), s, n * 100 + i);
        const img = await pdf.embedJpg(jpg);
        const w = (img.width * 72) / s.dpi;
        const h = (img.height * 72) / s.dpi;
        pdf.addPage([w, h]).drawImage(img, { x: 0, y: 0, width: w, height: h });
        // One table page also as a photo upload (.jpg), for the image path.
        if (n === 0 && i === 1) fs.writeFileSync(path.join(OUT, `scan${n}-page2.jpg`), jpg);
      }
      const name = `scan${n}.pdf`;
      fs.writeFileSync(path.join(OUT, name), await pdf.save());
      fs.writeFileSync(
        path.join(OUT, "expected", `scan${n}.json`),
        JSON.stringify({ file: name, note: `${s.seed} (report ${s.report ?? 0}) printed in the template's layout, scanned: rotate ${s.rotate}°, blur ${s.blur}, noise ±${s.noise}, JPEG q${s.quality}, ${s.dpi} dpi`, reports: [report] }, null, 1) + "\n",
      );
      console.log(`${name}: ${pages.length} pages, ${(fs.statSync(path.join(OUT, name)).size / 1024).toFixed(0)} KB`);
    }
  } finally {
    await browser.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]).includes("make-scans")) void main();
