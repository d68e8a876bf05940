/** Rules on single cells and rows: blanks, placeholders, counts, the fee's precision, row shapes, and the parser's own doubts. */
import type { FoundCell, TableFacts } from "../extract/found.js";
import { smallNumber } from "../extract/numbers.js";
import type { Anomaly } from "../model/report.js";
import { APPLICATION_ROWS, FEE_PRECISION_HEADER, TABLE2 } from "../templates/index.js";
import { anomaly, evidenceOf, type RuleContext } from "./context.js";
import { READER_NOTES, noteText, type NoteDef, type ReaderCode } from "../../parsers/model/notes.js";

const isReaderCode = (code: string): code is ReaderCode => code in READER_NOTES;

const TABLES = [
  { key: "activeDisclosure", name: "表二", en: "table 2" },
  { key: "applications", name: "表三", en: "table 3" },
  { key: "reviewLitigation", name: "表四", en: "table 4" },
] as const;

export function cellMissing(ctx: RuleContext): Anomaly[] {
  const out: Anomaly[] = [];
  for (const t of TABLES) {
    const blank = ctx.x.cells.filter((c) => c.key.table === t.key && c.value.kind === "blank" && !c.uncertain);
    if (blank.length === 0) continue;
    out.push(anomaly(ctx, "CELL_MISSING", { paths: blank.map((c) => c.path), values: { table: t.name, tableEn: t.en, count: blank.length } }));
  }
  return out;
}

export function cellNotNumber(ctx: RuleContext): Anomaly[] {
  return ctx.x.cells
    // An undetermined cell (a flattened run with several readings) is our doubt, not printed text: PARSE_UNCERTAIN says so.
    .filter((c) => c.value.kind === "placeholder" || c.value.kind === "text")
    .map((c) => anomaly(ctx, "CELL_NOT_NUMBER", { paths: [c.path], values: { path: c.path, raw: c.raw }, actual: c.raw, status: c.uncertain ? "uncertain" : "fail" }));
}

/** Columns that are not counts: amounts and signed changes (templates: notCounts). */
function notCountPaths(): Set<string> {
  const s = new Set<string>();
  for (const blocks of Object.values(TABLE2))
    for (const b of blocks) for (const row of b.rows) for (const col of b.notCounts ?? []) s.add(`activeDisclosure.${row.key}.${col}`);
  return s;
}
const NOT_COUNTS = notCountPaths();

export function cellNotCount(ctx: RuleContext): Anomaly[] {
  return ctx.x.cells
    .filter((c): c is FoundCell & { value: { kind: "number"; value: number } } => c.value.kind === "number")
    .filter((c) => !NOT_COUNTS.has(c.path) && (c.value.value < 0 || !Number.isInteger(c.value.value)))
    .map((c) => anomaly(ctx, "CELL_NOT_COUNT", { paths: [c.path], values: { path: c.path, raw: c.raw }, actual: c.value.value, status: c.uncertain ? "uncertain" : "fail" }));
}

/**
 * The precision a header demands ("保留4位小数"); null when it says nothing. The national template
 * says only 万元, so by default nothing is demanded (anomalies.md: a default is configuration).
 */
export function demandedPrecision(header: string | null, fallback: number | null): number | null {
  if (header) {
    const m = FEE_PRECISION_HEADER.exec(header);
    if (m) return smallNumber(m[1] ?? "");
  }
  return fallback;
}

export function feePrecision(ctx: RuleContext, defaultPrecision: number | null): Anomaly[] {
  const fee = ctx.cell("activeDisclosure.fees.amount");
  if (!fee || fee.value.kind !== "number") return [];
  const want = demandedPrecision(ctx.x.feeHeader?.text ?? null, defaultPrecision);
  if (want === null || fee.value.decimals >= want) return [];
  const expectedForm = fee.value.value.toFixed(want);
  return [
    anomaly(ctx, "FEE_PRECISION", {
      paths: [fee.path],
      values: { expected: want, raw: fee.raw, actual: fee.value.decimals },
      expected: expectedForm,
      actual: fee.raw,
      evidence: { ...evidenceOf(fee), text: ctx.x.feeHeader?.text ?? "" },
    }),
  ];
}

function factsOf(ctx: RuleContext): [typeof TABLES[number], TableFacts][] {
  return TABLES.map((t) => [t, ctx.x.facts[t.key]]);
}

