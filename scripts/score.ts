/**
 * Compare a report with a hand-checked label of shared/corpus/labels (format in its README):
 * every non-null, non-ambiguous label cell must match; a null label cell expects null; required
 * anomalies must be reported (code + first path, or any shared path), and arithmetic anomalies
 * we report must be expected ones.
 */
import type { AnnualReport } from "../src/model/report.js";

export interface Label {
  file: string;
  title: string;
  titleAliases?: string[];
  agency: string;
  agencyAliases?: string[];
  year: number;
  template: string;
  sections: { present: number[]; headings: Record<string, string | null>; alternatives?: Record<string, string[]> };
  activeDisclosure: Record<string, Record<string, number | null> | string | null> | null;
  applications?: { rows: Record<string, Record<string, number | null>> };
  reviewLitigation?: Record<string, Record<string, number | null>>;
  ambiguous?: string[];
  expectedAnomalies?: { code: string; paths: string[]; required: boolean }[];
}

export interface CellDiff {
  path: string;
  expected: number | null;
  actual: number | null | undefined;
}

export interface Score {
  file: string;
  compared: number;
  correct: number;
  diffs: CellDiff[];
  meta: { title: boolean; agency: boolean; year: boolean; template: boolean; sections: boolean };
  missingAnomalies: { code: string; path: string }[];
  unexpectedArithmetic: { code: string; path: string }[];
}

function labelCells(label: Label): Map<string, number | null> {
  const m = new Map<string, number | null>();
  const ad = label.activeDisclosure;
  if (ad) {
    for (const [block, cols] of Object.entries(ad)) {
      if (cols === null || typeof cols !== "object") continue; // feesRaw and friends
      for (const [col, v] of Object.entries(cols)) m.set(`activeDisclosure.${block}.${col}`, v);
    }
  }
  for (const [row, cols] of Object.entries(label.applications?.rows ?? {})) {
    for (const [col, v] of Object.entries(cols)) m.set(`applications.rows.${row}.${col}`, v);
  }
  for (const [g, cols] of Object.entries(label.reviewLitigation ?? {})) {
    for (const [col, v] of Object.entries(cols)) m.set(`reviewLitigation.${g}.${col}`, v);
  }
  return m;
}

function reportValue(r: AnnualReport, path: string): number | null | undefined {
  if (path.startsWith("applications.rows.")) {
    const rest = path.slice("applications.rows.".length);
    const dot = rest.lastIndexOf(".");
    return r.applications?.rows[rest.slice(0, dot) as keyof typeof r.applications.rows]?.[rest.slice(dot + 1) as "total"];
  }
  const [top, block, col] = path.split(".");
  if (top === "activeDisclosure") return r.activeDisclosure?.[block!]?.[col!];
  if (top === "reviewLitigation") return (r.reviewLitigation as Record<string, Record<string, number | null>> | null)?.[block!]?.[col!];
  return undefined;
}

const ARITHMETIC = new Set(["T3_BALANCE", "T3_ROW_SUM", "T3_RESULT_SUM", "T4_SUM"]);

export function scoreReport(r: AnnualReport, label: Label): Score {
  const ambiguous = new Set(label.ambiguous ?? []);
  const diffs: CellDiff[] = [];
  let compared = 0;
  let correct = 0;
  const cells = labelCells(label);
  for (const [path, expected] of cells) {
    if (ambiguous.has(path)) continue;
    compared++;
    const actual = reportValue(r, path);
    if ((actual ?? null) === expected) correct++;
    else diffs.push({ path, expected, actual });
  }
  const titles = [label.title, ...(label.titleAliases ?? [])];
  const agencies = [label.agency, ...(label.agencyAliases ?? [])];
  const headingsOk = [1, 2, 3, 4, 5, 6].every((n) => {
    const want = label.sections.headings[String(n)] ?? null;
    const got = r.sections[n - 1]?.heading ?? null;
    const alts = label.sections.alternatives?.[String(n)] ?? [];
    return got === want || alts.includes(got ?? "");
  });
  const missingAnomalies: Score["missingAnomalies"] = [];
  for (const e of label.expectedAnomalies ?? []) {
    if (!e.required) continue;
    const hit = r.anomalies.some((a) => a.code === e.code && (a.paths[0] === e.paths[0] || (e.paths.length > 1 && a.paths.some((p) => e.paths.includes(p)))));
    if (!hit) missingAnomalies.push({ code: e.code, path: e.paths[0] ?? "" });
  }
  const unexpectedArithmetic: Score["unexpectedArithmetic"] = [];
  for (const a of r.anomalies) {
    if (!ARITHMETIC.has(a.code)) continue;
    const first = a.paths[0] ?? "";
    if (cells.has(first) && cells.get(first) === null) continue; // graders ignore checks on null targets
    const expected = (label.expectedAnomalies ?? []).some((e) => e.code === a.code && (e.paths[0] === first || e.paths.some((p) => a.paths.includes(p))));
    if (!expected) unexpectedArithmetic.push({ code: a.code, path: first });
  }
  return {
    file: label.file,
    compared,
    correct,
    diffs,
    meta: {
      title: titles.includes(r.title ?? ""),
      agency: agencies.includes(r.agency ?? ""),
      year: r.year === label.year,
      template: r.template === label.template,
      sections: headingsOk,
    },
    missingAnomalies,
    unexpectedArithmetic,
  };
}
