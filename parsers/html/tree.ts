/**
 * A page's tree, built the way a browser builds it, as cheaply as the page allows.
 *
 * parse5 (through cheerio) is the HTML tree-construction algorithm itself (WHATWG HTML §13.2.6):
 * it repairs a page cut short, unclosed cells, stray tags, the way a browser does. It is also most
 * of the HTML reader's time: on a 115 KB Word-exported report page, with the source locations the
 * reader needs, about 9 ms and 8 MB of short-lived objects, whose garbage collection costs as much
 * again (issue 10: 1,200 HTML/text reports read at 57 a second on 2 cores, the target being 100).
 *
 * Most pages need no repair: every element is closed where it should be, tables hold rows and
 * rows hold cells. On such a page a plain tokenizer-driven tree (htmlparser2, about 2 ms) is the
 * tree parse5 builds, once the few things parse5 always does are done to it as well: a <tbody>
 * around rows written directly in a <table>, `<!…>` and `<?…>` declarations as comments, line
 * breaks normalised before lines are counted (§13.2.3.5). So the page is first built that way
 * and checked; the first sign that parse5 would have repaired something — a close that was
 * implied, an end tag that matched nothing, content where the algorithm moves it elsewhere
 * (foster parenting, a block in <head>, anything after </body>), foreign content, elements whose
 * contents parse differently — and the page is built by parse5 instead. Both give the same nodes
 * (domhandler's) with a line for every node, so the reader cannot tell them apart; the tests
 * check that the two agree on every page of the samples, fixtures and corpus that passes.
 */
import { load } from "cheerio";
import { Comment, DomHandler, Element, type AnyNode, type ParentNode } from "domhandler";
import { Parser } from "htmlparser2";
import { BUTTON_SCOPE, CLOSES_P, LIST_ITEM_BARRIER, VOID } from "./flatten.js";
import type { ReadLimits } from "../limits.js";
import type { HtmlNode } from "./text.js";

export interface PageTree {
  root: HtmlNode;
  /** 1-based line of the decoded text where a node starts (null for nodes parse5 implied). */
  lineOf(n: HtmlNode): number | null;
  /** 1-based line of the first non-blank character of a text node. */
  textLine(n: HtmlNode): number | null;
}

export function parse5Tree(text: string): PageTree {
  const root = load(text, { sourceCodeLocationInfo: true }).root().get(0) as unknown as HtmlNode;
  return {
    root,
    lineOf: (n) => n.sourceCodeLocation?.startLine ?? null,
    textLine: (n) => {
      const loc = n.sourceCodeLocation;
      if (!loc) return null;
      const lead = /^\s*/.exec(n.data ?? "")?.[0] ?? "";
      return loc.startLine + (lead.match(/\n/g)?.length ?? 0);
    },
  };
}

/**
 * Elements whose contents parse5 reads by other rules than markup, or that it rebuilds: raw text
 * and RCDATA beyond what the tokenizer knows, foreign content, templates, frames, <pre>'s dropped
 * first line break, renamed or merged elements. A page with any of them goes to parse5.
 */
const PARSE5_ONLY = new Set(["noscript", "noembed", "noframes", "iframe", "xmp", "plaintext", "listing", "pre", "textarea", "template", "svg", "math", "frameset", "frame", "image", "isindex", "select", "command", "bgsound"]);
/** Elements parse5 closes when one opens inside another (the adoption agency, "in body" start tags). */
const NO_NESTING = new Set(["a", "form", "button", "nobr"]);
/** A new li (dd, dt) closes the open one that stands below no barrier (§13.2.6.4.7). */
const ITEM_CLOSES: Record<string, ReadonlySet<string>> = { li: new Set(["li"]), dd: new Set(["dd", "dt"]), dt: new Set(["dd", "dt"]) };
/** What <head> may hold without parse5 closing it and opening the body early (§13.2.6.4.4). */
const HEAD_CONTENT = new Set(["meta", "title", "link", "style", "script", "base", "basefont"]);
/** What table parts may hold as children; text other than whitespace is moved out (foster parenting). */
const TABLE_CHILDREN: Record<string, ReadonlySet<string>> = {
  table: new Set(["caption", "colgroup", "thead", "tbody", "tfoot", "tr", "script", "style"]),
  thead: new Set(["tr", "script", "style"]),
  tbody: new Set(["tr", "script", "style"]),
  tfoot: new Set(["tr", "script", "style"]),
  tr: new Set(["td", "th", "script", "style"]),
  colgroup: new Set(["col"]),
};
/** The parent each table part must have (parse5 implies the missing ones). */
const TABLE_PARENT: Record<string, ReadonlySet<string>> = {
  caption: new Set(["table"]),
  colgroup: new Set(["table"]),
  thead: new Set(["table"]),
  tbody: new Set(["table"]),
  tfoot: new Set(["table"]),
  tr: new Set(["table", "thead", "tbody", "tfoot"]),
  td: new Set(["tr"]),
  th: new Set(["tr"]),
  col: new Set(["colgroup"]),
};
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);
const BLANK = /^[ \t\n\f\r]*$/;

