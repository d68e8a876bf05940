/**
 * The cross-document rules of anomalies.md, over summaries: each a pure function of the series,
 * the rendition pairs or one summary, returning anomalies with their `related` cells.
 */
import type { Anomaly, Evidence, RelatedCell } from "../../model/report.js";
import { APPLICATION_COLUMNS } from "../../templates/index.js";
import { anomaly } from "../context.js";
import type { RulesConfig } from "../rules-config.js";
import { byUri, type Series } from "./groups.js";
import { containment, resemblance } from "./shingles.js";
import type { ReportSummary, SummaryCell } from "./summary.js";

const ctxOf = (s: ReportSummary) => ({ reportId: s.reportId, cell: () => undefined });

function related(s: ReportSummary, path: string, c?: SummaryCell): RelatedCell {
  return { reportId: s.reportId, uri: s.uri, path, ...(c ? { value: c.value, raw: c.raw } : {}), evidence: c?.evidence ?? {} };
}

const num = (c: SummaryCell | undefined): number | null => (c && c.value !== null ? c.value : null);

/** Each year's representative with the one of the year before, when the agency has both. */
function consecutive(series: Series[]): { prev: ReportSummary; cur: ReportSummary }[] {
  const out: { prev: ReportSummary; cur: ReportSummary }[] = [];
  for (const s of series) for (const [year, docs] of s.years) {
    const prev = s.years.get(year - 1)?.[0];
    if (prev) out.push({ prev, cur: docs[0]! });
  }
  return out;
}

/** CARRYOVER_MISMATCH: this year's 二、上年结转 against last year's 四、结转下年度继续办理, per column. */
export function carryoverMismatch(series: Series[]): Anomaly[] {
  const out: Anomaly[] = [];
  for (const { prev, cur } of consecutive(series)) {
    for (const col of APPLICATION_COLUMNS) {
      const here = `applications.rows.carriedOver.${col.key}`;
      const there = `applications.rows.carriedForward.${col.key}`;
      const a = cur.cells[here];
      const b = prev.cells[there];
      const va = num(a);
      const vb = num(b);
      if (va === null || vb === null || va === vb) continue;
      out.push({
        ...anomaly(ctxOf(cur), "CARRYOVER_MISMATCH", {
          paths: [here],
          values: { column: col.label, actual: va, expected: vb, prevYear: prev.year ?? "" },
          expected: vb,
          actual: va,
          status: a!.uncertain || b!.uncertain ? "uncertain" : "fail",
          evidence: { ...a!.evidence, text: `${prev.year}年度 ${prev.uri}: 结转下年度继续办理 ${b!.raw}` },
        }),
        related: [related(prev, there, b)],
      });
    }
  }
  return out;
}

const T2_ROWS = [
  { key: "rules", label: "规章", en: "rules (规章)" },
  { key: "normativeDocuments", label: "行政规范性文件", en: "normative documents (行政规范性文件)" },
] as const;

