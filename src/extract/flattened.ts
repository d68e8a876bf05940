/**
 * Tables 二, 三 and 四 from crawler text where a whole page was flattened to one line and the
 * table cells run together without separators (平潭 pages: "…本年新收政府信息公开申请数量640020470二、…").
 *
 * Method (shared/corpus/labels/VERIFICATION.md describes what is provable):
 * 1. Find every template row label in printed order; the digits between one label and the next
 *    are the row's run. A trailing ordinal that opens the next label ("…0000000" + "2.其他…") is
 *    cut off; a space in a run is a forced cell boundary; a sign may only open a cell.
 * 2. Every cut of a run into the template's cell count is enumerated; a reading must satisfy the
 *    row's own rule (table 三: the six applicant columns sum to 总计; table 四: each group's 总计 is
 *    the sum of its four). Table 三 then chooses jointly across rows by the column checks.
 * 3. A value is emitted only when every admissible reading agrees on it. Anything else is null
 *    with `uncertain: true` and the values it could take. Nothing is guessed.
 * Pure functions: no I/O, and only template data from src/templates.
 */
import type { RowKey } from "../model/report.js";
import {
  APPLICATION_COLUMN_KEYS,
  APPLICATION_ROWS,
  REVIEW_GROUPS,
  TABLE2,
  TABLE4_CELL_COUNT,
  TABLE4_KEYS,
  type ApplicationRowDef,
  type Table2Block,
} from "../templates/index.js";
import { pathOf, type CellKey } from "./found.js";
import { jointSearch, type JointRole, type JointRow } from "./flattened/joint.js";
import {
  bodyPattern,
  findLabel,
  labelOrdinal,
  labelPatterns,
  normalizeFlat,
  type LabelHit,
} from "./flattened/labels.js";
import { cellNumber, enumerateSplits, enumerateSumSplits, type CellKind } from "./flattened/splits.js";

export interface FlatCell {
  /** Table, row and column of the cell. */
  key: CellKey;
  /** pathOf(key). */
  path: string;
  value: number | null;
  /** The cell's printed text when it was determined, else the row's whole run. */
  raw: string;
  uncertain: boolean;
  /** Char offset in the input text where the row's raw run starts. */
  offset: number;
  /** For an undetermined cell: the values the admissible readings give it (sorted). */
  alternatives?: number[];
  /** A unit printed in the cell ("13575394432.52元" → "元"). */
  unit?: string;
}

export interface FlatRow {
  key: string;
  /** The printed label, as found before the run. */
  label: string;
  raw: string;
  offset: number;
  /** Number of admissible readings of the run on its own (before any joint check). */
  readings: number;
}

export interface FlatResult {
  cells: FlatCell[];
  rows: FlatRow[];
  notes: string[];
}

/** Readings beyond this many are not enumerated: the row is then undetermined. */
const READING_LIMIT = 5000;
/** Without its sum rule a run is read only when it has at most this many cuts. */
const FALLBACK_LIMIT = 20;
/** A label is followed by at most this much text (the rest of the label) before its values. */
const MAX_LABEL_TAIL = 80;

// ---------------------------------------------------------------- runs

interface Run {
  /** The run in the normalised text (ASCII digits): what is cut into cells. */
  raw: string;
  /** The same characters as printed in the input. */
  printed: string;
  offset: number;
  /** End of the run in the text (after a trailing ordinal was cut off). */
  end: number;
}

const RUN_CHARS = /^[\d \t]*/;

/**
 * The first run of digits (and spaces) in text[from, to). When it is followed by an ordinal mark
 * ("2." or "1、") its last digits are the next label's ordinal and are cut off.
 */
