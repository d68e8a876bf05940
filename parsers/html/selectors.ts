/**
 * A table of CSS selectors matched against a page's elements in one walk.
 *
 * The HTML reader's tables (ignored chrome, content containers) are about seventy selectors,
 * nearly all one tag, one #id or one .class. Testing each element against each compiled selector
 * costs seventy calls an element, and a pass per selector walks the tree seventy times; instead
 * the simple ones are looked up by the element's tag, id and classes, and only the rest
 * (`div[id^="TRS_AUTOADD"]`, `:has(> meta[name="ContentStart"])`) run as compiled css-select
 * queries. Matching is css-select's in HTML
 * (no-quirks) mode, as cheerio runs it: tag names ignore case, ids and classes do not.
 */
import { compile } from "css-select";
import { parse, type Selector } from "css-what";
import type { AnyNode, Element } from "domhandler";
import type { HtmlNode } from "./text.js";

type Lookup = { kind: "tag" | "id" | "class"; value: string } | { kind: "any" };

/** The one-token compound selectors answered by lookup: `p`, `#zoom`, `.TRS_Editor`, `*`. */
function lookupOf(compound: readonly Selector[]): Lookup | null {
  if (compound.length !== 1) return null;
  const t = compound[0]!;
  if (t.type === "universal" && t.namespace === null) return { kind: "any" };
  if (t.type === "tag" && t.namespace === null) return { kind: "tag", value: t.name.toLowerCase() };
  if (t.type === "attribute" && t.namespace === null && t.ignoreCase === "quirks") {
    if (t.name === "id" && t.action === "equals") return { kind: "id", value: t.value };
    if (t.name === "class" && t.action === "element") return { kind: "class", value: t.value };
  }
  return null;
}

/**
 * `:has(> X)` (an element with a child matching X) as X: tested on the children alone, where
 * css-select's :has searches every descendant of every element it is asked about.
 */
function childOf(compound: readonly Selector[]): Selector[] | null {
  if (compound.length !== 1) return null;
  const t = compound[0]!;
  if (t.type !== "pseudo" || t.name !== "has" || !Array.isArray(t.data) || t.data.length !== 1) return null;
  const [first, ...rest] = t.data[0]!;
  return first?.type === "child" && rest.length > 0 && !rest.some((x) => x.type === "child" || x.type === "descendant" || x.type === "adjacent" || x.type === "sibling" || x.type === "parent" || x.type === "column-combinator") ? rest : null;
}

export class SelectorTable {
  private readonly byTag = new Map<string, number[]>();
  private readonly byId = new Map<string, number[]>();
  private readonly byClass = new Map<string, number[]>();
  private readonly any: number[] = [];
  private readonly queries: { entry: number; test: (el: Element) => boolean }[] = [];

  /** entries[i] is a selector list; matching answers which i match an element. */
  constructor(entries: readonly string[]) {
    entries.forEach((selector, i) => {
      for (const compound of parse(selector)) {
        const child = childOf(compound);
        const l = child ? null : lookupOf(compound);
        if (child) {
          const test = compile<AnyNode, Element>([child], { xmlMode: false });
          this.queries.push({ entry: i, test: (el) => el.children.some((k) => k.type === "tag" && test(k as Element)) });
        } else if (l === null) this.queries.push({ entry: i, test: compile<AnyNode, Element>([compound], { xmlMode: false }) });
        else if (l.kind === "any") this.any.push(i);
        else push(l.kind === "tag" ? this.byTag : l.kind === "id" ? this.byId : this.byClass, l.value, i);
      }
    });
  }

  /** The entries that match an element node, ascending, each once. */
  matches(n: HtmlNode): readonly number[] {
    let found: number[] | null = this.any.length > 0 ? [...this.any] : null;
    const add = (list: readonly number[] | undefined): void => {
      if (list === undefined) return;
      for (const i of list) {
        if (found === null) found = [i];
        else if (!found.includes(i)) found.push(i);
      }
    };
    add(this.byTag.get((n.name ?? "").toLowerCase()));
    const id = n.attribs?.id;
    if (id !== undefined) add(this.byId.get(id));
    const cls = n.attribs?.class;
    if (cls !== undefined) for (const c of cls.split(/[ \t\n\r\f]+/)) if (c !== "") add(this.byClass.get(c));
    for (const q of this.queries) if (!(found?.includes(q.entry) ?? false) && q.test(n as unknown as Element)) add([q.entry]);
    return found === null ? NONE : (found as number[]).sort((a, b) => a - b);
  }
}

const NONE: readonly number[] = [];

function push(map: Map<string, number[]>, key: string, entry: number): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}
