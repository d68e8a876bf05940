/**
 * A deterministic writer of minimal .docx packages for the samples.
 *
 * The model is Word's own table model, not HTML's: a table has an explicit grid (w:tblGrid), a
 * cell covers `gridSpan` grid columns, a vertical merge is a `restart` cell followed by
 * `continue` cells in the rows below, a row may start late or end early (`gridBefore` /
 * `gridAfter`), and the legacy horizontal merge (`hMerge` restart/continue, one w:tc per grid
 * column) is available for the quirk some real files carry. The writer checks that every row
 * covers the grid exactly and that every continuation has something to continue, so a sample can
 * never be a malformed table by accident.
 *
 * Output: [Content_Types].xml, _rels/.rels, word/document.xml, word/_rels/document.xml.rels,
 * word/styles.xml, word/settings.xml, word/footer1.xml (when there is a footer), docProps/core.xml
 * and docProps/app.xml, zipped by zip.ts with fixed timestamps. No dates, ids or rsids anywhere:
 * the same document always gives the same bytes.
 */
import { zipStore } from "./zip.js";

/** Twentieths of a point, Word's unit for lengths ("dxa"); 567 ≈ 1 cm. */
export type Twips = number;

export interface RunStyle {
  /** East Asian font (w:eastAsia), e.g. 仿宋_GB2312. */
  font?: string;
  /** Latin/digit font (w:ascii, w:hAnsi). */
  latinFont?: string;
  /** Size in points (half-points are allowed: 10.5). */
  size?: number;
  bold?: boolean;
}

export interface DocxParagraph {
  kind: "paragraph";
  text: string;
  align?: "left" | "center" | "both" | "right";
  /** First-line indent. */
  firstLine?: Twips;
  /** Exact line height (w:lineRule="exact"). */
  lineExact?: Twips;
  spaceBefore?: Twips;
  spaceAfter?: Twips;
  keepNext?: boolean;
  run?: RunStyle;
}

export interface DocxCell {
  /** Cell text; "\n" separates paragraphs inside the cell. Continuation cells should be "". */
  text: string;
  /** Grid columns the cell covers (w:gridSpan); 1 when absent. */
  gridSpan?: number;
  /** Vertical merge: "restart" opens a merged cell, "continue" extends the one above. */
  vMerge?: "restart" | "continue";
  /** Legacy horizontal merge: "restart" opens, "continue" cells to its right join it. */
  hMerge?: "restart" | "continue";
}

export interface DocxRow {
  cells: DocxCell[];
  /** Grid columns skipped before the first cell (w:gridBefore, with w:wBefore). */
  gridBefore?: number;
  /** Grid columns left after the last cell (w:gridAfter, with w:wAfter). */
  gridAfter?: number;
  /** Repeat this row at the top of every page the table continues on (w:tblHeader). */
  header?: boolean;
  /** Keep the row on one page (w:cantSplit). */
  cantSplit?: boolean;
}

export interface DocxTable {
  kind: "table";
  /** Widths of the grid columns (w:tblGrid). */
  grid: Twips[];
  rows: DocxRow[];
  /** Text style of every cell. */
  run?: RunStyle;
  /** Exact line height inside cells; single spacing when absent. */
  lineExact?: Twips;
}

export type DocxBlock = DocxParagraph | DocxTable;

export interface PageSetup {
  width: Twips;
  height: Twips;
  top: Twips;
  bottom: Twips;
  left: Twips;
  right: Twips;
  /** Distance from the page edge to the header / footer. */
  header: Twips;
  footer: Twips;
}

/** A4 portrait with the margins of the national standard for official documents (GB/T 9704). */
export const A4_OFFICIAL: PageSetup = { width: 11906, height: 16838, top: 2098, bottom: 1984, left: 1588, right: 1474, header: 851, footer: 992 };

export interface DocxDocument {
  /** docProps/core.xml dc:title (LibreOffice carries it into a PDF's metadata). */
  title?: string;
  creator?: string;
  page: PageSetup;
  /** Centred page number "- n -" in the footer of every page. */
  pageNumberFooter?: { run?: RunStyle };
  /** Document defaults (docDefaults). */
  defaults: RunStyle;
  blocks: DocxBlock[];
}

export class DocxModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DocxModelError";
  }
}

const W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_DECL = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;

export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const attr = (name: string, value: string | number): string => ` ${name}="${escapeXml(String(value))}"`;

