/**
 * The stalled-server part of the hostile battery (issue 13), through the compiled CLI:
 * `nianbao crawl` over hostile hosts on 127.0.0.1, each a plain 年报 column whose list page links
 * a stalling report article first and a good report after it on the same host (./servers.ts). For
 * each stall: one failures.jsonl line (FETCH_ERROR) naming the limit that stopped it, the request
 * cut by the crawler before its server would have finished (the server's own log), sent once; the
 * good report behind it fetched after the cut and written (the host's queue moved on); the whole
 * run within a bound derived from its limits, exit 1, not killed, under 1 GB of peak RSS.
 *
 * Two runs, side by side (each its own hosts), because one run's limits cannot let every limit be
 * the one that fires:
 *   - short: `--timeout 4000 --deadline 3000` (its `--min-rate 1024 --host-time 15000` cannot fire
 *     within 3 s). The deadline stops a body trickled under the idle timeout, and headers sent a
 *     byte at a time. The timeout is above the deadline on purpose:
 *     `--timeout` bounds the whole wait for the headers (not each pause in them), so under a
 *     shorter timeout the byte-at-a-time headers would be stopped by it, never by the deadline.
 *   - slow: `--timeout 1000 --deadline 30000 --min-rate 1024 --host-time 24000`. The timeout stops
 *     a server that accepts and never answers. The minimum rate is checked over 20 s windows (the
 *     CLI has no flag for the window), so a body below it is stopped 20 s into its body, which
 *     needs a deadline above 20 s. The host's time (24 s) is above what the below-rate host uses
 *     (its 20 s and a few fast requests) and stops a body that comes fast enough for the rate, with
 *     no pause near the timeout, but for longer: its in-flight request is cut, and the report
 *     queued behind it ends at once with no request sent (that is how --host-time moves a queue on).
 * Each stall has a host of its own: sites are walked side by side, a site's requests one after
 * another, so a stall holds up only what is queued behind it on its host — the report after it.
 * Both runs: `--retries 0 --concurrency 1`, 20 ms between requests to a host (the sites file's
 * minIntervalMs). The slow run takes ~25 s; the short one ends meanwhile.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, closingTable, lines, nianbao, rssHook, RSS_LIMIT_KB, type Run } from "./cli.js";
import { answer, columnPage, reportPage, reportTitle, silence, stallingHost, trickleBody, trickleHeaders, type Script, type StallingHost } from "./servers.js";

/** The CLI's minimum-rate window (transport.ts: rateWindowMs, 20 s; no flag sets it). */
const RATE_WINDOW_MS = 20_000;
const LIMITS = {
  short: { timeout: 4000, deadline: 3000, minRate: 1024, hostTime: 15_000 },
  slow: { timeout: 1000, deadline: 30_000, minRate: 1024, hostTime: 24_000 },
} as const;
type RunName = keyof typeof LIMITS;
/**
 * What a run may take beyond the longest limit of its hosts: starting node, the fast requests and
 * their 20 ms politeness waits, reading the good reports in a thread, on a loaded 2-core machine.
 */
const ALLOWANCE_MS = 10_000;

interface Stall {
  id: string;
  run: RunName;
  /** The county whose site it is. */
  county: string;
  what: string;
  /** What the host serves at the stalling article, given the article's own page. */
  script: (page: Buffer) => Script;
  reason: "deadline" | "timeout" | "too-slow" | "host-time";
  error: RegExp;
  /** The limit that stops it, in ms of its exchange. */
  limitMs: number;
  /** What becomes of the good report listed after it. */
  after: "parsed" | "refused";
}

const STALLS: Stall[] = [
  {
    id: "trickle-body",
    run: "short",
    county: "细流县",
    what: "a report page sent 100 bytes every 250 ms, never a pause near --timeout",
    script: (page) => trickleBody(page, 100, 250),
    reason: "deadline",
    error: /over the deadline of 3000 ms for one request/,
    limitMs: LIMITS.short.deadline,
    after: "parsed",
  },
  {
    id: "trickle-headers",
    run: "short",
    county: "慢头县",
    what: "response headers a byte every 100 ms (an 80-byte header), then the page",
    script: (page) => trickleHeaders(80, 100, page),
    reason: "deadline",
    error: /over the deadline of 3000 ms for one request/,
    limitMs: LIMITS.short.deadline,
    after: "parsed",
  },
  {
    id: "silent",
    run: "slow",
    county: "沉默县",
    what: "accepts the connection, reads the request, never answers",
    script: () => silence,
    reason: "timeout",
    error: /timeout after 1000 ms/,
    limitMs: LIMITS.slow.timeout,
    after: "parsed",
  },
  {
    id: "below-rate",
    run: "slow",
    county: "龟速县",
    what: "a report page at 400 bytes/s (100 bytes every 250 ms), under --min-rate 1024",
    script: (page) => trickleBody(page, 100, 250),
    reason: "too-slow",
    error: /body too slow: \d+ bytes in 20000 ms, below 1024 bytes\/s/,
    limitMs: RATE_WINDOW_MS,
    after: "parsed",
  },
  {
    id: "host-time",
    run: "slow",
    county: "久占县",
    what: "a report page, then blank lines, at 8 KB/s (2 KB every 250 ms): above --min-rate, no pause near --timeout",
    script: (page) => trickleBody(Buffer.concat([page, Buffer.alloc(Math.max(0, 160 * 2048 - page.length), "\n")]), 2048, 250),
    reason: "host-time",
    error: /the host's time for this run ran out \(after \d+ ms of this request\)/,
    limitMs: LIMITS.slow.hostTime,
    after: "refused",
  },
];

