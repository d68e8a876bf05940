/**
 * HTML article page → ParsedDocument.
 *
 * A government article page is mostly chrome (site header, navigation, breadcrumb, the 信息公开
 * info box with 索引号/发布机构/发布日期, share bars, footer) around one body: the report. The
 * reader finds that body (known CMS containers first, text density when none is found), then
 * turns it into blocks in document order: paragraphs, and tables whose rowspan/colspan are
 * expanded into a rectangular grid (the HTML table model, WHATWG HTML §4.9.12 "Processing model").
 *
 * It knows HTML and CMS page shapes, never the annual-report template: row labels, headings and
 * numbers are for `src/extract/`.
 *
 * The tree is the browser's (./html/tree.ts): a page cut short, unclosed cells or stray tags are
 * repaired the way a browser repairs them, by parse5 (through cheerio); a page that needs no repair
 * is built directly, to the same tree, at a fraction of the cost. Either way every paragraph and
 * cell gets the 1-based line of the decoded text it starts on.
 */
import { position, type Block, type Figure, type GridCell, type PageInfo, type ParsedDocument, type Table } from "./model/document.js";
import { NianbaoError } from "./model/errors.js";
import { placeOf } from "./model/message.js";
import { note, type ReaderMessage } from "./model/notes.js";
import { result, type ReadResult } from "./model/result.js";
import { decodeInput, type Decoded, type TextInput } from "./decode.js";
import { BLOCK_ELEMENTS, INVISIBLE, childrenOf, isElement, normaliseText, someDescendant, tagName, visibleText, walkTree, type HtmlNode } from "./html/text.js";
import { flattenDeep, lineAt } from "./html/flatten.js";
import { SelectorTable } from "./html/selectors.js";
import { directTree, parse5Tree, type PageTree } from "./html/tree.js";
import { checkBlocks, resolveLimits, tooManyCells, type LimitOptions, type ReadLimits } from "./limits.js";
import { textBlocks } from "./text.js";

export interface ReadHtmlOptions {
  /** The HTTP Content-Type header, when the page came from the web (charset evidence). */
  contentType?: string | null;
  /**
   * The readers' limits (./limits.ts): elements nested past maxDepth are read flattened
   * (HTML_FLATTENED); a page of more than maxElements elements fails (too-large), and so does a
   * table whose grid passes maxTableCells (too-many-cells).
   */
  limits?: LimitOptions;
  /** false: always build the tree with parse5 (./html/tree.ts; for the tests that compare the two builds). */
  directTree?: boolean;
}

type HNode = HtmlNode;

// ---------------------------------------------------------------------------------------------
// Data tables: where bodies live, and what is known noise. Staying silent about an element is a
// decision recorded here, not an accident of the walker.
// ---------------------------------------------------------------------------------------------

/**
 * Containers that hold an article's body on the CMSes government sites run. Tier 1 names a body
 * outright; tier 2 are generic names that also wrap chrome. The first tier with a non-empty
 * candidate wins; within it, the candidate with most text (then the innermost one that still
 * holds nearly all of it).
 */
const CONTENT_CONTAINERS: readonly { selector: string; tier: 1 | 2; seenOn: string }[] = [
  { selector: ".TRS_Editor", tier: 1, seenOn: "TRS WCM article pages (Word paste lands here)" },
  { selector: ".TRS_UEDITOR, .trs_editor_view", tier: 1, seenOn: "TRS UEditor pages (reference/sites/trs_ueditor_*)" },
  { selector: 'div[id^="TRS_AUTOADD"]', tier: 1, seenOn: "TRS auto-added wrapper (reference/sites/trs_article_csrc_*)" },
  { selector: "#UCAP-CONTENT", tier: 1, seenOn: "开普云 Ucap pages" },
  { selector: "#zoom, #Zoom, .zoom", tier: 1, seenOn: "the font-size 'zoom' box of many CMSes" },
  { selector: ':has(> meta[name="ContentStart"])', tier: 1, seenOn: "national 政府网站 ContentStart/ContentEnd markers" },
  { selector: ".xxgk_content, .xxgk-content, .xxgk_detail", tier: 1, seenOn: "信息公开 platform article pages" },
  { selector: ".article-content, .article_content, .articleContent, .art_con", tier: 1, seenOn: "generic article templates" },
  { selector: ".pages_content", tier: 1, seenOn: "www.gov.cn article pages" },
  { selector: ".zw, #zw, .zwnr, #zwnr, .news_content, .detail-content, .wz_content, #content", tier: 2, seenOn: "正文 boxes" },
  { selector: ".view, .content, .article, article, .detail, main", tier: 2, seenOn: "generic wrappers (may hold chrome too)" },
];

