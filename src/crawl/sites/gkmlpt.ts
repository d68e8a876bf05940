/**
 * Guangdong 政府信息公开平台 (gkmlpt): the column is a single-page app (`/gkmlpt/index#{col}`)
 * whose list comes from `/gkmlpt/api/all/{col}?page=N&sid={site}` as JSON
 * (crawling.md §2.4, reference/sites/gkmlpt_api_all_response_excerpt.json). page=0 and page=1
 * return the same articles: items are deduplicated by article id, and the pages declared after
 * page 0 or 1 start at 2.
 */
import type { ListingItem, ListingResult, PageRequest } from "../types.js";
import { normaliseDate } from "./dates.js";
import { cleanText } from "./dom.js";
import { asText, findKey, literalAssignments, scriptConfig } from "./js-config.js";
import { scriptBodies } from "./scan.js";
import { resolveUrl } from "./urls.js";

/** Where the fields live in the answers seen (the names differ between deployments). */
const FIELDS = {
  list: ["articles", "list", "data"],
  url: ["url", "post_url", "link"],
  title: ["title", "name"],
  date: ["date", "create_time", "created_at", "publish_time", "first_publish_time"],
  id: ["id", "post_id"],
  total: ["total", "count", "totalCount"],
} as const;

/** The names the SPA shell gives its site id, in `window._CONFIG` or a variable of its own. */
const SID_KEYS = ["SID", "sid"] as const;
const API_PATH = /\/gkmlpt\/api\/all\/(\d+)/;

type Json = Record<string, unknown>;

function pick(o: Json, keys: readonly string[]): unknown {
  for (const k of keys) if (o[k] !== undefined && o[k] !== null && o[k] !== "") return o[k];
  return undefined;
}

function asNumber(v: unknown): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && /^\d+$/.test(v.trim())) return Number(v);
  return null;
}

export function readGkmlpt(text: string, url: string): ListingResult {
  const trimmed = text.trimStart();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) return readGkmlptJson(text, url);
  return readGkmlptShell(text, url);
}

/** The SPA shell: no items; the API request for the column named in the URL's fragment. */
function readGkmlptShell(text: string, url: string): ListingResult {
  const result: ListingResult = { adapter: "gkmlpt", items: [], pages: [] };
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return result;
  }
  const column = /^#?(\d+)$/.exec(u.hash)?.[1];
  const sid = shellSid(text);
  const at = u.pathname.indexOf("/gkmlpt/");
  if (!column || at < 0) return result;
  const api = new URL(`${u.pathname.slice(0, at)}/gkmlpt/api/all/${column}`, u.origin);
  api.searchParams.set("page", "1");
  if (sid) api.searchParams.set("sid", sid);
  result.pages = [{ url: api.href }];
  return result;
}

/**
 * The site id the shell states: `window._CONFIG.SID = "758019"`, `window._CONFIG = {"SID":"758019", …}`
 * or `{SID: '758019'}` (issue 10: the quoted form was missed, and a column without its sid lists
 * nothing), else a variable of its own (`var sid = 758019`). Digits only.
 */
export function shellSid(text: string): string | null {
  const config = scriptConfig(text, "_CONFIG");
  const fromConfig = config ? asText(findKey(config, SID_KEYS)) : null;
  if (fromConfig && /^\d+$/.test(fromConfig)) return fromConfig;
  for (const body of scriptBodies(text)) {
    for (const a of literalAssignments(body)) {
      if (!(SID_KEYS as readonly string[]).includes(a.target.at(-1)!)) continue;
      const v = asText(a.value);
      if (v && /^\d+$/.test(v)) return v;
    }
  }
  return null;
}

function readGkmlptJson(text: string, url: string): ListingResult {
  const result: ListingResult = { adapter: "gkmlpt", items: [], pages: [] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return result;
  }
  const root: Json = Array.isArray(data) ? { articles: data } : typeof data === "object" && data !== null ? (data as Json) : {};
  const list = pick(root, FIELDS.list);
  const articles = Array.isArray(list) ? list.filter((a): a is Json => typeof a === "object" && a !== null) : [];

  const seenIds = new Set<string>();
  const seenUrls = new Set<string>();
  for (const a of articles) {
    const id = pick(a, FIELDS.id);
    const href = pick(a, FIELDS.url);
    const itemUrl = typeof href === "string" ? resolveUrl(href, url) : null;
    if (!itemUrl) continue;
    const idKey = id === undefined ? null : String(id);
    if ((idKey && seenIds.has(idKey)) || seenUrls.has(itemUrl)) continue;
    if (idKey) seenIds.add(idKey);
    seenUrls.add(itemUrl);
    const title = pick(a, FIELDS.title);
    const date = pick(a, FIELDS.date);
    const item: ListingItem = {
      url: itemUrl,
      title: typeof title === "string" ? cleanText(title) : "",
      listingDate: typeof date === "number" || typeof date === "string" ? normaliseDate(date) : null,
    };
    result.items.push(item);
  }

  const classify = root.classify;
  const total =
    asNumber(pick(root, FIELDS.total)) ??
    (typeof classify === "object" && classify !== null ? asNumber((classify as Json).post_count) : null);
  if (total !== null) result.totalRecords = total;

  if (articles.length === 0) return result; // an empty page declares nothing further
  let u: URL | null = null;
  try {
    u = new URL(url);
  } catch {
    /* no pages without a URL */
  }
  const current = u ? Math.max(1, asNumber(u.searchParams.get("page") ?? "1") ?? 1) : 1; // page 0 ≡ page 1
  // The page size is what a full page holds: page 1 is full whenever there are more pages.
  const pageSize = current === 1 ? articles.length : null;
  if (u && total !== null && pageSize) {
    const totalPages = Math.max(1, Math.ceil(total / pageSize));
    result.totalPages = totalPages;
    const pages: PageRequest[] = [];
    for (let k = 1; k <= totalPages; k++) {
      if (k === current) continue;
      const p = new URL(u.href);
      p.searchParams.set("page", String(k));
      pages.push({ url: p.href });
    }
    result.pages = pages;
  } else if (u && API_PATH.test(u.pathname)) {
    // No total, or a page other than the first: the walk goes on page by page until an empty one.
    const base = u.href;
    result.pages = null;
    result.pageAfter = (n) => {
      if (!Number.isInteger(n) || n < 1) return null;
      const p = new URL(base);
      p.searchParams.set("page", String(n));
      return { url: p.href };
    };
  }
  return result;
}