const COLUMN = "/xxgk/nb/index.html";
const STALL_PATH = "/xxgk/nb/202401/t20240125_1.html";
const GOOD_PATH = "/xxgk/nb/202401/t20240124_2.html";

interface Served {
  stall: Stall;
  host: StallingHost;
  plannedMs: number;
  stallUrl: string;
  goodUrl: string;
}

async function serve(stall: Stall): Promise<Served> {
  const siteName = `${stall.county}人民政府`;
  const stalling = reportPage(siteName, `${stall.county}统计局`, "2024-01-25");
  const script = stall.script(stalling);
  const items = [
    { href: STALL_PATH, title: reportTitle(`${stall.county}统计局`), date: "2024-01-25" },
    { href: GOOD_PATH, title: reportTitle(`${stall.county}财政局`), date: "2024-01-24" },
  ];
  const host = await stallingHost({
    [COLUMN]: answer(200, columnPage(siteName, items)),
    [STALL_PATH]: script,
    [GOOD_PATH]: answer(200, reportPage(siteName, `${stall.county}财政局`, "2024-01-24")),
  });
  return { stall, host, plannedMs: script.plannedMs, stallUrl: host.url(STALL_PATH), goodUrl: host.url(GOOD_PATH) };
}

interface Crawl {
  run: Run;
  failures: Record<string, unknown>[];
  reports: Record<string, unknown>[];
}