/** Elements never read as body text, with the reason. */
const IGNORED_ELEMENTS: readonly { selector: string; why: string }[] = [
  { selector: "script, noscript, template", why: "code; TRS pages write attachment tables from JS strings" },
  { selector: "style, link, meta, title, head", why: "presentation and metadata, read separately" },
  { selector: "iframe, frame, object, embed, svg, canvas, audio, video, map", why: "embedded content" },
  { selector: "nav, header, footer", why: "site navigation, banner and footer" },
  { selector: "#header, .header, #nav, .nav, .menu, #footer, .footer, .foot", why: "the same chrome in pre-HTML5 templates" },
  { selector: "input, select, option, textarea, button", why: "form controls (search box, font-size switch)" },
  {
    selector: ".xxgk_table, .xxgk-table, .xxgktable, .infobox, .info-box, .xxgk_info, .xxgk-info, .xxgkinfo, .xxgk_top, .zwgk_top",
    why: "信息公开 info box (索引号/发布机构/成文日期): page metadata, not the report",
  },
  { selector: ".breadcrumb, .crumb, .crumbs, .position, .location, .weizhi, .dqwz, .bread", why: "breadcrumb (当前位置)" },
  { selector: ".share, .bdsharebuttonbox, .fenxiang, .article-tools, .print, .dyzt", why: "share / print / close bars" },
];

/** An inline style or attribute that hides an element from readers of the page. */
const HIDDEN = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all)/i;

/**
 * Labels of the 信息公开 metadata box. An element holding at least INFO_BOX_MIN_LABELS of them in
 * little text is an info box even without a known class (reference/sites/xxgk_article_handan_*:
 * `div.top` with 索引号/发布机构/文号/主题分类/发布日期).
 */
const INFO_BOX_LABELS = [
  "索引号", "发布机构", "成文日期", "发布日期", "主题分类", "文号", "发文字号", "生成日期",
  "有效性", "公开方式", "公开范围", "组配分类", "体裁分类", "发文机关", "公开时限", "信息来源",
] as const;
const INFO_BOX_MIN_LABELS = 3;
const INFO_BOX_MAX_CHARS = 400;
/** The elements that may be an info box (markInfoBoxes). */
const INFO_BOX_ELEMENTS: ReadonlySet<string> = new Set(["table", "div", "ul", "dl", "section"]);

/** The selector tables, compiled once (./html/selectors.ts). */
const IGNORED_TABLE = new SelectorTable(IGNORED_ELEMENTS.map((e) => e.selector));
const CONTAINER_TABLE = new SelectorTable(CONTENT_CONTAINERS.map((c) => c.selector));

/**
 * Block children that do not make their parent a container of blocks for the fallback body
 * search: a line break (a paragraph with <br> is still one paragraph), and chrome, which is
 * ignored anyway.
 */
const NOT_CONTAINERS_OF_BLOCKS: ReadonlySet<string> = new Set(["br", "nav", "header", "footer"]);

/** Fallback body search: descend into a child while it carries this share of its parent's score. */
const DESCEND_SHARE = 0.85;
/** Prefer an inner tier-1 candidate that holds this share of the outer one's text. */
const INNER_SHARE = 0.9;
/** Chinese sentence punctuation: prose has it, menus do not. */
const CJK_PUNCTUATION = /[，。；：、！？]/g;

/** Word's "Save as Web Page" adds a zero-height row of width-setting cells inside this comment. */
const WORD_MISALIGNED_COLUMNS = /^\[if !supportMisalignedColumns\]$/;

/**
 * HTML caps (WHATWG HTML "Processing model" of tables): colspan ≤ 1000, rowspan ≤ 65534. They
 * bound one cell; the grid as a whole is bounded by maxTableCells (../limits.ts): 1,000 cells of
 * colspan=1000 over 2,000 rows, or 65,000 one-cell rows of rowspan=65534, ask for billions of slots.
 */
const MAX_COLSPAN = 1000;
const MAX_ROWSPAN = 65534;

/** Elements whose text keeps its line breaks (white-space: pre in the UA style sheet, WHATWG HTML §15.3.3). */
const PREFORMATTED: ReadonlySet<string> = new Set(["pre", "listing", "xmp", "plaintext"]);

