/** Dates a report prints about itself: the statistics period and the signature's date. */
import { plainText } from "../../extract/normalise.js";
import { SIGNATURE_TAIL } from "../../templates/index.js";

const CN_DIGIT: Record<string, string> = { 〇: "0", 零: "0", 一: "1", 二: "2", 三: "3", 四: "4", 五: "5", 六: "6", 七: "7", 八: "8", 九: "9" };

/** "统计期限自2021年1月1日起至2021年12月31日止" → its text and first year. */
export function statisticsPeriod(text: string): { text: string; year: number } | null {
  const m = /(?:统计期限|统计周期|统计时限|统计时间|统计区间)[^。；\n]{0,12}?(\d{4})\s*年\s*1\s*月\s*1\s*日[^。；\n]{0,12}?(\d{4})\s*年\s*12\s*月\s*31\s*日/.exec(plainText(text));
  if (!m) return null;
  return { text: m[0], year: Number(m[1]) };
}

/**
 * The date of the signature that closes the report ("平潭综合实验区管理委员会 2025年3月10日", also
 * "二〇二四年一月十日" with digits written out): the end of section 六, as SIGNATURE_TAIL reads it.
 */
export function signatureDate(lastSectionText: string): { text: string; date: string } | null {
  const t = plainText(lastSectionText).trim();
  if (!SIGNATURE_TAIL.test(t)) return null;
  const m = /((?:\d|[〇零一二三四五六七八九]){4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$/.exec(t);
  if (!m) return null;
  const year = m[1]!.replace(/[〇零一二三四五六七八九]/g, (c) => CN_DIGIT[c] ?? c);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return { text: m[0], date: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` };
}

/** The year a title names ("…2024年度政府信息公开…" → 2024), or null. */
export function titleYear(title: string | null): number | null {
  if (!title) return null;
  const m = /(\d{4})\s*年/.exec(plainText(title));
  return m ? Number(m[1]) : null;
}
