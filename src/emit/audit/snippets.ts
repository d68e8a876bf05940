/**
 * The lines around a cell, for text and HTML sources: the decoded text, lines n−2…n+2 (1-based,
 * as Position.line counts), markup stripped for HTML, and very long lines (a flattened page is one
 * line) cut to a window around the cell's row label or printed text.
 */
import { chooseEncoding, decodeText, decodeWith } from "../../../parsers/decode.js";

export interface Snippet {
  /** Line number of the first line. */
  start: number;
  lines: string[];
  /** Index (in lines) of the cell's line. */
  hit: number;
}

const WINDOW = 160;

/** A source's lines, 1-based, each decoded when it is asked for. */
export interface SourceLines {
  readonly count: number;
  line(n: number): string;
}

/**
 * The lines of a source as the reader decoded it (the same encoding choice), split at CRLF, LF or
 * CR. In an ASCII-compatible encoding (UTF-8, GB18030 and the other CJK ones) a line break byte is
 * never part of a character, so the line starts are found in the bytes and only the lines a
 * snippet shows are decoded (issue 10: decoding each source whole again was a sixth of writing a
 * run's dataset); UTF-16 is decoded whole.
 */
export function decodeLines(bytes: Uint8Array, html: boolean): SourceLines | null {
  let choice: ReturnType<typeof chooseEncoding>;
  try {
    choice = chooseEncoding(bytes, { sniffMeta: html });
  } catch {
    return null;
  }
  if (choice.encoding.startsWith("utf-16") || choice.encoding.startsWith("utf-32")) {
    const all = decodeText(bytes, { sniffMeta: html }).text.split(/\r\n|\n|\r/);
    return { count: all.length, line: (n) => all[n - 1] ?? "" };
  }
  const body = bytes.subarray(choice.skip);
  const starts: number[] = [0];
  const ends: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const b = body[i];
    if (b !== 0x0a && b !== 0x0d) continue;
    ends.push(i);
    if (b === 0x0d && body[i + 1] === 0x0a) i++;
    starts.push(i + 1);
  }
  ends.push(body.length);
  return { count: starts.length, line: (n) => decodeWith(body.subarray(starts[n - 1]!, ends[n - 1]!), choice.encoding) };
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