// ---------------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// The reader
// ---------------------------------------------------------------------------------------------

export function readHtml(input: TextInput, options: ReadHtmlOptions = {}): ReadResult {
  const limits = resolveLimits(options.limits);
  if (input instanceof Uint8Array ? isBlank(input) : input.text.trim() === "") {
    throw new NianbaoError("EMPTY_INPUT", "parse", "the page is empty (no bytes, or only whitespace)");
  }
  let decoded: Decoded;
  try {
    decoded = decodeInput(input, { contentType: options.contentType ?? null, sniffMeta: true });
  } catch (e) {
    // decodeText speaks for the read stage; for the caller of a reader every fatal error is a parse error.
    if (e instanceof NianbaoError) throw new NianbaoError(e.code, "parse", e.message, e.context);
    throw e;
  }
  const text = decoded.text;
  if (normaliseText(text) === "") throw new NianbaoError("EMPTY_INPUT", "parse", "the page decodes to whitespace only", { encoding: decoded.encoding });

  const messages: ReaderMessage[] = [...decoded.messages];
  // A page that needs no repair and stays inside the caps is built directly (./html/tree.ts).
  // Any other goes to parse5, its deep nesting flattened first (./html/flatten.ts): parsing stays
  // linear, and no walk below goes deeper than the cap.
  let tree = options.directTree === false ? null : directTree(text, limits);
  if (tree === null) {
    const flat = flattenDeep(text, limits.maxDepth, limits.maxElements);
    if (flat.elements > 0) {
      messages.push(note("HTML_FLATTENED", { max: limits.maxDepth, count: flat.elements }, { line: lineAt(text, flat.firstOffset) }));
    }
    tree = parse5Tree(flat.text);
  }
  const page = new Page(tree);
  const elementLine = (n: HNode) => tree.lineOf(n);

  if (/<(?:html|body)[\s>]/i.test(text) && !/<\/(?:html|body)\s*>/i.test(text)) {
    messages.push(note("HTML_UNCLOSED", {}, { line: text.split("\n").length }));
  }

  const found = page.findBody();
  if (found.how === "scored") {
    messages.push(note("CONTENT_SCORED", { root: describe(found.root) }, placeOf({ line: elementLine(found.root) })));
  }
  const writer = new BlockWriter(page, messages, limits);
  writer.walk(found.root);
  writer.flush();

  if (writer.blocks.length === 0) {
    throw new NianbaoError("PARSE_FAILED", "parse", "no body text found in the page", { encoding: decoded.encoding, root: describe(found.root) });
  }
  if (writer.images > 0) {
    messages.push(note("IMAGES_IN_BODY", { count: writer.images }, placeOf({ line: writer.firstImageLine })));
  }

  const doc: ParsedDocument = {
    format: "html",
    metaTitle: page.metaTitle(),
    publishedAt: page.publishedAt(),
    blocks: writer.blocks,
    reader: { method: "cheerio" },
    pageInfo: page.pageInfo(found.root),
    figures: writer.figures,
  };
  return result(doc, messages);
}

function isBlank(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) return false;
  return true;
}

/** "div#zoom.TRS_Editor" — for messages. */
function describe(n: HNode): string {
  if (!isElement(n)) return n.type;
  const id = n.attribs?.id ? `#${n.attribs.id}` : "";
  const cls = n.attribs?.class ? "." + n.attribs.class.trim().split(/\s+/).join(".") : "";
  return `${tagName(n)}${id}${cls}`;
}

// ---------------------------------------------------------------------------------------------
// Page: the parsed tree, what to ignore, where the body is, the chrome's title and date.
// ---------------------------------------------------------------------------------------------

class Page {
  readonly ignored = new Set<HNode>();
  private readonly weights = new Map<HNode, number>();
  /** Per CONTENT_CONTAINERS entry, the elements it matches, in document order. */
  private readonly containers: HNode[][] = CONTENT_CONTAINERS.map(() => []);
  private readonly metas: HNode[] = [];
  private firstTitle: HNode | null = null;
  private firstBody: HNode | null = null;

