/**
 * Pages → the document's blocks: furniture out, tables found and placed, the rest read in
 * order as paragraphs; then what a page break cut in two is joined again (a table going on, a
 * paragraph going on). Pure: pages in, blocks and messages out.
 */
import { position, type Block, type Paragraph } from "../model/document.js";
import { placeOf } from "../model/message.js";
import { note, type ReaderMessage } from "../model/notes.js";
import { bboxOf, unionAll } from "./geometry.js";
import { findFurniture } from "./page-furniture.js";
import { continuesAcrossPages, dominantSize, joiner, paragraphsOf, rejoinFragments, type ParagraphDraft } from "./paragraphs.js";
import { readingOrder, type Piece } from "./reading-order.js";
import { continues, ruledGrids, tablesOfPage, toTable, type PageTable, type TableDraft } from "./tables.js";
import { buildLines } from "./text-lines.js";
import type { Line, PageContent, TextRun } from "./types.js";
import { DEFAULT_LIMITS, checkBlocks, type ReadLimits } from "../limits.js";

/** Fragments of a line further apart than this many font heights are read as separate pieces. */
const FRAGMENT_GAP = 2;
/** The caption Chinese documents print over a table's continuation. */
const CONTINUED = /^[（(]?(续表|续上表|接上表)[\d一二三四五六七八九十]*[)）]?[：:]?$/;
/** A page whose images cover this share of it, and that has no text, is a scan. */
const SCAN_COVER = 0.2;

export interface Layout {
  blocks: Block[];
  messages: ReaderMessage[];
  scannedPages: number[];
}

type PageItem = { kind: "paragraph"; draft: ParagraphDraft } | { kind: "table"; part: PageTable };
type DocItem = { kind: "paragraph"; draft: ParagraphDraft } | { kind: "table"; draft: TableDraft };

/** Pages → blocks; no table's grid may pass maxTableCells slots, nor the document maxBlocks blocks (../limits.ts). */
export function layout(pages: readonly PageContent[], limits: Pick<ReadLimits, "maxTableCells" | "maxBlocks"> = DEFAULT_LIMITS): Layout {
  const maxCells = limits.maxTableCells;
  const messages: ReaderMessage[] = [];
  const ruled = pages.map((p) => ruledGrids(p.graphics, maxCells));

  // Furniture first, so that a page number under a table is never read into it.
  const furniture = findFurniture(
    pages.map((p, i) => ({ height: p.height, lines: buildLines(p.runs, { splitGap: FRAGMENT_GAP }), tables: ruled[i]!.grids.map((g) => g.box) })),
  );

  const scannedPages: number[] = [];
  const perPage: PageItem[][] = pages.map((p, i) => {
    const dropped = new Set<TextRun>([...furniture[i]!].flatMap((l) => l.runs));
    const runs = p.runs.filter((r) => !dropped.has(r));
    if (runs.length === 0 && coverage(p) >= SCAN_COVER) scannedPages.push(p.page);
    const { tables, rest } = tablesOfPage(p.page, ruled[i]!.grids, ruled[i]!.bare, runs, maxCells);
    return pageItems(p.page, tables, buildLines(rest, { splitGap: FRAGMENT_GAP }));
  });

  // Across page breaks.
  const items: DocItem[] = [];
  perPage.forEach((page, i) => {
    // "续表" (table continued) over the continuation of a table is a caption, not content.
    const caption = page[0]?.kind === "paragraph" && CONTINUED.test(page[0].draft.text) && page[1]?.kind === "table";
    const prevItem = items[items.length - 1];
    if (caption && prevItem?.kind === "table" && page[1]?.kind === "table" && continues(prevItem.draft, page[1].part)) page.shift();
    page.forEach((item, j) => {
      const prev = items[items.length - 1];
      if (j === 0 && i > 0 && prev) {
        if (item.kind === "table" && prev.kind === "table" && continues(prev.draft, item.part)) {
          prev.draft.parts.push(item.part);
          return;
        }
        if (item.kind === "paragraph" && prev.kind === "paragraph" && prev.draft.page === item.draft.page - 1 && continuesAcrossPages(prev.draft, item.draft)) {
          prev.draft.text += joiner(prev.draft.text, item.draft.text) + item.draft.text;
          return;
        }
      }
      items.push(item.kind === "table" ? { kind: "table", draft: { parts: [item.part] } } : item);
    });
  });

  const blocks: Block[] = [];
  let tableIndex = 0;
  for (const item of items) {
    checkBlocks(blocks.length + 1, limits);
    if (item.kind === "paragraph") {
      blocks.push(paragraph(item.draft));
      continue;
    }
    const index = tableIndex++;
    const { table, droppedHeaderRows } = toTable(item.draft, index, maxCells);
    blocks.push(table);
    const pagesOf = item.draft.parts.map((p) => p.page);
    if (pagesOf.length > 1) {
      const repeated =
        droppedHeaderRows > 0 ? { zh: `，舍去${droppedHeaderRows}行重复的表头`, en: `; ${droppedHeaderRows} repeated header row(s) dropped` } : { zh: "", en: "" };
      messages.push(note("TABLE_ACROSS_PAGES", { table: index + 1, from: pagesOf[0]!, to: pagesOf[pagesOf.length - 1]!, repeated }, placeOf(table.pos)));
    }
    if (table.inferred) messages.push(note("TABLE_INFERRED", { table: index + 1, page: pagesOf[0]! }, placeOf(table.pos)));
  }
  if (scannedPages.length > 0) {
    messages.push(note("SCANNED_PAGES", { pages: scannedPages.join(", ") }, { page: scannedPages[0]! }, { pages: scannedPages, all: scannedPages.length === pages.length }));
  }
  return { blocks, messages, scannedPages };
}

