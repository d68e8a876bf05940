/**
 * Deep nesting flattened before the tree builder sees it, so that parsing stays linear in the
 * input (issue 13: 100,000 nested <div>s took 107 s, 50 MB never ended).
 *
 * The HTML tree-construction algorithm (WHATWG HTML §13.2.6, which parse5 implements) scans the
 * stack of open elements for most tags ("has a p element in button scope", "any other end
 * tag"), so each tag costs the current depth and a page nested n deep costs n². Chromium keeps
 * the tree at most 512 deep (kMaximumHTMLParserDOMTreeDepth) by attaching deeper elements to the
 * element at that depth; here the same is done on the source, before parse5 runs: the start and
 * end tags of elements that would stand deeper than `maxDepth` are blanked out (replaced by
 * spaces, line breaks kept, so every offset and line of the page stays where it was). Their text
 * stays, in order, inside the element at the cap, and so do links and images (void elements
 * nest nothing): nothing a reader sees is lost, only structure below the cap, which no real page
 * has (the sample and fixture pages nest at most 14 deep).
 *
 * The depth is tracked over htmlparser2's tokenizer (linear, and it knows script/style/title/
 * textarea/xmp contents are text) by a small model of the stack of open elements: void elements,
 * the tags that close an open p, li, dd/dt, cell, row or link, and end tags that close the
 * nearest element of their name unless a special or scoping element stands between (§13.2.6.4.7).
 * Every scan of the model looks at most SCAN_LIMIT entries, so the model is linear too. Where it
 * is unsure it keeps elements open, i.e. it errs towards counting deeper than parse5 would:
 * flattening a little early only loses structure below the cap, never text.
 */
import { Tokenizer } from "htmlparser2";
import { tooManyElements } from "../limits.js";

export interface Flattened {
  /** The page with deep tags blanked (the same string when nothing was). */
  text: string;
  /** Elements whose tags were blanked. */
  elements: number;
  /** Offset of the first blanked tag (-1 when none). */
  firstOffset: number;
}

/** How far a scan of the open-element model looks before it gives up (and keeps elements open). */
const SCAN_LIMIT = 32;

export const VOID = new Set(["area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr"]);
/**
 * Never blanked: elements whose contents are text (tokenizer special tags) or never read
 * (rawtext), so their contents never turn into text; and links, whose addresses the crawler
 * follows (an open <a> is closed by the next one, §13.2.6.4.7, so they never nest deep).
 */
