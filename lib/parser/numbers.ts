// What a table cell's number is: digits (thousands separators, a unit after them), the marks
// reports print for zero (/ - — 无), and table 2's 减4 / 增3.

const PLAIN = /^[+-]?\d+(?:\.\d+)?$/;
const THOUSANDS = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const THOUSANDS_UNIT = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?\D+$/;
const WITH_UNIT = /^(\d+(?:\.\d+)?)(?:万元|元|件|个|项|条|次|人次|%)$/;
const CHANGE = /^(减|增|减少|增加)(\d+(?:\.\d+)?)$/;
const ZERO_MARKS = new Set(["/", "-", "—", "——", "–", "－", "\\", "无", "/ ", "—-", "--", "空"]);
/** (Longer pieces skip the set lookup.) */
const ZERO_MARK_MAX = Math.max(...[...ZERO_MARKS].map((m) => m.length));

/** The number a cell piece stands for, or null when it is not a number. */
export function parseNumber(piece: string): number | null {
  // The common case first: up to nine plain digits, added up here (Number(s) costs a string
  // conversion per cell).
  if (piece.length > 0 && piece.length <= 9) {
    let v = 0;
    let i = 0;
    for (; i < piece.length; i++) {
      const d = piece.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
    }
    if (i === piece.length) return v;
  }
  const s = piece.trim();
  if (s.length === 0 || s.length > 24) return null;
  const c = s.charCodeAt(0);
  const digit = c >= 48 && c <= 57;
  if (!digit && c !== 43 && c !== 45 && c !== 47 && c !== 92 && c !== 0x2014 && c !== 0x2013 && c !== 0xff0d && c !== 0x51cf && c !== 0x589e && c !== 0x65e0 && c !== 0x7a7a) return null;
  if (s.length <= ZERO_MARK_MAX && ZERO_MARKS.has(s)) return 0;
  if (PLAIN.test(s)) return Number(s);
  if (THOUSANDS.test(s)) return Number(s.replace(/,/g, ""));
  let m = WITH_UNIT.exec(THOUSANDS_UNIT.test(s) ? s.replace(/,/g, "") : s);
  if (m) return Number(m[1]);
  m = CHANGE.exec(s);
  if (m) return (m[1][0] === "减" ? -1 : 1) * Number(m[2]);
  return null;
}

/** Counts in tables 3 and 4 are whole, non-negative and below a billion. */
export function isCount(v: number): boolean {
  return Number.isInteger(v) && v >= 0 && v <= 1e9;
}
