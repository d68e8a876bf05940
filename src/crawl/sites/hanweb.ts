/**
 * 大汉 Hanweb (jcms) columns (crawling.md §2.3, reference/sites/hanweb_*).
 *
 * The column page `/col/col{ID}/index.html` embeds its first records as XML inside
 * `<script type="text/xml"><datastore>…<recordset><record><![CDATA[<li>…</li>]]></record>`, which
 * an HTML parser keeps as raw script text (the classic "Hanweb column yields 0 articles" bug,
 * crawling.md §4): the records are read from the text here. The rest come from
 * `/module/web/jpage/dataproxy.jsp`, in groups of `perPage × groupSize` records (45 = 3 display
 * pages of 15), as POST requests; its XML answer is read by `readHanwebProxy`.
 */
import type { ListingItem, ListingResult, PageRequest } from "../types.js";
import { itemsFromFragment } from "./items.js";
import { asText, callArguments, isObject, literalAssignments, type JsObject } from "./js-config.js";
import { scriptBodies, sections } from "./scan.js";
import { canonicalUrl, pathOf, resolveUrl } from "./urls.js";

const DEFAULT_PROXY = "/module/web/jpage/dataproxy.jsp";
const DEFAULT_PER_PAGE = 15;
const DEFAULT_GROUP_SIZE = 3;

/**
 * The form jpage posts besides the record range (reference/sites/hanweb_jpage_fixture_excerpts.txt
 * §B): values found in the page (nextgroup link, `param_<unitid>`, jpage options) replace these.
 */
const DEFAULT_FORM: Readonly<Record<string, string>> = {
  col: "1",
  appid: "1",
  path: "/",
  sourceContentType: "1",
  permissiontype: "0",
};

/** Form fields jpage sends, as read from the page's scripts (other keys of the option objects are UI). */
const FORM_KEYS: ReadonlySet<string> = new Set([
  "col", "appid", "webid", "path", "columnid", "sourceContentType", "unitid", "webname", "permissiontype",
]);

const NEXTGROUP = /<nextgroup>\s*<!\[CDATA\[[\s\S]*?href\s*=\s*["']([^"']+)["'][\s\S]*?\]\]>\s*<\/nextgroup>/;
const TOTAL_RECORD_XML = /<totalrecord>\s*(\d+)\s*<\/totalrecord>/i;
const TOTAL_PAGE_XML = /<totalpage>\s*(\d+)\s*<\/totalpage>/i;
const COLUMN_IN_URL = /\/col\/col(\d+)\//;

export interface HanwebColumn {
  records: ListingItem[];
  /** Records the page declares in all (jpage totalRecord, or the datastore's totalrecord). */
  totalRecord: number | null;
  perPage: number;
  groupSize: number;
  proxyUrl: string | null;
  form: Record<string, string> | null;
  /** The `nextgroup` link (GET form of the proxy), when present. */
  nextGroup: string | null;
}

/** Items of the CDATA records in `text` (column page or dataproxy answer), deduplicated by URL. */
export function hanwebRecords(text: string, baseUrl: string): ListingItem[] {
  const items: ListingItem[] = [];
  const seen = new Set<string>();
  const add = (html: string): void => {
    for (const item of itemsFromFragment(html, baseUrl, { mode: "record" })) {
      const key = canonicalUrl(item.url);
      if (seen.has(key)) continue;
      seen.add(key);
      items.push(item);
    }
  };
  // Scanned with indexOf, not /<record>…([\s\S]*?)…/g: linear on a page cut short (see scan.ts).
  for (const store of sections(text, "<datastore>", "</datastore>")) {
    const records = sections(store, "<record>", "</record>");
    // Shandong jpaas / 用友 variant: the CDATA of <li>s straight in the datastore, no <record>.
    for (const r of records.length ? records : [store]) for (const cdata of sections(r, "<![CDATA[", "]]>")) add(cdata);
  }
  return items;
}

/**
 * The text-valued fields of an options object (numbers printed), with those of the objects nested
 * in it (jpage's `ajaxParam: {columnid:…, unitid:…}` holds the form) after its own; arrays left out.
 */
function fields(o: JsObject, into: Record<string, string>, depth = 0): void {
  for (const [k, v] of Object.entries(o)) {
    const t = asText(v);
    if (t !== null) into[k] = t;
  }
  if (depth < 2) {
    for (const v of Object.values(o)) {
      if (!isObject(v)) continue;
      const inner: Record<string, string> = {};
      fields(v, inner, depth + 1);
      for (const [k, t] of Object.entries(inner)) if (!(k in into)) into[k] = t;
    }
  }
}

