/**
 * The coordinator's side of the queue: the process that runs `nianbao parse|crawl|run --queue`.
 * It keeps everything that has state — the walk, the crawl state, the store, the run loop, the
 * output folder — and hands the two kinds of work that have none to workers:
 *
 *   - `transport`: one HTTP exchange, as a job on the host's own queue (`fetch-<host>`), whose
 *     BullMQ settings — global concurrency 1, global rate limit one job per the host's interval —
 *     hold however many workers take from it and however many coordinators put into it. The
 *     fetcher (src/crawl/http) still waits out intervals, robots Crawl-delay, backoff and
 *     Retry-After itself before it asks, and follows redirects, so a worker only sends.
 *   - `step`: one document through `readReport`, as a job on the `parse` queue; the bytes are
 *     written to Redis beside it (by sha256), the worker writes the outcome back.
 *
 * Jobs are awaited through QueueEvents; an outcome is read back in the order the loop asks for
 * it, whatever the order workers finish in, so the output is the same as a local run's.
 */
import { randomBytes } from "node:crypto";
import { deserialize } from "node:v8";
import { Queue, QueueEvents, type Job } from "bullmq";
import type { Transport } from "../crawl/http/options.js";
import { NetworkError, type SendInit, type Sent } from "../crawl/http/transport.js";
import { NianbaoError } from "../model/errors.js";
import type { RemoteStep } from "../run/controls.js";
import type { WorkItem } from "../run/loop.js";
import type { ReportFile } from "../run/report-file.js";
import { failed, type Outcome, type StepOptions } from "../run/step.js";
import { VERSION } from "../version.js";
import {
  contentBytes,
  fetchQueueName,
  fileMeta,
  jobOptions,
  FETCH_JOB_SHAPE,
  PARSE_JOB_SHAPE,
  PARSE_QUEUE,
  type FetchJobData,
  type FetchJobResult,
  type ParseJobData,
  type ParseJobResult,
} from "./jobs.js";
import { connectChecked, dataKeys, DATA_TTL_MS, DEFAULT_PREFIX, redisNow } from "./redis.js";

/** The subset of a pino logger the coordinator writes to. */
export interface QueueLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface CoordinatorOptions {
  /** Key prefix of the queues and their data (several deployments can share one Redis). @default "nianbao" */
  prefix?: string;
  /** Parse jobs submitted ahead of the loop, so every worker has work. @default 32 */
  ahead?: number;
  /** Say so when a job has waited this long without a worker taking it. @default 60000 */
  waitWarnMs?: number;
  logger?: QueueLogger | null;
}

/**
 * How `parse` and `crawl` run their per-document step elsewhere (RunControls.remote): the step, and
 * the loop's work with the jobs of the files it will ask for submitted up to `ahead` items before
 * the loop reaches them.
 */
export interface RemoteSteps extends RemoteStep {
  /** FetcherOptions.transport, for a crawl: each HTTP exchange made elsewhere too. */
  transport?: Transport;
}

export interface Coordinator extends RemoteSteps {
  /** This run's id: its data keys carry it. */
  readonly run: string;
  /** Each exchange made by a worker, through the host's queue. */
  transport: Transport;
  /** Close the queues and connections (jobs already finished; the loop awaited them). */
  close(): Promise<void>;
}

/** Finished jobs are kept an hour (for inspection), failed ones a day; then BullMQ removes them. */
const KEEP = { removeOnComplete: { age: 3600 }, removeOnFail: { age: 86_400 } } as const;
/** A host queue is announced again this often while in use, so workers keep listening to it. */
const TOUCH_MS = 30_000;

interface HostQueue {
  queue: Queue;
  events: QueueEvents;
  intervalMs: number;
  touched: number;
}

/** Every job awaited listens for its queue's closing: as many listeners as jobs in flight is no leak. */
function listening(queue: Queue): Queue {
  queue.setMaxListeners(0);
  return queue;
}

