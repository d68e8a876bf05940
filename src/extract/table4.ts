/**
 * Table 四 → reviewLitigation: one data row of fifteen values (three groups of five). Reports
 * that break the row over several printed rows are read as one run of values.
 */
import { TABLE4_CELL_COUNT, TABLE4_KEYS } from "../templates/index.js";
import { foundCell, emptyFacts, type TableRead } from "./found.js";
import { BLANK } from "./numbers.js";
import type { Row, RowCell } from "./rows.js";

export function extractTable4(rows: Row[]): TableRead {
  const facts = emptyFacts();
  // Value rows: rows whose positions hold numbers; a lone header row has none.
  let valueRows = rows.filter((r) => r.values.some((c) => c.value.kind === "number") && r.values.length >= 5);
  // A table printed with every value blank (the blank template, a report that left 四 empty):
  // its one row of fifteen empty positions is still the table, every cell CELL_MISSING.
  if (valueRows.length === 0) valueRows = rows.filter((r) => r.label === "" && r.values.length >= TABLE4_CELL_COUNT).slice(0, 1);
  if (valueRows.length === 0) return { cells: [], facts };
  let run: RowCell[] = [];
  let label = "";
  const wide = valueRows.find((r) => r.values.length >= TABLE4_CELL_COUNT);
  if (wide) {
    run = [...wide.values];
    label = wide.label;
  } else {
    for (const r of valueRows) {
      run.push(...r.values);
      if (run.length >= TABLE4_CELL_COUNT) break;
    }
  }
  while (run.length > TABLE4_CELL_COUNT && run[run.length - 1]!.text.trim() === "") run.pop();
  const misshapen = run.length !== TABLE4_CELL_COUNT;
  const uncertain = misshapen || valueRows.some((r) => r.inferred);
  if (misshapen) {
    facts.rowShapes.push({
      path: "reviewLitigation",
      printed: run.length,
      expected: TABLE4_CELL_COUNT,
      kept: run.slice(0, TABLE4_CELL_COUNT).map((c) => c.text.trim()),
      dropped: run.slice(TABLE4_CELL_COUNT).map((c) => c.text.trim()),
      raw: run.map((c) => c.text).join("\t"),
      pos: run[0]?.pos ?? null,
    });
  }
  // A short run lost cells (blanks printed as nothing, a broken row): which is which is not
  // printed, so no value of it is placed.
  const short = run.length < TABLE4_CELL_COUNT && run.some((c) => c.value.kind === "number");
  const unplaced = run.map((c) => c.text.trim()).join(" ");
  const cells = TABLE4_KEYS.map(([row, col], i) => {
    const c = run[i];
    const key = { table: "reviewLitigation" as const, row, col };
    if (short) return foundCell(key, unplaced, { kind: "undetermined", alternatives: [] }, run[0]?.pos ?? null, label || null, true);
    return foundCell(key, c ? c.text : "", c ? c.value : BLANK, c ? c.pos : null, label || null, uncertain);
  });
  facts.found = true;
  return { cells, facts };
}
