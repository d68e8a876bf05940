/**
 * The Redis side of the queue: one connection from a `redis://` URL, and where our own keys live.
 *
 * BullMQ keeps its queues under `<prefix>:<queue>:…`; the data that travels beside the jobs —
 * documents' bytes, outcomes, response bodies — and the registry of host queues live under
 * `<prefix>:data:…` (no queue is named "data"), each with a time to live, so a coordinator that
 * dies leaves nothing behind for long.
 */
import { Redis, type RedisOptions } from "ioredis";
import { checkQueueUrl } from "./url.js";

export { checkQueueUrl };

export const DEFAULT_PREFIX = "nianbao";

/** Data beside the jobs expires after this, whoever forgot to delete it. */
export const DATA_TTL_MS = 6 * 60 * 60 * 1000;

/**
 * A connection. `maxRetriesPerRequest: null` as BullMQ requires of workers: a command waits for a
 * reconnect instead of failing, so a Redis restart pauses the work rather than losing it.
 */
export function connect(url: string, extra: RedisOptions = {}): Redis {
  const problem = checkQueueUrl(url);
  if (problem) throw new Error(problem);
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, ...extra });
}

/** A connection that answered PING within `timeoutMs`; rejects with the URL (without its password) otherwise. */
export async function connectChecked(url: string, timeoutMs = 10_000): Promise<Redis> {
  // No retries for the first connection: an unreachable Redis is said at once, with its cause.
  const redis = connect(url, { lazyConnect: true, retryStrategy: () => null });
  let cause: Error | null = null;
  const onError = (e: Error): void => {
    cause ??= e;
  };
  redis.on("error", onError);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.connect().then(() => redis.ping()),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    // From now on, reconnect as ioredis does by default; errors are the owner's to log.
    redis.options.retryStrategy = (times: number) => Math.min(times * 200, 5000);
    return redis;
  } catch (e) {
    redis.disconnect();
    throw new Error(`cannot reach Redis at ${redacted(url)}: ${(cause ?? (e as Error)).message}`);
  } finally {
    clearTimeout(timer);
    redis.off("error", onError);
  }
}

/** The URL without its password, for messages and logs. */
export function redacted(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.href;
  } catch {
    return url;
  }
}

/**
 * Redis's clock, in ms: the one clock every machine of a deployment shares (the registry of host
 * queues is read by workers against the times coordinators wrote, whatever their own clocks say).
 */
export async function redisNow(redis: Redis): Promise<number> {
  const [s, us] = await redis.time();
  return Number(s) * 1000 + Math.floor(Number(us) / 1000);
}

/** Our keys beside BullMQ's. */
export function dataKeys(prefix: string) {
  const base = `${prefix}:data`;
  return {
    /** A document's bytes for a parse job of run `run`: by the bytes' sha256. */
    input: (run: string, sha256: string) => `${base}:in:${run}:${sha256}`,
    /** The outcome of a parse job, written by the worker (v8-serialised). */
    outcome: (run: string, n: number) => `${base}:out:${run}:${n}`,
    /** The body of a fetch job's response, written by the worker. */
    body: (run: string, n: number) => `${base}:body:${run}:${n}`,
    /** Sorted set: host queue name → when a coordinator last used it (ms). */
    hosts: `${base}:hosts`,
    /** Pub/sub channel: a host queue was first used. */
    hostsChannel: `${base}:hosts`,
  };
}
