// What a 政府信息公开年报 column links to: the reports (titles with 年度报告/年报 and a year), the
// column's other pages (下一页, numbered links, index_1.html, the createPageHTML(…) script of the
// TRS/WCM sites most government portals run on) and, on a report page, its attachments (附件).
// Pure functions of a page's HTML and its URL.
import * as cheerio from "cheerio";

export interface ReportLink {
  url: string;
  title: string;
  /** The report's year, from its title (2023, or 二〇二三). */
  year: number | null;
}

const ATTACHMENT_EXT = /\.(pdf|docx?|wps|xls)$/i;
const REPORT_TITLE = /年度报告|年报/;
/** Titles with 年报 that are not an annual report on information disclosure. */
const NOT_A_REPORT = /通知|工作要点|报送|预算|决算|统计年报|年报公示|企业年报|工商年报|填报|征集/;
const CN_DIGITS: Record<string, string> = { 〇: "0", 零: "0", Ｏ: "0", O: "0", 一: "1", 二: "2", 三: "3", 四: "4", 五: "5", 六: "6", 七: "7", 八: "8", 九: "9" };
const PAGE_WORDS = /^(下一页|下页|后一页|next|›|»|>)$/i;

const squash = (s: string) => s.replace(/\s+/g, " ").trim();

/** An absolute http(s) URL without its #fragment, or null. */
export function absolute(href: string | undefined, base: string): string | null {
  if (!href) return null;
  const h = href.trim();
  if (!h || /^(javascript|mailto|tel|data):/i.test(h) || h.startsWith("#")) return null;
  try {
    const u = new URL(h, base);
    if (u.protocol !== "http:" && u.protocol !== "https:") return null;
    u.hash = "";
    return u.toString();
  } catch {
    return null;
  }
}

/** The year a title names: 2023年, 2023 年度, （2023）, 二〇二三年. */
export function yearOfTitle(title: string): number | null {
  const now = new Date().getFullYear();
  const arabic = /(?<!\d)(20\d{2})(?!\d)/.exec(title);
  if (arabic) {
    const y = Number(arabic[1]);
    if (y >= 2007 && y <= now + 1) return y;
  }
  const cn = /([〇零Ｏ一二三四五六七八九O]{4})\s*年/.exec(title);
  if (cn) {
    const y = Number([...cn[1]].map((c) => CN_DIGITS[c] ?? "x").join(""));
    if (y >= 2007 && y <= now + 1) return y;
  }
  return null;
}

const titleOf = ($: cheerio.CheerioAPI, a: Parameters<cheerio.CheerioAPI>[0]) => {
  const el = $(a);
  const text = squash(el.text());
  const title = squash(el.attr("title") ?? "");
  // A truncated list entry ("…2023年政府信息公开…") has the whole title in its title attribute.
  return title.length > text.length ? title : text;
};

/** Links whose title is an annual report with a year, each URL once, in page order. */
export function reportLinks(html: string, base: string): ReportLink[] {
  const $ = cheerio.load(html);
  const out = new Map<string, ReportLink>();
  $("a[href]").each((_, a) => {
    const title = titleOf($, a);
    if (!REPORT_TITLE.test(title) || NOT_A_REPORT.test(title)) return;
    const year = yearOfTitle(title);
    if (year === null) return;
    const url = absolute($(a).attr("href"), base);
    if (url && !out.has(url)) out.set(url, { url, title, year });
  });
  return [...out.values()];
}

/** The other pages of a listing this page links to (they may link further ones). */
export function pageLinks(html: string, base: string): string[] {
  const $ = cheerio.load(html);
  const out = new Set<string>();
  $("a[href]").each((_, a) => {
    const text = squash($(a).text());
    const href = $(a).attr("href") ?? "";
    const isPageLink = PAGE_WORDS.test(text) || /^\d{1,4}$/.test(text) || /(^|\/)index_\d+\.s?html?$/i.test(href.split(/[?#]/)[0]);
    if (!isPageLink) return;
    const url = absolute(href, base);
    if (url) out.add(url);
  });
  // createPageHTML(pages, current, "index", "html"): page 0 is index.html, then index_1.html, …
  const script = $("script").text();
  for (const m of script.matchAll(/createPageHTML\(\s*['"]?(\d+)['"]?\s*,\s*['"]?(\d+)['"]?\s*,\s*['"]([\w-]+)['"]\s*,\s*['"](\w+)['"]/g)) {
    const pages = Math.min(Number(m[1]), 500);
    for (let i = 1; i < pages; i++) {
      const url = absolute(`${m[3]}_${i}.${m[4]}`, base);
      if (url) out.add(url);
    }
  }
  out.delete(absolute(base, base) ?? base);
  return [...out];
}

/** Attachments a report page links to (.pdf .doc .docx .wps .xls, by address or by link text). */
export function attachmentLinks(html: string, base: string): string[] {
  const $ = cheerio.load(html);
  const scored: { url: string; score: number; at: number }[] = [];
  $("a[href]").each((i, a) => {
    const href = $(a).attr("href") ?? "";
    const text = titleOf($, a);
    const path = href.split(/[?#]/)[0];
    if (!ATTACHMENT_EXT.test(path) && !ATTACHMENT_EXT.test(text)) return;
    const url = absolute(href, base);
    if (!url || scored.some((s) => s.url === url)) return;
    // The report itself before its other attachments (a 解读, a form).
    const score = (REPORT_TITLE.test(text) ? 2 : 0) + (/附件/.test(text) ? 1 : 0);
    scored.push({ url, score, at: i });
  });
  return scored.sort((a, b) => b.score - a.score || a.at - b.at).map((s) => s.url);
}

/** True when `url` is a page of the same listing: the same host, in the listing's folder. */
export function sameListing(url: string, listing: string): boolean {
  const u = new URL(url);
  const l = new URL(listing);
  const folder = l.pathname.replace(/[^/]*$/, "");
  return u.host === l.host && u.pathname.startsWith(folder) && !ATTACHMENT_EXT.test(u.pathname);
}
