/**
 * One request followed through its hops to an ending (crawling.md §2.11): redirects are followed
 * by hand, at most `maxRedirects` of them, and at every hop the scheme, the host allow-list, the
 * host's standing (blocked, circuit, budget) and robots.txt are checked again; a redirect or a
 * `<meta refresh>` to the site root from a deep URL is a soft 404; a loop ends as an error. Each
 * hop is asked conditionally when the state has validators for that very URL (issue 10: every
 * hop's answer is remembered, a 304 to a hop means the same next hop again), goes through the
 * host's queue turn with retries, and its answer is read by interpret.ts.
 */
import { requestKey } from "../state/keys.js";
import type { AnswerInput } from "../state/state.js";
import type { FetchRequest } from "../types.js";
import { isSiteRoot } from "./classify.js";
import { conditionalFor, remember, type Heard } from "./conditional.js";
import { interpret2xx, interpretStatus, type Ending } from "./interpret.js";
import type { Settings } from "./options.js";
import { withRetries } from "./retry.js";
import type { RobotsRules } from "./robots.js";
import type { ContentStore } from "./store.js";
import type { SendInit } from "./transport.js";
import type { Attempt, Hosts } from "./turn.js";

export interface ChainContext {
  s: Settings;
  hosts: Hosts;
  store: ContentStore | null;
  /** The robots.txt rules of a URL's origin; null: none to check (robots.txt itself). */
  robots: ((u: URL) => Promise<RobotsRules>) | null;
}

export interface Chain {
  req: FetchRequest;
  /** The state's key of the request (validators and stored copies). */
  key: string;
  /** Body cap of every hop. */
  maxBytes: number;
  /** Queue priority of the first hop; later hops get at least 1 (a chain under way finishes first). */
  priority: number;
  /** Check the allow-list at every hop after the first. */
  checkHosts: boolean;
}

export type ChainEnd = Ending & { finalUrl: string };

export function baseHeaders(userAgent: string, label: FetchRequest["label"]): Record<string, string> {
  return {
    "user-agent": userAgent,
    accept: label === "attachment" ? "*/*" : label === "robots" ? "text/plain,*/*;q=0.5" : "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "accept-language": "zh-CN,zh;q=0.9,en;q=0.5",
  };
}

export function stripHash(url: string): string {
  const i = url.indexOf("#");
  return i < 0 ? url : url.slice(0, i);
}

/**
 * Follow `chain` to its ending; every hop after the first is pushed onto `redirects`, and what
 * each hop answered (to remember for the next run) onto `heardOf`.
 */
