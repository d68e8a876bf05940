/**
 * Tables that pages print as text, made tables again before anything else reads the document
 * (issue 9, "Tables in the renderings real pages use"):
 * - pipe text in paragraphs, one row per line: "| 规章 | 0 | 0 | 0 |";
 * - one cell per line: "规章" / "0" / "0" / "0" / "行政规范性文件" / "2" / …, as a page gets when
 *   an editor pastes a table cell by cell, or a crawler keeps only the cells' text.
 * Rows of the second kind start at a label after a value; header cells before a row's own label
 * (the label the template knows) become a header row of their own, so the row reads as in a grid.
 * A cell printed blank in the source leaves no line, so such a row has fewer values than columns:
 * the table readers then say so (ROW_SHAPE, PARSE_UNCERTAIN) and never shift a number into
 * another column's place (table3.ts, table4.ts).
 */
import type { Block, GridCell, ParsedDocument, Paragraph, Table } from "../model/document.js";
import { position } from "../model/document.js";
import { readCell } from "./numbers.js";
import { squash } from "./normalise.js";
import { markOrderOnly } from "./rows.js";
import { findHeadingHits } from "./sections.js";
import { matchTable2Row } from "./table2.js";
import { matchApplicationRow } from "./table3.js";

/** A pipe row: cells between pipes (ASCII or full-width), "| 第二十条第（一）项 |" included. */
const PIPE_ROW = /^\s*[|｜].*[|｜]\s*$|^(?:[^|｜]*[|｜]){2,}[^|｜]*$/;
const PIPE_RULE = /^\s*[|｜]?(?:\s*:?-{2,}:?\s*[|｜])+\s*:?-*:?\s*$/;
/** A cell on a line of its own is short; prose is not. */
const MAX_CELL_CHARS = 80;
/** One-cell-per-line runs that hold fewer values than this are not taken for a table. */
const MIN_VALUES = 3;
/** The longest run of label lines read as one row label: two cells' worth. */
const MAX_LABEL_TAIL = 2 * MAX_CELL_CHARS;

function pipeCells(text: string): string[] {
  const inner = text.trim().replace(/^[|｜]/, "").replace(/[|｜]$/, "");
  return inner.split(/[|｜]/).map((c) => c.trim());
}

function gridCell(text: string, p: Paragraph, table: number, row: number, col: number): GridCell {
  // The cell's place is its line (and page) in the source; the grid position is the rebuilt table's.
  return { text, originRow: row, originCol: col, rowSpan: 1, colSpan: 1, pos: position({ line: p.pos.line ?? undefined, page: p.pos.page ?? undefined, bbox: p.pos.bbox ?? undefined }) };
}

/** Rows keep their own length (a ragged grid, as text tables are): padding would invent blank cells the page never printed. */
function table(rows: { cells: string[]; p: Paragraph }[], index: number): Table {
  const grid = rows.map((r, ri) => r.cells.map((c, ci) => gridCell(c, r.p, index, ri, ci)));
  return { type: "table", index, rows: grid, pos: position({ line: rows[0]?.p.pos.line ?? undefined, page: rows[0]?.p.pos.page ?? undefined }) };
}

const isHeading = (p: Paragraph): boolean =>
  findHeadingHits({ format: "text", metaTitle: null, publishedAt: null, blocks: [p] }).some((h) => h.score >= 2 && h.at.offset === 0);

const isValue = (text: string): boolean => {
  const v = readCell(text);
  return v.kind === "number" || v.kind === "placeholder";
};

/** A line that can be a table cell: short, no sentence ending in it, not a section heading. */
function isCellLine(b: Block): b is Paragraph {
  if (b.type !== "paragraph") return false;
  const t = squash(b.text);
  if (t === "" || t.length > MAX_CELL_CHARS || PIPE_ROW.test(t)) return false;
  if (isValue(t)) return true;
  if (/[。；;！？]\s*\S/.test(t) || /。$/.test(t)) return false;
  return !isHeading(b);
}

/** The template row a label names (tables 二 or 三), as a grid row's label would. */
const namesRow = (label: string): boolean => matchTable2Row(label) || matchApplicationRow(label).length > 0;