/** A build that found something parse5 would repair. */
class NeedsRepair extends Error {}

/** htmlparser2 with an eye on what it had to guess: end tags that closed nothing. */
class WatchingParser extends Parser {
  repaired = false;
  override onclosetag(start: number, endIndex: number): void {
    const stack = (this as unknown as { stack: string[] }).stack;
    const before = stack.length;
    super.onclosetag(start, endIndex);
    if (stack.length === before) this.repaired = true; // matched no open element (or </p>, </br> made one)
  }
}

/**
 * domhandler's tree builder, told when a close was implied (by a start tag, an outer end tag, the
 * end of the page), and stopped at the readers' caps: a page nested deeper than maxDepth (less
 * one, for a <tbody> parse5 may add) or of more than maxElements elements is left to the
 * flattening and the element count before parse5 (../limits.ts), as it would be without this path.
 */
class WatchingHandler extends DomHandler {
  implied = false;
  private depth = 0;
  private elements = 0;
  constructor(private readonly caps: Pick<ReadLimits, "maxDepth" | "maxElements">) {
    super(undefined, { withStartIndices: true });
  }
  override onopentag(name: string, attribs: Record<string, string>): void {
    if (++this.depth >= this.caps.maxDepth || ++this.elements > this.caps.maxElements) throw new NeedsRepair();
    super.onopentag(name, attribs);
  }
  override onclosetag(name?: string, isImplied?: boolean): void {
    if (isImplied && name !== undefined && !VOID.has(name)) this.implied = true;
    this.depth--;
    super.onclosetag();
  }
}

/** The page built directly, or null when it needs parse5 (a repair, or past a cap). */
export function directTree(source: string, caps: Pick<ReadLimits, "maxDepth" | "maxElements">): PageTree | null {
  // §13.2.3.5: CR and CRLF are LF before the tokenizer; lines are counted on the result, as parse5 does.
  const text = source.includes("\r") ? source.replace(/\r\n?/g, "\n") : source;
  // NUL is replaced or dropped by parse5 depending on where it stands.
  if (text.includes("\0")) return null;
  const handler = new WatchingHandler(caps);
  const parser = new WatchingParser(handler, { decodeEntities: true });
  const root = handler.root as unknown as HtmlNode;
  try {
    parser.end(text);
    if (handler.implied || parser.repaired) return null;
    check(root, text);
  } catch (e) {
    if (e instanceof NeedsRepair) return null;
    throw e;
  }
  const lines = lineStarts(text);
  const lineOf = (n: HtmlNode): number | null => {
    const at = (n as unknown as { startIndex: number | null }).startIndex;
    return at === null || at === undefined ? null : lineAt(lines, at);
  };
  return {
    root,
    lineOf,
    textLine: (n) => {
      const at = (n as unknown as { startIndex: number | null }).startIndex;
      if (at === null || at === undefined) return null;
      return lineAt(lines, at + (/^\s*/.exec(n.data ?? "")?.[0].length ?? 0));
    },
  };
}

/**
 * Walk the quick tree: raise NeedsRepair at anything parse5 would build otherwise, and do to it
 * what parse5 does to every page (declarations as comments, tbody around bare rows).
 */
