/**
 * A report's parts (report-parts.ts) → a DocxDocument laid out as a Word-made report: 仿宋 body
 * text, 黑体/楷体 headings, 宋体 tables with the 2021 template's merges written the Word way
 * (gridSpan and vMerge), a "- n -" page number in the footer.
 *
 * Word files met in the wild carry table quirks that HTML never shows; a sample picks some of
 * them per table (TableQuirk), so a DOCX reader is tested on them with real report content:
 *  - "gridBefore": the table gets a narrow first grid column; the clause rows (第二十条第（x）项)
 *    span it, the 信息内容 header rows' first cell spans it, and every data row starts late
 *    (w:gridBefore=1, w:wBefore) — the shape Word leaves when rows were indented or pasted in.
 *  - "gridAfter": the mirror image, a narrow last column the data rows stop short of (w:gridAfter=1).
 *  - "hMerge": the first header row's merged cells are written with the legacy horizontal merge
 *    (one w:tc per grid column, w:hMerge restart/continue) instead of w:gridSpan.
 *  - "repeatHeader": the three header rows of table 三 are w:tblHeader, repeated on every page.
 */
import {
  A4_OFFICIAL,
  type DocxBlock,
  type DocxCell,
  type DocxDocument,
  type DocxParagraph,
  type DocxRow,
  type PageSetup,
  type RunStyle,
  type Twips,
} from "../../test/support/docx-writer.js";
import type { ParagraphStyle, ReportPart, TableName } from "./report-parts.js";
import type { SpanRow } from "./template-2021-tables.js";

export type TableQuirk = "gridBefore" | "gridAfter" | "hMerge" | "repeatHeader";

export interface OfficeLayout {
  page: PageSetup;
  /** Body text size and exact line height, in points. */
  body: { size: number; line: number };
  title: { size: number; line: number };
  table: { size: number };
  footer: { size: number };
}

/** The usual layout: A4, GB/T 9704 margins, 三号 (16pt) body on a 28pt line, 五号 (10.5pt) tables. */
export const OFFICIAL_LAYOUT: OfficeLayout = {
  page: A4_OFFICIAL,
  body: { size: 16, line: 28 },
  title: { size: 22, line: 36 },
  table: { size: 10.5 },
  footer: { size: 14 },
};

/**
 * The same report on a shorter page in larger type (the pagebreaks PDF): 18pt body text and 12pt
 * tables on an A4-wide page cut to 20.3 cm with 2.5 cm top and bottom margins, so that tables 二
 * and 三 run over page breaks. LibreOffice 7.4 with Noto CJK breaks them for any height from
 * 11000 to 12000 twips; 11500 sits in the middle (make-office-samples.ts checks the result).
 */
export const LARGE_TYPE_LAYOUT: OfficeLayout = {
  page: { ...A4_OFFICIAL, height: 11500, top: 1418, bottom: 1418, header: 709, footer: 709 },
  body: { size: 18, line: 32 },
  title: { size: 22, line: 36 },
  table: { size: 12 },
  footer: { size: 14 },
};

const PARAGRAPH_FONTS: Record<ParagraphStyle, string> = {
  title: "方正小标宋简体",
  heading: "黑体",
  subheading: "楷体_GB2312",
  body: "仿宋_GB2312",
};

/** Relative widths of the grid columns of each table, from the 2021 template's own w:tblGrid. */
const TEMPLATE_GRID: Record<TableName, number[]> = {
  二: [2435, 2435, 2435, 2435],
  三: [754, 921, 3271, ...Array<number>(7).fill(685)],
  四: Array<number>(15).fill(649),
};

/** Width of the extra grid column a gridBefore/gridAfter quirk adds (about 5 mm). */
const QUIRK_COLUMN: Twips = 284;

/** Scale weights to whole twips summing exactly to `total` (largest remainders last). */
export function scaleGrid(weights: number[], total: Twips): Twips[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w * total) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left-- <= 0) break;
    out[i]!++;
  }
  return out;
}

/**
 * HTML-style spans (rowSpan/colSpan on the origin cell only) → Word rows: a cell covered from
 * above becomes a `continue` cell of the same gridSpan, the origin of a row span a `restart`.
 */
export function spanRowsToDocx(rows: SpanRow[], columns: number): DocxRow[] {
  const coveredBy: (number | undefined)[][] = rows.map(() => []); // colSpan of the cell covering from above
  return rows.map((row, r) => {
    const cells: DocxCell[] = [];
    const queue = [...row];
    let c = 0;
    while (c < columns) {
      const above = coveredBy[r]![c];
      if (above !== undefined) {
        cells.push({ text: "", gridSpan: above, vMerge: "continue" });
        c += above;
        continue;
      }
      const cell = queue.shift();
      if (!cell) throw new Error(`row ${r + 1} does not cover the ${columns} grid columns`);
      const rowSpan = cell.rowSpan ?? 1;
      const colSpan = cell.colSpan ?? 1;
      if (rowSpan > rows.length - r) throw new Error(`row ${r + 1}: a row span runs past the table`);
      for (let dr = 1; dr < rowSpan; dr++) coveredBy[r + dr]![c] = colSpan;
      cells.push({ text: cell.text, ...(colSpan > 1 ? { gridSpan: colSpan } : {}), ...(rowSpan > 1 ? { vMerge: "restart" as const } : {}) });
      c += colSpan;
    }
    if (c !== columns || queue.length > 0) throw new Error(`row ${r + 1} runs past the ${columns} grid columns`);
    return { cells };
  });
}