function runIn(input: string, text: string, from: number, to: number, nextOrdinal: string | null, notes: string[], key: string): Run | null {
  const region = text.slice(from, to);
  const first = region.search(/\d/);
  if (first < 0) return null;
  if (first > MAX_LABEL_TAIL) {
    notes.push(`${key}: no digits within ${MAX_LABEL_TAIL} characters of the label; the row is read as blank`);
    return null;
  }
  const m = RUN_CHARS.exec(region.slice(first));
  let raw = (m?.[0] ?? "").trimEnd();
  const offset = from + first;
  const after = text.charAt(offset + raw.length);
  if (/[.．、]/.test(after)) {
    if (nextOrdinal !== null && raw.endsWith(nextOrdinal)) raw = raw.slice(0, -nextOrdinal.length);
    else {
      notes.push(`${key}: run "${raw}" ends in an ordinal mark that does not match the next label; one digit cut`);
      raw = raw.slice(0, -1);
    }
    raw = raw.trimEnd();
  }
  if (raw === "") return null;
  return { raw, printed: input.slice(offset, offset + raw.length), offset, end: offset + raw.length };
}

// ---------------------------------------------------------------- agreement

interface Agreed {
  value: number | null;
  raw: string | null;
  alternatives: number[];
}

/** Per cell: the value all readings give it, or null with the distinct values. */
function agree(readings: readonly (readonly string[])[], n: number): Agreed[] {
  return Array.from({ length: n }, (_, k) => {
    const cells = readings.map((r) => r[k] ?? "");
    const values = [...new Set(cells.map(cellNumber))].sort((a, b) => a - b);
    if (values.length === 1 && cells.length > 0) return { value: values[0] ?? null, raw: cells[0] ?? null, alternatives: [] };
    return { value: null, raw: null, alternatives: values };
  });
}

function cellsOf(
  keys: readonly CellKey[],
  agreed: readonly Agreed[],
  run: Run,
  uncertainWhenAgreed: (k: number) => boolean = () => false,
  units: readonly (string | undefined)[] = [],
): FlatCell[] {
  return keys.map((key, k) => {
    const path = pathOf(key);
    const a = agreed[k];
    const unit = units[k];
    if (a && a.value !== null) {
      const cell: FlatCell = { key, path, value: a.value, raw: a.raw ?? run.printed, uncertain: uncertainWhenAgreed(k), offset: run.offset };
      if (unit) cell.unit = unit;
      return cell;
    }
    const cell: FlatCell = { key, path, value: null, raw: run.printed, uncertain: true, offset: run.offset };
    if (a && a.alternatives.length > 0) cell.alternatives = a.alternatives;
    return cell;
  });
}

function blankCells(keys: readonly CellKey[], offset: number): FlatCell[] {
  return keys.map((key) => ({ key, path: pathOf(key), value: null, raw: "", uncertain: false, offset }));
}

function undeterminedCells(keys: readonly CellKey[], run: Run): FlatCell[] {
  return keys.map((key) => ({ key, path: pathOf(key), value: null, raw: run.printed, uncertain: true, offset: run.offset }));
}

// ---------------------------------------------------------------- table 三

interface Located<D> {
  def: D;
  hit: LabelHit;
}

const T3_PATTERNS = new Map<RowKey, RegExp[]>(APPLICATION_ROWS.map((d) => [d.key, labelPatterns(d.label, d.match)]));

function locateRow(text: string, def: ApplicationRowDef, from: number): Located<ApplicationRowDef> | null {
  const hit = findLabel(text, T3_PATTERNS.get(def.key) ?? [], from);
  return hit ? { def, hit } : null;
}

function roleOf(def: ApplicationRowDef): JointRole {
  if (def.key === "newReceived" || def.key === "carriedOver" || def.key === "total" || def.key === "carriedForward") return def.key;
  return def.result ? "result" : "other";
}