export async function followChain(ctx: ChainContext, chain: Chain, redirects: string[], heardOf: AnswerInput[] = []): Promise<ChainEnd> {
  const { s, hosts, store } = ctx;
  const { req } = chain;
  let method: "GET" | "POST" = req.method ?? (req.form ? "POST" : "GET");
  let body = method === "POST" && req.form ? new URLSearchParams(req.form).toString() : undefined;
  let current = req.url;
  const seen = new Set([stripHash(current)]);

  /** Why a hop from `from` to `next` ends the chain, or null to follow it. */
  const stopAt = (from: URL, next: string, status: number): Ending | null => {
    if (seen.has(next)) return { classification: "error", reason: "redirect", status, error: `redirect loop at ${next}` };
    if (redirects.length >= s.maxRedirects) return { classification: "error", reason: "redirect", status, error: `more than ${s.maxRedirects} redirects` };
    if (isSiteRoot(new URL(next)) && !isSiteRoot(from)) {
      return { classification: "not-found", status, error: `redirected to the site root ${next} (soft 404)` };
    }
    return null;
  };
  const hopTo = (next: string): void => {
    redirects.push(next);
    seen.add(next);
    current = next;
  };

  for (;;) {
    const end = (e: Ending): ChainEnd => ({ ...e, finalUrl: current });
    let u: URL;
    try {
      u = new URL(current);
    } catch {
      return end({ classification: "error", reason: "invalid-url", status: null, error: `invalid URL: ${current}` });
    }
    if (u.protocol !== "http:" && u.protocol !== "https:") {
      return end({ classification: "error", reason: "invalid-url", status: null, error: `unsupported scheme ${u.protocol}` });
    }
    if (chain.checkHosts && redirects.length > 0 && s.allowHost && !s.allowHost(u, req)) {
      return end({ classification: "not-found", status: null, error: `redirected off the allowed hosts, to ${u.host}` });
    }
    const h = hosts.hostFor(u);
    const refusal = hosts.refusal(h);
    if (refusal) return end({ ...refusal, status: null });
    if (ctx.robots) {
      const rules = await ctx.robots(u);
      if (h.blocked) return end({ classification: "blocked", status: null, error: `host ${h.key} blocked this run: ${h.blocked}` });
      if (rules.denied) return end({ classification: "robots-denied", status: null, error: rules.denied });
      if (!rules.allows(u.href)) return end({ classification: "robots-denied", status: null, error: `robots.txt disallows ${u.pathname}${u.search}` });
    }

    // POSTs too: a Hanweb dataproxy group is a page like any other, with its own validators.
    const hopKey = redirects.length === 0 ? chain.key : requestKey({ url: current, method, ...(body !== undefined && req.form ? { form: req.form } : {}) });
    const cond = conditionalFor(s.state, store, hopKey, current, chain.key);
    const headers: Record<string, string> = { ...baseHeaders(s.userAgent, req.label), ...(cond?.headers ?? {}) };
    if (body !== undefined) headers["content-type"] = "application/x-www-form-urlencoded; charset=UTF-8";
    const init: SendInit = { method, headers, body, timeoutMs: s.timeoutMs, maxBytes: chain.maxBytes, store: req.toStore ? store : null };
    const priority = Math.max(chain.priority, redirects.length > 0 ? 1 : 0);
    const url = current;
    const a: Attempt = await withRetries(
      (n, p) => hosts.turn(h, url, init, p, n),
      priority,
      (r, n) => {
        h.stats.retries++;
        s.logger?.warn({ url, attempt: n + 1, delayMs: r.retryDelay, reason: r.kind === "network" ? r.error.message : r.kind === "response" ? `HTTP ${r.sent.status}` : r.error }, "retry");
      },
    );
    if (a.kind === "skipped") return end({ classification: a.classification, reason: a.reason, status: null, error: a.error });
    if (a.kind === "network") {
      hosts.noteFailure(h, a.error.message);
      return end({ classification: "error", reason: a.error.reason, status: null, error: a.error.message });
    }
    const sent = a.sent;
    const status = sent.status;
    const heard = (what: Heard): void => {
      const a = remember(s.state, hopKey, url, status, sent.headers, what, new Date(s.now()).toISOString());
      if (a) heardOf.push(a);
    };
    /**
     * Go on to `next` (a Location, a meta refresh, or the one a 304 repeats), unless the chain
     * must stop. Only a 307/308 repeats a POST; other redirects and a refresh are GETs.
     */
    const goOn = (next: string, hopStatus: number): ChainEnd | null => {
      const stop = stopAt(u, next, hopStatus);
      if (stop) return end(stop);
      hopTo(next);
      if (method === "POST" && hopStatus !== 307 && hopStatus !== 308) {
        method = "GET";
        body = undefined;
      }
      return null;
    };

    if (status >= 300 && status < 400 && status !== 304) {
      hosts.noteSuccess(h);
      const location = sent.headers.get("location");
      if (!location) return end({ classification: "error", reason: "redirect", status, error: `HTTP ${status} without Location` });
      let next: string;
      try {
        next = stripHash(new URL(location, current).href);
      } catch {
        return end({ classification: "error", reason: "redirect", status, error: `bad Location: ${location}` });
      }
      heard({ meaning: "redirect", next });
      const stopped = goOn(next, status);
      if (stopped) return stopped;
      continue;
    }
    if (status === 304 && cond) {
      hosts.noteSuccess(h);
      heard({ meaning: "not-modified", answer: cond.answer });
      const then = cond.then;
      if ("hop" in then) {
        // The same redirect or <meta refresh> as last time: on to the same next hop.
        const stopped = goOn(then.hop, then.status);
        if (stopped) return stopped;
        continue;
      }
      return end({ ...then.ending, etag: sent.headers.get("etag"), lastModified: sent.headers.get("last-modified") });
    }
    if (status >= 200 && status < 300 && status !== 202) {
      hosts.noteSuccess(h);
      const out = await interpret2xx({ hosts, store, maxBytes: chain.maxBytes }, req, h, u, sent);
      if ("hop" in out) {
        heard({ meaning: "refresh", next: out.hop });
        const stopped = goOn(out.hop, status);
        if (stopped) return stopped;
        continue;
      }
      heard({ meaning: "end", ending: out });
      return end(out);
    }
    if (status < 500) hosts.noteSuccess(h);
    const ending = interpretStatus(hosts, h, sent);
    heard({ meaning: "end", ending });
    return end(ending);
  }
}