const isClauseRow = (row: DocxRow) => row.cells.length === 1 && /^第二十条/.test(row.cells[0]!.text);
const isHeaderRow = (row: DocxRow) => row.cells[0]?.text === "信息内容";

/** Table 二 with a narrow first (gridBefore) or last (gridAfter) column its data rows leave out. */
function withEdgeColumn(rows: DocxRow[], side: "gridBefore" | "gridAfter"): DocxRow[] {
  return rows.map((row) => {
    if (isClauseRow(row)) return { ...row, cells: [{ ...row.cells[0]!, gridSpan: (row.cells[0]!.gridSpan ?? 1) + 1 }] };
    if (isHeaderRow(row)) {
      const cells = [...row.cells];
      const i = side === "gridBefore" ? 0 : cells.length - 1;
      cells[i] = { ...cells[i]!, gridSpan: (cells[i]!.gridSpan ?? 1) + 1 };
      return { ...row, cells };
    }
    return { ...row, [side]: 1 };
  });
}

/** The first row's gridSpan cells rewritten as legacy hMerge runs, one w:tc per grid column. */
function withHMergeFirstRow(rows: DocxRow[]): DocxRow[] {
  const [first, ...rest] = rows;
  if (!first) return rows;
  const cells = first.cells.flatMap((cell): DocxCell[] => {
    const span = cell.gridSpan ?? 1;
    if (span === 1) return [cell];
    const { gridSpan: _drop, ...plain } = cell;
    return [{ ...plain, hMerge: "restart" }, ...Array.from({ length: span - 1 }, (): DocxCell => ({ text: "", hMerge: "continue" }))];
  });
  return [{ ...first, cells }, ...rest];
}

export type QuirkPlan = Partial<Record<TableName, TableQuirk[]>>;

function tableBlock(name: TableName, rows: SpanRow[], quirks: TableQuirk[], layout: OfficeLayout, run: RunStyle): DocxBlock {
  const textWidth = layout.page.width - layout.page.left - layout.page.right;
  const base = TEMPLATE_GRID[name];
  let docxRows = spanRowsToDocx(rows, base.length);
  let grid: Twips[];
  const edge = quirks.find((q): q is "gridBefore" | "gridAfter" => q === "gridBefore" || q === "gridAfter");
  if (edge) {
    if (name !== "二") throw new Error(`the ${edge} quirk is written for table 二`);
    const rest = scaleGrid(base, textWidth - QUIRK_COLUMN);
    grid = edge === "gridBefore" ? [QUIRK_COLUMN, ...rest] : [...rest, QUIRK_COLUMN];
    docxRows = withEdgeColumn(docxRows, edge);
  } else {
    grid = scaleGrid(base, textWidth);
  }
  if (quirks.includes("hMerge")) docxRows = withHMergeFirstRow(docxRows);
  if (quirks.includes("repeatHeader")) {
    if (name !== "三") throw new Error("the repeatHeader quirk is written for table 三's three header rows");
    docxRows = docxRows.map((row, r) => (r < 3 ? { ...row, header: true } : row));
  }
  return { kind: "table", grid, rows: docxRows, run };
}

function paragraphBlock(text: string, style: ParagraphStyle, layout: OfficeLayout): DocxParagraph {
  const font = PARAGRAPH_FONTS[style];
  if (style === "title") {
    return { kind: "paragraph", text, align: "center", lineExact: layout.title.line * 20, spaceAfter: layout.body.line * 20, run: { font, size: layout.title.size } };
  }
  return {
    kind: "paragraph",
    text,
    align: "both",
    firstLine: layout.body.size * 2 * 20,
    lineExact: layout.body.line * 20,
    ...(style === "body" ? {} : { keepNext: true }),
    run: { font, size: layout.body.size },
  };
}

export function reportDocx(parts: ReportPart[], options: { title: string; layout: OfficeLayout; quirks: QuirkPlan }): DocxDocument {
  const { layout } = options;
  const tableRun: RunStyle = { font: "宋体", size: layout.table.size };
  const blocks = parts.map((p): DocxBlock =>
    p.kind === "paragraph" ? paragraphBlock(p.text, p.style, layout) : tableBlock(p.name, p.rows, options.quirks[p.name] ?? [], layout, tableRun),
  );
  return {
    title: options.title,
    creator: "nianbao sample generator",
    page: layout.page,
    pageNumberFooter: { run: { font: "宋体", size: layout.footer.size } },
    defaults: { font: "宋体", latinFont: "Times New Roman", size: 10.5 },
    blocks,
  };
}
