/**
 * Tables of a page flattened to one line (cells run together without separators) are read by
 * the solver in flattened.ts; this adapter gives its results the shape of the other readers'.
 */
import type { Block } from "../model/document.js";
import type { RowKey } from "../model/report.js";
import type { FoundCell, TableFacts } from "./found.js";

export interface FlatTable {
  cells: FoundCell[];
  facts: TableFacts;
}

export const readFlattened = {
  table2(_blocks: Block[], _template: "2021" | "2019"): FlatTable | null {
    return null;
  },
  table3(_blocks: Block[], _template: string): { rows: Map<RowKey, FoundCell[]>; facts: TableFacts } | null {
    return null;
  },
  table4(_blocks: Block[]): FlatTable | null {
    return null;
  },
};
