#!/usr/bin/env -S node --max-old-space-size=1536
/**
 * The `nianbao` command: a thin shell over the library (src/index.ts).
 *
 * Only commander and Node's own modules load before a command runs: each command imports what
 * it needs when it is chosen, so `--help` and `--version` answer without loading the readers,
 * DuckDB or the crawler (issue 10: fast start), and the readers themselves load on first use.
 *
 * The heap limit in the shebang is a memory setting, not a ceiling we expect to reach: V8 sizes
 * its collections by the limit, and with the default (a quarter of RAM) pdf.js's short-lived
 * garbage pushes the resident size of a PDF batch past 300 MB while the live heap stays near
 * 50 MB; at 1.5 GB the same batch peaks near 230 MB (npm run bench). Documents are read in worker
 * threads with their own heap cap (--memory).
 */
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import type { Logger } from "pino";
import type { RunSummary } from "./run/loop.js";
import type { RulesConfig } from "./validate/rules-config.js";
import { checkQueueUrl } from "./queue/url.js";
import { VERSION } from "./version.js";

// ── option values: every bad value is a message that says what is accepted (exit 2) ──────────

function wholeNumber(name: string, min: number, max: number, what = "a whole number") {
  return (v: string): number => {
    const n = /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} takes ${what} from ${min} to ${max}, not "${v}"`);
    return n;
  };
}

const SIZE_UNITS: Record<string, number> = { "": 1, b: 1, k: 1024, kb: 1000, kib: 1024, m: 1024 ** 2, mb: 1000 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1000 ** 3, gib: 1024 ** 3 };

/** Bytes: "52428800", "50MiB", "50MB", "512k". */
export function byteSize(name: string) {
  return (v: string): number => {
    const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(v);
    const unit = m ? SIZE_UNITS[m[2]!.toLowerCase()] : undefined;
    const n = m && unit !== undefined ? Math.round(Number(m[1]) * unit) : NaN;
    if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`${name} takes a size in bytes, optionally with a unit (52428800, 512KiB, 50MiB, 50MB, 1GiB), not "${v}"`);
    return n;
  };
}

/** A `--queue` URL (redis:// or rediss://). */
function queueUrl(v: string): string {
  const problem = checkQueueUrl(v);
  if (problem) throw new InvalidArgumentError(problem);
  return v;
}

/**
 * The coordinator for `--queue` (BullMQ loads only then): null without the option, false when
 * Redis cannot be reached (said on stderr; exit 2).
 */
async function openQueue(url: string | undefined, logger: Logger): Promise<import("./queue/coordinator.js").Coordinator | null | false> {
  if (url === undefined) return null;
  return (await (await import("./queue/cli.js")).openQueue(url, logger)) ?? false;
}

const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"];

/** The rules file of --rules, validated; null (after saying why on stderr) when it is not usable. */
async function readRules(file: string | undefined): Promise<RulesConfig | undefined | null> {
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    process.stderr.write(`nianbao: cannot read the rules file ${file}: ${(e as Error).message}\n`);
    return null;
  }
  const { parseRulesConfig } = await import("./validate/rules-config.js");
  const parsed = parseRulesConfig(text);
  if (!parsed.ok) {
    process.stderr.write(`nianbao: the rules file ${file} is not valid:\n${parsed.errors.map((e) => `  - ${e}`).join("\n")}\n`);
    return null;
  }
  return parsed.value;
}

// ── what a run shows: a progress bar on a terminal, pino JSON lines otherwise ──────────────────

interface Observed {
  logger: Logger;
  progress: ((p: { done: number; total: number | null; failures: number; reused: number }) => void) | null;
  stop(): void;
  tty: boolean;
}

async function observe(opts: { quiet?: boolean; logLevel: string; progress?: boolean }): Promise<Observed> {
  const { pino } = await import("pino");
  const tty = process.stderr.isTTY === true && opts.progress !== false && !opts.quiet;
  if (!tty) {
    const logger = pino({ level: opts.quiet ? "warn" : opts.logLevel, base: undefined }, pino.destination(2));
    return { logger, progress: null, stop: () => undefined, tty: false };
  }
  const { MultiBar, Presets } = await import("cli-progress");
  const bars = new MultiBar(
    { format: "{bar} {value}/{total} documents · {rate}/s · ETA {eta_formatted} · {failures} failed · {reused} unchanged", hideCursor: true, clearOnComplete: false, stream: process.stderr, etaBuffer: 50 },
    Presets.shades_classic,
  );
  const bar = bars.create(0, 0, { rate: "0.0", failures: 0, reused: 0 });
  const t0 = performance.now();
  let stopped = false;
  // On a terminal the per-document lines would bury the bar: warnings and errors only, printed above it.
  const logger = pino({ level: opts.logLevel === "info" ? "warn" : opts.logLevel, base: undefined }, { write: (s: string) => void bars.log(s) });
  return {
    logger,
    tty: true,
    progress(p) {
      if (p.total !== null) bar.setTotal(p.total);
      bar.update(p.done, { rate: (p.done / Math.max(0.001, (performance.now() - t0) / 1000)).toFixed(1), failures: p.failures, reused: p.reused });
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      bars.stop();
    },
  };
}

/** The end of a run: counts per stage and format, anomalies and failures by code. */
function summarise(run: RunSummary, out: string, o: Observed, extra: Record<string, unknown> = {}): void {
  const fields = {
    reports: run.reports,
    failures: run.failures.length,
    anomalies: run.anomalies,
    read: run.read,
    unchanged: run.reused,
    formats: run.formats,
    anomaliesByCode: run.anomaliesByCode,
    failuresByCode: run.failuresByCode,
    failuresByStage: run.failuresByStage,
    timings: run.timings,
    out,
    ...extra,
  };
  const line = `done: ${run.reports} report(s), ${run.failures.length} failure(s), ${run.anomalies} anomal${run.anomalies === 1 ? "y" : "ies"}; ${run.read} read, ${run.reused} unchanged → ${out}`;
  if (!o.tty) {
    o.logger.info(fields, line);
    return;
  }
  const kv = (m: Record<string, number>) => Object.entries(m).map(([k, v]) => `${k} ${v}`).join(", ") || "none";
  process.stderr.write(
    `nianbao: ${line}\n  formats: ${kv(run.formats)}\n  failures by stage: ${kv(run.failuresByStage)}; by code: ${kv(run.failuresByCode)}\n  anomalies by code: ${kv(run.anomaliesByCode)}\n`,
  );
}

/** Stop cleanly on the first SIGINT/SIGTERM (in-flight documents abandoned, nothing committed); at once on the second. */
function stopSignals(logger: () => Logger | null): { signal: AbortSignal; dispose(): void } {
  const ac = new AbortController();
  const on = (sig: NodeJS.Signals) => {
    if (ac.signal.aborted) process.exit(sig === "SIGINT" ? 130 : 143);
    logger()?.warn({ signal: sig }, `${sig}: stopping — documents in flight are abandoned, the ones read are kept for the next run; ${sig} again stops at once`);
    ac.abort(sig);
  };
  process.on("SIGINT", on);
  process.on("SIGTERM", on);
  return {
    signal: ac.signal,
    dispose() {
      process.off("SIGINT", on);
      process.off("SIGTERM", on);
    },
  };
}

/** Errors a user can act on → a message and exit status; anything else is a bug (rethrown). */
function userError(e: unknown): number | null {
  const err = e as { name?: string; code?: string; message?: string; signal?: string | null };
  if (err?.name === "FolderLockedError") {
    process.stderr.write(`nianbao: ${err.message}\n`);
    return 2;
  }
  if (err?.name === "RunAborted") {
    process.stderr.write(`nianbao: ${err.message}\n`);
    return err.signal === "SIGTERM" ? 143 : 130;
  }
  if (err?.name === "NianbaoError" && err.code === "INVALID_RECORD") {
    process.stderr.write(`nianbao: a bug in nianbao, not in your inputs — ${err.message}\nThe output folder was left as it was. Please report it with the input named above.\n`);
    return 2;
  }
  return null;
}

/** A run command's frame: what it shows, how it stops, and the exit status of what went wrong. */
async function observed(opts: { quiet?: boolean; logLevel: string; progress?: boolean }, body: (o: Observed, signal: AbortSignal) => Promise<number>): Promise<number> {
  const o = await observe(opts);
  const stop = stopSignals(() => o.logger);
  try {
    const status = await body(o, stop.signal);
    o.stop();
    return status;
  } catch (e) {
    o.stop();
    const code = userError(e);
    if (code === null) throw e;
    return code;
  } finally {
    stop.dispose();
  }
}

const EXIT = "\nExit status: 0 every input became a report; 1 some input failed (see failures.jsonl; the others are still written);\n2 bad usage or configuration, or the output folder is in use by another run; 130/143 stopped by SIGINT/SIGTERM.";

const RUN_HELP =
  "\nDocuments are read in worker threads (--concurrency, default the machine's cores), each under a deadline (--timeout)\n" +
  "and a heap budget (--memory); one that exceeds either is a failure line (PARSE_FAILED, reason timeout or memory).\n" +
  "Outcomes are kept in <out>/.nianbao/results: a run over unchanged inputs reads nothing and, when nothing changed,\n" +
  "writes nothing. The folder is replaced as a whole (staged beside it, then swapped in), and a second run on the same\n" +
  "folder refuses while one holds it.";

export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  let status = 0;
  const cores = availableParallelism();
  program
    .name("nianbao")
    .description(
      "Read China's government information-disclosure annual reports (政府信息公开工作年度报告)\n" +
        "into a typed JSON dataset, and flag where a report contradicts itself.",
    )
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  const runOptions = (c: Command, timeoutFlag: string) =>
    c
      .option("--concurrency <n>", `threads reading documents (default ${cores}, this machine's cores)`, wholeNumber("--concurrency", 1, 1024))
      .option(`${timeoutFlag} <ms>`, "deadline for reading one document, any format, in milliseconds (default 60000; the thread is stopped past it + 5 s)", wholeNumber(timeoutFlag, 1000, 86_400_000, "milliseconds"))
      .option("--memory <mb>", "heap budget of one reading thread, in MB (default 1024)", wholeNumber("--memory", 64, 65_536, "megabytes"))
      .option("--no-progress", "no progress bar, even on a terminal (pino JSON lines instead)")
      .option("-q, --quiet", "log only warnings and errors")
      .addOption(new Option("--log-level <level>", "pino log level").choices(LOG_LEVELS).default("info"));

  const parse = program
    .command("parse")
    .description("parse local reports (html, htm, shtml, pdf, docx, doc, txt, md) into --out")
    .argument("<paths...>", "files or folders (folders are searched recursively)")
    .requiredOption("-o, --out <dir>", "output folder: reports.jsonl, reports/<id>.json, anomalies.jsonl, failures.jsonl, manifest.json")
    .option("--fee-precision <n>", "decimals to demand of the fee when its header states none (default: none)", wholeNumber("--fee-precision", 0, 8))
    .option("--rules <file>", "rules file: switch rules off, change severities, tune parameters (docs/rules.md)")
    .option("--soffice <path>", "LibreOffice executable for .doc files (default: soffice on PATH)")
    .option("--no-soffice", "read .doc files without LibreOffice (text only; tables marked PARSE_UNCERTAIN)")
    .option("--queue <url>", "read the documents on `nianbao worker` processes through a BullMQ queue in Redis (redis://host:6379; docs/deploy.md)", queueUrl);
  runOptions(parse, "--timeout")
    .addHelpText("after", `${EXIT}\n${RUN_HELP}\n\nExample:\n  nianbao parse samples/ --out output/`)
    .action(async (paths: string[], opts: { out: string; feePrecision?: number; rules?: string; quiet?: boolean; logLevel: string; soffice?: string | boolean; timeout?: number; concurrency?: number; memory?: number; progress?: boolean; queue?: string }) => {
      const rules = await readRules(opts.rules);
      if (rules === null) {
        status = 2;
        return;
      }
      status = await observed(opts, async (o, signal) => {
        const queue = await openQueue(opts.queue, o.logger);
        if (queue === false) return 2;
        const { parseBatch } = await import("./batch.js");
        const run = await parseBatch(paths, {
          ...(queue ? { remote: queue } : {}),
          out: opts.out,
          logger: o.logger,
          ...(rules ? { rules } : {}),
          defaultFeePrecision: opts.feePrecision ?? null,
          // commander: --no-soffice gives false, --soffice <path> a string, neither true.
          ...(opts.soffice === false ? { soffice: null } : typeof opts.soffice === "string" ? { soffice: opts.soffice } : {}),
          ...(opts.timeout !== undefined ? { timeoutMs: opts.timeout } : {}),
          threads: opts.concurrency ?? cores,
          ...(opts.memory !== undefined ? { memoryMb: opts.memory } : {}),
          signal,
          progress: o.progress,
        }).finally(() => queue?.close());
        o.stop();
        summarise(run, opts.out, o);
        return run.failures.length > 0 ? 1 : 0;
      });
    });

  const crawl = program
    .command("crawl")
    .description("crawl agencies' annual-report columns, download the reports, and parse them into --out (as `parse` does)")
    .requiredOption("-s, --sites <file>", 'sites file: { "sites": [ { "id", "agency", "start": ["http://…/index.html"] } ] } (see docs/crawling.md)')
    .requiredOption("-o, --out <dir>", "output folder; the crawl state and downloaded files live in <out>/crawl/")
    .option("--no-parse", "download only")
    .option("--rules <file>", "rules file (as for parse)")
    .option("--state <file>", "SQLite state file (default <out>/crawl/state.sqlite)")
    .option("--timeout <ms>", "per-request timeout: response headers, and each pause in a body (default 20000)", wholeNumber("--timeout", 1, 86_400_000, "milliseconds"))
    .option("--deadline <ms>", "one exchange (headers and body) in all, in milliseconds (default 300000)", wholeNumber("--deadline", 1, 86_400_000, "milliseconds"))
    .option("--min-rate <bytes/s>", "slowest body accepted, bytes per second over 20 s windows; 0 turns it off (default 1024)", wholeNumber("--min-rate", 0, 1e12, "bytes per second"))
    .option("--host-time <ms>", "time one host may take in a run; past it its queue moves on (default 1800000)", wholeNumber("--host-time", 1, 31 * 86_400_000, "milliseconds"))
    .option("--max-bytes <size>", "largest file to download (default 50MiB)", byteSize("--max-bytes"))
    .option("--user-agent <ua>", "User-Agent to send (default: nianbao/<version> research crawler)")
    .option("--retries <n>", "retries of a request that failed with 429/5xx/timeout (default 3)", wholeNumber("--retries", 0, 100))
    .option("--backoff <ms>", "first retry delay; each next one ×3, with jitter (default 1000)", wholeNumber("--backoff", 1, 3_600_000, "milliseconds"))
    .option("--queue <url>", "make the requests and read the documents on `nianbao worker` processes through BullMQ queues in Redis (docs/deploy.md)", queueUrl);
  runOptions(crawl, "--parse-timeout")
    .addHelpText(
      "after",
      "\nPolite by design: one connection per host, ≥1.5 s between requests (or the site's minIntervalMs / robots Crawl-delay),\nrobots.txt obeyed, anti-bot pages reported as blocked and never retried. A second run sends conditional requests;\na killed run resumes without refetching finished work. <out>/crawl/summary.json holds per-site and per-host figures.\n" +
        `${EXIT}\n${RUN_HELP}`,
    )
    .action(
      async (opts: {
        sites: string;
        out: string;
        parse: boolean;
        rules?: string;
        state?: string;
        timeout?: number;
        deadline?: number;
        minRate?: number;
        hostTime?: number;
        maxBytes?: number;
        userAgent?: string;
        retries?: number;
        backoff?: number;
        parseTimeout?: number;
        concurrency?: number;
        memory?: number;
        progress?: boolean;
        queue?: string;
        quiet?: boolean;
        logLevel: string;
      }) => {
        let json: unknown;
        try {
          json = JSON.parse(readFileSync(opts.sites, "utf8"));
        } catch (e) {
          process.stderr.write(`nianbao: cannot read the sites file ${opts.sites}: ${(e as Error).message}\n`);
          status = 2;
          return;
        }
        const rules = await readRules(opts.rules);
        if (rules === null) {
          status = 2;
          return;
        }
        const { parseSitesFile } = await import("./crawl/sites/sites-file.js");
        const parsed = parseSitesFile(json);
        if (!parsed.ok) {
          process.stderr.write(`nianbao: the sites file ${opts.sites} is not valid:\n${parsed.errors.map((e) => `  - ${e}`).join("\n")}\n`);
          status = 2;
          return;
        }
        status = await observed(opts, async (o, signal) => {
          const queue = await openQueue(opts.queue, o.logger);
          if (queue === false) return 2;
          const [{ runCrawl }, { fetcherOptions }] = await Promise.all([import("./crawl/crawl.js"), import("./run/config-run.js")]);
          const { run, summary } = await runCrawl(parsed.value, {
            ...(queue ? { remote: queue } : {}),
            out: opts.out,
            parse: opts.parse,
            logger: o.logger,
            ...(rules ? { rules } : {}),
            ...(opts.state ? { statePath: opts.state } : {}),
            ...(opts.parseTimeout !== undefined ? { timeoutMs: opts.parseTimeout } : {}),
            threads: opts.concurrency ?? cores,
            ...(opts.memory !== undefined ? { memoryMb: opts.memory } : {}),
            signal,
            progress: o.progress,
            fetcher: fetcherOptions({
              ...(opts.timeout !== undefined ? { timeoutMs: opts.timeout } : {}),
              ...(opts.deadline !== undefined ? { deadlineMs: opts.deadline } : {}),
              ...(opts.minRate !== undefined ? { minBytesPerSecond: opts.minRate } : {}),
              ...(opts.hostTime !== undefined ? { hostTimeMs: opts.hostTime } : {}),
              ...(opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {}),
              ...(opts.userAgent ? { userAgent: opts.userAgent } : {}),
              ...(opts.retries !== undefined ? { retries: opts.retries } : {}),
              ...(opts.backoff !== undefined ? { backoffMs: opts.backoff } : {}),
            }),
          }).finally(() => queue?.close());
          o.stop();
          const t = summary.totals;
          summarise(run, opts.out, o, { crawl: t });
          o.logger.info({ ...t }, `crawl: ${t.found} report(s) found, ${t.new} fetched new, ${t.unchanged} unchanged, ${t.failed} failed, ${t.blocked} host(s) blocked, ${t.robotsDenied} robots-denied`);
          return run.failures.length > 0 ? 1 : 0;
        });
      },
    );

  program
    .command("run")
    .description("crawl → parse → validate → emit in one command, from a config file (docs/run.md); incremental")
    .requiredOption("-c, --config <file>", "config file (JSON): out, inputs, sites, state, concurrency, rules, limits, crawl — see docs/run.md")
    .option("--concurrency <n>", "threads reading documents (overrides the config's concurrency)", wholeNumber("--concurrency", 1, 1024))
    .option("--queue <url>", "make the requests and read the documents on `nianbao worker` processes through BullMQ queues in Redis (docs/deploy.md)", queueUrl)
    .option("--no-progress", "no progress bar, even on a terminal (pino JSON lines instead)")
    .option("-q, --quiet", "log only warnings and errors")
    .addOption(new Option("--log-level <level>", "pino log level").choices(LOG_LEVELS).default("info"))
    .addHelpText("after", `${EXIT}\n${RUN_HELP}\n\nExample:\n  nianbao run --config nianbao.config.json`)
    .action(async (opts: { config: string; concurrency?: number; queue?: string; progress?: boolean; quiet?: boolean; logLevel: string }) => {
      const loaded = await loadRunConfig(opts.config);
      if (!loaded) {
        status = 2;
        return;
      }
      status = await observed(opts, async (o, signal) => {
        const queue = await openQueue(opts.queue, o.logger);
        if (queue === false) return 2;
        const { runConfig } = await import("./run/config-run.js");
        const { run, crawl: c } = await runConfig(loaded.config, loaded.sites, loaded.rules, {
          logger: o.logger,
          signal,
          progress: o.progress,
          ...(opts.concurrency !== undefined ? { threads: opts.concurrency } : {}),
          ...(queue ? { remote: queue } : {}),
        }).finally(() => queue?.close());
        o.stop();
        summarise(run, loaded.config.out, o, c ? { crawl: c.totals } : {});
        return run.failures.length > 0 ? 1 : 0;
      });
    });

  program
    .command("worker")
    .description("take fetch and parse jobs from the BullMQ queues in Redis that `parse`, `crawl` and `run` --queue fill (docs/deploy.md)")
    .requiredOption("--queue <url>", "the Redis the coordinators use (redis://[:password@]host:6379[/db], rediss:// for TLS)", queueUrl)
    .option("-c, --concurrency <n>", `documents read at a time, each in its own thread (default ${cores}, this machine's cores)`, wholeNumber("--concurrency", 1, 1024))
    .option("--no-fetch", "take no fetch jobs (a machine for reading only)")
    .option("--no-parse", "take no parse jobs (a machine for fetching only)")
    .option("--soffice <path>", "LibreOffice executable for .doc files (default: soffice on PATH)")
    .option("--no-soffice", "read .doc files without LibreOffice (text only; tables marked PARSE_UNCERTAIN)")
    .option("--lock-duration <ms>", "how long a job's lock lasts unrenewed: a dead worker's job goes back to the queue after it (default 30000)", wholeNumber("--lock-duration", 100, 86_400_000, "milliseconds"))
    .option("--stalled-interval <ms>", "how often to look for jobs whose worker died (default 30000)", wholeNumber("--stalled-interval", 100, 86_400_000, "milliseconds"))
    .option("--max-stalled <n>", "how often a job may be put back after its worker died before it fails (default 2)", wholeNumber("--max-stalled", 1, 1000))
    .option("--name <name>", "this worker's name on the jobs it processes (default <hostname>:<pid>)")
    .option("-q, --quiet", "log only warnings and errors")
    .addOption(new Option("--log-level <level>", "pino log level").choices(LOG_LEVELS).default("info"))
    .addHelpText("after", "\nRuns until SIGINT or SIGTERM, then finishes the jobs in hand. Exit status: 0 stopped; 2 bad usage or Redis unreachable.")
    .action(
      async (opts: { queue: string; concurrency?: number; fetch: boolean; parse: boolean; soffice?: string | boolean; lockDuration?: number; stalledInterval?: number; maxStalled?: number; name?: string; quiet?: boolean; logLevel: string }) => {
        const { pino } = await import("pino");
        const logger = pino({ level: opts.quiet ? "warn" : opts.logLevel, base: undefined }, pino.destination(2));
        status = await (await import("./queue/cli.js")).runWorker(opts.queue, {
          logger,
          fetch: opts.fetch,
          parse: opts.parse,
          ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
          ...(opts.soffice === false ? { soffice: null } : typeof opts.soffice === "string" ? { soffice: opts.soffice } : {}),
          ...(opts.lockDuration !== undefined ? { lockDurationMs: opts.lockDuration } : {}),
          ...(opts.stalledInterval !== undefined ? { stalledIntervalMs: opts.stalledInterval } : {}),
          ...(opts.maxStalled !== undefined ? { maxStalledCount: opts.maxStalled } : {}),
          ...(opts.name ? { name: opts.name } : {}),
        });
      },
    );

  program
    .command("validate")
    .description("check an output folder: JSON Schema of every record, Data Package (files, CSV headers and types, keys), Parquet, manifest hashes")
    .argument("<outdir>", "a folder written by nianbao parse, crawl or run")
    .addHelpText("after", "\nOne line per problem on stdout. Exit status: 0 valid; 1 some problem; 2 bad usage.")
    .action(async (dir: string) => {
      const { formatProblem, validateFolder } = await import("./dataset/validate-folder.js");
      await (await import("./run/lock.js")).settleFolder(dir);
      const problems = await validateFolder(dir);
      for (const p of problems) process.stdout.write(`${formatProblem(p)}\n`);
      process.stderr.write(problems.length === 0 ? `nianbao: ${dir} is a valid dataset\n` : `nianbao: ${problems.length} problem(s) in ${dir}\n`);
      status = problems.length > 0 ? 1 : 0;
    });

  program
    .command("diff")
    .description("what changed between two output folders: reports added, removed, changed (which cells and anomalies)")
    .argument("<old>", "the previous output folder")
    .argument("<new>", "the new output folder")
    .option("--json", "print the diff as JSON (the shape of changes.json)")
    .addHelpText("after", "\nExit status: 0 (whether or not anything changed); 2 a folder holds no reports.jsonl.")
    .action(async (oldDir: string, newDir: string, opts: { json?: boolean }) => {
      const { diffReports, formatDiff, readReports } = await import("./dataset/diff.js");
      const { settleFolder } = await import("./run/lock.js");
      for (const d of [oldDir, newDir]) await settleFolder(d);
      const [a, b] = [await readReports(oldDir), await readReports(newDir)];
      if (!a || !b) {
        process.stderr.write(`nianbao: ${!a ? oldDir : newDir} holds no reports.jsonl\n`);
        status = 2;
        return;
      }
      const d = diffReports(a, b);
      process.stdout.write(opts.json ? JSON.stringify(d, null, 2) + "\n" : formatDiff(d));
    });

  program
    .command("audit")
    .description("rebuild <outdir>/audit.html from an output folder, folding in auditors' reviews")
    .argument("<outdir>", "an output folder of parse or crawl (reports.jsonl, anomalies.jsonl)")
    .option("--reviews <file>", "decisions exported from audit.html (JSON): merged into <outdir>/reviews.json, the later decision winning")
    .option("--sources <dir...>", "folders to find local inputs under when they have moved since the run (page images and lines)")
    .addHelpText(
      "after",
      "\nSource bytes for page images and lines come from <outdir>/crawl/files (crawled, by sha256) or the input path of a\nlocal parse; when neither holds the same bytes, the page says so and shows the rest of the evidence.\n\nExit status: 0 rebuilt; 2 not an output folder, or a damaged reviews file.",
    )
    .action(async (outDir: string, opts: { reviews?: string; sources?: string[] }) => {
      try {
        const { rebuildAudit } = await import("./emit/audit-html.js");
        await (await import("./run/lock.js")).settleFolder(outDir);
        const r = await rebuildAudit(outDir, { ...(opts.reviews ? { reviewsFile: opts.reviews } : {}), ...(opts.sources ? { sourceDirs: opts.sources } : {}) });
        process.stderr.write(
          `nianbao: ${outDir}/audit.html rebuilt: ${r.reports} report(s), ${r.anomalies} anomal${r.anomalies === 1 ? "y" : "ies"}, ${r.reviews} review(s)${r.unmatched ? ` (${r.unmatched} for anomalies not in this run)` : ""}${r.sourcesMissing ? `, ${r.sourcesMissing} source(s) not found` : ""}\n`,
        );
      } catch (e) {
        process.stderr.write(`nianbao: ${(e as Error).message}\n`);
        status = 2;
      }
    });

  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return 0;
      return 2;
    }
    throw e;
  }
  return status;
}

