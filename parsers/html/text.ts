/**
 * The HTML text rules: how a page's nodes become text. One set, used by the HTML reader
 * (../html.ts) and by the crawler's page readers (src/crawl/sites/dom.ts), so a page normalises
 * to the same text when the crawler judges it and when the reader reads it.
 *
 * The node shape is the slice of domhandler's nodes these rules walk (cheerio's, and both builders
 * of ./tree.ts make them), described here so that both sides depend on this shape alone. Element
 * nodes have type "tag", except <script> ("script") and <style> ("style").
 */

export interface HtmlNode {
  type: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: HtmlNode[];
  data?: string;
  parent: HtmlNode | null;
  /** parse5's source location, when the page was loaded with sourceCodeLocationInfo. */
  sourceCodeLocation?: { startLine: number; startOffset: number } | null;
}

export const isElement = (n: HtmlNode): boolean => n.type === "tag" || n.type === "script" || n.type === "style";
export const tagName = (n: HtmlNode): string => (n.name ?? "").toLowerCase();
export const childrenOf = (n: HtmlNode): HtmlNode[] => n.children ?? [];

/**
 * Elements that start a new line of text (everything else is inline and joins the running text):
 * the block-level elements of HTML (WHATWG HTML §15.3.3 "Flow content" rendered display:block),
 * table parts, and <br>.
 */
export const BLOCK_ELEMENTS: ReadonlySet<string> = new Set([
  "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "details", "dialog", "dir",
  "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
  "header", "hgroup", "hr", "html", "li", "listing", "main", "menu", "nav", "ol", "p", "pre", "section", "summary",
  "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "xmp",
]);

/** Zero-width and soft-hyphen characters: invisible in a browser, noise in text. */
export const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;

/** East Asian wide characters (Han, kana, CJK punctuation, full-width forms). */
const WIDE = String.raw`[\p{Script=Han}\u3000-\u303f\u3040-\u30ff\uff00-\uffef]`;
/**
 * CSS Text 3 §4.1.3 (segment break transformation): a line break between two East Asian wide
 * characters disappears instead of becoming a space. Word's HTML export wraps Chinese prose at
 * ~76 columns in the middle of words; without this, "孟津区财\n政局" would read "孟津区财 政局".
 */
const SEGMENT_BREAK_BETWEEN_WIDE = new RegExp(`(${WIDE})[ \\t]*\\n[ \\t\\n]*(?=${WIDE})`, "gu");

/** Collapse whitespace (incl. &nbsp; and the ideographic space) to single spaces, and trim. */
export function normaliseText(raw: string): string {
  return raw
    .replace(INVISIBLE, "")
    .replace(/\r\n?/g, "\n")
    .replace(SEGMENT_BREAK_BETWEEN_WIDE, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * What `walkTree` does at a node: false skips its subtree, true visits its children, a list
 * visits those nodes instead of its children (a layout table's captions and cells).
 */
export type Descend = boolean | readonly HtmlNode[];

/**
 * Visit the tree under `n` in document order without recursion, so no page can drive it past
 * the stack (pages nest 100,000 deep; the crawler reads pages the readers' depth cap has not
 * flattened). `enter` says whether to descend; `leave` is called after the children of every
 * node entered with a descent.
 */
export function walkTree(n: HtmlNode, enter: (x: HtmlNode) => Descend, leave?: (x: HtmlNode) => void): void {
  const first = enter(n);
  if (first === false) return;
  const stack: { node: HtmlNode; kids: readonly HtmlNode[]; i: number }[] = [{ node: n, kids: first === true ? childrenOf(n) : first, i: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.i < top.kids.length) {
      const c = top.kids[top.i++]!;
      const d = enter(c);
      if (d !== false) stack.push({ node: c, kids: d === true ? childrenOf(c) : d, i: 0 });
    } else {
      stack.pop();
      leave?.(top.node);
    }
  }
}

/** Whether some node under `n` (not `n` itself) matches, found without recursion. */
export function someDescendant(n: HtmlNode, match: (x: HtmlNode) => boolean): boolean {
  let found = false;
  walkTree(n, (x) => {
    if (found) return false;
    if (x !== n && match(x)) {
      found = true;
      return false;
    }
    return true;
  });
  return found;
}

/**
 * Visible text under `n`, normalised: text nodes joined, blocks spaced apart; scripts, styles,
 * comments and the subtrees `skip` names left out.
 */
export function visibleText(n: HtmlNode, skip?: (x: HtmlNode) => boolean): string {
  const parts: string[] = [];
  walkTree(
    n,
    (x) => {
      if (x.type === "text") {
        parts.push(x.data ?? "");
        return false;
      }
      if (!isElement(x) && x.type !== "root") return false;
      if (x.type === "script" || x.type === "style") return false;
      if (skip?.(x)) return false;
      if (BLOCK_ELEMENTS.has(tagName(x))) parts.push(" ");
      return true;
    },
    (x) => {
      if (BLOCK_ELEMENTS.has(tagName(x))) parts.push(" ");
    },
  );
  return normaliseText(parts.join(""));
}