  constructor(readonly tree: PageTree) {
    // One walk over the tree classifies every element against all the selector tables at once
    // (compiled once per process, below): a selector pass per table entry walked a 1,600-element
    // page twenty times and compiled each selector anew, half the reader's time (issue 10).
    const infoBoxCandidates: HNode[] = [];
    walkTree(this.root, (n) => {
      if (!isElement(n)) return n.type === "root";
      if (IGNORED_TABLE.matches(n).length > 0) this.ignored.add(n);
      else if (n.attribs && ("hidden" in n.attribs || HIDDEN.test(n.attribs.style ?? ""))) this.ignored.add(n);
      const name = tagName(n);
      if (INFO_BOX_ELEMENTS.has(name)) infoBoxCandidates.push(n);
      else if (name === "meta") this.metas.push(n);
      else if (name === "title") this.firstTitle ??= n;
      else if (name === "body") this.firstBody ??= n;
      for (const i of CONTAINER_TABLE.matches(n)) this.containers[i]!.push(n);
      return true;
    });
    this.markInfoBoxes(infoBoxCandidates);
  }

  private get root(): HNode {
    return this.tree.root;
  }

  get body(): HNode {
    return this.firstBody ?? this.root;
  }

  isIgnored(n: HNode): boolean {
    return this.ignored.has(n);
  }

  /**
   * Non-blank characters of visible text under n (ignored subtrees excluded). Memoised: the first
   * call weighs the whole subtree in one walk, every node of it at once.
   */
  weight(n: HNode): number {
    const memo = this.weights.get(n);
    if (memo !== undefined) return memo;
    const sums: number[] = [0];
    walkTree(
      n,
      (x) => {
        const known = this.weights.get(x);
        let w: number | undefined = known;
        if (w === undefined && this.isIgnored(x)) w = 0;
        if (w === undefined && x.type === "text") w = (x.data ?? "").replace(/\s+/g, "").length;
        if (w === undefined) {
          sums.push(0);
          return true;
        }
        this.weights.set(x, w);
        sums[sums.length - 1]! += w;
        return false;
      },
      (x) => {
        const w = sums.pop()!;
        this.weights.set(x, w);
        sums[sums.length - 1]! += w;
      },
    );
    return this.weights.get(n) ?? 0;
  }

  /** Visible text under n (./html/text.ts); ignoredToo reads info boxes as well. */
  textOf(n: HNode, ignoredToo = false): string {
    return visibleText(n, ignoredToo ? undefined : (x) => this.isIgnored(x));
  }

  /**
   * Outermost small elements that carry several info-box labels. A small element without them
   * settles its subtree: an element inside it has a part of its text, so no more labels; each
   * text is read once, however deep the small elements nest.
   */
  private markInfoBoxes(candidates: readonly HNode[]): void {
    const settled = new Set<HNode>();
    for (const el of candidates) {
      if (this.hasAncestorOrSelfIn(el, this.ignored) || this.hasAncestorOrSelfIn(el, settled)) continue;
      const w = this.weight(el);
      if (w === 0 || w > INFO_BOX_MAX_CHARS) continue;
      const text = this.textOf(el);
      const labels = INFO_BOX_LABELS.filter((l) => text.includes(l)).length;
      if (labels >= INFO_BOX_MIN_LABELS) this.ignored.add(el);
      else settled.add(el);
    }
    this.weights.clear(); // weights computed before the marks are stale
  }

  private hasIgnoredAncestorOrSelf(n: HNode): boolean {
    return this.hasAncestorOrSelfIn(n, this.ignored);
  }

  private hasAncestorOrSelfIn(n: HNode, set: ReadonlySet<HNode>): boolean {
    if (set.size === 0) return false;
    for (let x: HNode | null = n; x; x = x.parent) if (set.has(x)) return true;
    return false;
  }

  findBody(): { root: HNode; how: "container" | "scored" } {
    for (const tier of [1, 2] as const) {
      const candidates = CONTENT_CONTAINERS.flatMap((c, i) => (c.tier === tier ? this.containers[i]! : []))
        .filter((el) => !this.hasIgnoredAncestorOrSelf(el) && this.weight(el) > 0);
      if (candidates.length === 0) continue;
      let best = candidates.reduce((a, b) => (this.weight(b) > this.weight(a) ? b : a));
      // #zoom around .TRS_Editor: both match; the inner one is the body proper.
      for (;;) {
        const outer = best;
        const inner = candidates.find((c) => c !== outer && contains(outer, c) && this.weight(c) >= INNER_SHARE * this.weight(outer));
        if (!inner) break;
        best = inner;
      }
      return { root: best, how: "container" };
    }
    return { root: this.scoredBody(), how: "scored" };
  }