/** The config of `nianbao run`, its sites and rules files read and checked; null after saying why. */
async function loadRunConfig(file: string) {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    process.stderr.write(`nianbao: cannot read the config file ${file}: ${(e as Error).message}\n`);
    return null;
  }
  const { parseRunConfig } = await import("./run/config.js");
  const parsed = parseRunConfig(text, file);
  if (!parsed.ok) {
    process.stderr.write(`nianbao: the config file ${file} is not valid:\n${parsed.errors.map((e) => `  - ${e}`).join("\n")}\n`);
    return null;
  }
  const config = parsed.value;
  let sites = null;
  if (config.sites !== null) {
    let json: unknown = config.sites;
    if (typeof config.sites === "string") {
      try {
        json = JSON.parse(readFileSync(config.sites, "utf8"));
      } catch (e) {
        process.stderr.write(`nianbao: ${file}: sites: cannot read the sites file ${config.sites}: ${(e as Error).message}\n`);
        return null;
      }
    }
    const { parseSitesFile } = await import("./crawl/sites/sites-file.js");
    const s = parseSitesFile(json);
    if (!s.ok) {
      process.stderr.write(`nianbao: ${file}: sites: not valid:\n${s.errors.map((e) => `  - ${e}`).join("\n")}\n`);
      return null;
    }
    sites = s.value;
  }
  let rules: RulesConfig | undefined;
  if (config.rules !== null) {
    const { parseRulesConfig } = await import("./validate/rules-config.js");
    let input: unknown = config.rules;
    if (typeof config.rules === "string") {
      try {
        input = readFileSync(config.rules, "utf8");
      } catch (e) {
        process.stderr.write(`nianbao: ${file}: rules: cannot read the rules file ${config.rules}: ${(e as Error).message}\n`);
        return null;
      }
    }
    const r = parseRulesConfig(input);
    if (!r.ok) {
      process.stderr.write(`nianbao: ${file}: rules: not valid:\n${r.errors.map((e) => `  - ${e}`).join("\n")}\n`);
      return null;
    }
    rules = r.value;
  }
  return { config, sites, rules };
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // A bug, not a user error: the message, and the stack only when asked for (NIANBAO_DEBUG=1).
    const err = e as Error;
    process.stderr.write(`nianbao: internal error: ${err?.message ?? String(e)}\n${process.env.NIANBAO_DEBUG ? `${err?.stack ?? ""}\n` : "(NIANBAO_DEBUG=1 shows where)\n"}`);
    process.exitCode = 2;
  },
);
