/**
 * URLs: resolving what pages link, and the canonical form used as identity (crawling.md §2.10:
 * `http`/`https` and `index.html` vs `/` are one page; fragments and tracking parameters are not
 * part of it). Paths are otherwise left exactly as published: `/Col/` and `/col/` may differ.
 */

/**
 * Query parameters that only say where a visitor came from. Matched case-insensitively on the
 * name; `utm_` is a prefix.
 */
const TRACKING_PARAMS: ReadonlySet<string> = new Set([
  "spm", "from", "from_source", "fromsource", "frommodule", "isappinstalled", "scene", "clicktime", "enterid",
  "wxfrom", "wx_header", "share_source", "sharesource", "share_token", "vd_source", "gclid", "fbclid", "yclid",
  "mc_cid", "mc_eid", "_hsmi",
]);
const TRACKING_PREFIXES = ["utm_"] as const;

/** Directory index documents of the servers these sites run: `/a/index.html` is `/a/`. */
const INDEX_DOCUMENT = /\/index\.(?:html?|shtml)$/i;

/** Schemes a crawler may follow. */
const WEB_SCHEMES = new Set(["http:", "https:"]);

/** `href` resolved against `base`, fragment dropped; null for javascript:, mailto:, data:, "#" and garbage. */
export function resolveUrl(href: string | null | undefined, base: string): string | null {
  if (href === null || href === undefined) return null;
  const h = href.replace(/[\t\n\r]/g, "").trim(); // WHATWG URL strips these too; do it before testing "#"
  if (h === "" || h.startsWith("#")) return null;
  let u: URL;
  try {
    u = new URL(h, base);
  } catch {
    return null;
  }
  if (!WEB_SCHEMES.has(u.protocol)) return null;
  u.hash = "";
  return u.href;
}

export function isHttpUrl(s: string): boolean {
  try {
    return WEB_SCHEMES.has(new URL(s).protocol);
  } catch {
    return false;
  }
}

/** The URL's path without its query (`/col/col123/index.html`); the input itself when it is no URL. */
export function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** The lower-cased extension of the URL's last path segment ("pdf", "shtml"), or "". */
export function pathExtension(url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url.split(/[?#]/)[0] ?? "";
  }
  const last = path.slice(path.lastIndexOf("/") + 1);
  const dot = last.lastIndexOf(".");
  return dot > 0 ? last.slice(dot + 1).toLowerCase() : "";
}

/**
 * The identity of a URL: lower-case host (WHATWG URL does it), default port dropped, fragment
 * dropped, tracking parameters dropped (other parameters keep their order), a trailing
 * `index.html`/`index.htm`/`index.shtml` replaced by `/`, then the alias table applied.
 *
 * `aliases` folds schemes and hosts, e.g.
 *   { "http://www.example.gov.cn": "https://www.example.gov.cn",   // origin → origin
 *     "example.gov.cn": "www.example.gov.cn" }                      // host → host (scheme kept)
 * An origin key (with "://") is tried first, then the bare host. Unparseable input is returned trimmed.
 */
export function canonicalUrl(url: string, aliases: Readonly<Record<string, string>> = {}): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return url.trim();
  }
  u.hash = "";
  if (u.search) {
    // Filter the raw pairs: re-serialising through URLSearchParams would re-encode the others.
    const pairs = u.search.slice(1).split("&");
    const kept = pairs.filter((pair) => pair !== "" && !isTracking(paramName(pair)));
    if (kept.length !== pairs.length) u.search = kept.join("&");
  }
  if (INDEX_DOCUMENT.test(u.pathname)) u.pathname = u.pathname.replace(INDEX_DOCUMENT, "/");
  const byOrigin = aliases[u.origin];
  const byHost = aliases[u.host];
  if (byOrigin !== undefined) {
    const to = parseOrigin(byOrigin);
    if (to) {
      u.protocol = to.protocol;
      u.host = to.host;
    }
  } else if (byHost !== undefined && byHost !== "") {
    u.host = byHost.toLowerCase();
  }
  return u.href;
}

function paramName(pair: string): string {
  const raw = pair.split("=")[0] ?? "";
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return raw;
  }
}

function isTracking(name: string): boolean {
  const n = name.toLowerCase();
  return TRACKING_PARAMS.has(n) || TRACKING_PREFIXES.some((p) => n.startsWith(p));
}

function parseOrigin(s: string): URL | null {
  try {
    const u = new URL(s.includes("://") ? s : `https://${s}`);
    return WEB_SCHEMES.has(u.protocol) ? u : null;
  } catch {
    return null;
  }
}