export async function openCoordinator(url: string, options: CoordinatorOptions = {}): Promise<Coordinator> {
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const ahead = Math.max(1, options.ahead ?? 32);
  const waitWarnMs = options.waitWarnMs ?? 60_000;
  const log = options.logger ?? null;
  const redis = await connectChecked(url);
  redis.on("error", (e: Error) => log?.warn({ error: e.message }, "queue: Redis error"));
  const keys = dataKeys(prefix);
  const run = randomBytes(6).toString("hex");
  let counter = 0;

  const hostQueues = new Map<string, Promise<HostQueue>>();
  let parseQueue: Promise<{ queue: Queue; events: QueueEvents }> | null = null;

  async function events(name: string): Promise<QueueEvents> {
    // Given a client, BullMQ makes its own blocking connection from it (and closes it).
    const ev = new QueueEvents(name, { connection: redis, prefix });
    ev.on("error", (e) => log?.warn({ queue: name, error: (e as Error).message }, "queue events: Redis error"));
    await ev.waitUntilReady();
    return ev;
  }

  /** Tell workers a host queue is in use (a sorted set they read, and a message so they need not wait for their next look). */
  async function announce(name: string): Promise<void> {
    await redis.zadd(keys.hosts, await redisNow(redis), name);
    await redis.publish(keys.hostsChannel, name);
  }

  async function hostQueue(host: string, intervalMs: number): Promise<HostQueue> {
    const name = fetchQueueName(host);
    let p = hostQueues.get(name);
    if (!p) {
      p = (async () => {
        const queue = listening(new Queue(name, { connection: redis, prefix }));
        queue.on("error", (e) => log?.warn({ queue: name, error: (e as Error).message }, "queue: Redis error"));
        // The politeness that holds across every worker and coordinator: one exchange at a time,
        // and no two started closer than the host's interval (BullMQ global concurrency and rate limit).
        await queue.setGlobalConcurrency(1);
        await queue.setGlobalRateLimit(1, Math.max(1, Math.round(intervalMs)));
        const ev = await events(name);
        await announce(name);
        return { queue, events: ev, intervalMs, touched: Date.now() };
      })();
      hostQueues.set(name, p);
    }
    const q = await p;
    if (intervalMs > q.intervalMs) {
      // robots.txt asked for a longer Crawl-delay: every worker keeps it from now on.
      q.intervalMs = intervalMs;
      await q.queue.setGlobalRateLimit(1, Math.round(intervalMs));
    }
    if (Date.now() - q.touched > TOUCH_MS) {
      q.touched = Date.now();
      await announce(q.queue.name);
    }
    return q;
  }

  function parseSide(): Promise<{ queue: Queue; events: QueueEvents }> {
    parseQueue ??= (async () => {
      const queue = listening(new Queue(PARSE_QUEUE, { connection: redis, prefix }));
      queue.on("error", (e) => log?.warn({ queue: PARSE_QUEUE, error: (e as Error).message }, "queue: Redis error"));
      return { queue, events: await events(PARSE_QUEUE) };
    })();
    return parseQueue;
  }

  /** A job's return value once a worker finished it; rejects with the reason it failed. */
  async function finished<R>(job: Job, ev: QueueEvents, queue: Queue, what: string): Promise<R> {
    const watch = setInterval(() => {
      void (async () => {
        const state = await job.getState().catch(() => "unknown");
        if (state === "waiting" || state === "prioritized" || state === "delayed") {
          const workers = await queue.getWorkersCount().catch(() => -1);
          log?.warn(
            { queue: queue.name, job: job.id, state, workers, what },
            workers === 0 ? `no worker is taking jobs of ${queue.name}: is \`nianbao worker --queue …\` running?` : `job ${job.id} of ${queue.name} still ${state}`,
          );
        }
      })();
    }, waitWarnMs);
    watch.unref();
    try {
      return (await job.waitUntilFinished(ev)) as R;
    } finally {
      clearInterval(watch);
    }
  }

  const transport: Transport = async (url: string, init: SendInit, host: { key: string; intervalMs: number }): Promise<Sent> => {
    const q = await hostQueue(host.key, host.intervalMs);
    const { store, ...exchange } = init;
    const data: FetchJobData = { shape: FETCH_JOB_SHAPE, url, init: exchange, bodyKey: keys.body(run, ++counter) };
    let r: FetchJobResult;
    try {
      const job = await q.queue.add("fetch", data, { ...KEEP, attempts: 1 });
      r = await finished<FetchJobResult>(job, q.events, q.queue, url);
    } catch (e) {
      // A job that failed (a worker bug, a job stalled past its limit): a network failure to the
      // fetcher, which retries it as it would a reset.
      throw new NetworkError(`queue: ${(e as Error).message}`, "network", null);
    }
    if (r.kind === "network") throw new NetworkError(r.message, r.reason, r.code);
    let body: Buffer | null = null;
    if (r.body) {
      body = await redis.getBuffer(r.body);
      await redis.del(r.body);
      if (!body) throw new NetworkError(`queue: the body of ${url} was gone from Redis`, "network", null);
    }
    const base = { status: r.status, headers: new Headers(r.headers) };
    // As `send` does: a 2xx body goes to the store (a file), except a status that has no body.
    if (store && body && !r.tooLarge && r.status >= 200 && r.status < 300 && r.status !== 204 && r.status !== 205) {
      const staged = await store.stage(body);
      return { ...base, bytes: staged.bytes, body: null, staged, tooLarge: false };
    }
    return { ...base, bytes: r.bytes, body, staged: null, tooLarge: r.tooLarge };
  };

  /** Documents in Redis for this run, by key: how many submitted jobs still need each. */
  const inputs = new Map<string, number>();
  const pending = new WeakMap<ReportFile, Promise<Outcome>>();

  async function submit(file: ReportFile, options: StepOptions): Promise<Outcome> {
    const known = { sha256: file.sha256, bytes: file.bytes };
    const { bytes, encoding } = contentBytes(file);
    const key = keys.input(run, file.sha256 + (encoding === null ? "" : ".text"));
    const users = inputs.get(key) ?? 0;
    inputs.set(key, users + 1);
    try {
      if (users === 0) await redis.set(key, bytes, "PX", DATA_TTL_MS);
      const { queue, events: ev } = await parseSide();
      const data: ParseJobData = {
        shape: PARSE_JOB_SHAPE,
        version: VERSION,
        file: fileMeta(file),
        content: { key, encoding },
        options: jobOptions(options),
        outcomeKey: keys.outcome(run, ++counter),
      };
      let result: ParseJobResult;
      try {
        // Infrastructure trouble (Redis, a thread that died) is worth another try; a document
        // that cannot be read is an outcome, never a thrown error, so it is not tried twice.
        const job = await queue.add("parse", data, { ...KEEP, attempts: 2, backoff: { type: "fixed", delay: 1000 } });
        result = await finished<ParseJobResult>(job, ev, queue, file.uri);
      } catch (e) {
        return failed(file.uri, new NianbaoError("PARSE_FAILED", "parse", `the queue's worker failed: ${(e as Error).message}`), known);
      }
      const buf = await redis.getBuffer(result.outcomeKey);
      await redis.del(result.outcomeKey);
      if (!buf) return failed(file.uri, new NianbaoError("PARSE_FAILED", "parse", "the worker's outcome was gone from Redis"), known);
      return deserialize(buf) as Outcome;
    } finally {
      const left = (inputs.get(key) ?? 1) - 1;
      if (left <= 0) {
        inputs.delete(key);
        await redis.del(key).catch(() => 0);
      } else inputs.set(key, left);
    }
  }

  function step(file: ReportFile, options: StepOptions): Promise<Outcome> {
    const p = pending.get(file);
    if (p) {
      pending.delete(file);
      return p;
    }
    return submit(file, options);
  }

  async function* feed(work: Iterable<WorkItem> | AsyncIterable<WorkItem>, options: StepOptions, wanted?: (file: ReportFile) => Promise<boolean>): AsyncGenerator<WorkItem> {
    const window: WorkItem[] = [];
    for await (const item of work) {
      // A file whose outcome the loop has stored is not sent: the loop will not ask for it.
      if ("file" in item && (!wanted || (await wanted(item.file)))) {
        const p = submit(item.file, options);
        p.catch(() => undefined);
        pending.set(item.file, p);
      }
      window.push(item);
      if (window.length >= ahead) yield window.shift()!;
    }
    while (window.length > 0) yield window.shift()!;
  }

  async function close(): Promise<void> {
    const hq = await Promise.all([...hostQueues.values()].map((p) => p.catch(() => null)));
    const pq = parseQueue ? await parseQueue.catch(() => null) : null;
    const all = [...hq.filter((q): q is HostQueue => q !== null), ...(pq ? [pq] : [])];
    await Promise.all(all.map(async (q) => {
      await q.events.close();
      await q.queue.close();
    }));
    await redis.quit().catch(() => redis.disconnect());
  }

  return { run, transport, step, feed, close };
}
