/**
 * A worker's fetch job: one HTTP exchange with transport.ts `send` — the same clocks (timeout,
 * deadline, minimum rate), the same size cap — whose answer goes back as data: status and
 * headers in the job's return value, the body in Redis at the key the job names. A network
 * failure is an answer too (the coordinator's fetcher decides about retries); only a job this
 * worker cannot run is thrown.
 *
 * It runs in the worker's main thread: an exchange is I/O, so the thread stays free to renew the
 * job's lock however long a download takes.
 */
import { UnrecoverableError, type Job } from "bullmq";
import type { Redis } from "ioredis";
import { NetworkError, send } from "../crawl/http/transport.js";
import { FETCH_JOB_SHAPE, type FetchJobData, type FetchJobResult } from "./jobs.js";
import { DATA_TTL_MS } from "./redis.js";

export async function processFetch(job: Job<FetchJobData>, redis: Redis): Promise<FetchJobResult> {
  const d = job.data;
  if (d.shape !== FETCH_JOB_SHAPE) throw new UnrecoverableError(`fetch job of shape ${String(d.shape)}; this worker takes shape ${FETCH_JOB_SHAPE} (run the same nianbao version everywhere)`);
  const t0 = performance.now();
  try {
    const sent = await send(d.url, { ...d.init, store: null });
    if (sent.body) await redis.set(d.bodyKey, Buffer.from(sent.body.buffer, sent.body.byteOffset, sent.body.byteLength), "PX", DATA_TTL_MS);
    return {
      kind: "sent",
      status: sent.status,
      headers: [...sent.headers],
      bytes: sent.bytes,
      body: sent.body ? d.bodyKey : null,
      tooLarge: sent.tooLarge,
      ms: Math.round(performance.now() - t0),
    };
  } catch (e) {
    if (e instanceof NetworkError) return { kind: "network", message: e.message, reason: e.reason, code: e.code, ms: Math.round(performance.now() - t0) };
    throw e;
  }
}
