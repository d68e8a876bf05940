#!/usr/bin/env -S node --max-old-space-size=1536
/**
 * The `nianbao` command: a thin shell over the library (src/index.ts).
 *
 * The heap limit in the shebang is a memory setting, not a ceiling we expect to reach: V8 sizes
 * its collections by the limit, and with the default (a quarter of RAM) pdf.js's short-lived
 * garbage pushes the resident size of a PDF batch past 300 MB while the live heap stays near
 * 50 MB; at 1.5 GB the same batch peaks near 230 MB (npm run bench).
 */
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { pino } from "pino";
import { readFileSync } from "node:fs";
import { parseBatch } from "./batch.js";
import { runCrawl } from "./crawl/crawl.js";
import { parseSitesFile } from "./crawl/sites/index.js";
import { rebuildAudit } from "./emit/audit-html.js";
import { parseRulesConfig, type RulesConfig } from "./validate/rules-config.js";
import { VERSION } from "./version.js";
import { diffReports, formatDiff, readReports } from "./dataset/diff.js";
import { formatProblem, validateFolder } from "./dataset/validate-folder.js";
import { checkQueueUrl } from "./queue/url.js";

function positive(v: string, name: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new CommanderError(2, "nianbao.option", `${name} takes a positive whole number, not "${v}"`);
  return n;
}

/** A `--queue` URL (redis:// or rediss://). */
function queueUrl(v: string): string {
  const problem = checkQueueUrl(v);
  if (problem) throw new InvalidArgumentError(problem);
  return v;
}