function rPr(style: RunStyle | undefined): string {
  if (!style) return "";
  let out = "";
  if (style.font !== undefined || style.latinFont !== undefined) {
    out += "<w:rFonts";
    if (style.latinFont !== undefined) out += attr("w:ascii", style.latinFont) + attr("w:hAnsi", style.latinFont);
    if (style.font !== undefined) out += attr("w:eastAsia", style.font);
    out += "/>";
  }
  if (style.bold) out += "<w:b/><w:bCs/>";
  if (style.size !== undefined) {
    const half = Math.round(style.size * 2);
    if (half !== style.size * 2) throw new DocxModelError(`font size ${style.size}pt is not a whole number of half-points`);
    out += `<w:sz w:val="${half}"/><w:szCs w:val="${half}"/>`;
  }
  return out === "" ? "" : `<w:rPr>${out}</w:rPr>`;
}

function textRun(text: string, style: RunStyle | undefined): string {
  if (text === "") return "";
  const space = /^\s|\s$/.test(text) ? ` xml:space="preserve"` : "";
  return `<w:r>${rPr(style)}<w:t${space}>${escapeXml(text)}</w:t></w:r>`;
}

interface ParagraphFormat {
  align?: DocxParagraph["align"];
  firstLine?: Twips;
  lineExact?: Twips;
  spaceBefore?: Twips;
  spaceAfter?: Twips;
  keepNext?: boolean;
}

function pPr(f: ParagraphFormat, markRun: RunStyle | undefined): string {
  let out = "";
  if (f.keepNext) out += "<w:keepNext/>";
  if (f.lineExact !== undefined || f.spaceBefore !== undefined || f.spaceAfter !== undefined) {
    out += "<w:spacing";
    if (f.spaceBefore !== undefined) out += attr("w:before", f.spaceBefore);
    if (f.spaceAfter !== undefined) out += attr("w:after", f.spaceAfter);
    if (f.lineExact !== undefined) out += attr("w:line", f.lineExact) + attr("w:lineRule", "exact");
    out += "/>";
  }
  if (f.firstLine !== undefined) out += `<w:ind${attr("w:firstLine", f.firstLine)}/>`;
  if (f.align !== undefined) out += `<w:jc${attr("w:val", f.align)}/>`;
  out += rPr(markRun);
  return out === "" ? "" : `<w:pPr>${out}</w:pPr>`;
}

/** The paragraph mark carries the run style only when the paragraph is empty (it sets its height). */
function paragraphXml(text: string, format: ParagraphFormat, run: RunStyle | undefined): string {
  return `<w:p>${pPr(format, text === "" ? run : undefined)}${textRun(text, run)}</w:p>`;
}

const BORDER = `w:val="single" w:sz="4" w:space="0" w:color="000000"`;

/** Where each cell of each row stands on the grid; throws on a row that does not cover it. */
export function layoutRows(table: DocxTable): { col: number; span: number }[][] {
  const n = table.grid.length;
  if (n === 0) throw new DocxModelError("a table needs at least one grid column");
  for (const w of table.grid) if (!Number.isInteger(w) || w <= 0) throw new DocxModelError(`grid width ${w} must be a positive whole number of twips`);
  const placed: { col: number; span: number }[][] = [];
  table.rows.forEach((row, r) => {
    let col = row.gridBefore ?? 0;
    const cells: { col: number; span: number }[] = [];
    row.cells.forEach((cell, i) => {
      const span = cell.gridSpan ?? 1;
      if (!Number.isInteger(span) || span < 1) throw new DocxModelError(`row ${r + 1}, cell ${i + 1}: gridSpan ${span}`);
      if (cell.hMerge !== undefined && span !== 1) throw new DocxModelError(`row ${r + 1}, cell ${i + 1}: hMerge cells cover one grid column each`);
      if (cell.hMerge === "continue") {
        const prev = row.cells[i - 1];
        if (prev?.hMerge === undefined) throw new DocxModelError(`row ${r + 1}, cell ${i + 1}: hMerge continue without a restart to its left`);
      }
      if (cell.vMerge === "continue") {
        const above = placed[r - 1]?.findIndex((p) => p.col === col && p.span === span) ?? -1;
        const aboveCell = above >= 0 ? table.rows[r - 1]!.cells[above] : undefined;
        if (aboveCell?.vMerge === undefined) throw new DocxModelError(`row ${r + 1}, cell ${i + 1}: vMerge continue with no merged cell of the same columns above`);
        if (cell.text !== "") throw new DocxModelError(`row ${r + 1}, cell ${i + 1}: a vMerge continuation holds no text`);
      }
      cells.push({ col, span });
      col += span;
    });
    col += row.gridAfter ?? 0;
    if (col !== n) throw new DocxModelError(`row ${r + 1} covers ${col} grid columns, the grid has ${n}`);
    placed.push(cells);
  });
  // Header rows repeat only as a block at the top of the table.
  const firstBody = table.rows.findIndex((row) => !row.header);
  if (firstBody >= 0 && table.rows.slice(firstBody).some((row) => row.header)) throw new DocxModelError("tblHeader rows must be the first rows of the table");
  return placed;
}

