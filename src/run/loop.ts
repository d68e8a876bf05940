/**
 * The run loop: work items in, the output folder out. One loop serves `nianbao parse` (the files
 * on disk, src/batch.ts), `nianbao crawl` (the documents found, src/crawl/crawl.ts) and
 * `nianbao run` (both, src/run/config-run.ts):
 *
 *   - the per-document step is passed in (`deps.step`): the worker-thread pool (./pool.ts) by
 *     default in the CLI, the in-process `readReport` in the library, a queue in scale-out. Its
 *     input and output are plain data; `options.inFlight` says how many it may be given at once;
 *   - every outcome goes to the result store (./store.ts) as it is made, keyed by everything that
 *     decides it; an input whose outcome is stored is not read again (`reused`);
 *   - what the loop keeps per input is small (its manifest line, its failure, the compact summary
 *     the cross-document rules need): the reports stay in the store, and the dataset is written
 *     from there in source.uri order (`deps.emit` gets them as a stream);
 *   - the side effects — the output folder, the clock, the logger, progress, the stop signal — are
 *     the caller's.
 *
 * Every item ends as a report or a failure line, and as a line of manifest.json; one bad input
 * never stops the others. The result does not depend on the order in which outcomes arrive.
 */
import { createHash } from "node:crypto";
import type { Failure } from "../model/failure.js";
import type { AnnualReport, Anomaly } from "../model/report.js";
import type { RulesConfig } from "../validate/rules-config.js";
import { validateAcross, type ReportSummary } from "../validate/across/index.js";
import { stem } from "../validate/across/groups.js";
import { groupByAgency } from "../validate/agency-key.js";
import { inOrder } from "../ahead.js";
import type { ReportFile } from "./report-file.js";
import { isSettled, metaWithoutSummary, settle, type Settled } from "./settled.js";
import { readReport, type InputRecord, type Outcome, type StepOptions } from "./step.js";
import { canonicalJson, codeVersion, memoryStore, outcomeKey, type ResultStore, type StoredMeta } from "./store.js";

/** A unit of work: a file to read, or an input whose outcome is known already (a path that cannot be read). */
export type WorkItem = { file: ReportFile } | { outcome: Outcome };

/** The subset of a pino logger the loop writes to. */
export interface RunLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/**
 * The per-document step: the seam a pool or a queue plugs into. Never rejects for a bad input (it
 * gives a failed Outcome). It may give the outcome settled already (./settled.ts: a pool thread
 * does), or as it is (the loop settles it).
 */
export type Step = (file: ReportFile, options: StepOptions) => Promise<Outcome | Settled>;

export interface Progress {
  done: number;
  total: number | null;
  failures: number;
  /** Inputs whose stored outcome was used. */
  reused: number;
}

/** The run's results as the dataset writer gets them: small things in memory, the reports streamed from the store. */
export interface StreamedRun {
  /** How many reports `reports()` gives. */
  count: number;
  /** The reports in source.uri order, each with all its anomalies (the cross-document ones included). */
  reports(): AsyncIterable<AnnualReport>;
  /** "reportId|path" of every cell a cross-document anomaly's `related` names (for audit.html). */
  related: ReadonlySet<string>;
  failures: Failure[];
  inputs: InputRecord[];
  timings: Record<string, number>;
  rules?: RulesConfig;
  /**
   * sha256 of everything that decides the dataset's bytes: the code, the rules, every input's
   * outcome key (or its failure). Two runs with the same key write the same folder.
   */
  runKey: string;
  /** The result store's keys of this run (what a store sweep keeps). */
  keys: ReadonlySet<string>;
}

export interface RunLoopDeps {
  /** Write the run's results (the output folder). */
  emit: (run: StreamedRun) => Promise<void>;
  logger?: RunLogger | null;
  /** Milliseconds, for timings. @default performance.now */
  now?: () => number;
  /** The per-document step. @default readReport, in this thread */
  step?: Step;
  /** Where outcomes are kept. @default a store in memory (nothing reused across runs) */
  store?: ResultStore;
  /** Stop taking work: in-flight documents are finished, none started, nothing emitted (RunAborted). */
  signal?: AbortSignal | null;
  progress?: ((p: Progress) => void) | null;
  /**
   * Called once every document is read, before the dataset is written: a pool lets its threads go
   * here, so their heaps are not held beside the writing (issue 10: peak RSS of a large run).
   */
  readDone?: (() => Promise<void>) | null;
}

export interface RunLoopOptions extends StepOptions {
  /** How many items there are, when known before they come (for progress). */
  total?: number;
  /** Failures met before any file existed (fetch errors, dead seeds): listed, not inputs. */
  failures?: Failure[];
  /** Timings measured before the loop (e.g. crawlMs), kept in the manifest. */
  timings?: Record<string, number>;
  /** Documents handed to the step at once. @default 1 */
  inFlight?: number;
}

