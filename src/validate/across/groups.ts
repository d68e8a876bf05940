/**
 * How summaries meet: renditions of one report, copies of one report, and one agency's series of
 * years.
 *
 * Renditions (two documents that are one report in two formats) are paired when
 *  1. an article page links the other as an attachment (crawled: `source.attachments`);
 *  2. two local files share a path but for the extension (`2023/report.html` + `2023/report.pdf`);
 *  3. two documents of different formats have the same agency key and year (a local folder of
 *     one agency's downloads, where names are whatever the downloader chose).
 * Same bytes are not renditions but copies (DUPLICATE_REPORT).
 *
 * For the series, each agency and year is represented by one document: the one read with the fewest
 * doubtful cells, then the most numbers, then PDF before DOCX, DOC, HTML and text (the attachment is
 * the file the publisher signed), then the URI; its renditions are checked against it apart.
 */
import { groupByAgency } from "../agency-key.js";
import type { ReportSummary } from "./summary.js";

const FORMAT_RANK = { pdf: 0, docx: 1, doc: 2, html: 3, text: 4 } as const;

export const byUri = (a: ReportSummary, b: ReportSummary): number => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0);

export function stem(uri: string): string {
  const clean = uri.replace(/[?#].*$/, "");
  const slash = clean.lastIndexOf("/");
  const dot = clean.lastIndexOf(".");
  return dot > slash ? clean.slice(0, dot) : clean;
}

function quality(s: ReportSummary): [number, number, number] {
  const cells = Object.values(s.cells);
  return [cells.filter((c) => c.uncertain).length, -cells.filter((c) => c.value !== null).length, FORMAT_RANK[s.format]];
}

export function better(a: ReportSummary, b: ReportSummary): number {
  const qa = quality(a);
  const qb = quality(b);
  for (let i = 0; i < qa.length; i++) if (qa[i] !== qb[i]) return qa[i]! - qb[i]!;
  return byUri(a, b);
}

/** Pairs [first, second] of renditions, the article page (or the earlier URI) first, without repeats. */
export function renditionPairs(summaries: ReportSummary[]): [ReportSummary, ReportSummary][] {
  const sorted = [...summaries].sort(byUri);
  const seen = new Set<string>();
  const out: [ReportSummary, ReportSummary][] = [];
  const add = (a: ReportSummary, b: ReportSummary) => {
    if (a.sha256 === b.sha256 || a.uri === b.uri) return;
    const id = [a.uri, b.uri].sort().join("\n");
    if (seen.has(id)) return;
    seen.add(id);
    out.push([a, b]);
  };
  const byUriMap = new Map(sorted.map((s) => [s.uri, s]));
  for (const a of sorted) for (const link of a.attachments) {
    const b = byUriMap.get(link);
    if (b) add(a, b);
  }
  const byStem = new Map<string, ReportSummary[]>();
  for (const s of sorted) byStem.set(stem(s.uri), [...(byStem.get(stem(s.uri)) ?? []), s]);
  for (const list of byStem.values()) for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) add(list[i]!, list[j]!);
  for (const members of groupByAgency(sorted, (s) => s.agencyKey).values()) {
    for (let i = 0; i < members.length; i++)
      for (let j = i + 1; j < members.length; j++) {
        const a = members[i]!;
        const b = members[j]!;
        if (a.year === null || a.year !== b.year || a.format === b.format) continue;
        if (b.format === "html" && a.format !== "html") add(b, a);
        else add(a, b);
      }
  }
  return out;
}

export interface Series {
  /** Agency group id (the key, or parent›key when one key names agencies under different parents). */
  id: string;
  /** year → the documents of that year, the representative first. */
  years: Map<number, ReportSummary[]>;
}

/** One agency's documents by year, each year's representative first; groups ordered by id. */
export function seriesOf(summaries: ReportSummary[]): Series[] {
  const groups = groupByAgency([...summaries].sort(byUri), (s) => s.agencyKey);
  const out: Series[] = [];
  for (const [id, members] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const years = new Map<number, ReportSummary[]>();
    for (const m of members) if (m.year !== null) years.set(m.year, [...(years.get(m.year) ?? []), m]);
    for (const [y, list] of years) years.set(y, list.sort(better));
    out.push({ id, years: new Map([...years].sort(([a], [b]) => a - b)) });
  }
  return out;
}
