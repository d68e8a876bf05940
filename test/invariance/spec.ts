/**
 * What a rendering of a report holds, taken from a parsed report: its title, agency and year,
 * the six headings and their prose, and every table cell as printed. The generator (render.ts)
 * prints this in the shapes real pages use; every shape must give back the same model.
 */
import { APPLICATION_COLUMN_KEYS, APPLICATION_ROWS, OTHER_DISPOSAL_PARTS, SECTION_DEFS, TABLE2, TABLE4_KEYS } from "../../src/templates/index.js";
import type { AnnualReport, CellRecord } from "../../src/model/report.js";

export interface Spec {
  name: string;
  title: string;
  agency: string;
  year: number;
  template: "2021" | "2019";
  /** The six headings as printed ("一、总体情况" …). */
  headings: string[];
  /** Each section's prose, one paragraph an entry. */
  prose: string[][];
  /** Table 二: row key → printed values in the block's column order ("" blank). */
  t2: Map<string, string[]>;
  /** Table 三: row key → seven printed values, in template order; （六） as printed (one row or three). */
  t3: Map<string, string[]>;
  /** Table 四: the fifteen printed values. */
  t4: string[];
  /** The source report's numbers by path: what the reference rendering must read back. */
  values: Map<string, number>;
}

/** What a cell printed: its raw text when it was read, blank when undetermined (a flattened run) or absent. */
function printed(c: CellRecord | undefined): string {
  if (!c) return "";
  if (c.value === null && c.uncertain) return "";
  return c.raw;
}

/** Long digit runs in the prose of 二/三/四 are a flattened page's tables, printed again by the tables themselves. */
const TABLE_RUN = /\d{3,}/;

export function specOf(name: string, r: AnnualReport): Spec | null {
  if ((r.template !== "2021" && r.template !== "2019") || !r.title || !r.agency || r.year === null) return null;
  if (!r.activeDisclosure || !r.applications || !r.reviewLitigation) return null;
  const cells = new Map(r.cells.map((c) => [c.path, c]));
  const template = r.template;
  const t2 = new Map<string, string[]>();
  for (const block of TABLE2[template]) for (const row of block.rows) t2.set(row.key, block.columns.map((col) => printed(cells.get(`activeDisclosure.${row.key}.${col}`))));
  const t3 = new Map<string, string[]>();
  const oneRow = r.applications.rows.otherDisposal !== undefined && !OTHER_DISPOSAL_PARTS.some((k) => r.applications!.rows[k] !== undefined);
  for (const def of APPLICATION_ROWS) {
    if (oneRow ? OTHER_DISPOSAL_PARTS.includes(def.key) : def.key === "otherDisposal") continue;
    t3.set(def.key, APPLICATION_COLUMN_KEYS.map((col) => printed(cells.get(`applications.rows.${def.key}.${col}`))));
  }
  const t4 = TABLE4_KEYS.map(([g, c]) => printed(cells.get(`reviewLitigation.${g}.${c}`)));
  const headings = r.sections.map((s, i) => s.heading ?? SECTION_DEFS[i]!.canonical);
  const prose = r.sections.map((s, i) => {
    const paras = s.text.split("\n").filter((p) => p.trim() !== "");
    // In 二/三/四 only sentences are prose; short lines there are a converted table's debris (pdf2md, flattened pages).
    const kept = i >= 1 && i <= 3 ? paras.filter((p) => !TABLE_RUN.test(p) && /[。！？]$/.test(p.trim())) : paras;
    return kept.length > 0 ? kept : [i === 5 ? "本年度未收取信息处理费。" : "详见下表。"];
  });
  const values = new Map(r.cells.flatMap((c) => (c.value === null ? [] : [[c.path, c.value] as const])));
  return { name, title: r.title, agency: r.agency, year: r.year, template, headings, prose, t2, t3, t4, values };
}
