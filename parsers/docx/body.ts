/**
 * word/document.xml's w:body → blocks in body order: paragraphs, and tables laid out on Word's
 * grid (./grid.ts). ECMA-376 Part 1 §17.2 (document), §17.3 (paragraphs and runs), §17.4 (tables).
 *
 * Text is what Word prints: w:t runs, w:tab as "\t", w:br/w:cr as "\n", list numbers rendered
 * (./numbering.ts), tracked insertions kept and deletions left out, hidden (w:vanish) runs left
 * out, field results kept and field codes left out, text boxes read as paragraphs of their own
 * after the paragraph that anchors them. Nested tables are flattened into their cell's text.
 *
 * Elements the walker skips on purpose are listed in IGNORED with the reason; an element it does
 * not know is read through (its text kept) and named once in an info message, so staying silent
 * is always a decision.
 */
import { position, type Block } from "../model/document.js";
import { note, type ReaderMessage } from "../model/notes.js";
import { DEFAULT_LIMITS, checkBlocks, type ReadLimits } from "../limits.js";
import { buildGrid, type Merge, type RawCell, type RawRow } from "./grid.js";
import type { Numbering } from "./numbering.js";
import { child, children, intVal, isOn, path, val, type XNode } from "./xml.js";

/** Elements that carry no printed text, or whose text is not printed (with the reason). */
const IGNORED: Readonly<Record<string, string>> = {
  "w:pPr": "paragraph properties (numbering is read from it separately)",
  "w:rPr": "run properties (hidden runs are detected from it)",
  "w:tblPr": "table properties",
  "w:tblPrEx": "table property exceptions",
  "w:trPr": "row properties (gridBefore/gridAfter read separately)",
  "w:tcPr": "cell properties (spans and merges read separately)",
  "w:sectPr": "section properties",
  "w:del": "tracked deletion: not in the document as it now reads",
  "w:moveFrom": "tracked move source: the text prints at its w:moveTo",
  "w:delText": "deleted text",
  "w:delInstrText": "deleted field code",
  "w:instrText": "field code (the field's result is printed, and read)",
  "w:fldChar": "field delimiters",
  "w:footnoteReference": "footnote mark (notes live in another part)",
  "w:endnoteReference": "endnote mark",
  "w:commentReference": "comment mark (comments are not printed)",
  "w:annotationRef": "comment mark",
  "w:footnoteRef": "footnote mark",
  "w:endnoteRef": "endnote mark",
  "w:separator": "footnote separator",
  "w:continuationSeparator": "footnote separator",
  "w:lastRenderedPageBreak": "a layout hint, not a break the author typed",
  "w:sym": "symbol-font glyph (private-use code point, no text)",
  "w:object": "embedded OLE object",
  "w:contentPart": "ink",
  "w:bookmarkStart": "marker",
  "w:bookmarkEnd": "marker",
  "w:commentRangeStart": "marker",
  "w:commentRangeEnd": "marker",
  "w:moveFromRangeStart": "marker",
  "w:moveFromRangeEnd": "marker",
  "w:moveToRangeStart": "marker",
  "w:moveToRangeEnd": "marker",
  "w:permStart": "marker",
  "w:permEnd": "marker",
  "w:proofErr": "marker",
  "w:customXmlInsRangeStart": "marker",
  "w:customXmlInsRangeEnd": "marker",
  "w:customXmlDelRangeStart": "marker",
  "w:customXmlDelRangeEnd": "marker",
  "w:sdtPr": "content control properties",
  "w:sdtEndPr": "content control properties",
  "w:tblGrid": "the grid (read by the table reader)",
  "w:dayShort": "date field placeholder",
  "w:monthShort": "date field placeholder",
  "w:yearShort": "date field placeholder",
  "w:dayLong": "date field placeholder",
  "w:monthLong": "date field placeholder",
  "w:yearLong": "date field placeholder",
  "w:pgNum": "page number placeholder",
  "w:rt": "ruby annotation (the base text is read)",
  "w:rubyPr": "ruby properties",
  "w:softHyphen": "optional hyphen, printed only at a line end",
  "mc:Fallback": "the same content as mc:Choice, for older readers",
  "m:oMathParaPr": "math properties",
  "m:rPr": "math properties",
  "m:ctrlPr": "math properties",
};