const KEEP = new Set(["script", "style", "title", "textarea", "xmp", "noscript", "iframe", "noembed", "noframes", "plaintext", "template", "html", "head", "body", "a"]);
/** Scoping elements (§13.2.4.2 "has an element in scope"). */
const SCOPE = new Set(["applet", "caption", "html", "marquee", "object", "table", "td", "th", "template"]);
export const BUTTON_SCOPE = new Set([...SCOPE, "button"]);
const TABLE_SCOPE = new Set(["html", "table", "template"]);
/** The special category (§13.2.4.2): "any other end tag" stops at these. */
const SPECIAL = new Set([
  "address", "applet", "area", "article", "aside", "base", "basefont", "bgsound", "blockquote", "body", "br", "button",
  "caption", "center", "col", "colgroup", "dd", "details", "dir", "div", "dl", "dt", "embed", "fieldset", "figcaption",
  "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr",
  "html", "iframe", "img", "input", "keygen", "li", "link", "listing", "main", "marquee", "menu", "meta", "nav",
  "noembed", "noframes", "noscript", "object", "ol", "p", "param", "plaintext", "pre", "script", "search", "section",
  "select", "source", "style", "summary", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead",
  "title", "tr", "track", "ul", "wbr", "xmp",
]);
/** Start tags that close an open p in button scope (§13.2.6.4.7). */
export const CLOSES_P = new Set([
  "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset", "figcaption",
  "figure", "footer", "header", "hgroup", "main", "menu", "nav", "ol", "p", "search", "section", "summary", "ul",
  "h1", "h2", "h3", "h4", "h5", "h6", "pre", "listing", "form", "table", "hr", "xmp", "plaintext",
]);
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);
/** A new li (dd, dt) closes the open one unless a special element other than these stands between. */
export const LIST_ITEM_BARRIER = new Set([...SPECIAL].filter((n) => n !== "address" && n !== "div" && n !== "p"));
/** Start tags that close the nearest open element of a set, looking no further than a barrier. */
const START_CLOSES: ReadonlyMap<string, { closes: ReadonlySet<string>; barrier: ReadonlySet<string> }> = new Map([
  ["li", { closes: new Set(["li"]), barrier: LIST_ITEM_BARRIER }],
  ["dd", { closes: new Set(["dd", "dt"]), barrier: LIST_ITEM_BARRIER }],
  ["dt", { closes: new Set(["dd", "dt"]), barrier: LIST_ITEM_BARRIER }],
  ["td", { closes: new Set(["td", "th"]), barrier: TABLE_SCOPE }],
  ["th", { closes: new Set(["td", "th"]), barrier: TABLE_SCOPE }],
  ["tr", { closes: new Set(["tr"]), barrier: TABLE_SCOPE }],
  ["tbody", { closes: new Set(["tbody", "thead", "tfoot"]), barrier: TABLE_SCOPE }],
  ["thead", { closes: new Set(["tbody", "thead", "tfoot"]), barrier: TABLE_SCOPE }],
  ["tfoot", { closes: new Set(["tbody", "thead", "tfoot"]), barrier: TABLE_SCOPE }],
  ["a", { closes: new Set(["a"]), barrier: SCOPE }],
  ["nobr", { closes: new Set(["nobr"]), barrier: SCOPE }],
  ["button", { closes: new Set(["button"]), barrier: SCOPE }],
  ["option", { closes: new Set(["option"]), barrier: new Set(["select", ...SCOPE]) }],
  ["optgroup", { closes: new Set(["option", "optgroup"]), barrier: new Set(["select", ...SCOPE]) }],
]);
/** Foreign content, where a self-closing tag closes its element (§13.2.6.5). */
const FOREIGN = new Set(["svg", "math"]);

const P: ReadonlySet<string> = new Set(["p"]);
const HEAD: ReadonlySet<string> = new Set(["head"]);
const HTML: ReadonlySet<string> = new Set(["html"]);
const singletons = new Map<string, ReadonlySet<string>>();
function singleton(name: string): ReadonlySet<string> {
  let s = singletons.get(name);
  if (!s) {
    s = new Set([name]);
    if (singletons.size < 1024) singletons.set(name, s); // tag names are the page's: do not let it grow the cache without end
  }
  return s;
}

interface Open {
  name: string;
  blanked: boolean;
}

/**
 * The page with the tags of elements nested deeper than `maxDepth` blanked out (see above). The
 * same pass counts the start tags: past `maxElements` it stops and the page fails (too-large),
 * before any tree is built.
 */
