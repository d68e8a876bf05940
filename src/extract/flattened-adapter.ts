/**
 * Tables of a page flattened to one line (cells run together without separators) are read by
 * the solver in flattened.ts; this adapter hands it the section's text and gives its results the
 * shape of the other readers', with each value's line in the source.
 */
import type { Block, Position } from "../model/document.js";
import { position } from "../model/document.js";
import type { RowKey } from "../model/report.js";
import { APPLICATION_ROWS, OTHER_DISPOSAL_PARTS, TABLE2 } from "../templates/index.js";
import { readFlattenedTable2, readFlattenedTable3, readFlattenedTable4, type FlatCell, type FlatResult } from "./flattened.js";
import { emptyFacts, type FoundCell, type TableFacts } from "./found.js";
import type { CellValue } from "./numbers.js";

export interface FlatTable {
  cells: FoundCell[];
  facts: TableFacts;
}

interface Joined {
  text: string;
  /** Start offset of each paragraph in `text`, with its position. */
  starts: { at: number; pos: Position }[];
}

function join(blocks: Block[]): Joined {
  const starts: Joined["starts"] = [];
  let text = "";
  for (const b of blocks) {
    if (b.type !== "paragraph") continue;
    if (text !== "") text += "\n";
    starts.push({ at: text.length, pos: b.pos });
    text += b.text;
  }
  return { text, starts };
}

function posAt(j: Joined, offset: number): Position | null {
  let found: Position | null = null;
  for (const s of j.starts) if (s.at <= offset) found = s.pos;
  return found ? position({ line: found.line ?? undefined, page: found.page ?? undefined }) : null;
}

function toFound(c: FlatCell, j: Joined, label: string | null): FoundCell {
  let value: CellValue;
  if (c.value !== null) {
    const frac = /\.(\d+)/.exec(c.raw);
    value = { kind: "number", value: c.value, decimals: frac?.[1]?.length ?? 0, unit: c.unit ?? null, annotation: null };
  } else {
    value = c.uncertain ? { kind: "text", raw: c.raw } : { kind: "blank" };
  }
  return { path: c.path, raw: c.raw, value, pos: posAt(j, c.offset), rowLabel: label, uncertain: c.uncertain };
}

function facts(result: FlatResult): TableFacts {
  const f = emptyFacts();
  f.found = result.cells.length > 0;
  f.notes.push(...result.notes);
  return f;
}

function labelOf(result: FlatResult, path: string): string | null {
  const row = result.rows.find((r) => path.startsWith(`${r.key}.`) || path.includes(`.${r.key}.`));
  return row ? row.label : null;
}

export const readFlattened = {
  table2(blocks: Block[], template: "2021" | "2019"): FlatTable | null {
    const j = join(blocks);
    const r = readFlattenedTable2(j.text, template);
    if (!r || r.cells.length === 0) return null;
    const f = facts(r);
    // The same rule as a gridded table 二: a template row not printed is ROW_MISSING (平潭海坛片区
    // 2025 prints 规范性文件 and no 规章 row).
    const printed = new Set(r.rows.map((row) => row.key));
    for (const block of TABLE2[template]) for (const row of block.rows) if (!printed.has(row.key)) f.missingRows.push(`activeDisclosure.${row.key}`);
    return { cells: r.cells.map((c) => toFound(c, j, labelOf(r, c.path))), facts: f };
  },

  table3(blocks: Block[], _template: string): { rows: Map<RowKey, FoundCell[]>; facts: TableFacts } | null {
    const j = join(blocks);
    const r = readFlattenedTable3(j.text);
    if (!r || r.cells.length === 0) return null;
    const rows = new Map<RowKey, FoundCell[]>();
    for (const c of r.cells) {
      const key = c.path.slice("applications.rows.".length, c.path.lastIndexOf(".")) as RowKey;
      const list = rows.get(key) ?? [];
      list.push(toFound(c, j, labelOf(r, c.path)));
      rows.set(key, list);
    }
    const f = facts(r);
    const oneRow = rows.has("otherDisposal");
    for (const d of APPLICATION_ROWS) {
      const skip = oneRow ? OTHER_DISPOSAL_PARTS.includes(d.key) : d.key === "otherDisposal";
      if (!skip && !rows.has(d.key)) f.missingRows.push(`applications.rows.${d.key}`);
    }
    return { rows, facts: f };
  },

  table4(blocks: Block[]): FlatTable | null {
    const j = join(blocks);
    const r = readFlattenedTable4(j.text);
    if (!r || r.cells.length === 0) return null;
    return { cells: r.cells.map((c) => toFound(c, j, null)), facts: facts(r) };
  },
};
