/**
 * `nianbao worker --queue redis://…`: a process that takes fetch and parse jobs, on any machine
 * that reaches the Redis. It holds no state of its own and needs no shared disk: a job names the
 * keys its bytes are read from and written to.
 *
 *   parse       one BullMQ Worker on the `parse` queue, its processor sandboxed in worker
 *               threads (./parse-processor.ts), `concurrency` documents at a time;
 *   fetch-<h>   one BullMQ Worker (concurrency 1) per host queue in use, found in the registry
 *               the coordinators keep (`<prefix>:data:hosts`, a sorted set by last use, in
 *               Redis's clock) and
 *               announced on its channel; a host unused for `idleHostMs` is let go.
 *
 * Locks: a job's lock (`lockDurationMs`) is renewed by the main thread every half of it, which
 * no job blocks (fetches are I/O, parses run in threads); a worker that dies stops renewing, and
 * after the lock runs out another worker's stalled check (every `stalledIntervalMs`) puts the
 * job back in its queue, where a live worker takes it — up to `maxStalledCount` times.
 */
import { availableParallelism, hostname } from "node:os";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker, type Job } from "bullmq";
import { processFetch } from "./fetch-processor.js";
import { hostOfQueue, isFetchQueue, PARSE_QUEUE, type FetchJobData, type FetchJobResult, type ParseJobData, type ParseJobResult } from "./jobs.js";
import type { ProcessorSettings } from "./parse-processor.js";
import { connect, connectChecked, dataKeys, DEFAULT_PREFIX, redacted, redisNow } from "./redis.js";

/** The subset of a pino logger the worker writes to. */
export interface WorkerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface QueueWorkerOptions {
  /** @default "nianbao" */
  prefix?: string;
  /** Parse jobs at a time (worker threads). @default the number of cores */
  concurrency?: number;
  /** Take fetch jobs. @default true */
  fetch?: boolean;
  /** Take parse jobs. @default true */
  parse?: boolean;
  /** LibreOffice for .doc files: a path, undefined for `soffice` on PATH, null for none. */
  soffice?: string | null;
  /** How long a job's lock lasts without renewal. @default 30000 (BullMQ's) */
  lockDurationMs?: number;
  /** How often this worker looks for jobs whose lock ran out. @default 30000 (BullMQ's) */
  stalledIntervalMs?: number;
  /** How often a job may be put back after its worker died before it fails. @default 2 */
  maxStalledCount?: number;
  /** A host queue no coordinator used for this long is let go. @default 600000 */
  idleHostMs?: number;
  /** How often the registry of host queues is read, announcements aside. @default 5000 */
  rescanMs?: number;
  /** The name on every job this worker processes (BullMQ `processedBy`). @default `<hostname>:<pid>` */
  name?: string;
  logger?: WorkerLogger | null;
}

export interface QueueWorker {
  readonly name: string;
  /** Host queues this worker takes from now. */
  hosts(): string[];
  /** Finish the jobs in hand, take no more, disconnect. */
  close(): Promise<void>;
}

/** Registry entries older than this are dropped (hosts of runs long finished). */
const FORGET_MS = 24 * 60 * 60 * 1000;

/** The sandboxed processor, compiled next to this module. */
function processorFile(): string {
  const file = fileURLToPath(new URL("./parse-processor.js", import.meta.url));
  if (!existsSync(file)) throw new Error(`the parse processor ${file} is missing: run the worker from the built package (npm run build)`);
  return file;
}

/**
 * The process's flags as a thread takes them: a worker thread refuses V8 heap flags in execArgv
 * (the CLI's shebang sets --max-old-space-size), so the heap limit becomes the thread's
 * resource limit instead.
 */
export function threadFlags(execArgv: readonly string[]): { execArgv: string[]; resourceLimits?: { maxOldGenerationSizeMb: number } } {
  const heap = /^--max-old-space-size=(\d+)$/;
  const mb = execArgv.map((a) => heap.exec(a)?.[1]).find((v) => v !== undefined);
  return {
    execArgv: execArgv.filter((a) => !heap.test(a) && !/^--max-semi-space-size/.test(a)),
    ...(mb ? { resourceLimits: { maxOldGenerationSizeMb: Number(mb) } } : {}),
  };
}

