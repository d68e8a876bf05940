/**
 * The run loop: work items in, the output folder out. One loop serves `nianbao parse` (the files
 * on disk, src/batch.ts) and `nianbao crawl` (the documents found, src/crawl/crawl.ts), and is the
 * seam the coming scheduled runs and workers (issue 10) plug into:
 *
 *   - the per-document step (./step.ts `readReport`) takes and gives plain data, and is passed in,
 *     so a worker-thread pool or a queue can stand in for it;
 *   - work arrives as an (async) iterable, so inputs are read one at a time, not held;
 *   - the side effects — writing the output (`emit`), the clock, the logger — are the caller's.
 *
 * Every item ends as a report or a failure line, and as a line of manifest.json; one bad input
 * never stops the others.
 */
import type { RunResult } from "../emit/index.js";
import type { Failure } from "../model/failure.js";
import type { AnnualReport } from "../model/report.js";
import { crossCheck } from "../validate/across/index.js";
import type { ReportFile } from "./report-file.js";
import { readReport, type InputRecord, type Outcome, type StepOptions } from "./step.js";

/** A unit of work: a file to read, or an input whose outcome is known already (a path that cannot be read). */
export type WorkItem = { file: ReportFile } | { outcome: Outcome };

/** The subset of a pino logger the loop writes to. */
export interface RunLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface RunLoopDeps {
  /** Write the run's results (the output folder: src/emit emitAll). */
  emit: (run: RunResult) => Promise<void>;
  logger?: RunLogger | null;
  /** Milliseconds, for timings. @default performance.now */
  now?: () => number;
  /** The per-document step. @default readReport */
  step?: (file: ReportFile, options: StepOptions) => Promise<Outcome>;
}

export interface RunLoopOptions extends StepOptions {
  /** How many items there are, when known before they come (for progress lines). */
  total?: number;
  /** Failures met before any file existed (fetch errors, dead seeds): listed, not inputs. */
  failures?: Failure[];
  /** Timings measured before the loop (e.g. crawlMs), kept in the manifest. */
  timings?: Record<string, number>;
}

export async function runLoop(work: Iterable<WorkItem> | AsyncIterable<WorkItem>, options: RunLoopOptions, deps: RunLoopDeps): Promise<RunResult> {
  const now = deps.now ?? (() => performance.now());
  const step = deps.step ?? readReport;
  const log = deps.logger ?? null;
  const { total, failures: before = [], timings = {}, ...stepOptions } = options;
  const t0 = now();
  const reports: AnnualReport[] = [];
  const failures: Failure[] = [...before];
  const inputs: InputRecord[] = [];
  let i = 0;
  for await (const item of work) {
    i++;
    const outcome = "file" in item ? await step(item.file, stepOptions) : item.outcome;
    inputs.push(outcome.input);
    const progress = total !== undefined ? `${i}/${total}` : `${i}`;
    if (outcome.status === "parsed") {
      const r = outcome.report;
      reports.push(r);
      const reader = outcome.input.reader;
      log?.info(
        { uri: r.source.uri, id: r.id, format: r.source.format, reader, template: r.template, anomalies: r.anomalies.length, messages: r.messages.length, progress },
        `parsed ${r.title ?? r.source.uri}${reader ? ` (read with ${reader})` : ""}`,
      );
    } else {
      failures.push(outcome.failure);
      const f = outcome.failure;
      log?.warn({ uri: f.uri, stage: f.stage, code: f.code, ...(f.reason ? { reason: f.reason } : {}), ...outcome.context, progress }, f.error);
    }
  }
  // The rules that compare documents (this year against last, a page against its attachment) run
  // once every document is read; their anomalies join the reports they are about.
  crossCheck(reports, stepOptions.rules);
  const t1 = now();
  const run: RunResult = {
    reports,
    failures,
    inputs,
    timings: { ...timings, parseMs: Math.round(t1 - t0) },
    ...(stepOptions.rules ? { rules: stepOptions.rules } : {}),
  };
  await deps.emit(run);
  run.timings.emitMs = Math.round(now() - t1);
  return run;
}