/** One page: tables and text fragments in reading order, fragments joined into paragraphs. */
function pageItems(page: number, tables: PageTable[], fragments: Line[]): PageItem[] {
  type P = Piece & ({ line: Line; table?: undefined } | { table: PageTable; line?: undefined });
  const pieces: P[] = [
    ...fragments.map((line): P => ({ x0: line.x0, y0: line.y0, x1: line.x1, y1: line.y1, text: line.text, size: line.size, line })),
    ...tables.map((table): P => ({ ...table.grid.box, text: null, size: 0, table })),
  ];
  const ordered = readingOrder(pieces);
  const bodySize = dominantSize(fragments);
  const out: PageItem[] = [];
  let pending: { line: Line; block: number }[] = [];
  const flush = (): void => {
    const joined = rejoinFragments(pending);
    let i = 0;
    while (i < joined.length) {
      const block = joined[i]!.block;
      const lines: Line[] = [];
      while (i < joined.length && joined[i]!.block === block) lines.push(joined[i++]!.line);
      for (const draft of paragraphsOf(page, block, lines, bodySize)) out.push({ kind: "paragraph", draft });
    }
    pending = [];
  };
  for (const { piece, block } of ordered) {
    if (piece.table) {
      flush();
      out.push({ kind: "table", part: piece.table });
    } else pending.push({ line: piece.line!, block });
  }
  flush();
  return out;
}

function paragraph(d: ParagraphDraft): Paragraph {
  const box = unionAll(d.lines);
  return { type: "paragraph", text: d.text, pos: position({ page: d.page, bbox: box ? bboxOf(box) : null }) };
}

/** Share of the page the images cover (their boxes clipped to the page, overlaps counted once at most by capping at 1). */
function coverage(p: PageContent): number {
  const area = p.width * p.height;
  if (area <= 0) return 0;
  let covered = 0;
  for (const b of p.graphics.images) {
    const w = Math.max(0, Math.min(p.width, b.x1) - Math.max(0, b.x0));
    const h = Math.max(0, Math.min(p.height, b.y1) - Math.max(0, b.y0));
    covered += w * h;
  }
  return Math.min(1, covered / area);
}
