/**
 * Table 三 → applications.rows. Rows are matched by the meaning of their label
 * (src/templates/table3.ts); a row printed without a readable label takes the next row the
 * template expects. Values are placed by count: seven positions map one to one; surplus or
 * short rows are resolved by the rules below and reported as ROW_SHAPE.
 */
import type { ColumnKey, RowKey } from "../model/report.js";
import { APPLICATION_COLUMN_KEYS, APPLICATION_ROWS, APPLICANT_COLUMN_KEYS, type ApplicationRowDef } from "../templates/index.js";
import { expectedApplicationRows } from "./expected-rows.js";
import { foundCell, type FoundCell, type TableFacts, type TableRead, emptyFacts } from "./found.js";
import { BLANK } from "./numbers.js";
import { foldLabel } from "./normalise.js";
import type { Row, RowCell } from "./rows.js";

const NCOLS = APPLICATION_COLUMN_KEYS.length;

export function matchApplicationRow(label: string): ApplicationRowDef[] {
  const f = foldLabel(label);
  if (f === "") return [];
  const hits = APPLICATION_ROWS.filter((d) => d.match.some((re) => re.test(f)));
  if (hits.length === 0) return [];
  const top = Math.max(...hits.map((h) => h.specificity));
  return hits.filter((h) => h.specificity === top);
}

const isBlank = (c: RowCell) => c.value.kind === "blank";
const isNumber = (c: RowCell) => c.value.kind === "number";

/** Place a row's value positions on the seven columns. */
function placeValues(key: RowKey, label: string, values: RowCell[], facts: TableFacts, positional: boolean, orderOnly = false): FoundCell[] {
  const v = [...values];
  while (v.length > NCOLS && v[v.length - 1] && isBlank(v[v.length - 1]!)) v.pop();
  while (v.length > NCOLS && v[0] && isBlank(v[0])) v.shift(); // label spans printed as empty fields
  const at = (col: ColumnKey, c: RowCell | undefined, uncertain: boolean) =>
    foundCell({ table: "applications", row: key, col }, c ? c.text : "", c ? c.value : BLANK, c ? c.pos : null, label, uncertain);
  const cells: FoundCell[] = [];
  if (v.length === NCOLS) {
    APPLICATION_COLUMN_KEYS.forEach((col, i) => cells.push(at(col, v[i], positional)));
    return cells;
  }
  if (v.length > NCOLS) {
    // Surplus positions sit between the applicants and 总计 (孟津 2022: an empty grid column before 总计).
    const kept = [...v.slice(0, NCOLS - 1), v[v.length - 1]!];
    const dropped = v.slice(NCOLS - 1, v.length - 1);
    APPLICATION_COLUMN_KEYS.forEach((col, i) => cells.push(at(col, kept[i], positional)));
    facts.rowShapes.push({
      path: `applications.rows.${key}`,
      printed: v.length,
      expected: NCOLS,
      kept: kept.map((c) => c.text.trim()),
      dropped: dropped.map((c) => c.text.trim()),
      raw: values.map((c) => c.text).join("\t"),
      pos: v[0]?.pos ?? null,
    });
    return cells;
  }
  // Fewer positions than columns: 总计 is the last; when only blanks precede it nothing is lost.
  // Numbers before it cannot be placed (which columns were left blank is not printed): they are
  // undetermined, never put in a column the source does not say (data-contract.md §3).
  if (orderOnly) {
    // Values in order, columns not printed (text-tables.ts): not even 总计 can be told.
    const unplaced = v.map((c) => c.text.trim()).join(" ");
    APPLICATION_COLUMN_KEYS.forEach((col) => cells.push(foundCell({ table: "applications", row: key, col }, unplaced, { kind: "undetermined", alternatives: [] }, v[0]?.pos ?? null, label, true)));
    facts.rowShapes.push({ path: `applications.rows.${key}`, printed: v.length, expected: NCOLS, kept: [], dropped: v.map((c) => c.text.trim()), raw: values.map((c) => c.text).join("\t"), pos: v[0]?.pos ?? null });
    return cells;
  }
  const last = v[v.length - 1];
  const head = v.slice(0, -1);
  const guessed = head.some(isNumber);
  const unplaced = head.map((c) => c.text.trim()).join(" ");
  APPLICANT_COLUMN_KEYS.forEach((col, i) =>
    cells.push(
      guessed
        ? foundCell({ table: "applications", row: key, col }, unplaced, { kind: "undetermined", alternatives: [] }, head[0]?.pos ?? null, label, true)
        : at(col, head[i], positional),
    ),
  );
  cells.push(at("total", last, positional));
  if (guessed) {
    facts.rowShapes.push({
      path: `applications.rows.${key}`,
      printed: v.length,
      expected: NCOLS,
      kept: v.map((c) => c.text.trim()),
      dropped: [],
      raw: values.map((c) => c.text).join("\t"),
      pos: v[0]?.pos ?? null,
    });
  }
  return cells;
}

export function extractTable3(rows: Row[], template: string): TableRead {
  const facts = emptyFacts();
  const out = new Map<RowKey, FoundCell[]>();
  const order = APPLICATION_ROWS.map((d) => d.key);
  let cursor = 0; // index in APPLICATION_ROWS of the next row expected
  let oneRow = template === "2019";
  for (const row of rows) {
    if (row.values.length === 0) continue;
    const hasNumber = row.values.some(isNumber);
    let defs = matchApplicationRow(row.label);
    let positional = false;
    if (defs.length === 0) {
      if (!hasNumber || row.label !== "" && row.values.length < 3) continue;
      // No readable label: the next row the template expects (PDF→md dumps lose labels).
      const keys = expectedApplicationRows(oneRow);
      const next = keys.find((k) => order.indexOf(k) >= cursor && !out.has(k));
      if (!next) continue;
      defs = APPLICATION_ROWS.filter((d) => d.key === next);
      positional = true;
    }
    // Several rows of equal specificity match (a label wrapped mid-phrase): the first not yet taken at or after the cursor.
    const def = defs.find((d) => order.indexOf(d.key) >= cursor && !out.has(d.key)) ?? defs.find((d) => !out.has(d.key));
    if (!def) continue;
    if (def.key === "otherDisposal") oneRow = true;
    const cells = placeValues(def.key, row.label, row.values, facts, positional || row.inferred, row.orderOnly);
    out.set(def.key, cells);
    if (positional) facts.placedByOrder.push({ path: `applications.rows.${def.key}`, pos: row.values[0]?.pos ?? null });
    cursor = Math.max(cursor, order.indexOf(def.key) + 1);
  }
  facts.found = out.size > 0;
  return { cells: [...out.values()].flat(), facts };
}