  /**
   * No known container: start at <body> and descend while one child carries most of the content
   * score. The score counts prose characters and Chinese punctuation, and nothing for link text,
   * so navigation, link lists and short footers lose to the report.
   */
  private scoredBody(): HNode {
    const scores = new Map<HNode, number>();
    const sums: number[] = [0];
    let links = 0; // <a> elements entered and not yet left: their text scores nothing
    let node = this.body;
    walkTree(
      node,
      (n) => {
        if (n.type === "text") {
          const d = n.data ?? "";
          if (links === 0) sums[sums.length - 1]! += d.replace(/\s+/g, "").length + 3 * (d.match(CJK_PUNCTUATION)?.length ?? 0);
          return false;
        }
        if ((!isElement(n) && n.type !== "root") || this.isIgnored(n)) return false;
        if (tagName(n) === "a") links++;
        sums.push(0);
        return true;
      },
      (n) => {
        if (tagName(n) === "a") links--;
        const s = sums.pop()!;
        scores.set(n, s);
        sums[sums.length - 1]! += s;
      },
    );
    for (;;) {
      const total = scores.get(node) ?? 0;
      let best: HNode | null = null;
      for (const c of childrenOf(node)) {
        if (!isElement(c) || !this.mayDescendInto(c)) continue;
        if (!best || (scores.get(c) ?? 0) > (scores.get(best) ?? 0)) best = c;
      }
      if (!best || total === 0 || (scores.get(best) ?? 0) < DESCEND_SHARE * total) return node;
      node = best;
    }
  }

  /**
   * Only containers of blocks are candidates: never a paragraph or an inline run (a long paragraph
   * would otherwise outweigh its heading), and never a data table, which is one unit.
   */
  private mayDescendInto(n: HNode): boolean {
    const name = tagName(n);
    if (!childrenOf(n).some((c) => isElement(c) && BLOCK_ELEMENTS.has(tagName(c)) && !NOT_CONTAINERS_OF_BLOCKS.has(tagName(c)))) return false;
    if (name === "table") return isLayoutTable(n);
    if (["tbody", "thead", "tfoot", "tr", "td", "th"].includes(name)) {
      const table = ancestor(n, "table");
      return table !== null && isLayoutTable(table);
    }
    return true;
  }

  metaTitle(): string | null {
    const title = this.firstTitle ? normaliseText((this.firstTitle.children ?? []).map((c) => c.data ?? "").join("")) : "";
    if (title) return title;
    for (const m of this.metas) {
      const key = (m.attribs?.property ?? m.attribs?.name ?? "").toLowerCase();
      if (key === "og:title" || key === "articletitle") {
        const v = normaliseText(m.attribs?.content ?? "");
        if (v) return v;
      }
    }
    return null;
  }

  /** meta PubDate (national 政府网站 tags) first, then a 发布日期/发布时间 label in the page text. */
  publishedAt(): string | null {
    for (const m of this.metas) {
      const key = (m.attribs?.name ?? m.attribs?.property ?? "").toLowerCase();
      if (PUBDATE_META.has(key)) {
        const d = parseDate(m.attribs?.content ?? "");
        if (d) return d;
      }
    }
    const m = PUBDATE_LABEL.exec(this.textOf(this.body, true));
    return m?.[1] ? parseDate(m[1]) : null;
  }

  /**
   * Text of the page's chrome: everything outside the body, and the parts inside it that are
   * ignored (an info box in the article container) — never the report's own words.
   */
  chromeText(root: HNode): string {
    const parts: string[] = [];
    let inRoot = 0; // the body root entered and not yet left
    let inChrome = 0; // ignored elements entered and not yet left
    const isBlock = (x: HNode): boolean => BLOCK_ELEMENTS.has(tagName(x)) || tagName(x) === "br";
    walkTree(
      this.body,
      (x) => {
        if (x.type === "text") {
          if (inRoot === 0 || inChrome > 0) parts.push(x.data ?? "");
          return false;
        }
        if (!isElement(x) && x.type !== "root") return false;
        if (x.type === "script" || x.type === "style") return false;
        if (x === root) inRoot++;
        if (this.isIgnored(x)) inChrome++;
        if (isBlock(x)) parts.push(" ");
        return true;
      },
      (x) => {
        if (x === root) inRoot--;
        if (this.isIgnored(x)) inChrome--;
        if (isBlock(x)) parts.push(" ");
      },
    );
    return normaliseText(parts.join(""));
  }

