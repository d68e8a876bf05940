/**
 * The slice of cheerio's DOM the site readers walk. cheerio hands out domhandler nodes; their
 * shape is described here so these modules depend on cheerio alone (as parsers/html.ts does).
 * Element nodes have type "tag", except <script> ("script") and <style> ("style").
 */
import { load, type CheerioAPI } from "cheerio";

export interface DomNode {
  type: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
  data?: string;
  parent: DomNode | null;
}

export const isElement = (n: DomNode): boolean => n.type === "tag" || n.type === "script" || n.type === "style";
export const tagName = (n: DomNode): string => (n.name ?? "").toLowerCase();
export const attr = (n: DomNode, name: string): string | undefined => n.attribs?.[name];

export function loadHtml(text: string): CheerioAPI {
  return load(text);
}

export function select($: CheerioAPI, selector: string, root?: DomNode): DomNode[] {
  const found = root ? $(root as never).find(selector) : $(selector);
  return found.get() as unknown as DomNode[];
}

/** Elements after which text starts a new line when read as text. */
const BLOCKS = new Set([
  "address", "article", "aside", "blockquote", "body", "br", "center", "dd", "div", "dl", "dt", "figure", "footer",
  "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
  "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
]);

const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;

/** Whitespace (incl. &nbsp; and the ideographic space) collapsed to single spaces, trimmed. */
export function cleanText(raw: string): string {
  return raw.replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
}

/** Visible text under `n`: scripts, styles and the `skip` subtrees left out, blocks spaced. */
export function textOf(n: DomNode, skip?: (x: DomNode) => boolean): string {
  const parts: string[] = [];
  const go = (x: DomNode): void => {
    if (x.type === "text") {
      parts.push(x.data ?? "");
      return;
    }
    if (x.type === "script" || x.type === "style" || x.type === "comment" || x.type === "directive") return;
    if (skip?.(x)) return;
    const block = BLOCKS.has(tagName(x));
    if (block) parts.push(" ");
    for (const c of x.children ?? []) go(c);
    if (block) parts.push(" ");
  };
  go(n);
  return cleanText(parts.join(""));
}

export function contains(outer: DomNode, inner: DomNode): boolean {
  for (let x: DomNode | null = inner; x; x = x.parent) if (x === outer) return true;
  return false;
}

export function closest(n: DomNode, names: ReadonlySet<string>, maxDepth: number): DomNode | null {
  let x = n.parent;
  for (let d = 0; x && d < maxDepth; d++, x = x.parent) if (isElement(x) && names.has(tagName(x))) return x;
  return null;
}
