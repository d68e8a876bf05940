/**
 * PDF → ParsedDocument, with pdf.js (pdfjs-dist, legacy build) run in-process.
 *
 * Text comes from pdf.js's text content (and, for vertical fonts, from the glyphs of the
 * operator list: see pdf/vertical-text.ts); tables come from the rulings the operator list
 * draws. The modules under pdf/ each do one step:
 *
 *   load.ts            pdf.js, its data files, errors → NianbaoError(PARSE_FAILED)
 *   vertical-text.ts   text of vertical fonts, rebuilt from glyphs (pdf.js 5.6 drops some)
 *   page.ts            a page → text runs and graphics (text-items.ts, operators.ts)
 *   rulings.ts         segments → rulings;  grid.ts  rulings → grids with merged cells
 *   cells.ts           runs → cells, cell text;  infer.ts  columns of unruled tables
 *   tables.ts          page tables; tables over page breaks
 *   page-furniture.ts  page numbers and running headers
 *   text-lines.ts      runs → lines;  reading-order.ts  columns;  paragraphs.ts  lines → paragraphs
 *   layout.ts          pages → blocks
 *   baseline.ts        pdf.js alone on the same file, for the benchmark's ratio
 *
 * Every paragraph and cell carries its page and bbox (PDF points, top-left origin, as
 * pdftotext -bbox counts), so an auditor finds each number on the page.
 */
import { result, type ReadResult } from "./model/result.js";
import { layout } from "./pdf/layout.js";
import { withDocument, type PdfDocument } from "./pdf/load.js";
import { readPage } from "./pdf/page.js";
import { preflightStreams } from "./pdf/streams.js";
import type { PageContent } from "./pdf/types.js";
import { resolveLimits, type LimitOptions } from "./limits.js";

export interface ReadPdfOptions {
  /**
   * Give up (PARSE_FAILED, reason "timeout") when reading takes longer than this.
   * @default 60000
   */
  timeoutMs?: number;
  /**
   * The readers' limits (./limits.ts): the compressed streams are inflated and counted before
   * pdf.js runs (maxPdfStreamBytes, maxPdfDecodedBytes: too-large); no table's grid may pass
   * maxTableCells (too-many-cells).
   */
  limits?: LimitOptions;
}

const DEFAULT_TIMEOUT_MS = 60_000;

export async function readPdf(bytes: Uint8Array, options: ReadPdfOptions = {}): Promise<ReadResult> {
  const limits = resolveLimits(options.limits);
  const preflight = (checked: Uint8Array): void => void preflightStreams(checked, limits);
  return withDocument(bytes, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, async (doc, lib) => {
    const pages: PageContent[] = [];
    for (let n = 1; n <= doc.numPages; n++) pages.push(await readPage(doc, n, lib));
    const { blocks, messages, scannedPages } = layout(pages, limits);
    const document = { format: "pdf" as const, metaTitle: await infoTitle(doc), publishedAt: null, blocks, reader: { method: "pdfjs" as const, pages: doc.numPages, scannedPages } };
    return result(document, messages);
  }, preflight);
}

/** The Title of the document information dictionary, when it says something. */
async function infoTitle(doc: PdfDocument): Promise<string | null> {
  const meta = await doc.getMetadata().catch(() => null);
  const title = (meta?.info as { Title?: unknown } | undefined)?.Title;
  if (typeof title !== "string") return null;
  const t = title.replace(/[\u0000-\u001f]/g, "").replace(/\s+/g, " ").trim();
  return t === "" ? null : t;
}