/** Table 三 from the flattened section text (its heading to section 四's heading). */
export function readFlattenedTable3(input: string): FlatResult | null {
  const text = normalizeFlat(input);
  const notes: string[] = [];
  const cols = APPLICATION_COLUMN_KEYS;
  const n = cols.length;

  // The printed order: the rows before （六）, then either its three sub-rows or the one row, then the rest.
  const firstSub = APPLICATION_ROWS.findIndex((d) => d.alternativeOf !== undefined);
  const subRows = APPLICATION_ROWS.filter((d) => d.alternativeOf !== undefined);
  const groupKey = subRows[0]?.alternativeOf;
  const groupDef = APPLICATION_ROWS.find((d) => d.key === groupKey);
  const before = APPLICATION_ROWS.slice(0, Math.max(firstSub, 0)).filter((d) => d !== groupDef);
  const after = APPLICATION_ROWS.slice(Math.max(firstSub, 0)).filter((d) => d.alternativeOf === undefined && d !== groupDef);

  const located: Located<ApplicationRowDef>[] = [];
  const missing: string[] = [];
  let cursor = 0;
  const take = (defs: readonly ApplicationRowDef[]) => {
    for (const def of defs) {
      const l = locateRow(text, def, cursor);
      if (l) {
        located.push(l);
        cursor = l.hit.end;
      } else missing.push(def.key);
    }
  };
  take(before);
  const sub = subRows[0] ? locateRow(text, subRows[0], cursor) : null;
  const next = after[0] ? locateRow(text, after[0], cursor) : null;
  const oneRow = !sub || (next !== null && next.hit.start < sub.hit.start);
  if (oneRow) {
    if (groupDef) take([groupDef]);
    notes.push("（六）其他处理 is printed as one row (otherDisposal)");
  } else take(subRows);
  take(after);
  if (located.length === 0) return null;
  if (missing.length > 0) notes.push(`rows not found: ${missing.join(", ")}`);

  // Runs and the readings of each row on its own.
  interface RowWork {
    def: ApplicationRowDef;
    label: string;
    run: Run | null;
    readings: number[][];
    raws: string[][];
    status: JointRow["status"];
  }
  const work: RowWork[] = [];
  let prevEnd = -1;
  located.forEach((l, i) => {
    const following = located[i + 1];
    const to = following ? following.hit.start : text.length;
    const run = runIn(input, text, l.hit.end, to, following ? labelOrdinal(following.def.label) : null, notes, l.def.key);
    let labelStart = prevEnd >= 0 ? prevEnd : l.hit.start;
    if (prevEnd < 0) {
      const m = /[一二三四五六七八九十]、\s*$/.exec(text.slice(Math.max(0, l.hit.start - 4), l.hit.start));
      if (m) labelStart = l.hit.start - m[0].length;
    }
    const label = input.slice(labelStart, run ? run.offset : l.hit.end).trim();
    prevEnd = run ? run.end : l.hit.end;
    const w: RowWork = { def: l.def, label, run, readings: [], raws: [], status: "blank" };
    work.push(w);
    if (!run) return;
    const kinds: CellKind[] = cols.map(() => "count");
    let res = enumerateSumSplits(run.raw, n, { limit: READING_LIMIT });
    if (res.readings.length === 0 && /\s/.test(run.raw)) {
      const loose = enumerateSumSplits(run.raw, n, { limit: READING_LIMIT, ignoreSpaces: true });
      if (loose.readings.length > 0) {
        notes.push(`${l.def.key}: "${run.raw}" has no reading with its spaces as cell boundaries; spaces ignored`);
        res = loose;
      }
    }
    if (res.readings.length === 0) {
      // The publisher's row-sum error (T3_ROW_SUM) leaves the row readable only if its cut is (nearly) forced.
      const any = enumerateSplits(run.raw, kinds, { limit: FALLBACK_LIMIT });
      if (any.readings.length > 0 && !any.truncated) {
        res = any;
        notes.push(`${l.def.key}: no reading of "${run.raw}" has 总计 = the sum of the applicant columns (T3_ROW_SUM); ${any.readings.length} reading(s) kept`);
      }
    }
    if (res.truncated || res.readings.length === 0) {
      w.status = "undetermined";
      notes.push(`${l.def.key}: "${run.raw}" cannot be cut into ${n} cells${res.truncated ? " (too many readings)" : ""}`);
      return;
    }
    w.status = "values";
    w.raws = res.readings;
    w.readings = res.readings.map((r) => r.map(cellNumber));
  });

  const outcome = jointSearch(
    work.map((w) => ({ role: roleOf(w.def), status: w.status, readings: w.readings })),
    n,
  );
  const ambiguousRows = work.filter((w) => w.readings.length > 1).map((w) => w.def.key);
  let keep = outcome.keep;
  let decidedUnderViolations = false;
  if (outcome.kind === "tooMany") {
    notes.push("joint search abandoned (too many partial sums); each row keeps only the cells all its readings agree on");
  } else if (outcome.kind === "searched") {
    const who = `rows with several readings: ${ambiguousRows.join(", ")}`;
    if (outcome.minViolations === 0) {
      notes.push(
        outcome.ways === 1
          ? `${who}; exactly one assignment passes every column check`
          : `${who}; several assignments pass every column check: only the cells they agree on are kept`,
      );
    } else if (outcome.ways === 1) {
      decidedUnderViolations = true;
      notes.push(`${who}; no assignment passes every column check; the only one with the fewest violations (${outcome.minViolations}) is taken, its cells marked uncertain`);
    } else {
      keep = work.map((w) => new Set(w.readings.map((_, i) => i)));
      notes.push(`${who}; no assignment passes every column check and several share the fewest violations (${outcome.minViolations}): only cells certain within each row are kept`);
    }
  }
  if (outcome.kind !== "tooMany" && outcome.ways === 1 && outcome.failing.length > 0) {
    const fails = outcome.failing.map((f) => {
      const [code, c] = f.split(":");
      return `${code} in ${cols[Number(c)] ?? c}`;
    });
    notes.push(`column checks that fail in the reading taken (the publisher's figures): ${fails.join(", ")}`);
  }

  const cells: FlatCell[] = [];
  const rows: FlatRow[] = [];
  work.forEach((w, i) => {
    const paths = cols.map((col): CellKey => ({ table: "applications", row: w.def.key, col }));
    const offset = w.run?.offset ?? located[i]?.hit.end ?? 0;
    rows.push({ key: w.def.key, label: w.label, raw: w.run?.printed ?? "", offset, readings: w.readings.length });
    if (!w.run) {
      cells.push(...blankCells(paths, offset));
      return;
    }
    if (w.status === "undetermined") {
      cells.push(...undeterminedCells(paths, w.run));
      return;
    }
    const kept = [...(keep[i] ?? [])].map((j) => w.raws[j] ?? []);
    const chosen = agree(kept, n);
    const all = agree(w.raws, n);
    cells.push(...cellsOf(paths, chosen, w.run, (k) => decidedUnderViolations && all[k]?.value === null));
  });
  return { cells, rows, notes };
}

