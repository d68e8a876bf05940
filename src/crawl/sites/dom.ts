/**
 * The slice of cheerio's DOM the site readers walk, and the text rules they read it by. Both are
 * the HTML reader's (parsers/html/text.ts): the crawler judges a page by the same text the reader
 * will read from it.
 */
import { load, type CheerioAPI } from "cheerio";
import { isElement, normaliseText, tagName, visibleText, type HtmlNode } from "../../../parsers/html/text.js";
import { flattenDeep } from "../../../parsers/html/flatten.js";
import { DEFAULT_LIMITS } from "../../../parsers/limits.js";

export { isElement, tagName };
export type DomNode = HtmlNode;

export const attr = (n: DomNode, name: string): string | undefined => n.attribs?.[name];

/** A page parsed with the readers' depth cap (parsers/html/flatten.ts): 100,000 nested elements parse in linear time. */
export function loadHtml(text: string): CheerioAPI {
  return load(flattenDeep(text, DEFAULT_LIMITS.maxDepth).text);
}

export function select($: CheerioAPI, selector: string, root?: DomNode): DomNode[] {
  const found = root ? $(root as never).find(selector) : $(selector);
  return found.get() as unknown as DomNode[];
}

/** Whitespace (incl. &nbsp; and the ideographic space) collapsed to single spaces, trimmed. */
export const cleanText = normaliseText;

/** Visible text under `n`: scripts, styles and the `skip` subtrees left out, blocks spaced. */
export const textOf = (n: DomNode, skip?: (x: DomNode) => boolean): string => visibleText(n, skip);

export function contains(outer: DomNode, inner: DomNode): boolean {
  for (let x: DomNode | null = inner; x; x = x.parent) if (x === outer) return true;
  return false;
}

export function closest(n: DomNode, names: ReadonlySet<string>, maxDepth: number): DomNode | null {
  let x = n.parent;
  for (let d = 0; x && d < maxDepth; d++, x = x.parent) if (isElement(x) && names.has(tagName(x))) return x;
  return null;
}
