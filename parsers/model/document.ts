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
/**
 * An image in the body (HTML <img>). Its content is not read, but extraction sees where it
 * stands: a table published as a picture is TABLE_MISSING with the image's address as evidence.
 */
export interface Figure {
  /** The src attribute as written in the page (not resolved against the page's URL). */
  src: string;
  alt: string;
  /** Index in `blocks` of the first block after the image (blocks.length when none follows). */
  before: number;
  pos: Position;
}

/**
 * What the page around the body says of the document (HTML info box and meta tags, a crawler's
 * dump header): never the body's own words. Each field null when the page does not say.
 */
export interface PageInfo {
  /** 发布机构 / 发文机关 in the info box (or a crawler header's 发布机构). */
  publisher: string | null;
  /** 来源 / 信息来源 in the info box. */
  source: string | null;
  /** <meta name="ContentSource">. */
  contentSource: string | null;
  /** <meta name="SiteName">. */
  siteName: string | null;
}

export interface ParsedDocument {
  format: SourceFormat;
  /** A title the container states apart from the body (HTML <title>, PDF metadata); may be generic. */
  metaTitle: string | null;
  /** Date the page states for its publication (YYYY-MM-DD), when the reader found one. */
  publishedAt: string | null;
  /** What the page around the body says of it, when the format has such a page (HTML, crawler dumps). */
  pageInfo?: PageInfo;
  /** Images in the body, in reading order (HTML). */
  figures?: Figure[];
  blocks: Block[];
  /** How it was read; readers that have something to say fill it. */
  reader?: ReaderInfo;
}

/** True when the slot (r, c) is where its merged cell starts, i.e. not a repeat of a span. */
export function isOrigin(cell: GridCell, r: number, c: number): boolean {
  return cell.originRow === r && cell.originCol === c;
}