/** Elements whose children are read as if they stood in their place. */
const TRANSPARENT = new Set([
  "w:hyperlink", "w:smartTag", "w:customXml", "w:ins", "w:moveTo", "w:fldSimple", "w:dir", "w:bdo",
  "w:sdt", "w:sdtContent", "w:ruby", "w:rubyBase", "w:subDoc",
]);

const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;

/** Cell text lines: whitespace (tabs, the ideographic space, nbsp) folded to one space; ends trimmed. */
export function normaliseLine(s: string): string {
  return s.replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
}

export interface BodyResult {
  blocks: Block[];
  messages: ReaderMessage[];
}

export function readBody(body: XNode, numbering: Numbering, limits: ReadLimits = DEFAULT_LIMITS): BodyResult {
  const w = new BodyWalker(numbering, limits);
  w.blocks(body.children);
  return { blocks: w.out, messages: w.finish() };
}

class BodyWalker {
  readonly out: Block[] = [];
  private readonly messages: ReaderMessage[] = [];
  private readonly unknown = new Set<string>();
  private tableCount = 0;
  private altChunks = 0;

  constructor(
    private readonly numbering: Numbering,
    private readonly limits: ReadLimits,
  ) {}

  finish(): ReaderMessage[] {
    if (this.altChunks > 0) this.messages.push(note("DOCX_ALTCHUNK", { count: this.altChunks }));
    if (this.unknown.size > 0) this.messages.push(note("DOCX_ELEMENT_UNKNOWN", { elements: [...this.unknown].sort().join(", ") }));
    return this.messages;
  }

  private add(b: Block): void {
    checkBlocks(this.out.length + 1, this.limits);
    this.out.push(b);
  }

  private note(tag: string): void {
    this.unknown.add(tag);
  }

  /** Block-level content: the body, a content control's content, a custom XML block. */
  blocks(nodes: XNode[]): void {
    for (const n of nodes) {
      switch (n.tag) {
        case "#text":
          break;
        case "w:p":
          this.paragraph(n);
          break;
        case "w:tbl":
          this.table(n);
          break;
        case "w:altChunk":
          this.altChunks++;
          break;
        case "mc:AlternateContent":
          this.blocks(choice(n));
          break;
        default:
          if (n.tag in IGNORED) break;
          if (!TRANSPARENT.has(n.tag)) this.note(n.tag);
          this.blocks(n.children);
      }
    }
  }

  private paragraph(p: XNode): void {
    const boxes: XNode[] = [];
    const text = this.paragraphText(p, boxes).replace(INVISIBLE, "").trim();
    if (text !== "") this.add({ type: "paragraph", text, pos: position() });
    for (const box of boxes) this.blocks(box.children);
  }

  /** A paragraph's printed text; text boxes anchored in it are collected into `boxes`. */
  private paragraphText(p: XNode, boxes: XNode[]): string {
    return this.numbering.next(child(p, "w:pPr")) + this.inline(p.children, boxes);
  }

  private inline(nodes: XNode[], boxes: XNode[]): string {
    let s = "";
    for (const n of nodes) {
      if (n.tag === "#text" || n.tag in IGNORED) continue;
      if (n.tag === "w:r") s += this.run(n, boxes);
      else if (n.tag === "mc:AlternateContent") s += this.inline(choice(n), boxes);
      else if (n.tag === "m:oMath" || n.tag === "m:oMathPara") s += mathText(n);
      else {
        if (!TRANSPARENT.has(n.tag)) this.note(n.tag);
        s += this.inline(n.children, boxes);
      }
    }
    return s;
  }

  private run(r: XNode, boxes: XNode[]): string {
    // Hidden text (§17.3.2.41 vanish) is not printed; w:specVanish hides only the paragraph mark.
    if (isOn(path(r, "w:rPr", "w:vanish"))) return "";
    let s = "";
    for (const n of r.children) {
      switch (n.tag) {
        case "#text":
          break;
        case "w:t":
          s += n.children.map((c) => c.text).join("");
          break;
        case "w:tab":
        case "w:ptab":
          s += "\t";
          break;
        case "w:br":
        case "w:cr":
          s += "\n";
          break;
        case "w:noBreakHyphen":
          s += "-";
          break;
        case "w:drawing":
        case "w:pict":
        case "mc:AlternateContent":
          textBoxes(n, boxes);
          break;
        default:
          if (n.tag in IGNORED) break;
          this.note(n.tag);
          s += this.inline(n.children, boxes);
      }
    }
    return s;
  }

