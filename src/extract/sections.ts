/**
 * The six sections: find each heading by meaning (shared/spec/templates.md), then cut the
 * document between the chosen headings. Headings may stand alone on a line, or inline in a page
 * that a crawler flattened to one line; a table of contents (dot leaders and page numbers) is
 * never a heading.
 */
import type { Block, ParsedDocument, Position } from "../model/document.js";
import type { SectionNumber } from "../model/report.js";
import { EMPTY_SECTION_TEXT, SECTION_DEFS, SIGNATURE_TAIL, simplifyChars, type SectionDef } from "../templates/index.js";
import { toHalfWidth } from "./numbers.js";
import { foldLabel, squash } from "./normalise.js";

/** A place in the document: block index and character offset in that block's text. */
export interface Mark {
  block: number;
  offset: number;
}

export interface HeadingHit {
  number: SectionNumber;
  /** The heading as printed. */
  heading: string;
  /** Where the heading starts and where the section's content starts. */
  at: Mark;
  contentAt: Mark;
  /** 3: a named variant on its own line; 2: a named variant inline; 1: a loose match on its own line. */
  score: number;
  /** The numeral the heading was printed with ("二"). */
  numeral: string;
  /** Where the heading's block stands in the source. */
  pos: Position;
}

const NUMERAL_HEADING = /([一二三四五六七八九十]{1,2})\s*[、.．]\s*/g;
const TOC_LEADER = /(\.{4,}|…{2,}|·{4,}|-{4,})\s*\d+\s*$/;
/** A heading on its own line is short; anything longer is prose that happens to start "一、". */
const MAX_HEADING_CHARS = 40;
/** What follows an inline numeral that is matched against the headings: well past the longest heading. */
const HEADING_WINDOW = 200;

/** How many printed characters of `printed` fold to the first `foldedLength` folded characters. */
function printedLength(printed: string, foldedLength: number): number {
  let consumed = 0;
  let i = 0;
  while (i < printed.length && consumed < foldedLength) {
    consumed += foldLabel(printed[i] ?? "").length;
    i++;
  }
  return i;
}

function matchSection(def: SectionDef, rest: string, standalone: boolean): { score: number; length: number; head?: number } | null {
  const folded = foldLabel(rest);
  for (const re of def.heads) {
    const m = re.exec(folded);
    if (!m) continue;
    if (standalone) return { score: 3, length: rest.length, head: m[0].length };
    return { score: 2, length: printedLength(rest, m[0].length) };
  }
  if (standalone && def.loose.some((re) => re.test(folded))) return { score: 1, length: rest.length };
  for (const v of def.legacy ?? []) {
    if (folded.startsWith(foldLabel(v))) return { score: 0.5, length: standalone ? rest.length : printedLength(rest, foldLabel(v).length) };
  }
  return null;
}

