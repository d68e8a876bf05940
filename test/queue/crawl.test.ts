/**
 * A crawl of the local mirror (test/crawl/mirror) through the queue (issue 10): the coordinator
 * keeps the walk, the state and the store; two `nianbao worker` processes make every HTTP
 * exchange (per-host BullMQ queues) and read every document (the parse queue). One worker is
 * SIGKILLed while its request to the slow page is in flight. Then:
 *   - the dataset — every output file, and the stored downloads — is byte for byte the one a
 *     single-machine crawl of the same mirror writes;
 *   - no host ever had two requests in flight, though both workers served the same hosts; no two
 *     requests to a host came closer than its interval (the Crawl-delay host's 1 s included);
 *   - the killed worker's job was taken again by the other worker, after the killed request
 *     had ended.
 * Both crawls run with one frozen clock for the fetcher, so `retrievedAt` (the time a copy was
 * first fetched) is the same in both and the files can be compared whole.
 */
import { spawn } from "node:child_process";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCrawl } from "../../src/crawl/crawl.js";
import type { FetcherOptions } from "../../src/crawl/http/index.js";
import { fetchQueueName } from "../../src/queue/jobs.js";
import { openCoordinator } from "../../src/queue/coordinator.js";
import { startMirror } from "../crawl/mirror/index.js";
import type { HostName, Mirror } from "../crawl/mirror/types.js";
import { tempDir } from "../crawl/tmp.js";
import { filesUnder, manifestWithoutTimings } from "./folders.js";
import { NO_REDIS, redisServerPath, startRedis, type RedisServer } from "../support/redis-server.js";
import { html, reply, startServer } from "../support/http-server.js";
import { BUILT, cli, root, spawnWorker, stopAll, type LogLine, type WorkerProcess } from "./workers.js";

const HAVE_REDIS = redisServerPath() !== null;
if (!HAVE_REDIS) console.warn(NO_REDIS);

/** The limits crawl tests set on the mirror (test/crawl/crawl.test.ts), and a frozen clock. */
const FROZEN = Date.parse("2025-03-01T08:00:00.000Z");
function fetcherFor(m: Mirror): FetcherOptions {
  const l = m.expected.limits;
  const retry: FetcherOptions["retry"] = { retries: 2, baseDelayMs: 20, factor: 2, maxDelayMs: 200, jitter: 0, maxRetryAfterMs: l.retryAfterSeconds * 1000 + 500 };
  return { timeoutMs: l.requestTimeoutMs, deadlineMs: l.requestDeadlineMs, maxBytes: l.maxAttachmentBytes, retry, now: () => FROZEN };
}

/** The dataset: every file of the output folder but the crawler's bookkeeping (state, summary). */
function dataset(dir: string): string[] {
  return filesUnder(dir).filter((f) => !/^crawl\/(state\.sqlite.*|summary\.json)$/.test(f) && !f.startsWith("crawl/files/.tmp/"));
}