/** The rules file of --rules, validated; null (after saying why on stderr) when it is not usable. */
function readRules(file: string | undefined): RulesConfig | undefined | null {
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    process.stderr.write(`nianbao: cannot read the rules file ${file}: ${(e as Error).message}\n`);
    return null;
  }
  const parsed = parseRulesConfig(text);
  if (!parsed.ok) {
    process.stderr.write(`nianbao: the rules file ${file} is not valid:\n${parsed.errors.map((e) => `  - ${e}`).join("\n")}\n`);
    return null;
  }
  return parsed.value;
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  let status = 0;
  program
    .name("nianbao")
    .description(
      "Read China's government information-disclosure annual reports (政府信息公开工作年度报告)\n" +
        "into a typed JSON dataset, and flag where a report contradicts itself.",
    )
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command("parse")
    .description("parse local reports (html, htm, shtml, pdf, docx, doc, txt, md) into --out")
    .argument("<paths...>", "files or folders (folders are searched recursively)")
    .requiredOption("-o, --out <dir>", "output folder: reports.jsonl, reports/<id>.json, anomalies.jsonl, failures.jsonl, manifest.json")
    .option("--fee-precision <n>", "decimals to demand of the fee when its header states none (default: none)", (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 8) throw new CommanderError(2, "nianbao.option", `--fee-precision takes a whole number 0–8, not "${v}"`);
      return n;
    })
    .option("--rules <file>", "rules file: switch rules off, change severities, tune parameters (docs/rules.md)")
    .option("--soffice <path>", "LibreOffice executable for .doc files (default: soffice on PATH)")
    .option("--no-soffice", "read .doc files without LibreOffice (text only; tables marked PARSE_UNCERTAIN)")
    .option("--timeout <ms>", "give up on one PDF or DOC after this many milliseconds", (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1000) throw new CommanderError(2, "nianbao.option", `--timeout takes milliseconds (at least 1000), not "${v}"`);
      return n;
    })
    .option("--queue <url>", "read the documents on `nianbao worker` processes through a BullMQ queue in Redis (redis://host:6379; docs/deploy.md)", queueUrl)
    .option("-q, --quiet", "log only warnings and errors")
    .option("--log-level <level>", "pino log level (trace, debug, info, warn, error)", "info")
    .addHelpText(
      "after",
      "\nExit status: 0 every input became a report; 1 some input failed (see failures.jsonl; the others are still written);\n2 bad usage.\n\nExample:\n  nianbao parse samples/ --out output/",
    )
    .action(async (paths: string[], opts: { out: string; feePrecision?: number; rules?: string; quiet?: boolean; logLevel: string; soffice?: string | boolean; timeout?: number; queue?: string }) => {
      const rules = readRules(opts.rules);
      if (rules === null) {
        status = 2;
        return;
      }
      const logger = pino({ level: opts.quiet ? "warn" : opts.logLevel, base: undefined }, pino.destination(2));
      const queue = opts.queue ? await (await import("./queue/cli.js")).openQueue(opts.queue, logger) : null;
      if (opts.queue && !queue) {
        status = 2;
        return;
      }
      const run = await parseBatch(paths, {
        out: opts.out,
        logger,
        ...(rules ? { rules } : {}),
        defaultFeePrecision: opts.feePrecision ?? null,
        // commander: --no-soffice gives false, --soffice <path> a string, neither true.
        ...(opts.soffice === false ? { soffice: null } : typeof opts.soffice === "string" ? { soffice: opts.soffice } : {}),
        ...(opts.timeout !== undefined ? { timeoutMs: opts.timeout } : {}),
        ...(queue ? { remote: queue } : {}),
      }).finally(() => queue?.close());
      logger.info(
        { reports: run.reports.length, failures: run.failures.length, anomalies: run.reports.reduce((n, r) => n + r.anomalies.length, 0), out: opts.out },
        `done: ${run.reports.length} report(s), ${run.failures.length} failure(s) → ${opts.out}`,
      );
      status = run.failures.length > 0 ? 1 : 0;
    });

  program
    .command("crawl")
    .description("crawl agencies' annual-report columns, download the reports, and parse them into --out (as `parse` does)")
    .requiredOption("-s, --sites <file>", 'sites file: { "sites": [ { "id", "agency", "start": ["http://…/index.html"] } ] } (see docs/crawling.md)')
    .requiredOption("-o, --out <dir>", "output folder; the crawl state and downloaded files live in <out>/crawl/")
    .option("--no-parse", "download only")
    .option("--rules <file>", "rules file (as for parse)")
    .option("--state <file>", "SQLite state file (default <out>/crawl/state.sqlite)")
    .option("--timeout <ms>", "per-request timeout in milliseconds (default 20000)", (v) => positive(v, "--timeout"))
    .option("--max-bytes <n>", "largest file to download (default 50 MiB)", (v) => positive(v, "--max-bytes"))
    .option("--user-agent <ua>", "User-Agent to send (default: nianbao/<version> research crawler)")
    .option("--retries <n>", "retries of a request that failed with 429/5xx/timeout (default 3)", (v) => positive(v, "--retries"))
    .option("--backoff <ms>", "first retry delay; each next one ×3, with jitter (default 1000)", (v) => positive(v, "--backoff"))
    .option("--queue <url>", "make the requests and read the documents on `nianbao worker` processes through BullMQ queues in Redis (docs/deploy.md)", queueUrl)
    .option("-q, --quiet", "log only warnings and errors")
    .option("--log-level <level>", "pino log level", "info")
    .addHelpText(
      "after",
      "\nPolite by design: one connection per host, ≥1.5 s between requests (or the site's minIntervalMs / robots Crawl-delay),\nrobots.txt obeyed, anti-bot pages reported as blocked and never retried. A second run sends conditional requests;\na killed run resumes without refetching finished work. <out>/crawl/summary.json holds per-site and per-host figures.\n\nExit status: 0 all reports parsed; 1 some fetch or parse failed (see failures.jsonl); 2 bad usage or sites file.",
    )
    .action(async (opts: { sites: string; out: string; parse: boolean; rules?: string; state?: string; timeout?: number; maxBytes?: number; userAgent?: string; retries?: number; backoff?: number; queue?: string; quiet?: boolean; logLevel: string }) => {
      const logger = pino({ level: opts.quiet ? "warn" : opts.logLevel, base: undefined }, pino.destination(2));
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(opts.sites, "utf8"));
      } catch (e) {
        process.stderr.write(`nianbao: cannot read the sites file ${opts.sites}: ${(e as Error).message}\n`);
        status = 2;
        return;
      }
      const rules = readRules(opts.rules);
      if (rules === null) {
        status = 2;
        return;
      }
      const parsed = parseSitesFile(json);
      if (!parsed.ok) {
        process.stderr.write(`nianbao: the sites file ${opts.sites} is not valid:\n${parsed.errors.map((e) => `  - ${e}`).join("\n")}\n`);
        status = 2;
        return;
      }
      const queue = opts.queue ? await (await import("./queue/cli.js")).openQueue(opts.queue, logger) : null;
      if (opts.queue && !queue) {
        status = 2;
        return;
      }
      const { run, summary } = await runCrawl(parsed.value, {
        out: opts.out,
        parse: opts.parse,
        logger,
        ...(rules ? { rules } : {}),
        ...(opts.state ? { statePath: opts.state } : {}),
        ...(queue ? { remote: queue } : {}),
        fetcher: {
          ...(opts.timeout !== undefined ? { timeoutMs: opts.timeout } : {}),
          ...(opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {}),
          ...(opts.userAgent ? { userAgent: opts.userAgent } : {}),
          ...(opts.retries !== undefined || opts.backoff !== undefined
            ? { retry: { ...(opts.retries !== undefined ? { retries: opts.retries } : {}), ...(opts.backoff !== undefined ? { baseDelayMs: opts.backoff, maxDelayMs: opts.backoff * 9 } : {}) } }
            : {}),
        },
      }).finally(() => queue?.close());
      const t = summary.totals;
      logger.info(
        { ...t, reports: run.reports.length, out: opts.out },
        `done: ${t.found} report(s) found, ${t.new} fetched new, ${t.unchanged} unchanged, ${t.failed} failed, ${t.blocked} host(s) blocked, ${t.robotsDenied} robots-denied → ${opts.out}`,
      );
      status = run.failures.length > 0 ? 1 : 0;
    });

  program
    .command("worker")
    .description("take fetch and parse jobs from the BullMQ queues in Redis that `parse`, `crawl` and `run` --queue fill (docs/deploy.md)")
    .requiredOption("--queue <url>", "the Redis the coordinators use (redis://[:password@]host:6379[/db], rediss:// for TLS)", queueUrl)
    .option("-c, --concurrency <n>", "documents read at a time, each in its own thread (default: the number of cores)", (v) => positive(v, "--concurrency"))
    .option("--no-fetch", "take no fetch jobs (a machine for reading only)")
    .option("--no-parse", "take no parse jobs (a machine for fetching only)")
    .option("--soffice <path>", "LibreOffice executable for .doc files (default: soffice on PATH)")
    .option("--no-soffice", "read .doc files without LibreOffice (text only; tables marked PARSE_UNCERTAIN)")
    .option("--lock-duration <ms>", "how long a job's lock lasts unrenewed: a dead worker's job goes back to the queue after it (default 30000)", (v) => positive(v, "--lock-duration"))
    .option("--stalled-interval <ms>", "how often to look for jobs whose worker died (default 30000)", (v) => positive(v, "--stalled-interval"))
    .option("--max-stalled <n>", "how often a job may be put back after its worker died before it fails (default 2)", (v) => positive(v, "--max-stalled"))
    .option("--name <name>", "this worker's name on the jobs it processes (default <hostname>:<pid>)")
    .option("-q, --quiet", "log only warnings and errors")
    .option("--log-level <level>", "pino log level", "info")
    .addHelpText("after", "\nRuns until SIGINT or SIGTERM, then finishes the jobs in hand. Exit status: 0 stopped; 2 bad usage or Redis unreachable.")
    .action(
      async (opts: { queue: string; concurrency?: number; fetch: boolean; parse: boolean; soffice?: string | boolean; lockDuration?: number; stalledInterval?: number; maxStalled?: number; name?: string; quiet?: boolean; logLevel: string }) => {
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

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`nianbao: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 2;
  },
);