/** A run of one-cell lines → rows: [header…] [label…][value…] [label…][value…] … */
function cellRows(run: Paragraph[]): { cells: string[]; p: Paragraph }[] | null {
  const rows: { cells: string[]; p: Paragraph }[] = [];
  let labels: Paragraph[] = [];
  let values: Paragraph[] = [];
  let count = 0;
  const close = () => {
    if (labels.length === 0 && values.length === 0) return;
    // The row's own label: the shortest tail of its label lines that names a template row. A
    // label is a few words: tails longer than MAX_LABEL_TAIL are not tried, so a run of thousands
    // of label lines costs what a short one does (each longer tail was a join and a match: 40,000
    // one-character lines took 92 s).
    let own = labels.length;
    let tail = "";
    for (let k = labels.length - 1; k >= 0; k--) {
      tail = squash(labels[k]!.text) + tail;
      if (tail.length > MAX_LABEL_TAIL) break;
      if (namesRow(tail)) {
        own = k;
        break;
      }
    }
    if (own === labels.length) own = 0;
    const header = labels.slice(0, own);
    if (header.length > 0) rows.push({ cells: header.map((l) => squash(l.text)), p: header[0]! });
    const mine = labels.slice(own);
    if (mine.length > 0 || values.length > 0) {
      rows.push({ cells: [mine.map((l) => squash(l.text)).join(""), ...values.map((v) => squash(v.text))], p: (mine[0] ?? values[0])! });
    }
    count += values.length;
    labels = [];
    values = [];
  };
  for (const p of run) {
    if (isValue(squash(p.text))) values.push(p);
    else {
      if (values.length > 0) close();
      labels.push(p);
    }
  }
  close();
  return count >= MIN_VALUES && rows.some((r) => r.cells.length > 1 && r.cells[0] !== "") ? rows : null;
}

/** The document with its text-printed tables turned into tables (the input when there are none). */
export function tablesInText(doc: ParsedDocument): ParsedDocument {
  const blocks = doc.blocks;
  // New tables are numbered after the reader's, whose numbers are the source's and stay.
  let next = blocks.filter((b) => b.type === "table").length;
  const out: Block[] = [];
  /** Where each input block went: the index in `out` of the group it starts or joins. */
  const moved: number[] = [];
  let changed = false;
  const take = (from: number, to: number, block: Block | Block[]) => {
    for (let k = from; k < to; k++) moved[k] = out.length;
    if (Array.isArray(block)) out.push(...block);
    else out.push(block);
  };
  for (let i = 0; i < blocks.length; ) {
    const b = blocks[i]!;
    // Pipe rows, one per paragraph.
    if (b.type === "paragraph" && PIPE_ROW.test(b.text) && !PIPE_RULE.test(b.text)) {
      const rows: { cells: string[]; p: Paragraph }[] = [];
      let j = i;
      for (; j < blocks.length; j++) {
        const x = blocks[j]!;
        if (x.type !== "paragraph" || !PIPE_ROW.test(x.text)) break;
        if (!PIPE_RULE.test(x.text)) rows.push({ cells: pipeCells(x.text), p: x });
      }
      if (rows.length >= 2) {
        take(i, j, table(rows, next++));
        changed = true;
        i = j;
        continue;
      }
    }
    // One cell per line.
    if (isCellLine(b)) {
      let j = i;
      while (j < blocks.length && isCellLine(blocks[j]!)) j++;
      const run = blocks.slice(i, j) as Paragraph[];
      const rows = run.length >= MIN_VALUES + 1 ? cellRows(run) : null;
      if (rows) {
        const t = table(rows, next++);
        markOrderOnly(t);
        take(i, j, t);
        changed = true;
      } else {
        for (let k = i; k < j; k++) take(k, k + 1, blocks[k]!);
      }
      i = j;
      continue;
    }
    take(i, i + 1, b);
    i++;
  }
  if (!changed) return doc;
  const result: ParsedDocument = { ...doc, blocks: out };
  if (doc.figures) result.figures = doc.figures.map((f) => ({ ...f, before: f.before < blocks.length ? (moved[f.before] ?? out.length) : out.length }));
  return result;
}