/** INFORCE_MISMATCH: last year's 现行有效 + this year's 制发 − 废止 against this year's 现行有效 (2021 template both years). */
export function inForceMismatch(series: Series[]): Anomaly[] {
  const out: Anomaly[] = [];
  for (const { prev, cur } of consecutive(series)) {
    if (prev.template !== "2021" || cur.template !== "2021") continue;
    for (const row of T2_ROWS) {
      const p = (col: string) => `activeDisclosure.${row.key}.${col}`;
      const before = prev.cells[p("inForce")];
      const [issued, repealed, inForce] = (["issued", "repealed", "inForce"] as const).map((c) => cur.cells[p(c)]);
      const vPrev = num(before);
      const vIn = num(inForce);
      const vIss = num(issued);
      const vRep = num(repealed);
      if (vPrev === null || vIn === null || (vIss === null && vRep === null)) continue;
      const expected = vPrev + (vIss ?? 0) - (vRep ?? 0);
      if (expected === vIn) continue;
      const doubt = [before, issued, repealed, inForce].some((c) => !c || c.uncertain || c.value === null);
      out.push({
        ...anomaly(ctxOf(cur), "INFORCE_MISMATCH", {
          paths: [p("inForce"), p("issued"), p("repealed")],
          values: { row: row.label, rowEn: row.en, prevYear: prev.year ?? "", prev: vPrev, issued: vIss ?? "（空）", repealed: vRep ?? "（空）", expected, actual: vIn },
          expected,
          actual: vIn,
          status: doubt ? "uncertain" : "fail",
          evidence: { ...inForce!.evidence, text: `${prev.year}年度 ${prev.uri}: 现行有效 ${before!.raw}` },
        }),
        related: [related(prev, p("inForce"), before)],
      });
    }
  }
  return out;
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;

/** REPORT_REUSED: this year's prose mostly found in the agency's previous report (within maxYearGap years). */
export function reportReused(series: Series[], config: RulesConfig): Anomaly[] {
  const { threshold, maxYearGap } = config.REPORT_REUSED.params;
  const out: Anomaly[] = [];
  for (const s of series) {
    const years = [...s.years.keys()];
    for (const [i, year] of years.entries()) {
      if (i === 0) continue;
      const prevYear = years[i - 1]!;
      if (year - prevYear > maxYearGap) continue;
      const cur = s.years.get(year)![0]!;
      const prev = s.years.get(prevYear)![0]!;
      if (cur.prose.size < 50) continue; // a few words in common say nothing
      const share = containment(cur.prose, prev.prose);
      if (share < threshold) continue;
      out.push({
        ...anomaly(ctxOf(cur), "REPORT_REUSED", {
          paths: ["sections"],
          values: { share: pct(share), prevYear, prevUri: prev.uri },
          expected: `< ${pct(threshold)}`,
          actual: pct(share),
          evidence: { text: `${pct(share)} of ${cur.prose.size} shingles also in ${prev.uri}` },
        }),
        related: [related(prev, "sections")],
      });
    }
  }
  return out;
}

function sameCells(a: ReportSummary, b: ReportSummary): boolean {
  const paths = new Set([...Object.keys(a.cells), ...Object.keys(b.cells)]);
  for (const p of paths) if ((a.cells[p]?.value ?? null) !== (b.cells[p]?.value ?? null)) return false;
  return true;
}

/**
 * DUPLICATE_REPORT: the same bytes under more than one URI, or two documents of one agency, year and
 * format whose tables agree cell for cell and whose prose is the same (threshold, both ways).
 */
export function duplicateReport(summaries: ReportSummary[], series: Series[], config: RulesConfig): Anomaly[] {
  const out: Anomaly[] = [];
  const bySha = new Map<string, ReportSummary[]>();
  for (const s of [...summaries].sort(byUri)) bySha.set(s.sha256, [...(bySha.get(s.sha256) ?? []), s]);
  for (const copies of bySha.values()) {
    if (copies.length < 2) continue;
    const [first, ...rest] = copies as [ReportSummary, ...ReportSummary[]];
    out.push({
      ...anomaly(ctxOf(first), "DUPLICATE_REPORT", { paths: ["source"], values: { others: copies.map((c) => c.uri).join("、") }, evidence: { text: `sha256 ${first.sha256}` } }),
      related: rest.map((r) => related(r, "source")),
    });
  }
  const { threshold } = config.DUPLICATE_REPORT.params;
  for (const s of series) for (const docs of s.years.values()) {
    const sorted = [...docs].sort(byUri);
    for (let i = 0; i < sorted.length; i++)
      for (let j = i + 1; j < sorted.length; j++) {
        const a = sorted[i]!;
        const b = sorted[j]!;
        if (a.sha256 === b.sha256 || a.format !== b.format || !sameCells(a, b)) continue;
        const sim = Math.min(containment(a.prose, b.prose), containment(b.prose, a.prose));
        if (sim < threshold) continue;
        out.push({
          ...anomaly(ctxOf(b), "DUPLICATE_REPORT", { paths: ["source"], values: { others: `${a.uri}、${b.uri}` }, evidence: { text: `same cells, ${pct(sim)} same prose (${pct(resemblance(a.prose, b.prose))} resemblance)` } }),
          related: [related(a, "source")],
        });
      }
  }
  return out;
}

const normTitle = (t: string): string => t.normalize("NFKC").replace(/[\s\p{P}\p{S}]/gu, "").replace(/(\d{4})年度/g, "$1年");

/** RENDITION_MISMATCH: two renditions of one report disagree on a cell, the title, the agency or the year. */
export function renditionMismatch(pairs: [ReportSummary, ReportSummary][]): Anomaly[] {
  const out: Anomaly[] = [];
  for (const [a, b] of pairs) {
    const meta = (what: string, whatEn: string, path: string, va: string, vb: string, status: "fail" | "uncertain", evidence: Evidence) =>
      out.push({
        ...anomaly(ctxOf(a), "RENDITION_MISMATCH", { paths: [path], values: { what, whatEn, a: va, b: vb, uriA: a.uri, uriB: b.uri }, expected: vb, actual: va, status, evidence }),
        related: [related(b, path)],
      });
    if (a.title && b.title && normTitle(a.title) !== normTitle(b.title)) meta("标题", "the title", "title", a.title, b.title, "uncertain", { text: `${a.title} | ${b.title}` });
    if (a.agencyKey && b.agencyKey && a.agencyKey.key !== b.agencyKey.key) meta("机关", "the agency", "agency", a.agency ?? "", b.agency ?? "", "fail", { text: `${a.agency} | ${b.agency}` });
    if (a.year !== null && b.year !== null && a.year !== b.year) meta("年度", "the year", "year", String(a.year), String(b.year), "fail", { text: `${a.year} | ${b.year}` });
    for (const path of Object.keys(a.cells).sort()) {
      const ca = a.cells[path]!;
      const cb = b.cells[path];
      if (!cb || ca.value === cb.value) continue;
      const status = ca.value === null || cb.value === null || ca.uncertain || cb.uncertain ? "uncertain" : "fail";
      out.push({
        ...anomaly(ctxOf(a), "RENDITION_MISMATCH", {
          paths: [path],
          values: { what: path, whatEn: `cell ${path}`, a: ca.raw, b: cb.raw, uriA: a.uri, uriB: b.uri },
          ...(cb.value !== null ? { expected: cb.value } : {}),
          ...(ca.value !== null ? { actual: ca.value } : {}),
          status,
          evidence: { ...ca.evidence, text: `${b.uri}: ${cb.raw === "" ? "（空）" : cb.raw}` },
        }),
        related: [related(b, path, cb)],
      });
    }
  }
  return out;
}

/** The day after `md` ("01-31") of `year`, plus grace days, as YYYY-MM-DD: dates after it are late. */
function deadlineOf(year: number, md: string, grace: number): string {
  const [m, d] = md.split("-").map(Number) as [number, number];
  const t = new Date(Date.UTC(year, m - 1, d + grace));
  return t.toISOString().slice(0, 10);
}

/**
 * PUBLISHED_LATE (条例 第四十九条): the date the publisher shows, or else the signature's date (a
 * report is published no earlier than it is signed, so a signature after the deadline is late too),
 * against the deadline of the agency's kind in the following year.
 */
export function publishedLate(summaries: ReportSummary[], config: RulesConfig): Anomaly[] {
  const p = config.PUBLISHED_LATE.params;
  const out: Anomaly[] = [];
  for (const s of [...summaries].sort(byUri)) {
    if (s.year === null) continue;
    const date = s.publishedAt ?? s.signedAt;
    if (!date) continue;
    const legacy = s.year <= 2018;
    const government = s.agencyKey?.kind !== "department";
    const md = legacy ? p.legacyDeadline : government ? p.governmentDeadline : p.departmentDeadline;
    const deadline = deadlineOf(s.year + 1, md, 0);
    const last = deadlineOf(s.year + 1, md, p.graceDays);
    if (date <= last) continue;
    const published = s.publishedAt !== null;
    const who = legacy ? ["2019年以前的报告", "reports for 2018 and before"] : government ? ["地方人民政府", "a local government"] : ["政府部门", "a government department"];
    out.push(
      anomaly(ctxOf(s), "PUBLISHED_LATE", {
        paths: [published ? "source.publishedAt" : "sections.6"],
        values: { year: s.year, when: published ? "发布日期" : "落款日期", whenEn: published ? "published" : "signed", date, deadline, who: who[0]!, whoEn: who[1]! },
        expected: `<= ${deadline}`,
        actual: date,
        // Who the agency is rests on its name; without a key the kind is a guess.
        status: s.agencyKey ? "fail" : "uncertain",
        evidence: { text: published ? `publishedAt ${date}` : (s.signedText ?? date) },
      }),
    );
  }
  return out;
}