describe.skipIf(!existsSync(cli))("hostile servers: every stall stopped by its limit, the host's queue moves on (issue 13)", () => {
  let dir: string;
  let served: Served[] = [];
  const crawls = {} as Record<RunName, Crawl>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "nianbao-stalls-"));
    served = await Promise.all(STALLS.map(serve));
    const hook = rssHook(dir);
    await Promise.all(
      (Object.keys(LIMITS) as RunName[]).map(async (name) => {
        const mine = served.filter((s) => s.stall.run === name);
        const sites = join(dir, `sites-${name}.json`);
        writeFileSync(sites, JSON.stringify({ sites: mine.map((s) => ({ id: s.stall.id, agency: `${s.stall.county}人民政府`, start: [s.host.url(COLUMN)], minIntervalMs: 20 })) }));
        const l = LIMITS[name];
        const out = join(dir, `out-${name}`);
        const limits = ["--timeout", l.timeout, "--deadline", l.deadline, "--min-rate", l.minRate, "--host-time", l.hostTime].map(String);
        const run = await nianbao(["crawl", "--sites", sites, "--out", out, ...limits, "--retries", "0", "--concurrency", "1", "--log-level", "info"], join(dir, `rss-${name}`), hook);
        crawls[name] = { run, failures: lines(join(out, "failures.jsonl")), reports: lines(join(out, "reports.jsonl")) };
      }),
    );
  }, 90_000);

  afterAll(async () => {
    await Promise.all(served.map((s) => s.host.close()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("ends each run normally, some inputs failed (exit 1), within its limits' bound, under 1 GB of peak RSS", () => {
    for (const name of Object.keys(LIMITS) as RunName[]) {
      const { run } = crawls[name];
      const longest = Math.max(...STALLS.filter((s) => s.run === name).map((s) => s.limitMs));
      expect(run.signal, name).toBeNull();
      expect(run.code, name).toBe(1);
      expect(run.maxRssKb, name).not.toBeNull();
      expect(run.maxRssKb!, name).toBeLessThan(RSS_LIMIT_KB);
      expect(run.ms, name).toBeGreaterThanOrEqual(longest);
      expect(run.ms, name).toBeLessThan(longest + ALLOWANCE_MS);
    }
  });

  it("gives every stalled article one FETCH_ERROR line naming the limit that stopped it, and no other line", () => {
    for (const s of served) {
      const { failures, run } = crawls[s.stall.run];
      const mine = failures.filter((f) => f.uri === s.stallUrl);
      expect(mine, s.stall.id).toHaveLength(1);
      expect(mine[0], s.stall.id).toMatchObject({ stage: "fetch", code: "FETCH_ERROR" });
      expect(mine[0]!.error, s.stall.id).toMatch(s.stall.error);
      expect(mine[0]!.error as string, s.stall.id).toContain(`${s.stallUrl}: `);
      expect(fetchLine(run, s.stallUrl)?.reason, s.stall.id).toBe(s.stall.reason);
    }
    for (const name of Object.keys(LIMITS) as RunName[]) {
      const expected = served.filter((s) => s.stall.run === name).flatMap((s) => (s.stall.after === "refused" ? [s.stallUrl, s.goodUrl] : [s.stallUrl]));
      expect(crawls[name].failures.map((f) => f.uri).sort(), name).toEqual(expected.sort());
    }
  });

  it("cuts each stalled request before its server would have finished, once, not before its limit", () => {
    for (const s of served) {
      const asked = s.host.exchanges(STALL_PATH);
      expect(asked, s.stall.id).toHaveLength(1); // --retries 0, and a stall is not retried anyway
      const e = asked[0]!;
      expect(e.finished, s.stall.id).toBe(false);
      expect(e.end, s.stall.id).not.toBeNull();
      const took = e.end! - e.start;
      expect(took, s.stall.id).toBeLessThan(s.plannedMs);
      // The server sees the request a moment after the crawler's clock starts (connecting); the
      // host's time was already spent in part on robots.txt and the list page (their fetch time
      // bounds it).
      const spent = s.stall.reason === "host-time" ? Number(fetchLine(crawls[s.stall.run].run, s.host.url(COLUMN))?.ms) : 0;
      expect(took, s.stall.id).toBeGreaterThan(s.stall.limitMs - spent - 300);
      expect(took, s.stall.id).toBeLessThan(s.stall.limitMs + 2000);
    }
  });

  it("moves the host's queue on: the report behind each stall is fetched after the cut and written, or refused at once past the host's time", () => {
    for (const s of served) {
      const { failures, reports } = crawls[s.stall.run];
      const cut = s.host.exchanges(STALL_PATH)[0]!.end!;
      const good = s.host.exchanges(GOOD_PATH);
      if (s.stall.after === "refused") {
        expect(good, s.stall.id).toEqual([]);
        const line = failures.find((f) => f.uri === s.goodUrl);
        expect(line, s.stall.id).toMatchObject({ code: "FETCH_ERROR" });
        expect(line!.error, s.stall.id).toMatch(new RegExp(`used up its ${LIMITS[s.stall.run].hostTime} ms for this run`));
        continue;
      }
      expect(good, s.stall.id).toHaveLength(1);
      expect(good[0]!.start, s.stall.id).toBeGreaterThanOrEqual(cut);
      expect(good[0]!.finished, s.stall.id).toBe(true);
      const r = reports.find((x) => (x.source as { uri: string }).uri === s.goodUrl);
      expect(r, s.stall.id).toBeDefined();
      expect(r!.title, s.stall.id).toContain("政府信息公开工作年度报告");
      expect(r!.title, s.stall.id).toContain(`${s.stall.county}财政局`);
    }
    const written = Object.values(crawls).flatMap((c) => c.reports.map((r) => (r.source as { uri: string }).uri));
    expect(written.sort()).toEqual(served.filter((s) => s.stall.after === "parsed").map((s) => s.goodUrl).sort());
  });

  it("prints the closing table", () => {
    const rows = served.flatMap((s) => {
      const run = crawls[s.stall.run].run;
      const row = (url: string, input: string) => {
        const l = fetchLine(run, url);
        const outcome = l?.classification === "ok" ? "parsed" : `FETCH_ERROR (${String(l?.reason ?? "?")})`;
        return { input, outcome, ms: Number(l?.ms ?? NaN) };
      };
      const whole = Number.isFinite(s.plannedMs) ? `${Math.round(s.plannedMs / 1000)} s` : "never";
      return [row(s.stallUrl, `${s.stall.id}: ${s.stall.what} (its whole answer: ${whole})`), row(s.goodUrl, `${s.stall.id}: the good report listed after it, same host`)];
    });
    for (const r of rows) expect(Number.isFinite(r.ms), r.input).toBe(true);
    const flags = (name: RunName) => Object.entries(LIMITS[name]).map(([k, v]) => `${k} ${v}`).join(", ");
    console.log(closingTable(rows, (Object.keys(LIMITS) as RunName[]).map((name) => ({ label: `the whole ${name} run (${flags(name)})`, run: crawls[name].run }))));
  });
});

/** The crawler's log line of the fetch of `url` (its outcome, reason, error and time). */
function fetchLine(run: Run, url: string): Record<string, unknown> | undefined {
  return run.log.find((l) => l.msg === "fetch" && l.url === url);
}
