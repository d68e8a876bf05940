/**
 * Reading a response for what it is rather than what its status says (crawling.md §2.11, 2.12,
 * 2.15): anti-bot challenges, soft 404s, and redirect stubs.
 */

/**
 * Statuses that anti-bot gateways answer with (crawling.md §2.15): 瑞数 (RiverSecurity) 412 and
 * its 202 variant [reference/sites/antibot_412_ruishu_skeleton.http], 加速乐 (jsl) 521
 * [reference/sites/antibot_521_jsl_skeleton.http]. No government page is served with these.
 */
export const BLOCK_STATUSES: ReadonlySet<number> = new Set([202, 412, 521]);

/** Challenge markers: 瑞数's `$_ts` and `r='m'` script attributes, jsl's cookies. */
const CHALLENGE_MARKERS: ReadonlyArray<[string, RegExp]> = [
  ["$_ts", /\$_ts\s*(?:=|\.|\[)/],
  ["r='m'", /\sr\s*=\s*['"]m['"]/],
  ["__jsl_clearance", /__jsl_clearance/],
  ["__jsluid", /__jsluid/],
];

/** Block pages in plain words (WAFs of provincial platforms). */
const BLOCK_WORDS = /访问异常|访问被拒绝|访问受限|非法访问|请求被拦截|安全验证/;

/** Below this many visible characters a page holding challenge markers is only a challenge. */
export const REAL_BODY_CHARS = 200;

/** Text a reader would see: scripts, styles, comments and tags removed, whitespace dropped. */
export function visibleText(html: string): string {
  return html
    .replace(/<script\b[\s\S]*?(?:<\/script\s*>|$)/gi, " ")
    .replace(/<style\b[\s\S]*?(?:<\/style\s*>|$)/gi, " ")
    .replace(/<!--[\s\S]*?(?:-->|$)/g, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;|&#160;|&ensp;|&emsp;/gi, " ")
    .replace(/&[a-z]+;|&#\d+;/gi, "x")
    .replace(/\s+/g, "");
}

/**
 * Why a response is an anti-bot answer, or null. A status of 202/412/521 is one whatever the body;
 * otherwise challenge markers or block words count only when the page has no real body, because
 * some sites embed 瑞数's `$_ts` in every normal page.
 */
export function antiBotReason(status: number, text: string | null): string | null {
  if (BLOCK_STATUSES.has(status)) return `anti-bot status ${status}`;
  if (!text) return null;
  const markers = CHALLENGE_MARKERS.filter(([, re]) => re.test(text)).map(([name]) => name);
  const words = BLOCK_WORDS.exec(visibleText(text).slice(0, 2000));
  if (markers.length === 0 && !words) return null;
  const visible = visibleText(text).length;
  if (visible >= REAL_BODY_CHARS) return null;
  return markers.length > 0 ? `challenge markers ${markers.join(", ")} with ${visible} visible characters` : `block page "${words![0]}"`;
}

/** 200 pages that say the page does not exist (crawling.md §2.12). */
const NOT_FOUND_WORDS = /页面不存在|页面未找到|找不到(?:该|您要访问的)?页面|页面已(?:被)?删除|您访问的页面不存在|信息不存在|404\s*not\s*found|\b404\b.{0,20}(?:错误|页面)/i;

/** Short pages (a few hundred visible characters) whose title or text says "not found". */
export function softNotFoundReason(text: string): string | null {
  const visible = visibleText(text);
  if (visible.length > 500) return null;
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1] ?? "";
  const m = NOT_FOUND_WORDS.exec(title) ?? NOT_FOUND_WORDS.exec(visible);
  return m ? `soft 404: "${m[0]}"` : null;
}

const ROOT_PATHS = /^\/(?:(?:index|default|home|main)\.(?:s?html?|jsp|php|aspx?))?$/i;

/** The home page of a site: `/`, `/index.html`, `/default.aspx`… with no query. */
export function isSiteRoot(url: URL): boolean {
  return ROOT_PATHS.test(url.pathname) && url.search === "";
}

/**
 * A `<meta http-equiv="refresh" content="0;url=…">` in a page's head, resolved against the page
 * URL; null when there is none, it has no URL, or it points to the page itself.
 */
export function metaRefreshTarget(html: string, pageUrl: string): string | null {
  const head = html.slice(0, 8192);
  const tag = /<meta\b[^>]*http-equiv\s*=\s*["']?refresh["']?[^>]*>/i.exec(head)?.[0];
  if (!tag) return null;
  const content = /content\s*=\s*(["'])([\s\S]*?)\1/i.exec(tag)?.[2] ?? /content\s*=\s*([^\s>]+)/i.exec(tag)?.[1];
  if (!content) return null;
  const m = /^\s*\d*(?:\.\d*)?\s*[;,]\s*(?:url\s*=\s*)?["']?([^"']+)["']?\s*$/i.exec(content);
  if (!m?.[1]) return null;
  try {
    const target = new URL(m[1].trim(), pageUrl);
    target.hash = "";
    const self = new URL(pageUrl);
    self.hash = "";
    return target.href === self.href ? null : target.href;
  } catch {
    return null;
  }
}
