/**
 * Which template rows a found table should print, and so which it left out (ROW_MISSING): one
 * rule for tables 二 and 三, whatever reader found them (a grid, loose lines, a flattened run).
 * A row is printed when its label was found, with values or blank.
 */
import type { RowKey, TemplateId } from "../model/report.js";
import { APPLICATION_ROWS, OTHER_DISPOSAL_PARTS, TABLE2 } from "../templates/index.js";
import { rowPathOf, type FoundCell, type TableKey } from "./found.js";

/**
 * The row keys of table 三 a report of this layout prints, in order: （六）其他处理 as one row
 * (`otherDisposal`) or as its three sub-rows.
 */
export function expectedApplicationRows(oneRowOtherDisposal: boolean): RowKey[] {
  return APPLICATION_ROWS.map((d) => d.key).filter((k) => (oneRowOtherDisposal ? !OTHER_DISPOSAL_PARTS.includes(k) : k !== "otherDisposal"));
}

/**
 * Table 三 prints （六） as one row when it printed that row and none of the sub-rows, or when it
 * follows the 2019 template (whose （六） is one row) and printed no sub-row.
 */
function oneRowOtherDisposal(printed: ReadonlySet<string>, template: TemplateId): boolean {
  if (OTHER_DISPOSAL_PARTS.some((k) => printed.has(k))) return false;
  return printed.has("otherDisposal") || template === "2019";
}

/** The rows of `table` printed in `cells`, in the order they were met. */
export function printedRows(cells: readonly FoundCell[], table: TableKey): Set<string> {
  return new Set(cells.filter((c) => c.key.table === table).map((c) => c.key.row));
}

/** Paths of the template rows a found table did not print (none for table 四, which is one row). */
export function missingRows(table: TableKey, template: TemplateId, printed: ReadonlySet<string>): string[] {
  let expected: readonly string[] = [];
  if (table === "applications") expected = expectedApplicationRows(oneRowOtherDisposal(printed, template));
  else if (table === "activeDisclosure" && (template === "2021" || template === "2019")) expected = TABLE2[template].flatMap((b) => b.rows.map((r) => r.key));
  return expected.filter((k) => !printed.has(k)).map((k) => rowPathOf(table, k));
}