function tableXml(table: DocxTable): string {
  const placed = layoutRows(table);
  const width = (col: number, span: number) => table.grid.slice(col, col + span).reduce((a, b) => a + b, 0);
  const total = width(0, table.grid.length);
  const out: string[] = [
    "<w:tbl>",
    `<w:tblPr><w:tblW w:w="${total}" w:type="dxa"/><w:jc w:val="center"/>`,
    `<w:tblBorders><w:top ${BORDER}/><w:left ${BORDER}/><w:bottom ${BORDER}/><w:right ${BORDER}/><w:insideH ${BORDER}/><w:insideV ${BORDER}/></w:tblBorders>`,
    `<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>`,
    `<w:tblGrid>${table.grid.map((w) => `<w:gridCol w:w="${w}"/>`).join("")}</w:tblGrid>`,
  ];
  table.rows.forEach((row, r) => {
    let trPr = "";
    if (row.gridBefore) trPr += `<w:gridBefore w:val="${row.gridBefore}"/>`;
    if (row.gridAfter) trPr += `<w:gridAfter w:val="${row.gridAfter}"/>`;
    if (row.gridBefore) trPr += `<w:wBefore w:w="${width(0, row.gridBefore)}" w:type="dxa"/>`;
    if (row.gridAfter) trPr += `<w:wAfter w:w="${width(table.grid.length - row.gridAfter, row.gridAfter)}" w:type="dxa"/>`;
    if (row.cantSplit) trPr += "<w:cantSplit/>";
    if (row.header) trPr += "<w:tblHeader/>";
    out.push(`<w:tr>${trPr === "" ? "" : `<w:trPr>${trPr}</w:trPr>`}`);
    row.cells.forEach((cell, i) => {
      const { col, span } = placed[r]![i]!;
      let tcPr = `<w:tcW w:w="${width(col, span)}" w:type="dxa"/>`;
      if (span > 1) tcPr += `<w:gridSpan w:val="${span}"/>`;
      if (cell.hMerge === "restart") tcPr += `<w:hMerge w:val="restart"/>`;
      else if (cell.hMerge === "continue") tcPr += "<w:hMerge/>";
      if (cell.vMerge === "restart") tcPr += `<w:vMerge w:val="restart"/>`;
      else if (cell.vMerge === "continue") tcPr += "<w:vMerge/>";
      tcPr += `<w:vAlign w:val="center"/>`;
      const format: ParagraphFormat = { align: "center", ...(table.lineExact !== undefined ? { lineExact: table.lineExact } : {}) };
      const paragraphs = cell.text.split("\n").map((t) => paragraphXml(t, format, table.run));
      out.push(`<w:tc><w:tcPr>${tcPr}</w:tcPr>${paragraphs.join("")}</w:tc>`);
    });
    out.push("</w:tr>");
  });
  out.push("</w:tbl>");
  return out.join("\n");
}

function documentXml(doc: DocxDocument): string {
  const body: string[] = [];
  doc.blocks.forEach((b, i) => {
    if (b.kind === "paragraph") {
      const { text, run, kind: _kind, ...format } = b;
      body.push(paragraphXml(text, format, run));
    } else {
      body.push(tableXml(b));
      // Word requires a paragraph between a table and whatever follows (and before the sectPr).
      const next = doc.blocks[i + 1];
      if (next === undefined || next.kind === "table") body.push("<w:p/>");
    }
  });
  const p = doc.page;
  const footerRef = doc.pageNumberFooter ? `<w:footerReference w:type="default" r:id="rIdFooter1"/>` : "";
  const sectPr =
    `<w:sectPr>${footerRef}<w:pgSz w:w="${p.width}" w:h="${p.height}"/>` +
    `<w:pgMar w:top="${p.top}" w:right="${p.right}" w:bottom="${p.bottom}" w:left="${p.left}" w:header="${p.header}" w:footer="${p.footer}" w:gutter="0"/>` +
    `<w:cols w:space="425"/></w:sectPr>`;
  return `${XML_DECL}<w:document xmlns:w="${W_NS}" xmlns:r="${R_NS}"><w:body>\n${body.join("\n")}\n${sectPr}</w:body></w:document>\n`;
}