export async function startWorker(url: string, options: QueueWorkerOptions = {}): Promise<QueueWorker> {
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const name = options.name ?? `${hostname()}:${process.pid}`;
  const log = options.logger ?? null;
  const keys = dataKeys(prefix);
  const redis = await connectChecked(url);
  redis.on("error", (e: Error) => log?.warn({ error: e.message }, "worker: Redis error"));
  const lock = {
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    maxStalledCount: options.maxStalledCount ?? 2,
  };
  const idleHostMs = options.idleHostMs ?? 600_000;
  const common = { connection: redis, prefix, name, ...lock };
  const onError = (queue: string) => (e: Error) => log?.warn({ queue, error: e.message }, "worker: Redis error");

  let parseWorker: Worker<ParseJobData, ParseJobResult> | null = null;
  if (options.parse !== false) {
    const settings: ProcessorSettings = { url, ...(options.soffice !== undefined ? { soffice: options.soffice } : {}) };
    parseWorker = new Worker<ParseJobData, ParseJobResult>(PARSE_QUEUE, processorFile(), {
      ...common,
      concurrency: Math.max(1, options.concurrency ?? availableParallelism()),
      useWorkerThreads: true,
      workerThreadsOptions: { workerData: { nianbaoQueue: settings }, ...threadFlags(process.execArgv) },
    });
    parseWorker.on("error", onError(PARSE_QUEUE));
    parseWorker.on("active", (job) => log?.info({ queue: PARSE_QUEUE, job: job.id, uri: job.data.file.uri, attempt: job.attemptsStarted, worker: name }, `parse job ${job.id} started: ${job.data.file.uri}`));
    parseWorker.on("completed", (job, r) => log?.info({ queue: PARSE_QUEUE, job: job.id, uri: job.data.file.uri, status: r.status, ms: r.ms, worker: name }, `parse job ${job.id} done: ${job.data.file.uri} (${r.status})`));
    parseWorker.on("failed", (job, e) => log?.warn({ queue: PARSE_QUEUE, job: job?.id, uri: job?.data.file.uri, error: e.message, worker: name }, `parse job ${job?.id} failed`));
    parseWorker.on("stalled", (id) => log?.warn({ queue: PARSE_QUEUE, job: id, worker: name }, `parse job ${id} had stalled (its worker stopped): put back in the queue`));
  }

  // Fetch: one Worker per host queue in use.
  const fetchWorkers = new Map<string, Worker<FetchJobData, FetchJobResult>>();
  let closing = false;
  const fetchWorker = (queue: string): Worker<FetchJobData, FetchJobResult> => {
    const w = new Worker<FetchJobData, FetchJobResult>(queue, (job: Job<FetchJobData>) => processFetch(job, redis), { ...common, concurrency: 1 });
    const host = hostOfQueue(queue);
    w.on("error", onError(queue));
    w.on("active", (job) => log?.info({ queue, host, job: job.id, url: job.data.url, attempt: job.attemptsStarted, worker: name }, `fetch job ${job.id} started: ${job.data.url}`));
    w.on("completed", (job, r) =>
      log?.info({ queue, host, job: job.id, url: job.data.url, ...(r.kind === "sent" ? { status: r.status, bytes: r.bytes } : { reason: r.reason }), ms: r.ms, worker: name }, `fetch job ${job.id} done`),
    );
    w.on("failed", (job, e) => log?.warn({ queue, host, job: job?.id, url: job?.data.url, error: e.message, worker: name }, `fetch job ${job?.id} failed`));
    w.on("stalled", (id) => log?.warn({ queue, host, job: id, worker: name }, `fetch job ${id} had stalled (its worker stopped): put back in the queue`));
    return w;
  };

  const letGo = new Set<Promise<void>>();
  let syncing: Promise<void> = Promise.resolve();
  const sync = (): Promise<void> =>
    (syncing = syncing.then(async () => {
      if (closing || options.fetch === false) return;
      const now = await redisNow(redis);
      await redis.zremrangebyscore(keys.hosts, 0, now - FORGET_MS);
      const live = new Set((await redis.zrangebyscore(keys.hosts, now - idleHostMs, "+inf")).filter(isFetchQueue));
      for (const q of live) {
        if (!fetchWorkers.has(q) && !closing) {
          fetchWorkers.set(q, fetchWorker(q));
          log?.info({ queue: q, host: hostOfQueue(q), worker: name }, `taking fetch jobs for ${hostOfQueue(q)}`);
        }
      }
      for (const [q, w] of fetchWorkers) {
        if (live.has(q)) continue;
        fetchWorkers.delete(q);
        // Not awaited: a job still in hand must not hold up the hosts that come next.
        const closed = w.close().finally(() => letGo.delete(closed));
        letGo.add(closed);
        log?.info({ queue: q, worker: name }, `let go of ${hostOfQueue(q)}: unused for ${idleHostMs} ms`);
      }
    }).catch((e: unknown) => log?.warn({ error: (e as Error).message }, "worker: reading the host registry failed")));

  let subscriber: ReturnType<typeof connect> | null = null;
  let timer: NodeJS.Timeout | null = null;
  if (options.fetch !== false) {
    subscriber = connect(url);
    subscriber.on("message", () => void sync());
    subscriber.on("error", (e) => log?.warn({ error: e.message }, "worker: Redis subscriber error"));
    await subscriber.subscribe(keys.hostsChannel);
    await sync();
    timer = setInterval(() => void sync(), options.rescanMs ?? 5000);
  }
  log?.info(
    { worker: name, redis: redacted(url), prefix, parse: parseWorker !== null, fetch: options.fetch !== false, concurrency: parseWorker?.opts.concurrency ?? 0, ...lock },
    `worker ${name} ready`,
  );

  return {
    name,
    hosts: () => [...fetchWorkers.keys()].map(hostOfQueue).sort(),
    async close() {
      closing = true;
      if (timer) clearInterval(timer);
      await syncing;
      await subscriber?.quit().catch(() => subscriber?.disconnect());
      await Promise.all([...(parseWorker ? [parseWorker.close()] : []), ...[...fetchWorkers.values()].map((w) => w.close()), ...letGo]);
      fetchWorkers.clear();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
