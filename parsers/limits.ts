/**
 * The readers' limits: how much work one input may ask for. Inputs are untrusted (README,
 * Security): a 61 KB HTML table of colspan=1000 cells asks for two billion grid slots, 100,000
 * nested <div>s make a browser-grade tree builder quadratic, a 4 MB PDF inflates to 4 GB outside
 * the JavaScript heap. Each limit is held inside the reader, where the work is, so no caller (the
 * run loop, a worker, a queue consumer, the library) has to know what is expensive.
 *
 * Over a limit, a reader either gives up — NianbaoError("PARSE_FAILED", …, { reason }) with a
 * closed reason (too-large, too-deep, too-many-cells) — or, where the rest of the document can
 * still be read soundly, reads it and notes what it left out (HTML nested past `maxDepth`:
 * HTML_FLATTENED). docs/readers.md, "Limits", says which and why.
 */
import type { SourceFormat } from "./model/document.js";
import { NianbaoError } from "./model/errors.js";

export interface ReadLimits {
  /**
   * Largest input read, in bytes, by the format sniffed from it. A crawled page decoded already
   * counts its UTF-8 bytes. Reading costs ~20× the bytes in peak memory for text and up to ~60×
   * for element-dense HTML (a 15 MiB page of paragraphs peaks near 890 MB through the CLI), so
   * HTML's cap is the lowest; a report page is 30 KB–3 MB.
   */
  maxInputBytes: Readonly<Record<SourceFormat, number>>;
  /**
   * Most grid slots of one table: rows × columns, after rowspan/colspan (HTML), gridSpan/vMerge
   * (DOCX), tab-separated cells (text) and ruling lines (PDF). A real report's largest table has
   * a few hundred slots; a list of a whole year's applications a few tens of thousands.
   */
  maxTableCells: number;
  /**
   * Most blocks (paragraphs and tables) of one document, counted as a reader makes them. Every
   * block costs extraction some work and the run its memory (2 million one-character lines, a
   * 4 MB text, peaked at 1 GB); a 300-page report has a few thousand.
   */
  maxBlocks: number;
  /**
   * Deepest nesting of elements. HTML: elements deeper than this are read as part of the element
   * at this depth (their text kept, in order; noted HTML_FLATTENED), as Chromium's tree builder
   * does at 512. DOCX: an XML part nested deeper fails (too-deep). The sample and fixture pages nest at most 14 deep.
   */
  maxDepth: number;
  /**
   * HTML: most elements (start tags) a page may hold. The tree costs ~2 KB an element in peak
   * memory with its source locations (7.9 MB of small tables, 900,000 elements, peaked at 1.7 GB
   * and took 21 s); a Word-exported report page holds ~1,700 elements for 10 pages.
   */
  maxElements: number;
  /** PDF: most bytes one compressed stream may inflate to (a page's content, an image, a font). */
  maxPdfStreamBytes: number;
  /** PDF: most bytes all its compressed streams may inflate to together. */
  maxPdfDecodedBytes: number;
  /** DOCX: most entries its package may list (Word writes 10–40; a few hundred with many images). */
  maxZipEntries: number;
  /** DOCX: most bytes its package may declare uncompressed, all entries together. */
  maxZipTotalBytes: number;
  /**
   * DOCX: most bytes of one part read out of it. The parts read are XML, which costs ~45× its
   * size in peak memory through the CLI (a 60 MB word/document.xml, 215 KB zipped, peaked at
   * 1.9 GB; 16 MB at 690 MB); a real report's word/document.xml is 0.1–5 MB.
   */
  maxZipPartBytes: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: ReadLimits = {
  maxInputBytes: { html: 8 * MiB, text: 16 * MiB, pdf: 200 * MiB, docx: 100 * MiB, doc: 100 * MiB },
  maxTableCells: 200_000,
  maxBlocks: 100_000,
  maxDepth: 512,
  maxElements: 250_000,
  maxPdfStreamBytes: 128 * MiB,
  maxPdfDecodedBytes: 1024 * MiB,
  maxZipEntries: 5_000,
  maxZipTotalBytes: 200 * MiB,
  maxZipPartBytes: 16 * MiB,
};

/** What callers pass: any of the limits, and any of the formats' input caps. */
export type LimitOptions = Partial<Omit<ReadLimits, "maxInputBytes">> & { maxInputBytes?: Partial<Record<SourceFormat, number>> };

/** The limits in force: the defaults, overridden by what the caller gave. */
export function resolveLimits(given: LimitOptions | undefined): ReadLimits {
  if (!given) return DEFAULT_LIMITS;
  const { maxInputBytes, ...rest } = given;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Partial<ReadLimits>;
  return { ...DEFAULT_LIMITS, ...defined, maxInputBytes: { ...DEFAULT_LIMITS.maxInputBytes, ...definedOnly(maxInputBytes ?? {}) } };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** An input over its format's byte cap: PARSE_FAILED, reason too-large, before any reading. */
export function checkInputBytes(format: SourceFormat, bytes: number, limits: ReadLimits): void {
  const max = limits.maxInputBytes[format];
  if (bytes > max) {
    throw new NianbaoError("PARSE_FAILED", "read", `the ${format.toUpperCase()} input is ${bytes} bytes, over the ${max}-byte limit for ${format} (maxInputBytes.${format})`, {
      reason: "too-large",
      limit: "maxInputBytes",
      bytes,
      max,
    });
  }
}

/** Throws when a document reaches more blocks than maxBlocks (a reader calls it as it adds one). */
export function checkBlocks(count: number, limits: Pick<ReadLimits, "maxBlocks">): void {
  if (count > limits.maxBlocks) {
    throw new NianbaoError("PARSE_FAILED", "parse", `the document holds more than ${limits.maxBlocks} paragraphs and tables (limit maxBlocks)`, {
      reason: "too-large",
      limit: "maxBlocks",
      max: limits.maxBlocks,
    });
  }
}

/** A page with more elements than maxElements: PARSE_FAILED, reason too-large, before parse5 builds its tree. */
export function tooManyElements(limits: Pick<ReadLimits, "maxElements">): NianbaoError {
  return new NianbaoError("PARSE_FAILED", "parse", `the page holds more than ${limits.maxElements} elements (limit maxElements)`, {
    reason: "too-large",
    limit: "maxElements",
    max: limits.maxElements,
  });
}

/**
 * A table whose grid would pass the cell cap: PARSE_FAILED, reason too-many-cells. Readers count
 * slots as they lay a grid out and stop at the cap, so the work done is bounded by the cap, not
 * by the spans the table asks for. Failing (rather than reading the document without the table)
 * keeps a hostile table from becoming TABLE_MISSING, an anomaly blamed on the publisher.
 */
export function tooManyCells(where: { table?: number; rows: number; line?: number | null; page?: number | null }, limits: Pick<ReadLimits, "maxTableCells">): NianbaoError {
  const at = where.line ? ` (line ${where.line})` : where.page ? ` (page ${where.page})` : "";
  const table = where.table !== undefined ? `table ${where.table + 1}` : "a table";
  return new NianbaoError(
    "PARSE_FAILED",
    "parse",
    `${table}${at} of ${where.rows} rows needs more than ${limits.maxTableCells} grid cells (rows × columns after spans; limit maxTableCells)`,
    {
      reason: "too-many-cells",
      limit: "maxTableCells",
      ...(where.table !== undefined ? { table: where.table } : {}),
      rows: where.rows,
      max: limits.maxTableCells,
      ...(where.line ? { line: where.line } : {}),
      ...(where.page ? { page: where.page } : {}),
    },
  );
}