// ---------------------------------------------------------------- table 四

/** Table 四 from the flattened section text: one run of 15 cells in three groups of five. */
export function readFlattenedTable4(input: string): FlatResult | null {
  const text = normalizeFlat(input);
  const notes: string[] = [];
  // The header ends with the last group's columns; the values follow it.
  let from = -1;
  let cursor = 0;
  const hits: LabelHit[] = [];
  for (const g of REVIEW_GROUPS) {
    const re = bodyPattern(g.label);
    const hit = re ? findLabel(text, [re], cursor) : null;
    if (hit) {
      hits.push(hit);
      from = hit.end;
      cursor = hit.end;
    }
  }
  if (from < 0) return null;
  // The header starts at the last mention of the first group label before the second (not in the heading).
  let headerStart = hits[0]?.start ?? 0;
  const firstRe = bodyPattern(REVIEW_GROUPS[0]?.label ?? "");
  if (firstRe && hits.length > 1) {
    for (let h = findLabel(text, [firstRe], headerStart); h && h.end <= (hits[1]?.start ?? 0); h = findLabel(text, [firstRe], h.end)) headerStart = h.start;
  }
  const region = text.slice(from);
  const first = region.search(/\d/);
  const paths = TABLE4_KEYS.map(([row, col]): CellKey => ({ table: "reviewLitigation", row, col }));
  const headerEnd = first < 0 ? text.length : from + first;
  const label = input.slice(headerStart, headerEnd).trim();
  if (first < 0 || first > 200) {
    notes.push("no digits after the table header");
    return { cells: paths.map((key) => ({ key, path: pathOf(key), value: null, raw: "", uncertain: true, offset: headerEnd })), rows: [], notes };
  }
  const rawRun = (RUN_CHARS.exec(region.slice(first))?.[0] ?? "").trimEnd();
  const run: Run = { raw: rawRun, printed: input.slice(headerEnd, headerEnd + rawRun.length), offset: headerEnd, end: headerEnd + rawRun.length };
  const per = TABLE4_CELL_COUNT / REVIEW_GROUPS.length;
  const kinds: CellKind[] = paths.map(() => "count");
  const groupOk = (cells: readonly string[], g: number) =>
    cells.slice(g * per, g * per + per - 1).reduce((s, c) => s + Number(c), 0) === Number(cells[g * per + per - 1]);
  const partial = (cells: readonly string[]) => cells.length % per !== 0 || groupOk(cells, cells.length / per - 1);

  let res = enumerateSplits(run.raw, kinds, { partial, limit: READING_LIMIT });
  if (res.readings.length === 0 && /\s/.test(run.raw)) {
    const loose = enumerateSplits(run.raw, kinds, { partial, limit: READING_LIMIT, ignoreSpaces: true });
    if (loose.readings.length > 0) {
      notes.push(`"${run.raw}" has no reading with its spaces as boundaries; spaces ignored`);
      res = loose;
    }
  }
  let cells: FlatCell[];
  let readings = res.readings.length;
  if (res.truncated) {
    notes.push(`"${run.raw}": too many readings; table 四 left undetermined`);
    cells = undeterminedCells(paths, run);
  } else if (res.readings.length > 0) {
    if (res.readings.length > 1) notes.push(`"${run.raw}": ${res.readings.length} readings with every group total right; only the cells they agree on are kept`);
    cells = cellsOf(paths, agree(res.readings, paths.length), run);
  } else {
    // No reading has all three totals right: the publisher's error, or digits lost.
    const any = enumerateSplits(run.raw, kinds, { limit: FALLBACK_LIMIT });
    readings = any.readings.length;
    if (any.truncated || any.readings.length === 0) {
      notes.push(
        any.truncated
          ? `"${run.raw}": no reading has every group total right (T4_SUM), and too many cuts remain; table 四 left undetermined`
          : `"${run.raw}" cannot be cut into ${paths.length} cells`,
      );
      cells = undeterminedCells(paths, run);
    } else {
      const groups = REVIEW_GROUPS.length;
      const violations = (r: readonly string[]) => Array.from({ length: groups }, (_, g) => (groupOk(r, g) ? 0 : 1) as number).reduce((a, b) => a + b, 0);
      const scored = any.readings.map((r) => ({ r, v: violations(r) }));
      const min = Math.min(...scored.map((s) => s.v));
      const best = scored.filter((s) => s.v === min);
      const all = agree(any.readings, paths.length);
      if (best.length === 1 && best[0]) {
        notes.push(`"${run.raw}": no reading has every group total right (T4_SUM); the only reading with the fewest failing groups (${min}) is taken, its cells marked uncertain`);
        cells = cellsOf(paths, agree([best[0].r], paths.length), run, (k) => all[k]?.value === null);
      } else {
        notes.push(`"${run.raw}": no reading has every group total right (T4_SUM) and several fail equally: only cells certain in every reading are kept`);
        cells = cellsOf(paths, all, run);
      }
    }
  }
  return { cells, rows: [{ key: "reviewLitigation", label, raw: run.printed, offset: run.offset, readings }], notes };
}

