/**
 * Linear scans of page text. Regular expressions such as /'((?:\\.|[^'\\])*)'/g or
 * /<record>…([\s\S]*?)…<\/record>/g rescan the rest of the text from every unmatched start, which
 * is quadratic on a page cut short or stuffed with quotes (100 000 "\'" took 18 s); these
 * indexOf-based readers look at each character a bounded number of times.
 */

/** The contents of JS string literals in `code`, escapes undone, in order. Newlines end a literal (unterminated). */
export function jsStrings(code: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = code.length;
  while (i < n) {
    const c = code[i];
    if (c === "/" && code[i + 1] === "/") {
      const nl = code.indexOf("\n", i);
      i = nl < 0 ? n : nl + 1;
      continue;
    }
    if (c === "/" && code[i + 1] === "*") {
      const end = code.indexOf("*/", i + 2);
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (c !== "'" && c !== '"' && c !== "`") {
      i++;
      continue;
    }
    const { value, end } = readString(code, i);
    if (value !== null) out.push(value);
    i = end;
  }
  return out;
}

/** The string literal opening at `start` (a quote): its value (null when unterminated) and where scanning resumes. */
export function readString(code: string, start: number): { value: string | null; end: number } {
  const quote = code[start];
  let s = "";
  let i = start + 1;
  while (i < code.length) {
    const c = code[i]!;
    if (c === "\\") {
      s += unescapeOne(code, i);
      i += escapeLength(code, i);
      continue;
    }
    if (c === quote) return { value: s, end: i + 1 };
    if (c === "\n" && quote !== "`") return { value: null, end: i + 1 };
    s += c;
    i++;
  }
  return { value: null, end: code.length };
}

function escapeLength(code: string, i: number): number {
  const e = code[i + 1];
  if (e === "u" && /^[0-9a-fA-F]{4}$/.test(code.slice(i + 2, i + 6))) return 6;
  if (e === "x" && /^[0-9a-fA-F]{2}$/.test(code.slice(i + 2, i + 4))) return 4;
  return e === undefined ? 1 : 2;
}

function unescapeOne(code: string, i: number): string {
  const e = code[i + 1];
  const len = escapeLength(code, i);
  if (len === 6 || len === 4) return String.fromCharCode(parseInt(code.slice(i + 2, i + len), 16));
  if (e === "n") return "\n";
  if (e === "t") return "\t";
  if (e === "r") return "\r";
  return e ?? "";
}

/**
 * Every complete `open … close` section of `text`, case-insensitively, without the delimiters:
 * an `open` with no `close` after it ends the scan.
 */
export function sections(text: string, open: string, close: string, lower = text.toLowerCase()): string[] {
  const out: string[] = [];
  const o = open.toLowerCase();
  const c = close.toLowerCase();
  let from = 0;
  for (;;) {
    const at = lower.indexOf(o, from);
    if (at < 0) break;
    const end = lower.indexOf(c, at + o.length);
    if (end < 0) break;
    out.push(text.slice(at + o.length, end));
    from = end + c.length;
  }
  return out;
}

/** Bodies of the <script> elements of an HTML text (attributes skipped). */
export function scriptBodies(text: string): string[] {
  const lower = text.toLowerCase();
  const out: string[] = [];
  let from = 0;
  for (;;) {
    const at = lower.indexOf("<script", from);
    if (at < 0) break;
    const gt = lower.indexOf(">", at);
    if (gt < 0) break;
    const end = lower.indexOf("</script", gt + 1);
    if (end < 0) break;
    out.push(text.slice(gt + 1, end));
    from = end + 8;
  }
  return out;
}
