/**
 * `nianbao run --config <file>`: crawl → parse → validate → emit in one command (issue 10). The
 * sites are walked (src/crawl/crawl.ts crawlSites), the local inputs listed (./disk.ts), and both
 * go through one run loop into one output folder — the same files `parse` and `crawl` write, with
 * the same lock, result store, pool and commit.
 */
import { join } from "node:path";
import type { Logger } from "pino";
import { crawlSites, type CrawlSummary } from "../crawl/crawl.js";
import type { FetcherOptions } from "../crawl/http/options.js";
import type { SitesFile } from "../crawl/types.js";
import { writeAtomic } from "../emit/atomic.js";
import type { RemoteSteps } from "../queue/coordinator.js";
import type { RulesConfig } from "../validate/rules-config.js";
import type { RunConfig } from "./config.js";
import { runWith, type RunControls } from "./controls.js";
import { diskWork } from "./disk.js";
import { runLoop, type RunSummary, type WorkItem } from "./loop.js";
import { defaultThreads } from "./pool.js";
import type { StepOptions } from "./step.js";

/** The fetcher's options from the config's `crawl` group. */
export function fetcherOptions(c: RunConfig["crawl"]): Omit<FetcherOptions, "state" | "runId" | "resumeSince" | "storeDir" | "allowHost" | "siteId" | "logger"> {
  return {
    ...(c.timeoutMs !== undefined ? { timeoutMs: c.timeoutMs } : {}),
    ...(c.deadlineMs !== undefined ? { deadlineMs: c.deadlineMs } : {}),
    ...(c.minBytesPerSecond !== undefined ? { minBytesPerSecond: c.minBytesPerSecond } : {}),
    ...(c.hostTimeMs !== undefined ? { hostTimeMs: c.hostTimeMs } : {}),
    ...(c.maxBytes !== undefined ? { maxBytes: c.maxBytes } : {}),
    ...(c.userAgent !== undefined ? { userAgent: c.userAgent } : {}),
    ...(c.minIntervalMs !== undefined ? { minIntervalMs: c.minIntervalMs } : {}),
    ...(c.retries !== undefined || c.backoffMs !== undefined
      ? { retry: { ...(c.retries !== undefined ? { retries: c.retries } : {}), ...(c.backoffMs !== undefined ? { baseDelayMs: c.backoffMs, maxDelayMs: c.backoffMs * 9 } : {}) } }
      : {}),
  };
}

export interface ConfigRunOptions extends RunControls {
  logger?: Logger | null;
  /** The step, and every HTTP exchange of the crawl, on queue workers (src/queue). */
  remote?: RemoteSteps;
}

export async function runConfig(config: RunConfig, sites: SitesFile | null, rules: RulesConfig | undefined, options: ConfigRunOptions = {}): Promise<{ run: RunSummary; crawl: CrawlSummary | null }> {
  const { logger, ...given } = options;
  const log = logger ?? null;
  const step: StepOptions = {
    ...(rules ? { rules } : {}),
    defaultFeePrecision: config.feePrecision,
    ...(config.soffice !== undefined ? { soffice: config.soffice } : {}),
    ...(config.limits.timeoutMs !== undefined ? { timeoutMs: config.limits.timeoutMs } : {}),
  };
  const controls: RunControls = {
    threads: config.concurrency ?? defaultThreads(),
    ...(config.limits.memoryMb !== undefined ? { memoryMb: config.limits.memoryMb } : {}),
    ...(config.state ? { storeDir: join(config.state, "results") } : {}),
    ...given,
  };
  return runWith(config.out, "run", { ...step, ...controls }, log, async (ctx) => {
    const crawled = sites
      ? await crawlSites(sites, { out: ctx.out, ...(log ? { logger: log } : {}), fetcher: fetcherOptions(config.crawl), ...(options.remote ? { remote: options.remote } : {}), ...(config.state ? { statePath: join(config.state, "state.sqlite") } : {}) })
      : null;
    const local = config.inputs.length > 0 ? await diskWork(config.inputs) : null;
    async function* work(): AsyncGenerator<WorkItem> {
      if (crawled) yield* crawled.work();
      if (local) yield* local.items;
    }
    const run = await runLoop(
      ctx.feed(work()),
      { ...ctx.stepOptions, total: (crawled?.documents.length ?? 0) + (local?.total ?? 0), failures: crawled?.failures ?? [], timings: crawled ? { crawlMs: crawled.crawlMs } : {}, inFlight: ctx.inFlight },
      { emit: ctx.emit, store: ctx.store, logger: log, ...(ctx.step ? { step: ctx.step } : {}), signal: ctx.signal, progress: ctx.progress, readDone: ctx.readDone },
    );
    const crawl = crawled ? crawled.summary(run.failures.length) : null;
    if (crawl) await writeAtomic(join(ctx.out, "crawl", "summary.json"), JSON.stringify(crawl, null, 2) + "\n");
    return { run, crawl };
  });
}