function check(root: HtmlNode, text: string): void {
  // The document: a doctype, comments and whitespace around one <html>, which holds an optional
  // <head> and then the <body>, with nothing but whitespace and comments after it.
  const top = elementsOf(root);
  if (top.length !== 1 || top[0]!.name !== "html") throw new NeedsRepair();
  const parts = elementsOf(top[0]!);
  const names = parts.map((p) => p.name);
  if (!(names.length === 1 && names[0] === "body") && !(names.length === 2 && names[0] === "head" && names[1] === "body")) throw new NeedsRepair();
  for (const n of [root, top[0]!]) for (const c of n.children ?? []) if (c.type === "text" && !BLANK.test(c.data ?? "")) throw new NeedsRepair();
  if (names[0] === "head") {
    for (const c of parts[0]!.children ?? []) {
      if (c.type === "text" && !BLANK.test(c.data ?? "")) throw new NeedsRepair();
      if (isTag(c) && !HEAD_CONTENT.has(c.name!)) throw new NeedsRepair();
    }
  }
  const stack: HtmlNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    const kids = n.children ?? [];
    for (let i = 0; i < kids.length; i++) {
      const c = kids[i]!;
      if (c.type === "directive") {
        if ((c as unknown as { name: string }).name.toLowerCase() === "!doctype") {
          if (n === root) continue;
          throw new NeedsRepair(); // parse5 drops a doctype anywhere else
        }
        // parse5 reads `<!…>` and `<?…>` as bogus comments (§13.2.5.41): Word's <![if …]> among them.
        const data = c.data ?? "";
        replace(c, new Comment(data.startsWith("!") ? data.slice(1) : data));
        continue;
      }
      if (c.type === "cdata") throw new NeedsRepair();
      // `</` not followed by a letter: parse5 drops it (`</>`) or reads a bogus comment (`</ x>`),
      // htmlparser2 keeps it as text. Script and style text is raw in both.
      if (c.type === "text" && n.type !== "script" && n.type !== "style" && (c.data ?? "").includes("</")) throw new NeedsRepair();
      if (c.type === "comment" && text.startsWith("</", (c as unknown as { startIndex: number }).startIndex)) throw new NeedsRepair(); // its data differs by the spaces
      if (!isTag(c)) continue;
      stack.push(c);
    }
    if (!isTag(n)) continue;
    const name = n.name!;
    if (PARSE5_ONLY.has(name)) throw new NeedsRepair();
    const allowed = TABLE_CHILDREN[name];
    if (allowed) {
      for (const c of n.children ?? []) {
        if (c.type === "text" && !BLANK.test(c.data ?? "")) throw new NeedsRepair();
        if (isTag(c) && !allowed.has(c.name!)) throw new NeedsRepair();
      }
    }
    const parent = TABLE_PARENT[name];
    if (parent && !(n.parent && isTag(n.parent) && parent.has(n.parent.name!))) throw new NeedsRepair();
    if (HEADINGS.has(name) && n.parent && HEADINGS.has(n.parent.name ?? "")) throw new NeedsRepair();
    if (name === "html" ? n.parent?.type !== "root" : (name === "head" || name === "body") && n.parent?.name !== "html") throw new NeedsRepair();
    if (NO_NESTING.has(name) && hasAncestor(n, (x) => x.name === name)) throw new NeedsRepair();
    // A block start tag closes an open p in button scope; htmlparser2 knows only some of them.
    if (CLOSES_P.has(name) && hasAncestor(n, (x) => x.name === "p", BUTTON_SCOPE)) throw new NeedsRepair();
    const items = ITEM_CLOSES[name];
    if (items && hasAncestor(n, (x) => items.has(x.name ?? ""), LIST_ITEM_BARRIER)) throw new NeedsRepair();
    if (name === "table") wrapBareRows(n);
  }
}

/** Whether an ancestor of n matches, looking no further than an element of `stop` (which is not tested). */
function hasAncestor(n: HtmlNode, match: (x: HtmlNode) => boolean, stop?: ReadonlySet<string>): boolean {
  for (let x = n.parent; x && x.type !== "root"; x = x.parent) {
    if (match(x)) return true;
    if (stop?.has(x.name ?? "")) return false;
  }
  return false;
}

const isTag = (n: HtmlNode): boolean => n.type === "tag" || n.type === "script" || n.type === "style";
const elementsOf = (n: HtmlNode): HtmlNode[] => (n.children ?? []).filter(isTag);

/**
 * Rows written directly in a <table>: parse5 opens a <tbody> at the first and keeps it open to
 * the next table part (§13.2.6.4.9 "in table", a tr start tag), so the rows and what lies between
 * and after them — whitespace, comments — go into it.
 */
function wrapBareRows(table: HtmlNode): void {
  const kids = table.children ?? [];
  const start = kids.findIndex((c) => isTag(c) && c.name === "tr");
  if (start < 0) return;
  let end = start;
  while (end < kids.length && !(isTag(kids[end]!) && kids[end]!.name !== "tr")) end++;
  const rows = kids.slice(start, end) as unknown as AnyNode[];
  const tbody = new Element("tbody", {}, rows);
  const node = table as unknown as ParentNode;
  node.children.splice(start, end - start, tbody);
  tbody.parent = node;
  rows.forEach((r, i) => {
    r.parent = tbody;
    r.prev = rows[i - 1] ?? null;
    r.next = rows[i + 1] ?? null;
  });
  tbody.prev = node.children[start - 1] ?? null;
  tbody.next = node.children[start + 1] ?? null;
  if (tbody.prev) tbody.prev.next = tbody;
  if (tbody.next) tbody.next.prev = tbody;
}

function replace(old: HtmlNode, by: Comment): void {
  const o = old as unknown as AnyNode;
  const parent = o.parent as ParentNode;
  const i = parent.children.indexOf(o);
  parent.children[i] = by;
  by.parent = parent;
  by.prev = o.prev;
  by.next = o.next;
  if (by.prev) by.prev.next = by;
  if (by.next) by.next.prev = by;
  by.startIndex = o.startIndex;
}

/** Offsets where each line starts. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** The 1-based line holding an offset (binary search over the line starts). */
function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