  /** The info box's 发布机构 and 来源 (in the page's chrome) and the ContentSource / SiteName meta tags. */
  pageInfo(root: HNode): PageInfo {
    const text = this.chromeText(root);
    const meta = (name: string): string | null => {
      for (const m of this.metas) {
        if ((m.attribs?.name ?? "").toLowerCase() === name) {
          const v = normaliseText(m.attribs?.content ?? "");
          if (v) return v;
        }
      }
      return null;
    };
    return {
      publisher: labelled(text, PUBLISHER_LABEL),
      source: labelled(text, SOURCE_LABEL),
      contentSource: meta("contentsource"),
      siteName: meta("sitename"),
    };
  }
}

/** Info-box labels whose value names a body (the value runs to the next label or space). */
const PUBLISHER_LABEL = /(?:发布机构|发文机关|发布单位|公开主体)\s*[:：]?\s*/;
const SOURCE_LABEL = /(?:信息来源|来源)\s*[:：]\s*/;
const NEXT_LABEL = new RegExp(`(?:${[...INFO_BOX_LABELS, "来源", "发布时间", "浏览次数", "访问量", "作者", "字号"].join("|")})`);

function labelled(text: string, label: RegExp): string | null {
  const m = label.exec(text);
  if (!m) return null;
  const rest = text.slice(m.index + m[0].length);
  const value = (/^[^\s:：]+/.exec(rest)?.[0] ?? "").split(NEXT_LABEL)[0] ?? "";
  return value.length >= 2 ? value : null;
}

const PUBDATE_META = new Set(["pubdate", "publishdate", "firstpublishedtime", "article:published_time", "dc.date.issued"]);
const DATE = String.raw`(\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2})`;
const PUBDATE_LABEL = new RegExp(String.raw`(?:发布日期|发布时间|公开日期|发布于)\s*[:：]?\s*` + DATE);