/** What the column page says about its records and how to ask for the rest. */
export function readHanwebColumn(text: string, url: string): HanwebColumn {
  const records = hanwebRecords(text, url);
  // `$('#212860').jpage({totalRecord:4895, perPage:19})` and `var param_212860 = {columnid:33718, …}`,
  // keys bare or quoted, read as literals (js-config.ts).
  const options: Record<string, string> = {};
  const params: Record<string, string> = {};
  for (const body of scriptBodies(text)) {
    if (body.includes("jpage")) for (const args of callArguments(body, "jpage")) if (isObject(args[0])) fields(args[0], options);
    if (body.includes("param_")) for (const a of literalAssignments(body)) if (a.target.length === 1 && a.target[0]!.startsWith("param_") && isObject(a.value)) fields(a.value, params);
  }

  const nextHref = NEXTGROUP.exec(text)?.[1]?.replace(/&amp;/g, "&") ?? null;
  const nextGroup = nextHref ? resolveUrl(nextHref, url) : null;

  const form: Record<string, string> = { ...DEFAULT_FORM };
  if (nextGroup) {
    // First occurrence wins (dingxi repeats appid); values stay as decoded once, so the
    // double-encoded webname goes back to the server as it came.
    const q = new URL(nextGroup).searchParams;
    for (const key of new Set(q.keys())) if (key !== "page") form[key] = q.get(key) ?? "";
  }
  for (const [k, v] of Object.entries({ ...options, ...params })) if (FORM_KEYS.has(k)) form[k] = v;
  if (!form.columnid) {
    const col = COLUMN_IN_URL.exec(pathOf(url))?.[1];
    if (col) form.columnid = col;
  }

  const total = int(options.totalRecord) ?? int(TOTAL_RECORD_XML.exec(text)?.[1]);
  const proxyPath = options.proxyUrl ?? (nextGroup ? new URL(nextGroup).pathname : DEFAULT_PROXY);
  return {
    records,
    totalRecord: total,
    perPage: int(options.perPage) ?? DEFAULT_PER_PAGE,
    groupSize: int(options.groupSize) ?? DEFAULT_GROUP_SIZE,
    proxyUrl: resolveUrl(proxyPath, url),
    form: form.columnid ? form : null,
    nextGroup,
  };
}

/**
 * The POST requests for the groups the page does not embed. The record range goes in the query
 * string, as jpage sends it, and again in the form (servers read either).
 */
export function hanwebGroupRequests(col: HanwebColumn): PageRequest[] {
  if (col.totalRecord === null || !col.proxyUrl || !col.form) return [];
  const span = Math.max(1, col.perPage * col.groupSize);
  const embedded = col.records.length;
  const out: PageRequest[] = [];
  for (let start = 1; start <= col.totalRecord; start += span) {
    const end = Math.min(start + span - 1, col.totalRecord);
    if (end <= embedded) continue; // every record of this group is already on the page
    const range = { startrecord: String(start), endrecord: String(end), perpage: String(col.perPage) };
    const u = new URL(col.proxyUrl);
    for (const [k, v] of Object.entries(range)) u.searchParams.set(k, v);
    out.push({ url: u.href, method: "POST", form: { ...col.form, ...range } });
  }
  return out;
}

export function readHanwebListing(text: string, url: string): ListingResult {
  if (isProxyAnswer(text)) return readHanwebProxy(text, url);
  const col = readHanwebColumn(text, url);
  const result: ListingResult = { adapter: "hanweb", items: col.records, pages: hanwebGroupRequests(col) };
  if (col.totalRecord !== null) {
    result.totalRecords = col.totalRecord;
    result.totalPages = Math.ceil(col.totalRecord / Math.max(1, col.perPage));
  } else if (col.nextGroup) {
    // The page does not say how many: walk the GET form of the proxy page by page.
    const next = col.nextGroup;
    result.pages = null;
    result.pageAfter = (n) => {
      if (!Number.isInteger(n) || n < 1) return null;
      const u = new URL(next);
      u.searchParams.set("page", String(n));
      return { url: u.href };
    };
  }
  return result;
}

/** A dataproxy answer: a datastore with a recordset, and no HTML page around it. */
export function isProxyAnswer(text: string): boolean {
  const head = text.trimStart().slice(0, 200);
  return /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<datastore>/i.test(head) || (/^<\?xml/i.test(head) && /<recordset>/i.test(text));
}

/**
 * A dataproxy.jsp answer: its records (relative links resolved against the proxy URL), and the
 * totals it declares. Records already seen (the previous group's last row that nhsa.gov.cn
 * repeats at the head of the next group) are left out when their URLs are passed in `seen`.
 */
export function readHanwebProxy(xmlText: string, url: string, seen: Iterable<string> = []): ListingResult {
  const known = new Set([...seen].map((u) => canonicalUrl(u)));
  const items = hanwebRecords(xmlText, url).filter((item) => !known.has(canonicalUrl(item.url)));
  const result: ListingResult = { adapter: "hanweb", items, pages: [] };
  const totalRecords = int(TOTAL_RECORD_XML.exec(xmlText)?.[1]);
  const totalPages = int(TOTAL_PAGE_XML.exec(xmlText)?.[1]);
  if (totalRecords !== null) result.totalRecords = totalRecords;
  if (totalPages !== null) result.totalPages = totalPages;
  return result;
}

function int(s: string | undefined): number | null {
  if (s === undefined || !/^\d+$/.test(s.trim())) return null;
  return Number(s.trim());
}