/** The template's label of a row path, for messages ("一、本年新收政府信息公开申请数量"). */
function rowName(path: string): string {
  if (path.startsWith("applications.rows.")) {
    const key = path.slice("applications.rows.".length);
    return APPLICATION_ROWS.find((r) => r.key === key)?.label ?? key;
  }
  if (path.startsWith("activeDisclosure.")) {
    const key = path.slice("activeDisclosure.".length);
    for (const blocks of Object.values(TABLE2)) for (const b of blocks) for (const r of b.rows) if (r.key === key) return r.label;
  }
  return path === "reviewLitigation" ? "行政复议、行政诉讼" : path;
}

export function rowShape(ctx: RuleContext): Anomaly[] {
  const out: Anomaly[] = [];
  for (const [, f] of factsOf(ctx)) {
    for (const s of f.rowShapes) {
      out.push(
        anomaly(ctx, "ROW_SHAPE", {
          paths: [s.path],
          values: { row: rowName(s.path), printed: s.printed, expected: s.expected, kept: s.kept.join(" ") || "—", dropped: s.dropped.join(" ") || "—" },
          expected: s.expected,
          actual: s.printed,
          // Surplus values dropped from between the columns are the publisher's; a short row we had to align is our guess.
          status: s.printed < s.expected ? "uncertain" : "fail",
          evidence: { raw: s.raw, ...(s.pos?.line != null ? { line: s.pos.line } : {}), ...(s.pos?.page != null ? { page: s.pos.page } : {}), ...(s.pos?.table != null ? { table: s.pos.table, row: s.pos.row ?? undefined } : {}) },
        }),
      );
    }
  }
  return out;
}

export function parseUncertain(ctx: RuleContext): Anomaly[] {
  const out: Anomaly[] = [];
  for (const [t, f] of factsOf(ctx)) {
    // Cells of rows placed by order are doubtful through their row, said once below.
    const placed = f.placedByOrder.map((p) => `${p.path}.`);
    const unsure = ctx.x.cells.filter((c) => c.key.table === t.key && c.uncertain && !placed.some((p) => c.path.startsWith(p)));
    if (unsure.length > 0) {
      out.push(
        anomaly(ctx, "PARSE_UNCERTAIN", {
          paths: unsure.map((c) => c.path),
          values: {
            what: t.name,
            why: `${unsure.length}个单元格的值无法从原文确定地读出，未确定者为空值。`,
            whatEn: t.en,
            whyEn: `${unsure.length} cell(s) could not be read with certainty; undetermined ones are null.`,
          },
          status: "uncertain",
        }),
      );
    }
    if (f.placedByOrder.length > 0) {
      out.push(
        anomaly(ctx, "PARSE_UNCERTAIN", {
          paths: f.placedByOrder.map((p) => p.path),
          values: {
            what: t.name,
            why: `${f.placedByOrder.length}行没有可读的行名，按模板顺序归位。`,
            whatEn: t.en,
            whyEn: `${f.placedByOrder.length} row(s) had no readable label and were placed by template order.`,
          },
          status: "uncertain",
          evidence: { ...(f.placedByOrder[0]?.pos?.line != null ? { line: f.placedByOrder[0].pos.line } : {}) },
        }),
      );
    }
  }
  return out;
}

/**
 * What the reader noted about the whole input: pages without a text layer (PDF), or tables
 * recovered from tab-separated text because LibreOffice was not there (DOC).
 */
export function readerNotes(ctx: RuleContext): Anomaly[] {
  const out: Anomaly[] = [];
  const scanned = ctx.x.reader?.scannedPages ?? [];
  if (scanned.length > 0) {
    out.push(anomaly(ctx, "SCANNED_PAGES", { paths: ["source"], values: { pages: scanned.join(", ") }, status: "uncertain", evidence: { page: scanned[0]!, text: `pages ${scanned.join(", ")}` } }));
  }
  // A reader's note whose catalogue entry says its tables cannot be vouched for (a DOC read without LibreOffice).
  for (const m of ctx.notes) {
    if (!isReaderCode(m.ruleId) || !(READER_NOTES[m.ruleId] as NoteDef).uncertainTables) continue;
    const why = noteText(m.ruleId).en;
    out.push(
      anomaly(ctx, "PARSE_UNCERTAIN", {
        paths: ["activeDisclosure", "applications", "reviewLitigation"],
        values: { what: "全文", why: "读取方式不能保证表格结构。", whatEn: "whole report", whyEn: why },
        status: "uncertain",
        evidence: { text: why },
      }),
    );
  }
  return out;
}
