/**
 * robots.txt rules of one origin (RFC 9309, crawling.md §2.13), as the fetcher applies them:
 *   - 2xx: the rules for our product token (robots-parser picks the group naming it, else `*`);
 *   - 4xx other than 429: no usable robots.txt, everything allowed (RFC 9309 §2.3.1.3);
 *   - 429, 5xx, unreachable after retries: the whole host is off limits for this run
 *     (RFC 9309 §2.3.1.4 says "complete disallow");
 *   - an anti-bot answer (412/521…) to robots.txt itself: the host is blocked.
 */
import robotsParserModule from "robots-parser";
import type { FetchErrorReason } from "../types.js";
import type { Settings } from "./options.js";
import type { ChainEnd } from "./redirects.js";
import type { Hosts } from "./turn.js";

// robots-parser is CommonJS (`module.exports = fn`) with typings that say `export default fn`:
// under NodeNext the default import is the function itself at run time, typed as the module.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

export interface RobotsRules {
  /** Why every URL of the origin is refused this run, or null. */
  denied: string | null;
  /** True when the path may be fetched by `userAgent`. */
  allows(url: string): boolean;
  /** Crawl-delay for our agent (or `*`), in milliseconds, when given. */
  crawlDelayMs: number | null;
}

export function allowAll(): RobotsRules {
  return { denied: null, allows: () => true, crawlDelayMs: null };
}

export function denyAll(reason: string): RobotsRules {
  return { denied: reason, allows: () => false, crawlDelayMs: null };
}

/** The token robots.txt groups are matched against: the UA up to its first "/" or space, lower-cased. */
export function productToken(userAgent: string): string {
  return (/^[^/\s]+/.exec(userAgent.trim())?.[0] ?? userAgent).toLowerCase();
}

export function parseRobots(robotsUrl: string, text: string, userAgent: string): RobotsRules {
  const robot = robotsParser(robotsUrl, text);
  const token = productToken(userAgent);
  const delay = robot.getCrawlDelay(token);
  return {
    denied: null,
    // undefined = the URL belongs to another origin: not ours to judge here.
    allows: (url) => robot.isAllowed(url, token) !== false,
    crawlDelayMs: typeof delay === "number" && Number.isFinite(delay) && delay > 0 ? delay * 1000 : null,
  };
}

/** What loading robots.txt needs: the settings, the hosts, and a way to fetch it through its hops. */
export interface RobotsDeps {
  s: Settings;
  hosts: Hosts;
  /** robots.txt fetched through its redirects (no robots check of its own), recorded in the state. */
  fetch: (robotsUrl: string) => Promise<ChainEnd>;
}

/** Failures below HTTP: robots.txt could not be read at all. */
const UNREACHABLE: ReadonlySet<FetchErrorReason | null | undefined> = new Set(["timeout", "deadline", "too-slow", "network"]);

/**
 * robots.txt of every origin the run touches, fetched once per origin per run (asked
 * conditionally like any page, so a second run's robots.txt is a 304), its Crawl-delay applied to
 * the host's interval.
 */
export class RobotsBook {
  private readonly byOrigin = new Map<string, Promise<RobotsRules>>();

  constructor(private readonly d: RobotsDeps) {}

  rulesFor(u: URL): Promise<RobotsRules> {
    let p = this.byOrigin.get(u.origin);
    if (!p) {
      p = this.load(u);
      this.byOrigin.set(u.origin, p);
    }
    return p;
  }

  private async load(u: URL): Promise<RobotsRules> {
    const { s, hosts } = this.d;
    const robotsUrl = new URL("/robots.txt", u.origin).href;
    const home = hosts.hostFor(u);
    const e = await this.d.fetch(robotsUrl);
    if (e.classification === "blocked") {
      home.blocked ??= `robots.txt: ${e.error}`;
      return denyAll(`host blocked: ${e.error}`);
    }
    const status = e.status;
    if (status === null) {
      return denyAll(UNREACHABLE.has(e.reason) ? `robots.txt unreachable: ${e.error}` : (e.error ?? "robots.txt not fetched"));
    }
    if ((status >= 200 && status < 300) || status === 304) {
      if (e.classification === "too-large") return allowAll();
      const rules = parseRobots(robotsUrl, e.text ?? "", s.userAgent);
      if (rules.crawlDelayMs !== null) home.intervalMs = Math.max(home.intervalMs, Math.min(rules.crawlDelayMs, s.maxCrawlDelayMs));
      s.logger?.info({ url: robotsUrl, status, crawlDelayMs: rules.crawlDelayMs }, "robots");
      return rules;
    }
    // A redirect that went nowhere (to the site root, off to a 404) is no robots.txt.
    if ((status >= 400 && status < 500 && status !== 429) || e.classification === "not-found") {
      s.logger?.info({ url: robotsUrl, status }, "robots: none, all allowed");
      return allowAll();
    }
    s.logger?.warn({ url: robotsUrl, status }, "robots: server error, host skipped this run");
    return denyAll(`robots.txt answered ${status}: host treated as disallowed this run`);
  }
}
