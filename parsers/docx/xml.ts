/**
 * OOXML parts as ordered element trees. fast-xml-parser with `preserveOrder` keeps siblings in
 * document order (a body's paragraphs and tables interleave; a run's text and tabs interleave),
 * which its default object mode would group by tag name.
 *
 * Tags keep their prefixes: WordprocessingML is matched as "w:…" (ECMA-376 Part 1 §17), the prefix
 * every producer we have seen (Word, WPS, LibreOffice, docx4j, python-docx) writes. A part that
 * binds the main namespace to another prefix, or to the default namespace, is renamed to "w:" on
 * the way in, so the walkers match one spelling.
 */
import { XMLParser } from "fast-xml-parser";
import { NianbaoError } from "../model/errors.js";

/** One element: its tag, attributes (prefix kept, e.g. "w:val") and children in order. */
export interface XNode {
  tag: string;
  attrs: Record<string, string>;
  children: XNode[];
  /** For text nodes (tag "#text"): the decoded characters. */
  text: string;
}

type Raw = Record<string, unknown>;

const WORDML_NAMESPACES = [
  "http://schemas.openxmlformats.org/wordprocessingml/2006/main", // transitional
  "http://purl.oclc.org/ooxml/wordprocessingml/main", // strict (ISO/IEC 29500-1 strict)
];

/**
 * Elements nest deeper than fast-xml-parser's default 100 in documents with nested tables; the
 * readers' maxDepth (../limits.ts, 512) is the default here. A part nested deeper is refused
 * (too-deep): fast-xml-parser stops there, and an XML tree cannot be read flattened without
 * changing what its elements mean (a w:t outside its w:r).
 */
const DEFAULT_MAX_DEPTH = 512;
const FXP_TOO_DEEP = "Maximum nested tags exceeded";

function wordPrefix(xml: string): string | null {
  const head = xml.slice(0, 8192);
  for (const ns of WORDML_NAMESPACES) {
    const m = new RegExp(`xmlns(?::([\\w.-]+))?\\s*=\\s*["']${ns.replace(/[.]/g, "\\.")}["']`).exec(head);
    if (m) return m[1] ?? "";
  }
  return null;
}

export function parseXml(xml: string, maxDepth = DEFAULT_MAX_DEPTH): XNode[] {
  const prefix = wordPrefix(xml);
  const rename =
    prefix === null || prefix === "w"
      ? false
      : prefix === ""
        ? (name: string) => (name.includes(":") || name.startsWith("xmlns") ? name : `w:${name}`)
        : (name: string) => (name.startsWith(`${prefix}:`) ? `w:${name.slice(prefix.length + 1)}` : name);
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: "",
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    // Decodes numeric character references (&#x4E2D;), which the XML-only entity mode leaves as is.
    htmlEntities: true,
    maxNestedTags: maxDepth,
    transformTagName: rename,
    transformAttributeName: rename,
  });
  let parsed: Raw[];
  try {
    parsed = parser.parse(xml) as Raw[];
  } catch (e) {
    if ((e as Error).message === FXP_TOO_DEEP) {
      throw new NianbaoError("PARSE_FAILED", "parse", `the DOCX nests XML elements more than ${maxDepth} deep (limit maxDepth)`, { reason: "too-deep", limit: "maxDepth", max: maxDepth });
    }
    throw e;
  }
  return convert(parsed);
}

function convert(list: Raw[]): XNode[] {
  const out: XNode[] = [];
  for (const raw of list) {
    for (const key of Object.keys(raw)) {
      if (key === ":@") continue;
      if (key === "#text") {
        out.push({ tag: "#text", attrs: {}, children: [], text: String(raw[key]) });
        continue;
      }
      const attrs = (raw[":@"] ?? {}) as Record<string, string>;
      out.push({ tag: key, attrs, children: convert((raw[key] ?? []) as Raw[]), text: "" });
    }
  }
  return out;
}

export function child(n: XNode, tag: string): XNode | undefined {
  return n.children.find((c) => c.tag === tag);
}

export function children(n: XNode, tag: string): XNode[] {
  return n.children.filter((c) => c.tag === tag);
}

/** The first element along a path of tags (n > a > b …). */
export function path(n: XNode | undefined, ...tags: string[]): XNode | undefined {
  let cur = n;
  for (const t of tags) {
    if (!cur) return undefined;
    cur = child(cur, t);
  }
  return cur;
}

/** w:val of the element, or undefined (the element absent, or present without a value). */
export function val(n: XNode | undefined): string | undefined {
  return n?.attrs["w:val"];
}

/** An integer attribute value, or the fallback when absent or not a number. */
export function intVal(n: XNode | undefined, fallback: number): number {
  const v = val(n);
  if (v === undefined) return fallback;
  const x = Number.parseInt(v, 10);
  return Number.isFinite(x) ? x : fallback;
}

/** OOXML on/off properties (§17.17.4 ST_OnOff): present without a value means on. */
export function isOn(n: XNode | undefined): boolean {
  if (!n) return false;
  const v = val(n);
  return v === undefined || v === "1" || v === "true" || v === "on";
}

/** Root element of a part (the first element that is not a text node). */
export function root(nodes: XNode[]): XNode | undefined {
  return nodes.find((n) => n.tag !== "#text");
}
