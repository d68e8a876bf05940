/**
 * robots.txt rules of one origin (RFC 9309, crawling.md §2.13), as the fetcher applies them:
 *   - 2xx: the rules for our product token (robots-parser picks the group naming it, else `*`);
 *   - 4xx other than 429: no usable robots.txt, everything allowed (RFC 9309 §2.3.1.3);
 *   - 429, 5xx, unreachable after retries: the whole host is off limits for this run
 *     (RFC 9309 §2.3.1.4 says "complete disallow");
 *   - an anti-bot answer (412/521…) to robots.txt itself: the host is blocked.
 */
import robotsParserModule from "robots-parser";

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