// ---------------------------------------------------------------- table 二

/**
 * How a table-二 column is read. TODO(templates): this belongs in Table2Block as data (e.g.
 * `columnKinds`); until then: `notCounts` columns are signed when they are 本年增/减 ("change"),
 * amounts otherwise.
 */
function columnKind(block: Table2Block, col: string): CellKind {
  if (!block.notCounts?.includes(col)) return "count";
  return col === "change" ? "signed" : "amount";
}

const CN_CLAUSE = (clause: string) => clause.replace(/[（()）]/g, "");

function clausePattern(clause: string): RegExp {
  return new RegExp(`第\\s*二十\\s*条\\s*第?\\s*[（(]\\s*${CN_CLAUSE(clause)}\\s*[)）]`, "g");
}

/** Where the first label of a later table-二 row starts after `from` (the text's end when none does). */
function laterRowLabels(text: string, blocks: readonly Table2Block[], key: string, from: number): number {
  const rows = blocks.flatMap((b) => b.rows);
  const later = rows.slice(rows.findIndex((r) => r.key === key) + 1);
  let at = text.length;
  for (const r of later) {
    const h = findLabel(text, labelPatterns(r.label, [r.match]), from);
    if (h && h.start < at) at = h.start;
  }
  return at;
}

const T2_VALUE = /^\s*([-+]?\d[\d .+-]*?)\s*(万元|亿元|元)?(?=[^\d .+-]|$)/;