function footerXml(run: RunStyle | undefined): string {
  const r = rPr(run);
  const field =
    `<w:r>${r}<w:fldChar w:fldCharType="begin"/></w:r>` +
    `<w:r>${r}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
    `<w:r>${r}<w:fldChar w:fldCharType="separate"/></w:r>` +
    `<w:r>${r}<w:t>1</w:t></w:r>` +
    `<w:r>${r}<w:fldChar w:fldCharType="end"/></w:r>`;
  return (
    `${XML_DECL}<w:ftr xmlns:w="${W_NS}" xmlns:r="${R_NS}">` +
    `<w:p><w:pPr><w:jc w:val="center"/></w:pPr>` +
    `<w:r>${r}<w:t xml:space="preserve">- </w:t></w:r>${field}<w:r>${r}<w:t xml:space="preserve"> -</w:t></w:r>` +
    `</w:p></w:ftr>\n`
  );
}

function stylesXml(defaults: RunStyle): string {
  return (
    `${XML_DECL}<w:styles xmlns:w="${W_NS}">` +
    `<w:docDefaults><w:rPrDefault><w:rPr>` +
    `<w:rFonts w:ascii="${escapeXml(defaults.latinFont ?? "Times New Roman")}" w:hAnsi="${escapeXml(defaults.latinFont ?? "Times New Roman")}" w:eastAsia="${escapeXml(defaults.font ?? "宋体")}" w:cs="Times New Roman"/>` +
    `<w:kern w:val="2"/><w:sz w:val="${Math.round((defaults.size ?? 10.5) * 2)}"/><w:szCs w:val="${Math.round((defaults.size ?? 10.5) * 2)}"/>` +
    `<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
    `<w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>` +
    `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
    `<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>` +
    `<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/>` +
    `<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
    `<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:semiHidden/></w:style>` +
    `</w:styles>\n`
  );
}

const SETTINGS_XML =
  `${XML_DECL}<w:settings xmlns:w="${W_NS}"><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/>` +
  `<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>\n`;

function contentTypesXml(footer: boolean): string {
  const ov = (part: string, type: string) => `<Override PartName="${part}" ContentType="${type}"/>`;
  const wml = "application/vnd.openxmlformats-officedocument.wordprocessingml";
  return (
    `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    `<Default Extension="xml" ContentType="application/xml"/>` +
    ov("/word/document.xml", `${wml}.document.main+xml`) +
    ov("/word/styles.xml", `${wml}.styles+xml`) +
    ov("/word/settings.xml", `${wml}.settings+xml`) +
    (footer ? ov("/word/footer1.xml", `${wml}.footer+xml`) : "") +
    ov("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml") +
    ov("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml") +
    `</Types>\n`
  );
}

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const PACKAGE_RELS =
  `${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/>` +
  `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
  `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/>` +
  `</Relationships>\n`;

function documentRels(footer: boolean): string {
  return (
    `${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rIdStyles" Type="${REL}/styles" Target="styles.xml"/>` +
    `<Relationship Id="rIdSettings" Type="${REL}/settings" Target="settings.xml"/>` +
    (footer ? `<Relationship Id="rIdFooter1" Type="${REL}/footer" Target="footer1.xml"/>` : "") +
    `</Relationships>\n`
  );
}

function coreXml(doc: DocxDocument): string {
  return (
    `${XML_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    `xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    (doc.title !== undefined ? `<dc:title>${escapeXml(doc.title)}</dc:title>` : "") +
    (doc.creator !== undefined ? `<dc:creator>${escapeXml(doc.creator)}</dc:creator>` : "") +
    `</cp:coreProperties>\n`
  );
}

const APP_XML =
  `${XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
  `<Application>nianbao scripts/samples/docx-writer.ts</Application></Properties>\n`;

/** The parts of the package, in the order they are zipped. */
export function docxParts(doc: DocxDocument): { name: string; text: string }[] {
  const footer = doc.pageNumberFooter !== undefined;
  const parts = [
    { name: "[Content_Types].xml", text: contentTypesXml(footer) },
    { name: "_rels/.rels", text: PACKAGE_RELS },
    { name: "word/document.xml", text: documentXml(doc) },
    { name: "word/_rels/document.xml.rels", text: documentRels(footer) },
    { name: "word/styles.xml", text: stylesXml(doc.defaults) },
    { name: "word/settings.xml", text: SETTINGS_XML },
  ];
  if (doc.pageNumberFooter) parts.push({ name: "word/footer1.xml", text: footerXml(doc.pageNumberFooter.run) });
  parts.push({ name: "docProps/core.xml", text: coreXml(doc) }, { name: "docProps/app.xml", text: APP_XML });
  return parts;
}

/** The .docx bytes: same document, same bytes. */
export function writeDocx(doc: DocxDocument): Uint8Array {
  const enc = new TextEncoder();
  return zipStore(docxParts(doc).map((p) => ({ name: p.name, data: enc.encode(p.text) })));
}