  private table(tbl: XNode): void {
    const rawRows: RawRow[] = [];
    for (const tr of rowsOf(tbl)) {
      const trPr = child(tr, "w:trPr");
      if (trPr && child(trPr, "w:del")) continue; // a tracked row deletion
      const cells: RawCell[] = cellsOf(tr).map((tc) => {
        const tcPr = child(tc, "w:tcPr");
        return {
          span: intVal(child(tcPr ?? tc, "w:gridSpan"), 1),
          vMerge: merge(tcPr && child(tcPr, "w:vMerge")),
          hMerge: merge(tcPr && child(tcPr, "w:hMerge")),
          text: this.cellLines(tc).join("\n"),
        };
      });
      rawRows.push({ before: intVal(trPr && child(trPr, "w:gridBefore"), 0), after: intVal(trPr && child(trPr, "w:gridAfter"), 0), cells });
    }
    if (rawRows.length === 0 || rawRows.every((r) => r.cells.length === 0)) return; // nothing to read, no index spent
    const index = this.tableCount++;
    const gridColumns = children(child(tbl, "w:tblGrid") ?? tbl, "w:gridCol").length;
    const built = buildGrid(rawRows, gridColumns, index, this.limits);
    this.messages.push(...built.messages);
    this.add({ type: "table", index, rows: built.rows, pos: position({ table: index }) });
  }

  /** A cell's text lines: its paragraphs (and w:br) one per line, nested tables and text boxes flattened in. */
  private cellLines(container: XNode): string[] {
    const lines: string[] = [];
    const walk = (nodes: XNode[]): void => {
      for (const n of nodes) {
        if (n.tag === "#text" || n.tag in IGNORED) continue;
        if (n.tag === "w:p") {
          const boxes: XNode[] = [];
          lines.push(...this.paragraphText(n, boxes).split("\n"));
          for (const b of boxes) walk(b.children);
        } else if (n.tag === "w:tbl") {
          for (const tr of rowsOf(n)) for (const tc of cellsOf(tr)) walk(tc.children);
        } else {
          if (!TRANSPARENT.has(n.tag) && n.tag !== "w:tc") this.note(n.tag);
          walk(n.children);
        }
      }
    };
    walk(container.children);
    return lines.map(normaliseLine).filter((l) => l !== "");
  }
}

/** §17.18.57 ST_Merge: "restart" or "continue"; the element without a value means continue. */
function merge(n: XNode | undefined): Merge {
  if (!n) return null;
  return val(n) === "restart" ? "restart" : "continue";
}

/** A table's rows, through content controls and custom XML that may wrap them. */
function rowsOf(tbl: XNode): XNode[] {
  return collect(tbl.children, "w:tr");
}

function cellsOf(tr: XNode): XNode[] {
  return collect(tr.children, "w:tc");
}

function collect(nodes: XNode[], tag: string): XNode[] {
  const out: XNode[] = [];
  for (const n of nodes) {
    if (n.tag === tag) out.push(n);
    else if (n.tag === "w:sdt" || n.tag === "w:sdtContent" || n.tag === "w:customXml" || n.tag === "w:ins" || n.tag === "w:moveTo") {
      out.push(...collect(n.children, tag));
    }
  }
  return out;
}

/** mc:AlternateContent (Markup Compatibility, ECMA-376 Part 3): the first choice; the fallback repeats it. */
function choice(n: XNode): XNode[] {
  const c = child(n, "mc:Choice");
  return c ? c.children : (child(n, "mc:Fallback")?.children ?? []);
}

/** Text boxes (w:txbxContent, §17.17.1) inside a drawing or VML shape, in order, fallbacks skipped. */
function textBoxes(n: XNode, out: XNode[]): void {
  if (n.tag === "w:txbxContent") {
    out.push(n);
    return;
  }
  const kids = n.tag === "mc:AlternateContent" ? choice(n) : n.children;
  for (const c of kids) if (c.tag !== "#text") textBoxes(c, out);
}

/** Office Math: the text of its m:t runs, in order. */
function mathText(n: XNode): string {
  if (n.tag === "m:t") return n.children.map((c) => c.text).join("");
  return n.children.map(mathText).join("");
}