/** Table 二 from the flattened section text (its heading to section 三's heading). */
export function readFlattenedTable2(input: string, template: "2021" | "2019"): FlatResult | null {
  const text = normalizeFlat(input);
  const notes: string[] = [];
  const cells: FlatCell[] = [];
  const rows: FlatRow[] = [];
  let cursor = 0;
  let found = 0;
  const blocks = TABLE2[template];
  for (const block of blocks) {
    const clause = findLabel(text, [clausePattern(block.clause)], cursor);
    if (clause) cursor = clause.end;
    else notes.push(`第二十条第${block.clause}项: block heading not found`);
    for (const row of block.rows) {
      const paths = block.columns.map((col): CellKey => ({ table: "activeDisclosure", row: row.key, col }));
      const hit = findLabel(text, labelPatterns(row.label, [row.match]), cursor);
      if (!hit) {
        notes.push(`${row.key}: label ${row.label} not found`);
        continue;
      }
      found++;
      cursor = hit.end;
      // The rest of the label (at most a few characters, no block heading) and then the values —
      // never past the next row's label: a row printed blank has no values of its own, and the
      // next row's are not its ("行政许可其他对外管理服务事项000").
      const nextLabel = laterRowLabels(text, blocks, row.key, hit.end);
      const tail = /^[^\d第(（+-]{0,12}?(?=\s*[-+]?\d)/.exec(text.slice(hit.end, nextLabel));
      const m = tail ? T2_VALUE.exec(text.slice(hit.end + tail[0].length)) : null;
      if (!tail || !m || !m[1]) {
        notes.push(`${row.key}: no values after the label`);
        rows.push({ key: row.key, label: input.slice(hit.start, hit.end), raw: "", offset: hit.end, readings: 0 });
        cells.push(...blankCells(paths, hit.end));
        continue;
      }
      const lead = m[0].length - m[0].trimStart().length;
      const offset = hit.end + tail[0].length + lead;
      const digits = m[1].trim();
      const unit = m[2];
      const length = text.slice(offset, offset + m[0].trimStart().length).trimEnd().length;
      const printed = input.slice(offset, offset + length);
      const run: Run = { raw: text.slice(offset, offset + length), printed, offset, end: offset + length };
      cursor = run.end;
      const kinds = block.columns.map((c) => columnKind(block, c));
      const units = block.columns.map((c, k) => (unit && k === block.columns.length - 1 && kinds[k] === "amount" ? unit : undefined));
      if (unit && !units.some((u) => u)) notes.push(`${row.key}: unit ${unit} after a column that is not an amount`);
      const res = enumerateSplits(digits, kinds, { limit: READING_LIMIT });
      rows.push({ key: row.key, label: input.slice(hit.start, offset).trim(), raw: printed, offset, readings: res.readings.length });
      if (res.truncated || res.readings.length === 0) {
        notes.push(`${row.key}: "${printed}" cannot be cut into ${kinds.length} cells${res.truncated ? " (too many readings)" : ""}`);
        cells.push(...undeterminedCells(paths, run));
        continue;
      }
      if (res.readings.length > 1) notes.push(`${row.key}: "${printed}" has ${res.readings.length} readings; only the cells they agree on are kept`);
      cells.push(...cellsOf(paths, agree(res.readings, kinds.length), run, () => false, units));
    }
  }
  if (found === 0) return null;
  return { cells, rows, notes };
}
