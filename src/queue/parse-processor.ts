/**
 * The parse job's processor, run by BullMQ as a sandboxed processor in a worker thread
 * (`useWorkerThreads`): reading a long PDF keeps this thread busy for seconds, while the worker's
 * main thread stays free to renew the job's lock — so a long job is never taken for a stalled
 * one and run twice (test/queue/parse.test.ts holds one several times longer than its lock).
 *
 * It reads the document from Redis, runs the very step a local run runs (`readReport`), and
 * writes the outcome back, v8-serialised (what a worker-thread pool's structured clone keeps).
 * The thread's settings come in `workerData.nianbaoQueue` (./worker.ts).
 */
import { serialize } from "node:v8";
import { workerData } from "node:worker_threads";
import type { SandboxedJob } from "bullmq";
import type { Redis } from "ioredis";
import { readReport } from "../run/step.js";
import { VERSION } from "../version.js";
import { fileFromJob, PARSE_JOB_SHAPE, type ParseJobData, type ParseJobResult } from "./jobs.js";
import { connect, DATA_TTL_MS } from "./redis.js";

export interface ProcessorSettings {
  url: string;
  /** The worker's LibreOffice: a path, undefined for `soffice` on PATH, null for none. */
  soffice?: string | null;
}

let redis: Redis | null = null;

export default async function parseProcessor(job: SandboxedJob<ParseJobData, ParseJobResult>): Promise<ParseJobResult> {
  const settings = (workerData as { nianbaoQueue?: ProcessorSettings } | null)?.nianbaoQueue;
  if (!settings) throw new Error("parse processor started without its settings (workerData.nianbaoQueue)");
  const d = job.data;
  if (d.shape !== PARSE_JOB_SHAPE || d.version !== VERSION) {
    throw new Error(`parse job from nianbao ${d.version} (shape ${d.shape}); this worker runs nianbao ${VERSION} (shape ${PARSE_JOB_SHAPE}): run the same version everywhere`);
  }
  if (!redis) {
    redis = connect(settings.url);
    // Commands wait for a reconnect; the worker's main thread reports Redis trouble.
    redis.on("error", () => undefined);
  }
  const t0 = performance.now();
  const bytes = await redis.getBuffer(d.content.key);
  if (!bytes) throw new Error(`the document ${d.file.uri} is not in Redis (${d.content.key}): its coordinator is gone, or its data expired`);
  const file = fileFromJob(d.file, bytes, d.content.encoding);
  // The coordinator may say "never LibreOffice" (--no-soffice); otherwise this machine's own.
  const soffice = d.options.soffice === null ? null : settings.soffice;
  const outcome = await readReport(file, { ...d.options, soffice });
  await redis.set(d.outcomeKey, serialize(outcome), "PX", DATA_TTL_MS);
  return { outcomeKey: d.outcomeKey, status: outcome.status, ms: Math.round(performance.now() - t0) };
}