/** What a run did, for the caller's summary and exit status. */
export interface RunSummary {
  reports: number;
  failures: Failure[];
  inputs: InputRecord[];
  /** Anomalies of all reports (the cross-document ones included), and by code. */
  anomalies: number;
  anomaliesByCode: Record<string, number>;
  /** Reports by format, failures by code and by stage. */
  formats: Record<string, number>;
  failuresByCode: Record<string, number>;
  failuresByStage: Record<string, number>;
  /** Inputs read by the step in this run, and inputs whose stored outcome was used. */
  read: number;
  reused: number;
  timings: Record<string, number>;
  runKey: string;
}

export class RunAborted extends Error {
  constructor(readonly signal: string | null) {
    super(`the run was stopped${signal ? ` (${signal})` : ""}; the documents read so far are kept in the result store`);
    this.name = "RunAborted";
  }
}

interface Entry {
  uri: string;
  key: string | null;
  meta: StoredMeta;
  /** The whole summary of an outcome that is not in the store (none today: parsed outcomes are all stored). */
  full?: ReportSummary | null;
}

/** Reports read from the store ahead of the one being written. */
const READ_AHEAD = 8;

const byUri = (a: { uri: string }, b: { uri: string }) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0);

function count<T>(xs: Iterable<T>, f: (x: T) => string | undefined): Record<string, number> {
  const m: Record<string, number> = {};
  for (const x of xs) {
    const k = f(x);
    if (k !== undefined) m[k] = (m[k] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * A summary without its cells and prose sketch: what the loop holds for every document (a few
 * hundred bytes instead of tens of KB, so 10,000 documents stay small). The whole summary stays in
 * the store.
 */
function lighten(s: ReportSummary): ReportSummary {
  return { ...s, cells: {}, prose: { size: 0, mins: [] } };
}

/**
 * The summaries the cross-document rules get: whole for every document that can meet another —
 * the same bytes, one agency key, an article and its attachment, one path but the extension
 * (src/validate/across/groups.ts) — read back from the store; the light one for the rest, whose
 * only cross-document rule (PUBLISHED_LATE) reads dates alone. The rules give what they would
 * give over every whole summary.
 */
async function summariesFor(parsed: Entry[], store: ResultStore): Promise<ReportSummary[]> {
  const light = parsed.map((e) => e.meta.summary!);
  const meet = new Set<number>();
  const groups = (key: (s: ReportSummary) => string | null) => {
    const m = new Map<string, number[]>();
    light.forEach((s, i) => {
      const k = key(s);
      if (k !== null) (m.get(k) ?? m.set(k, []).get(k)!).push(i);
    });
    for (const list of m.values()) if (list.length > 1) for (const i of list) meet.add(i);
  };
  groups((s) => s.sha256);
  groups((s) => stem(s.uri));
  const index = new Map(light.map((s, i) => [s, i]));
  for (const members of groupByAgency(light, (s) => s.agencyKey).values()) if (members.length > 1) for (const s of members) meet.add(index.get(s)!);
  const byUri = new Map(light.map((s, i) => [s.uri, i]));
  light.forEach((s, i) => {
    for (const link of s.attachments) {
      const j = byUri.get(link);
      if (j !== undefined) meet.add(i).add(j);
    }
  });
  const out: ReportSummary[] = [];
  for (let i = 0; i < light.length; i++) {
    if (!meet.has(i)) {
      out.push(light[i]!);
      continue;
    }
    const e = parsed[i]!;
    const whole = e.full ?? (e.key ? (await store.meta(e.key))?.summary : null);
    if (!whole) throw new Error(`the result store lost the outcome of ${e.uri} (${e.key}) during the run`);
    out.push(whole);
  }
  return out;
}

export async function runLoop(work: Iterable<WorkItem> | AsyncIterable<WorkItem>, options: RunLoopOptions, deps: RunLoopDeps): Promise<RunSummary> {
  const now = deps.now ?? (() => performance.now());
  const step = deps.step ?? readReport;
  const store = deps.store ?? memoryStore();
  const log = deps.logger ?? null;
  const { total, failures: before = [], timings = {}, inFlight = 1, ...stepOptions } = options;
  const t0 = now();
  const entries: Entry[] = [];
  let done = 0;
  let failed = before.length;
  let read = 0;
  let reused = 0;

  const report = (e: Entry, fresh: boolean) => {
    entries.push(e.meta.summary ? { ...e, meta: { ...e.meta, summary: lighten(e.meta.summary) } } : e);
    done++;
    if (e.meta.status === "failed") failed++;
    const progress = total !== undefined ? `${done}/${total}` : `${done}`;
    const i = e.meta.input;
    if (e.meta.status === "parsed") {
      const s = e.meta.summary;
      log?.info(
        { uri: i.uri, id: i.reportId, format: s?.format, reader: i.reader, template: s?.template, anomalies: e.meta.codes?.length ?? 0, ...(fresh ? {} : { reused: true }), progress },
        `${fresh ? "parsed" : "unchanged"} ${s?.title ?? i.uri}${i.reader ? ` (read with ${i.reader})` : ""}`,
      );
    } else {
      const f = e.meta.failure!;
      log?.warn({ uri: f.uri, stage: f.stage, code: f.code, ...(f.reason ? { reason: f.reason } : {}), ...e.meta.context, ...(fresh ? {} : { reused: true }), progress }, f.error);
    }
    deps.progress?.({ done, total: total ?? null, failures: failed, reused });
  };

  async function handle(item: WorkItem): Promise<void> {
    if ("outcome" in item) {
      report({ uri: item.outcome.input.uri, key: null, meta: metaWithoutSummary(item.outcome) }, true);
      return;
    }
    const key = outcomeKey(item.file, stepOptions);
    const stored = await store.meta(key);
    if (stored) {
      reused++;
      report({ uri: item.file.uri, key, meta: stored }, false);
      return;
    }
    const result = await step(item.file, stepOptions);
    read++;
    const { meta, reportJson, storable: keep } = isSettled(result) ? result : settle(result);
    if (keep) await store.put(key, meta, reportJson);
    report({ uri: item.file.uri, key: keep ? key : null, meta }, true);
  }

  const inflight = new Set<Promise<void>>();
  const aborted = () => deps.signal?.aborted === true;
  let error: { e: unknown } | null = null;
  for await (const item of work) {
    if (aborted() || error) break;
    const p: Promise<void> = handle(item)
      .catch((e: unknown) => void (error ??= { e }))
      .finally(() => inflight.delete(p));
    inflight.add(p);
    if (inflight.size >= Math.max(1, inFlight)) await Promise.race(inflight);
  }
  await Promise.all(inflight);
  if (!aborted() && !error) await deps.readDone?.();
  // Stopped: what was in flight is abandoned (a pool's threads are terminated), what was stored stays.
  if (aborted()) throw new RunAborted(typeof deps.signal?.reason === "string" ? deps.signal.reason : null);
  if (error) throw (error as { e: unknown }).e;

  entries.sort(byUri);
  const failures = [...before, ...entries.flatMap((e) => (e.meta.failure ? [e.meta.failure] : []))];
  const parsed = entries.filter((e) => e.meta.status === "parsed");
  // The rules that compare documents (this year against last, a page against its attachment) run
  // once every document is read, over the summaries; their anomalies join the first report (by
  // URI) with the id they are about, as the reports stream out of the store.
  const cross = validateAcross(await summariesFor(parsed, store), stepOptions.rules);
  const crossById = new Map<string, Anomaly[]>();
  for (const a of cross) (crossById.get(a.reportId) ?? crossById.set(a.reportId, []).get(a.reportId)!).push(a);
  const related = new Set(cross.flatMap((a) => (a.related ?? []).map((r) => `${r.reportId}|${r.path}`)));
  const keys = new Set(entries.flatMap((e) => (e.key ? [e.key] : [])));

  const runKey = createHash("sha256")
    .update(
      canonicalJson({
        code: codeVersion(),
        rules: stepOptions.rules ?? null,
        before,
        entries: entries.map((e) => (e.key ? [e.uri, e.key] : [e.uri, e.meta.input, e.meta.failure])),
      }),
    )
    .digest("hex");

  const parseMs = Math.round(now() - t0);
  const run: StreamedRun = {
    count: parsed.length,
    async *reports() {
      const attached = new Set<string>();
      // The next few reports are read while this one is written: the store's reads overlap the
      // writing (issue 10: the dataset of 1,200 reports took 5 s to write, a third of it waiting).
      for await (const [e, r] of inOrder(parsed, READ_AHEAD, (x) => store.report(x.key ?? ""))) {
        const id = e.meta.input.reportId!;
        if (!attached.has(id)) {
          attached.add(id);
          r.anomalies.push(...(crossById.get(id) ?? []));
        }
        yield r;
      }
    },
    related,
    failures,
    inputs: entries.map((e) => e.meta.input),
    timings: { ...timings, parseMs },
    ...(stepOptions.rules ? { rules: stepOptions.rules } : {}),
    runKey,
    keys,
  };
  const t1 = now();
  await deps.emit(run);
  const codes = [...parsed.flatMap((e) => e.meta.codes ?? []), ...cross.map((a) => a.code)];
  return {
    reports: parsed.length,
    failures,
    inputs: run.inputs,
    anomalies: codes.length,
    anomaliesByCode: count(codes, (c) => c),
    formats: count(parsed, (e) => e.meta.summary?.format),
    failuresByCode: count(failures, (f) => f.code),
    failuresByStage: count(failures, (f) => f.stage),
    read,
    reused,
    timings: { ...run.timings, emitMs: Math.round(now() - t1) },
    runKey,
  };
}