export function flattenDeep(text: string, maxDepth: number, maxElements = Number.POSITIVE_INFINITY): Flattened {
  // Cheap exit: a page with fewer start tags than the caps cannot pass them.
  const least = Math.min(maxDepth, maxElements);
  if (countStartTags(text, least + 1) <= least) return { text, elements: 0, firstOffset: -1 };

  const stack: Open[] = [];
  const counts = new Map<string, number>();
  const blanks: [number, number][] = [];
  let foreign = 0;
  let elements = 0;
  let tagName = "";
  let tagStart = 0;
  let startTags = 0;

  const push = (name: string, start: number, end: number): void => {
    const blanked = stack.length >= maxDepth && !KEEP.has(name);
    stack.push({ name, blanked });
    counts.set(name, (counts.get(name) ?? 0) + 1);
    if (FOREIGN.has(name)) foreign++;
    if (blanked) {
      blanks.push([start, end]);
      elements++;
    }
  };
  const popTo = (index: number): Open => {
    let top: Open | undefined;
    while (stack.length > index) {
      top = stack.pop()!;
      counts.set(top.name, (counts.get(top.name) ?? 1) - 1);
      if (FOREIGN.has(top.name)) foreign--;
    }
    return top!;
  };
  /** Index of the nearest open element named in `names`, unless a barrier stands nearer or it is out of reach: -1. */
  const nearest = (names: ReadonlySet<string>, barrier: ReadonlySet<string>): number => {
    let any = false;
    for (const n of names) if ((counts.get(n) ?? 0) > 0) any = true;
    if (!any) return -1;
    for (let i = stack.length - 1; i >= 0 && i >= stack.length - SCAN_LIMIT; i--) {
      const name = stack[i]!.name;
      if (names.has(name)) return i;
      if (barrier.has(name)) return -1;
    }
    return -1;
  };
  const closeNearest = (names: ReadonlySet<string>, barrier: ReadonlySet<string>): void => {
    const i = nearest(names, barrier);
    if (i >= 0) popTo(i);
  };

  const openTag = (end: number, selfClosing: boolean): void => {
    const name = tagName;
    if (name === "html" || name === "head" || name === "body") {
      if ((counts.get(name) ?? 0) > 0) return; // a second one merges into the first (§13.2.6.4.7)
      if (name === "body") closeNearest(HEAD, HTML);
    }
    if (CLOSES_P.has(name)) closeNearest(P, BUTTON_SCOPE);
    if (HEADINGS.has(name) && HEADINGS.has(stack[stack.length - 1]?.name ?? "")) popTo(stack.length - 1);
    const rule = START_CLOSES.get(name);
    if (rule) closeNearest(rule.closes, rule.barrier);
    if (VOID.has(name)) return;
    if (selfClosing && foreign > 0) return; // <path/> in SVG: opened and closed
    push(name, tagStart, end);
  };

  const closeTag = (name: string, start: number, end: number): void => {
    if (VOID.has(name) || name === "html" || name === "head" || name === "body") return;
    const barrier = name === "p" ? BUTTON_SCOPE : SPECIAL.has(name) ? SCOPE : SPECIAL;
    const i = nearest(singleton(name), barrier);
    if (i < 0) return; // parse5 ignores it, or it is out of reach: the elements stay open
    const closed = stack[i]!;
    popTo(i);
    if (closed.blanked) blanks.push([start, end]);
  };

  const tokenizer = new Tokenizer(
    { decodeEntities: false },
    {
      onopentagname(start, endIndex) {
        if (++startTags > maxElements) throw tooManyElements({ maxElements });
        tagName = text.slice(start, endIndex).toLowerCase();
        tagStart = start - 1; // the "<"
      },
      onopentagend(endIndex) {
        openTag(endIndex, false);
      },
      onselfclosingtag(endIndex) {
        openTag(endIndex, true);
      },
      onclosetag(start, endIndex) {
        const gt = text.indexOf(">", endIndex);
        closeTag(text.slice(start, endIndex).toLowerCase(), start - 2, gt < 0 ? text.length - 1 : gt);
      },
      onattribdata() {},
      onattribentity() {},
      onattribend() {},
      onattribname() {},
      oncdata() {},
      oncomment() {},
      ondeclaration() {},
      onend() {},
      onprocessinginstruction() {},
      ontext() {},
      ontextentity() {},
    },
  );
  tokenizer.write(text);
  tokenizer.end();

  if (blanks.length === 0) return { text, elements: 0, firstOffset: -1 };
  blanks.sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let at = 0;
  for (const [from, to] of blanks) {
    if (from < at) continue; // a tag already blanked (cannot happen; kept safe)
    parts.push(text.slice(at, from), text.slice(from, to + 1).replace(/[^\r\n]/g, " "));
    at = to + 1;
  }
  parts.push(text.slice(at));
  return { text: parts.join(""), elements, firstOffset: blanks[0]![0] };
}

/** Start tags ("<" and a letter) in the text, counted up to `enough`. */
function countStartTags(text: string, enough: number): number {
  let n = 0;
  for (let i = text.indexOf("<"); i >= 0 && n < enough; i = text.indexOf("<", i + 1)) {
    const c = text.charCodeAt(i + 1) | 0x20;
    if (c >= 0x61 && c <= 0x7a) n++;
  }
  return n;
}

/** The 1-based line of an offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}