async function until(ok: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe.skipIf(!HAVE_REDIS || !BUILT)("crawl through the queue: two workers, one killed mid-request", () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  }, 30_000);
  afterAll(async () => {
    await stopAll();
    await redis?.stop();
  });

  it("writes the single-machine dataset, and no host ever has two requests in flight across the workers", async () => {
    const dir = tempDir("nianbao-queue-crawl-");
    // Both crawls write to one path (audit.html names the folder it looked in for sources); the
    // first one's folder is moved aside when it is done.
    const remote = join(dir, "out");
    const local = join(dir, "local");

    // The single-machine crawl, on a mirror whose ports the second mirror takes again (same URLs,
    // and a server that has answered nobody yet: the 503-then-200 article answers 503 first again).
    const m1 = await startMirror();
    const ports = Object.fromEntries(Object.entries(m1.hosts).map(([h, origin]) => [h, Number(new URL(origin).port)])) as Record<HostName, number>;
    const interval = m1.expected.limits.minIntervalMs;
    const one = await runCrawl(m1.sitesFile({ minIntervalMs: interval }), { out: remote, fetcher: fetcherFor(m1) });
    await m1.close();
    renameSync(remote, local);

    const m = await startMirror({ ports });
    try {
      const url = `${redis.url}/0`;
      const lock = ["--lock-duration", "2000", "--stalled-interval", "1000", "-c", "1"];
      const workers: WorkerProcess[] = [await spawnWorker(url, "ca", lock), await spawnWorker(url, "cb", lock)];
      const coordinator = await openCoordinator(url);
      let crawl;
      let victim: WorkerProcess;
      let started: LogLine;
      try {
        const running = runCrawl(m.sitesFile({ minIntervalMs: interval }), { out: remote, fetcher: fetcherFor(m), remote: coordinator });
        // Whichever worker takes the slow page is killed once its request is at the server.
        const slow = m.expected.slow;
        const slowHost = m.hostOf(slow.url)!;
        started = await Promise.race(workers.map((w) => w.waitFor((l) => l.url === slow.url && /started/.test(l.msg), 120_000)));
        victim = workers.find((w) => w.name === started.worker)!;
        await until(() => (m.log.inFlight[slowHost] ?? 0) >= 1, 10_000, "the slow request at the server");
        victim.child.kill("SIGKILL");
        expect((await victim.exited).signal).toBe("SIGKILL");
        crawl = await running;
      } finally {
        await coordinator.close();
      }
      const survivor = workers.find((w) => w !== victim)!;

      // The same dataset, file by file (manifest.json: all but its timings).
      expect(crawl.run.reports).toBe(one.run.reports);
      expect(crawl.run.reports).toBe(m.expected.reports.length);
      expect(dataset(remote)).toEqual(dataset(local));
      for (const f of dataset(local)) {
        if (f === "manifest.json") continue;
        expect(readFileSync(join(remote, f)).equals(readFileSync(join(local, f))), f).toBe(true);
      }
      expect(manifestWithoutTimings(remote)).toEqual(manifestWithoutTimings(local));

      // Politeness across workers: never two requests in flight to one host, never closer than
      // the interval; the Crawl-delay of robots-sub (1 s) kept between its requests.
      const hosts = Object.keys(m.hosts) as HostName[];
      for (const h of hosts) expect(m.log.maxInFlight[h] ?? 0, h).toBeLessThanOrEqual(1);
      for (const h of hosts) {
        const entries = m.log.forHost(h);
        const minGap = h === "robots-sub" ? m.options.crawlDelaySeconds * 1000 : interval;
        for (let i = 1; i < entries.length; i++) {
          const gap = entries[i]!.start - entries[i - 1]!.end!;
          expect(gap, `${h}: ${entries[i - 1]!.url} → ${entries[i]!.url}`).toBeGreaterThanOrEqual(minGap - 1);
        }
      }
      // … though the two workers served the same hosts (both took jobs of most hosts' queues).
      const servedBy = new Map<string, Set<string>>();
      for (const w of workers) for (const l of w.lines) if (typeof l.host === "string" && /fetch job .* started/.test(l.msg)) servedBy.set(l.host, (servedBy.get(l.host) ?? new Set()).add(w.name));
      const shared = [...servedBy.values()].filter((s) => s.size === 2).length;
      expect(shared).toBeGreaterThan(3);

      // The killed worker's job: taken again by the other worker, after the killed request ended.
      const retried = await survivor.waitFor((l) => l.job === started!.job && l.queue === started!.queue && /started/.test(l.msg), 1000);
      expect(retried.attempt).toBe(2);
      const asked = m.log.forUrl(m.expected.slow.url);
      expect(asked.length).toBeGreaterThanOrEqual(2);
      expect(asked[0]!.aborted || asked[0]!.status === null).toBe(true);
      expect(asked[1]!.start).toBeGreaterThanOrEqual(asked[0]!.end!);
      const inspect = new Queue(fetchQueueName(new URL(m.expected.slow.url).host), { connection: new Redis(url, { maxRetriesPerRequest: null }), prefix: "nianbao" });
      const job = (await inspect.getJob(started!.job!))!;
      await inspect.close();
      expect(job.processedBy).toBe(survivor.name);
      expect(job.stalledCounter).toBe(1);

      // The figures, for the closing note.
      console.log(
        `queue crawl: ${crawl.run.reports} reports, ${m.log.entries.length} requests to ${hosts.length} hosts; max in flight per host ${Math.max(...hosts.map((h) => m.log.maxInFlight[h] ?? 0))}; ` +
          `${shared} hosts served by both workers; fetch jobs ${workers.map((w) => `${w.name} ${w.lines.filter((l) => /fetch job .* done/.test(l.msg)).length}`).join(", ")}; ` +
          `parse jobs ${workers.map((w) => `${w.name} ${w.lines.filter((l) => /parse job .* done/.test(l.msg)).length}`).join(", ")}; killed ${victim!.name} during job ${started!.job} (${m.expected.slow.url})`,
      );
    } finally {
      await stopAll();
      await m.close();
    }
  }, 300_000);

  it("nianbao crawl --queue: the command crawls through the workers and writes what nianbao crawl writes", async () => {
    const dir = tempDir("nianbao-queue-crawl-cli-");
    const report = readFileSync(join(root, "samples/mengjin-czj-2022.html"));
    const pdf = readFileSync(join(root, "samples/sample-county-2023.pdf"));
    const title = "孟津区财政局2022年政府信息公开工作年度报告";
    const site = await startServer({
      "/nb/index.html": html(`<html><head><title>年度报告</title></head><body><ul>
        <li><a href="/nb/2023/report.html" title="${title}">${title}</a><span>2023-01-28</span></li>
        <li><a href="/nb/2024/county.pdf" title="某县2023年政府信息公开工作年度报告">某县2023年政府信息公开工作年度报告</a><span>2024-01-20</span></li>
      </ul></body></html>`),
      "/nb/2023/report.html": html(report),
      "/nb/2024/county.pdf": reply(200, pdf, { "content-type": "application/pdf" }),
    });
    try {
      const sites = join(dir, "sites.json");
      writeFileSync(sites, JSON.stringify({ sites: [{ id: "cli", agency: "孟津区财政局", start: [site.url("/nb/index.html")], minIntervalMs: 50 }] }));
      const crawl = (out: string, extra: string[]) =>
        new Promise<number | null>((resolve) => {
          const child = spawn(process.execPath, [cli, "crawl", "--sites", sites, "--out", out, "--quiet", ...extra], { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
          child.stderr.resume();
          child.once("exit", (code) => resolve(code));
        });
      expect(await crawl(join(dir, "local"), [])).toBe(0);
      const before = site.log.length;
      const url = `${redis.url}/3`;
      const w = await spawnWorker(url, "cli-w", ["-c", "1"]);
      expect(await crawl(join(dir, "remote"), ["--queue", url])).toBe(0);
      // Every request of the second crawl was the worker's, and so was every document read.
      const fetched = w.lines.filter((l) => /fetch job .* done/.test(l.msg)).length;
      expect(fetched).toBe(site.log.length - before);
      expect(w.lines.filter((l) => /parse job .* done/.test(l.msg)).map((l) => l.uri).sort()).toEqual([site.url("/nb/2023/report.html"), site.url("/nb/2024/county.pdf")]);
      expect(site.maxInFlight).toBe(1);
      // The same reports (retrievedAt aside: the two crawls fetched at different times), anomalies and failures.
      const lines = (out: string, f: string) =>
        readFileSync(join(out, f), "utf8")
          .split("\n")
          .filter(Boolean)
          .map((l) => {
            const r = JSON.parse(l) as { source?: { retrievedAt?: string } };
            delete r.source?.retrievedAt;
            return r;
          });
      for (const f of ["reports.jsonl", "anomalies.jsonl", "failures.jsonl"]) expect(lines(join(dir, "remote"), f), f).toEqual(lines(join(dir, "local"), f));
      expect(lines(join(dir, "remote"), "reports.jsonl")).toHaveLength(2);
    } finally {
      await stopAll();
      await site.close();
    }
  }, 120_000);
});
