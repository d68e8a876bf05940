/**
 * The format-neutral document every reader in `parsers/` produces and `src/extract/` consumes.
 *
 * Readers resolve their format's quirks (HTML spans, Word grids, PDF geometry) before they
 * return, so extraction never sees markup, XML or transforms: only blocks of text and tables
 * whose merged cells are already expanded into a rectangular grid.
 */

/** Where a piece of the document stands in its source: enough for an auditor to find it. */
export interface Position {
  /** Text formats (txt, md, and HTML source lines): 1-based line in the decoded text. */
  line: number | null;
  /** PDF: 1-based page. */
  page: number | null;
  /**
   * PDF: x0, y0, x1, y1 in PDF points, origin at the page's top-left corner, y growing downward
   * (as pdftotext -bbox and browser viewers count), so x0 < x1 and y0 < y1.
   */
  bbox: [number, number, number, number] | null;
  /** Tables: 0-based index of the table in the document, and grid row/column of the cell. */
  table: number | null;
  row: number | null;
  col: number | null;
}

export function position(p: Partial<Position> = {}): Position {
  return {
    line: p.line ?? null,
    page: p.page ?? null,
    bbox: p.bbox ?? null,
    table: p.table ?? null,
    row: p.row ?? null,
    col: p.col ?? null,
  };
}

/** A paragraph of running text (a heading is a paragraph too: headings are found by meaning). */
export interface Paragraph {
  type: "paragraph";
  text: string;
  pos: Position;
}

/**
 * One slot of a table grid. A merged cell occupies several slots; every slot points back to the
 * cell's origin, so a consumer can tell "the same cell seen again" from "a new blank cell".
 */
export interface GridCell {
  /** The cell's text, whitespace-normalised; line breaks inside the cell kept as "\n". */
  text: string;
  /** Grid row/column of the merged cell's top-left slot. */
  originRow: number;
  originCol: number;
  rowSpan: number;
  colSpan: number;
  pos: Position;
}

export interface Table {
  type: "table";
  /** 0-based index among the document's tables. */
  index: number;
  /** rows[r][c]; rows may differ in length when the source grid was ragged (text tables). */
  rows: GridCell[][];
  pos: Position;
  /**
   * True when the reader had to guess the grid (a PDF table without ruling lines, its columns
   * inferred from the header's x-positions): every value read from it is PARSE_UNCERTAIN.
   */
  inferred?: boolean;
}

export type Block = Paragraph | Table;

export type SourceFormat = "html" | "pdf" | "docx" | "doc" | "text";

/** How an input was read: the reader and, for DOC, the route (manifest.json states it per input). */
export type ReaderMethod = "pdfjs" | "ooxml" | "libreoffice→docx" | "word-extractor" | "cheerio" | "text";

/** How the reader read the input, for manifest.json (e.g. DOC via LibreOffice or the text fallback). */
export interface ReaderInfo {
  method: ReaderMethod;
  /** Pages (PDF), when the format has them. */
  pages?: number;
  /** Pages without a text layer (PDF): SCANNED_PAGES. */
  scannedPages?: number[];
}

/**
 * A read document. What the reader noticed while reading is not part of it: it comes beside it,
 * in the reader's Result (./result.ts).
 */
export interface ParsedDocument {
  format: SourceFormat;
  /** A title the container states apart from the body (HTML <title>, PDF metadata); may be generic. */
  metaTitle: string | null;
  /** Date the page states for its publication (YYYY-MM-DD), when the reader found one. */
  publishedAt: string | null;
  blocks: Block[];
  /** How it was read; readers that have something to say fill it. */
  reader?: ReaderInfo;
}

/** True when the slot (r, c) is where its merged cell starts, i.e. not a repeat of a span. */
export function isOrigin(cell: GridCell, r: number, c: number): boolean {
  return cell.originRow === r && cell.originCol === c;
}
