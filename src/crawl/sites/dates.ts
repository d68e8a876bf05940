/**
 * Dates as government sites print them, read into YYYY-MM-DD (crawling.md §1 "Common to all"):
 * `2023-01-18`, `2026-07-16 16:09:00`, `2020年08月02日`, `2026/06/25`, `<b>2022-01-20</b>` (the
 * markup is the caller's: pass text), and unix seconds (gkmlpt JSON).
 *
 * Three dates are kept apart (crawling.md §2.9): the listing's, the page's meta/info box, and the
 * tYYYYMMDD of the URL, which real listings contradict (Ordos: t20181102 listed as 2018-03-26).
 */

/** The printed forms, tried together; the earliest match in the text wins. */
const TEXT_DATE_FORMS: readonly { form: string; re: RegExp }[] = [
  { form: "2020年08月02日 (the 日 may be missing)", re: /(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})(?!\d)/g },
  { form: "2023-01-18, 2026/06/25, 2026.06.25 (a time may follow)", re: /(?<!\d)(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?!\d)/g },
];

/** Dates inside article URLs. Never the publication date: a hint kept apart. */
const URL_DATE_FORMS: readonly { form: string; re: RegExp; seenOn: string }[] = [
  { form: "t20200903_2748784", re: /\/t(\d{4})(\d{2})(\d{2})_\w+/, seenOn: "TRS article names (./202009/t20200903_2748784.html)" },
  { form: "art/2022/1/20/art_…", re: /\/art\/(\d{4})\/(\d{1,2})\/(\d{1,2})\//, seenOn: "Hanweb article paths (no zero padding)" },
  { form: "2023-01/18/content_…", re: /\/(\d{4})-(\d{2})\/(\d{2})\/content_/, seenOn: "www.gov.cn article paths" },
  { form: "/20230331/<guid>.html", re: /\/(\d{4})(\d{2})(\d{2})\/[^/]+$/, seenOn: "shanghai.gov.cn nw12344/20230331/4a03….html" },
];

/** Publishing years the crawler believes in: the 条例 dates from 2008; a typo or an id is not a date. */
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

/** Unix time in China Standard Time (UTC+8, no daylight saving): gkmlpt's midnight is 16:00Z of the day before. */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** "YYYY-MM-DD" when (y, m, d) is a real calendar day in the accepted range, else null. */
export function isoDate(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null; // 2月30日
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Unix seconds (or milliseconds, when the number is that large) → the day in China. */
export function dateFromUnix(value: number): string | null {
  if (!Number.isFinite(value) || value <= 0) return null;
  const ms = value > 1e11 ? value : value * 1000;
  const t = new Date(ms + CHINA_OFFSET_MS);
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/**
 * The first date printed in `text` (YYYY-MM-DD), or null. A number, or a string of 10 or 13
 * digits alone, is unix time (gkmlpt).
 */
export function normaliseDate(text: string | number | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  if (typeof text === "number") return dateFromUnix(text);
  const s = text.trim();
  if (/^\d{10}$|^\d{13}$/.test(s)) return dateFromUnix(Number(s));
  let best: { at: number; date: string } | null = null;
  for (const { re } of TEXT_DATE_FORMS) {
    re.lastIndex = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      const date = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
      if (date) {
        if (!best || m.index < best.at) best = { at: m.index, date };
        break;
      }
    }
  }
  return best?.date ?? null;
}

/** The date an article URL carries (tYYYYMMDD, art/YYYY/M/D, …), or null. A hint, never the publication date. */
export function urlDate(url: string): string | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url;
  }
  for (const { re } of URL_DATE_FORMS) {
    const m = re.exec(path);
    if (!m) continue;
    const date = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (date) return date;
  }
  return null;
}
