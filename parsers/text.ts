/**
 * Plain text and Markdown → the format-neutral document.
 *
 * What real text renditions of reports look like (shared/corpus): Word tables flattened to
 * tab-separated rows (a row sometimes broken by a blank line), Markdown pipe tables cut into
 * many small tables by a PDF→md converter, page footers ("— 4 —"), and crawler dumps that put a
 * header (标题:/发布时间:/原文链接:) before the page text.
 */
import { position, type Block, type GridCell, type Paragraph, type ParsedDocument, type Table } from "./model/document.js";
import { NianbaoError } from "./model/errors.js";
import { note, type ReaderMessage } from "./model/notes.js";
import { result, type ReadResult } from "./model/result.js";
import { decodeInput, type TextInput } from "./decode.js";
import { checkBlocks, resolveLimits, tooManyCells, type LimitOptions, type ReadLimits } from "./limits.js";

export interface TextReadOptions {
  contentType?: string | null;
  /** The readers' limits (../limits.ts); a table over maxTableCells (rows × widest row) fails. */
  limits?: LimitOptions;
}

/** Lines that are page furniture, not content: "— 4 —", "-3-", "第 2 页 共 6 页". */
const PAGE_FURNITURE = [/^[—–\-－]\s*\d+\s*[—–\-－]$/, /^第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?$/];

/** A crawler's dump header: key: value lines up to a "==== 正文 ====" rule. */
const CRAWLER_RULE = /^=+\s*正文\s*=+$/;
const CRAWLER_FIELD = /^(标题|发布时间|文号|发布机构|栏目|原文链接|本地目录)\s*[:：]\s*(.*)$/;

const MD_ROW = /^\s*\|.*\|\s*$/;
const MD_SEPARATOR = /^\s*\|?(\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*$/;

function cell(text: string, line: number, table: number, row: number, col: number): GridCell {
  return { text, originRow: row, originCol: col, rowSpan: 1, colSpan: 1, pos: position({ line, table, row, col }) };
}

function mdCells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  return inner.split("|").map((c) => c.trim());
}

function occurrences(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

export function readText(input: TextInput, options: TextReadOptions = {}): ReadResult {
  const limits = resolveLimits(options.limits);
  const decoded = decodeInput(input, { contentType: options.contentType ?? null });
  const messages: ReaderMessage[] = [...decoded.messages];
  const text = decoded.text.replace(/\r\n?/g, "\n");
  if (text.trim() === "") throw new NianbaoError("EMPTY_INPUT", "parse", "the file holds no text");
  const lines = text.split("\n");

  let metaTitle: string | null = null;
  let publishedAt: string | null = null;
  let publisher: string | null = null;
  let start = 0;
  const ruleAt = lines.findIndex((l, i) => i < 40 && CRAWLER_RULE.test(l.trim()));
  if (ruleAt >= 0 && lines.slice(0, ruleAt).some((l) => CRAWLER_FIELD.test(l.trim()))) {
    for (const l of lines.slice(0, ruleAt)) {
      const m = CRAWLER_FIELD.exec(l.trim());
      if (!m) continue;
      const value = (m[2] ?? "").trim();
      if (m[1] === "标题" && value) metaTitle = value;
      if (m[1] === "发布时间") publishedAt = /(\d{4})-(\d{2})-(\d{2})/.exec(value)?.[0] ?? null;
      if (m[1] === "发布机构" && value) publisher = value;
    }
    start = ruleAt + 1;
    messages.push(note("CRAWLER_HEADER", { last: ruleAt + 1 }, { line: 1 }));
  }

  const { blocks } = textBlocks(lines, { from: start, lineBase: 0, firstTable: 0, limits });
  const doc: ParsedDocument = { format: "text", metaTitle, publishedAt, blocks, reader: { method: "text" } };
  if (publisher) doc.pageInfo = { publisher, source: null, contentSource: null, siteName: null };
  return result(doc, messages);
}

/** Where lines stand in their source, for a caller that reads text found inside another format. */
export interface TextBlockOptions {
  /** The first line read (0-based index into `lines`): lines before it were read otherwise (a crawler header). */
  from: number;
  /** Added to every line's 1-based number: the source line the text starts on, less one. */
  lineBase: number;
  /** The index the first table gets (tables already met in the document come before). */
  firstTable: number;
  /** Blocks the document holds already (the cap, maxBlocks, is the document's). */
  blocksBefore?: number;
  limits: ReadLimits;
}

/**
 * Lines of plain text → paragraphs and tables: the text reader's rules, which the HTML reader
 * applies to a <pre> too (a report pasted as preformatted text keeps its lines and its
 * tab-separated tables). Tab-separated and Markdown pipe rows become tables (a row broken by a
 * blank line stays in its table); page furniture is dropped; "# " headings lose their marks.
 */
export function textBlocks(lines: readonly string[], options: TextBlockOptions): { blocks: Block[]; tables: number } {
  const { lineBase, limits } = options;
  const before = options.blocksBefore ?? 0;
  const blocks: Block[] = [];
  const add = (b: Block): void => {
    checkBlocks(before + blocks.length + 1, limits);
    blocks.push(b);
  };
  let tableCount = options.firstTable;
  type Open = { table: Table; kind: "tab" | "md"; width: number };
  const state: { current: Open | null } = { current: null };
  const closeTable = () => {
    if (state.current) add(state.current.table);
    state.current = null;
  };
  const tableOf = (kind: "tab" | "md", line: number): Open => {
    if (state.current?.kind === kind) return state.current;
    closeTable();
    const index = tableCount++;
    state.current = { table: { type: "table", index, rows: [], pos: position({ line, table: index }) }, kind, width: 0 };
    return state.current;
  };
  /**
   * A row joins its table; the table's grid (rows × widest row) stays under the cell cap, checked
   * on the separator count before the line is split (a line of a million tabs is refused unsplit).
   */
  const addRow = (t: Open, raw: string, separator: "\t" | "|", split: (raw: string) => string[], lineNo: number): void => {
    const r = t.table.rows.length;
    t.width = Math.max(t.width, occurrences(raw, separator) + 1);
    if ((r + 1) * t.width > limits.maxTableCells) throw tooManyCells({ table: t.table.index, rows: r + 1, line: t.table.pos.line }, limits);
    t.table.rows.push(split(raw).map((c, col) => cell(c, lineNo, t.table.index, r, col)));
  };

  for (let i = options.from; i < lines.length; i++) {
    const raw = lines[i] ?? "";
    const lineNo = lineBase + i + 1;
    const trimmed = raw.trim();
    if (trimmed === "") {
      // A blank line inside a tab table (a Word row broken in two) does not end the table.
      const next = lines[i + 1] ?? "";
      if (state.current?.kind === "tab" && next.includes("\t")) continue;
      closeTable();
      continue;
    }
    if (PAGE_FURNITURE.some((re) => re.test(trimmed))) continue;
    if (MD_ROW.test(raw)) {
      if (MD_SEPARATOR.test(raw)) continue;
      addRow(tableOf("md", lineNo), raw, "|", mdCells, lineNo);
      continue;
    }
    if (raw.includes("\t")) {
      addRow(tableOf("tab", lineNo), raw, "\t", (l) => l.split("\t").map((c) => c.trim()), lineNo);
      continue;
    }
    closeTable();
    const heading = /^#{1,6}\s+(.*)$/.exec(trimmed);
    const p: Paragraph = { type: "paragraph", text: (heading ? heading[1] ?? "" : trimmed).replace(/\s+/g, " "), pos: position({ line: lineNo }) };
    add(p);
  }
  closeTable();
  return { blocks, tables: tableCount - options.firstTable };
}