export function findHeadingHits(doc: ParsedDocument): HeadingHit[] {
  const hits: HeadingHit[] = [];
  doc.blocks.forEach((b: Block, bi) => {
    if (b.type !== "paragraph") return;
    const text = b.text;
    if (TOC_LEADER.test(text)) return;
    for (const m of text.matchAll(NUMERAL_HEADING)) {
      const start = m.index ?? 0;
      const atLineStart = text.slice(0, start).trim() === "";
      const standalone = atLineStart && squash(text).length <= MAX_HEADING_CHARS;
      // An inline heading is matched at the start of what follows its numeral (the heads are
      // anchored): a window of it is enough, so a flattened page of many numerals is not read
      // to its end once per numeral (100,000 "一、" on a 1.9 MB line ran for minutes).
      const rest = text.slice(start + m[0].length, standalone ? undefined : start + m[0].length + HEADING_WINDOW);
      for (const def of SECTION_DEFS) {
        const r = matchSection(def, standalone ? squash(rest) : rest, standalone);
        if (!r) continue;
        let end = standalone ? text.length : start + m[0].length + r.length;
        if (standalone && r.head !== undefined) {
          // "六、其他需要报告的事项无": the heading, then its whole body on the same line.
          const after = text.slice(start + m[0].length);
          const cut = printedLength(after, r.head);
          const body = after.slice(cut).replace(/^[\s：:，,、]+/, "").trim();
          // A signature closing the report after an empty 六 is not its body.
          const folded = simplifyChars(toHalfWidth(body)).replace(SIGNATURE_TAIL, "").trim();
          // "六、其他需要报告的事项无", "一、总体情况 （一）主动公开", "二、主动公开政府信息情况 详见下表。":
          // the heading, then the start of its body on the same line. A bracketed note after the
          // heading words ("（单位：件）") stays the heading's.
          if (body !== "" && (folded === "" || EMPTY_SECTION_TEXT.test(folded) || !/^[（(【\[](?![一二三四五六七八九十]{1,2}[)）])/.test(folded))) end = start + m[0].length + cut;
        }
        hits.push({
          number: def.number,
          heading: squash(text.slice(start, end)),
          at: { block: bi, offset: start },
          contentAt: { block: bi, offset: end },
          score: atLineStart && !standalone && r.score >= 2 ? Math.max(r.score, 2) : r.score,
          numeral: m[1] ?? "",
          pos: b.pos,
        });
        break;
      }
    }
  });
  return hits;
}

export function before(a: Mark, b: Mark): boolean {
  return a.block < b.block || (a.block === b.block && a.offset < b.offset);
}

export interface SectionSpan {
  number: SectionNumber;
  heading: string | null;
  hit: HeadingHit | null;
  /** Content range [from, to). Null when the section has no heading. */
  from: Mark | null;
  to: Mark | null;
}

/**
 * Choose one heading per section: the best-scored, then the earliest. A candidate must come after
 * the heading chosen for an earlier section when such an order exists, so that a preamble listing
 * "主动公开政府信息情况、收到和处理…" or a report's own renumbered outline does not steal a section.
 */
export function chooseSections(doc: ParsedDocument, hits: HeadingHit[]): SectionSpan[] {
  const chosen = new Map<SectionNumber, HeadingHit>();
  let floor: Mark = { block: -1, offset: 0 };
  for (const def of SECTION_DEFS) {
    const cands = hits.filter((h) => h.number === def.number);
    if (cands.length === 0) continue;
    const inOrder = cands.filter((h) => before(floor, h.at));
    const pool = inOrder.length > 0 ? inOrder : cands;
    const best = pool.reduce((a, b) => (b.score > a.score ? b : a));
    chosen.set(def.number, best);
    if (inOrder.length > 0) floor = best.at;
  }
  const ordered = [...chosen.values()].sort((a, b) => (before(a.at, b.at) ? -1 : before(b.at, a.at) ? 1 : 0));
  const end: Mark = { block: doc.blocks.length, offset: 0 };
  return SECTION_DEFS.map((def) => {
    const hit = chosen.get(def.number) ?? null;
    if (!hit) return { number: def.number, heading: null, hit: null, from: null, to: null };
    const idx = ordered.indexOf(hit);
    const next = ordered[idx + 1];
    return { number: def.number, heading: hit.heading, hit, from: hit.contentAt, to: next ? next.at : end };
  });
}

/** The blocks (whole or cut) between two marks: paragraphs are cut at the marks, tables kept whole. */
export function sliceBlocks(doc: ParsedDocument, from: Mark, to: Mark): Block[] {
  const out: Block[] = [];
  for (let bi = from.block; bi <= Math.min(to.block, doc.blocks.length - 1); bi++) {
    const b = doc.blocks[bi];
    if (!b) continue;
    if (b.type === "table") {
      if (bi < to.block || (bi === to.block && to.offset > 0)) out.push(b);
      continue;
    }
    const s = bi === from.block ? from.offset : 0;
    const e = bi === to.block ? to.offset : b.text.length;
    if (e <= s) continue;
    const text = b.text.slice(s, e);
    if (text.trim() === "") continue;
    out.push({ ...b, text });
  }
  return out;
}

/** Prose of a span: paragraphs joined by "\n", tables left out (data-contract.md §3 Section.text). */
export function proseOf(blocks: Block[]): string {
  return blocks
    .filter((b) => b.type === "paragraph")
    .map((b) => squash((b as { text: string }).text))
    .filter((t) => t !== "")
    .join("\n");
}