/** "2020年08月02日", "2026-10-15 15:38:41", "2020/1/5" → "YYYY-MM-DD"; null when not a date. */
function parseDate(s: string): string | null {
  const m = /(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function contains(outer: HNode, inner: HNode): boolean {
  for (let x = inner.parent; x; x = x.parent) if (x === outer) return true;
  return false;
}

function ancestor(n: HNode, name: string): HNode | null {
  for (let x = n.parent; x; x = x.parent) if (isElement(x) && tagName(x) === name) return x;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------------

/** The <tr> of this table (direct, or in its own thead/tbody/tfoot), Word's sizing row left out. */
function ownRows(table: HNode): HNode[] {
  const rows: HNode[] = [];
  const take = (parent: HNode): void => {
    let afterWordSizingMarker = false;
    for (const c of childrenOf(parent)) {
      if (c.type === "comment") {
        afterWordSizingMarker = WORD_MISALIGNED_COLUMNS.test((c.data ?? "").trim());
        continue;
      }
      if (!isElement(c)) continue;
      const name = tagName(c);
      if (name === "tr") {
        if (!afterWordSizingMarker) rows.push(c);
      } else if (name === "thead" || name === "tbody" || name === "tfoot") take(c);
    }
  };
  take(table);
  return rows;
}

const ownCells = (tr: HNode): HNode[] => childrenOf(tr).filter((c) => isElement(c) && (tagName(c) === "td" || tagName(c) === "th"));

/**
 * A table that holds tables, or a single cell, is page layout: its cells are read as running
 * blocks, so a layout table wrapping the report never swallows the report's data tables.
 */
function isLayoutTable(table: HNode): boolean {
  const cells = ownRows(table).flatMap(ownCells);
  if (cells.length <= 1) return true;
  return cells.some((cell) => hasDescendant(cell, "table"));
}

function hasDescendant(n: HNode, name: string): boolean {
  return someDescendant(n, (c) => isElement(c) && tagName(c) === name);
}

function spanAttr(el: HNode, attr: "rowspan" | "colspan", max: number): number {
  const v = Number.parseInt(el.attribs?.[attr] ?? "", 10);
  if (!Number.isFinite(v) || v < 0) return 1;
  if (v === 0) return attr === "rowspan" ? 0 : 1; // rowspan=0: to the end of the table (resolved by the caller)
  return Math.min(v, max);
}

// ---------------------------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------------------------

class BlockWriter {
  readonly blocks: Block[] = [];
  readonly figures: Figure[] = [];
  images = 0;
  firstImageLine: number | null = null;
  private tableCount = 0;
  private run = "";
  private runLine: number | null = null;
  /** Tables entered as data tables: their grid is built when the walk leaves them. */
  private readonly dataTables = new Set<HNode>();

  constructor(
    private readonly page: Page,
    private readonly messages: ReaderMessage[],
    private readonly limits: ReadLimits,
  ) {}

  /** The line a node starts on (./html/tree.ts). */
  private line(n: HNode): number | null {
    return this.page.tree.lineOf(n);
  }

  private add(b: Block): void {
    checkBlocks(this.blocks.length + 1, this.limits);
    this.blocks.push(b);
  }

  flush(): void {
    const text = normaliseText(this.run);
    if (text) this.add({ type: "paragraph", text, pos: position({ line: this.runLine }) });
    this.run = "";
    this.runLine = null;
  }

  /** The blocks under n, in document order (./html/text.ts walkTree: no recursion). */
  walk(n: HNode): void {
    walkTree(
      n,
      (x) => this.enter(x),
      (x) => this.leave(x),
    );
  }

  private enter(n: HNode): boolean | HNode[] {
    if (n.type === "text") {
      const data = n.data ?? "";
      if (this.runLine === null && /\S/.test(data.replace(INVISIBLE, ""))) this.runLine = this.page.tree.textLine(n);
      this.run += data;
      return false;
    }
    if (!isElement(n) && n.type !== "root") return false;
    if (this.page.isIgnored(n)) return false;
    const name = tagName(n);
    if (name === "br") {
      this.flush();
      return false;
    }
    if (name === "img") {
      this.image(n);
      return false;
    }
    if (PREFORMATTED.has(name)) {
      this.flush();
      this.preformatted(n);
      return false;
    }
    if (name === "table") {
      this.flush();
      const captions = childrenOf(n).filter((c) => tagName(c) === "caption");
      // A layout table's cells are read as running blocks (td and th are blocks: each is flushed).
      if (isLayoutTable(n)) return [...captions, ...ownRows(n).flatMap(ownCells)];
      this.dataTables.add(n);
      return captions;
    }
    if (BLOCK_ELEMENTS.has(name)) this.flush();
    return true;
  }

  private leave(n: HNode): void {
    if (this.dataTables.delete(n)) {
      this.flush();
      this.table(n);
      return;
    }
    if (tagName(n) !== "table" && BLOCK_ELEMENTS.has(tagName(n))) this.flush();
  }

  private image(n: HNode): void {
    this.images++;
    this.firstImageLine ??= this.line(n);
    const src = (n.attribs?.src ?? n.attribs?.["data-src"] ?? "").trim();
    if (src) this.figures.push({ src, alt: normaliseText(n.attribs?.alt ?? ""), before: this.blocks.length, pos: position({ line: this.line(n) }) });
  }

  /**
   * A <pre> keeps its line breaks: its text is read by the text reader's rules (../text.ts
   * textBlocks), line by line, tab-separated rows as tables — a report pasted into a page as
   * preformatted text reads as the text file it was.
   */
  private preformatted(pre: HNode): void {
    const { text, firstLine } = this.preText(pre);
    const lines = text.replace(INVISIBLE, "").split("\n");
    const base = firstLine ?? this.line(pre) ?? 1;
    const { blocks, tables } = textBlocks(lines, { from: 0, lineBase: base - 1, firstTable: this.tableCount, blocksBefore: this.blocks.length, limits: this.limits });
    this.blocks.push(...blocks);
    this.tableCount += tables;
  }

  /** The text of a preformatted element as printed: line breaks kept, <br> and nested blocks as line breaks. */
  private preText(pre: HNode): { text: string; firstLine: number | null } {
    let text = "";
    let firstLine: number | null = null;
    walkTree(
      pre,
      (x) => {
        if (x.type === "text") {
          firstLine ??= this.line(x);
          text += x.data ?? "";
          return false;
        }
        if (!isElement(x) || x.type !== "tag" || this.page.isIgnored(x)) return false;
        const name = tagName(x);
        if (name === "br") text += "\n";
        else if (name === "img") this.image(x);
        else if (x !== pre && BLOCK_ELEMENTS.has(name)) text += "\n";
        return name !== "br" && name !== "img";
      },
      (x) => {
        if (x !== pre && BLOCK_ELEMENTS.has(tagName(x))) text += "\n";
      },
    );
    return { text, firstLine };
  }

  /**
   * A data table → its grid, spans expanded. The slots are counted as they are laid: a cell whose
   * span would pass the cell cap, or a grid whose rows × width would, fails the read
   * (too-many-cells) before the slots are made.
   */
  private table(el: HNode): void {
    const index = this.tableCount;
    const trs = ownRows(el);
    const max = this.limits.maxTableCells;
    const tooMany = () => tooManyCells({ table: index, rows: trs.length, line: this.line(el) }, this.limits);
    const grid: (GridCell | undefined)[][] = trs.map(() => []);
    let slots = 0;
    let clippedAt: ReturnType<typeof placeOf> | undefined;
    trs.forEach((tr, r) => {
      let c = 0;
      for (const td of ownCells(tr)) {
        const row = grid[r]!;
        while (row[c] !== undefined) c++;
        let rowSpan = spanAttr(td, "rowspan", MAX_ROWSPAN);
        const colSpan = spanAttr(td, "colspan", MAX_COLSPAN);
        const remaining = trs.length - r;
        if (rowSpan === 0) rowSpan = remaining;
        else if (rowSpan > remaining) {
          rowSpan = remaining;
          // The first cell clipped is where the auditor looks: its line and grid slot.
          clippedAt ??= placeOf({ line: this.line(td), table: index, row: r, col: c });
        }
        if (slots + rowSpan * colSpan > max || c + colSpan > max) throw tooMany();
        const text = this.cellText(td);
        const line = this.line(td);
        for (let dr = 0; dr < rowSpan; dr++) {
          for (let dc = 0; dc < colSpan; dc++) {
            const slotRow = r + dr;
            const slotCol = c + dc;
            const target = grid[slotRow]!;
            // Overlapping spans (a cell placed where an earlier rowspan reaches): the HTML model
            // keeps the first cell in the slot.
            if (target[slotCol] !== undefined) continue;
            slots++;
            target[slotCol] = {
              text,
              originRow: r,
              originCol: c,
              rowSpan,
              colSpan,
              pos: position({ line, table: index, row: slotRow, col: slotCol }),
            };
          }
        }
        c += colSpan;
      }
    });
    let width = 0;
    for (const row of grid) width = Math.max(width, row.length);
    if (width === 0) return; // a table with no cells: nothing to read, no index spent
    if (width * grid.length > max) throw tooMany();
    let ragged = false;
    const rows: GridCell[][] = grid.map((row, r) =>
      Array.from({ length: width }, (_, c) => {
        const slot = row[c];
        if (slot) return slot;
        ragged = true;
        return { text: "", originRow: r, originCol: c, rowSpan: 1, colSpan: 1, pos: position({ table: index, row: r, col: c }) };
      }),
    );
    this.tableCount++;
    if (clippedAt !== undefined) this.messages.push(note("ROWSPAN_CLIPPED", { table: index + 1 }, clippedAt));
    if (ragged) {
      this.messages.push(note("TABLE_RAGGED", { table: index + 1, cause: { zh: "有的行单元格较少", en: "some rows have fewer cells" } }, placeOf({ line: this.line(el), table: index })));
    }
    const table: Table = { type: "table", index, rows, pos: position({ line: this.line(el), table: index }) };
    this.add(table);
  }

  /** Cell text: <br> and block children start new lines (so do a <pre>'s line breaks); blank lines dropped; &nbsp; is blank. */
  private cellText(td: HNode): string {
    const lines: string[] = [];
    let cur = "";
    let pre = 0; // preformatted elements entered and not yet left
    const newline = (): void => {
      lines.push(cur);
      cur = "";
    };
    walkTree(
      td,
      (n) => {
        if (n === td) return true;
        if (n.type === "text") {
          const data = n.data ?? "";
          if (pre === 0) cur += data;
          else {
            const parts = data.split("\n");
            parts.forEach((part, i) => {
              if (i > 0) newline();
              cur += part;
            });
          }
          return false;
        }
        if (!isElement(n) || this.page.isIgnored(n)) return false;
        const name = tagName(n);
        if (name === "br") {
          newline();
          return false;
        }
        if (name === "img") {
          this.image(n);
          return false;
        }
        if (PREFORMATTED.has(name)) pre++;
        if (BLOCK_ELEMENTS.has(name)) newline();
        return true;
      },
      (n) => {
        if (n === td) return;
        if (PREFORMATTED.has(tagName(n))) pre--;
        if (BLOCK_ELEMENTS.has(tagName(n))) newline();
      },
    );
    newline();
    return lines
      .map(normaliseText)
      .filter((l) => l !== "")
      .join("\n");
  }
}
