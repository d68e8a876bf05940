/**
 * The lines around a cell, for text and HTML sources: the decoded text, lines n−2…n+2 (1-based,
 * as Position.line counts), markup stripped for HTML, and very long lines (a flattened page is one
 * line) cut to a window around the cell's row label or printed text.
 */
import { textLines, type TextLines } from "../../../parsers/decode.js";

export interface Snippet {
  /** Line number of the first line. */
  start: number;
  lines: string[];
  /** Index (in lines) of the cell's line. */
  hit: number;
}

const WINDOW = 160;

/** A source's lines, as the reader decoded it, each decoded when it is shown (parsers/decode.ts). */
export type SourceLines = TextLines;

export function decodeLines(bytes: Uint8Array, html: boolean): SourceLines | null {
  try {
    return textLines(bytes, { sniffMeta: html });
  } catch {
    return null;
  }
}

function clip(line: string, needles: string[], html: boolean): string {
  const text = html ? line.replace(/<[^>]*>/g, " ").replace(/&nbsp;/g, " ").replace(/\s+/g, " ").trim() : line;
  if (text.length <= WINDOW * 2) return text;
  for (const n of needles) {
    const at = n ? text.indexOf(n) : -1;
    if (at >= 0) {
      const from = Math.max(0, at - 40);
      return `${from > 0 ? "…" : ""}${text.slice(from, from + WINDOW * 2)}…`;
    }
  }
  return `${text.slice(0, WINDOW * 2)}…`;
}

export function snippetAt(lines: SourceLines, line: number, needles: string[], html: boolean): Snippet | null {
  if (line < 1 || line > lines.count) return null;
  const from = Math.max(1, line - 2);
  const to = Math.min(lines.count, line + 2);
  const out: string[] = [];
  for (let n = from; n <= to; n++) out.push(clip(lines.line(n), needles, html));
  return { start: from, lines: out, hit: line - from };
}
