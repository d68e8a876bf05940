/**
 * The fetch side of the queue on a real Redis with real `nianbao worker` processes:
 *   - an exchange made by a worker answers as `send` in this process does (status, headers,
 *     body, a file staged in the store; a refused connection and a timeout as the same
 *     NetworkError), so the fetcher cannot tell them apart;
 *   - the host's queue itself is polite: two coordinators each firing exchanges at one host all
 *     at once (no fetcher in front to queue them), served by two workers, never have two in
 *     flight and start them the host's interval apart (as BullMQ counts it, from each job's
 *     start) — BullMQ's global concurrency and global rate limit, not the coordinator, hold it.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ContentStore } from "../../src/crawl/http/store.js";
import { NetworkError, send, type SendInit, type Sent } from "../../src/crawl/http/transport.js";
import { openCoordinator, type Coordinator } from "../../src/queue/coordinator.js";
import { delayed, html, reply, startServer, type TestServer } from "../support/http-server.js";
import { tempDir } from "../crawl/tmp.js";
import { NO_REDIS, redisServerPath, startRedis, type RedisServer } from "../support/redis-server.js";
import { BUILT, spawnWorker, stopAll, type WorkerProcess } from "./workers.js";

const HAVE_REDIS = redisServerPath() !== null;
if (!HAVE_REDIS) console.warn(NO_REDIS);

const init = (over: Partial<SendInit> = {}): SendInit => ({ method: "GET", headers: { "user-agent": "nianbao-test" }, timeoutMs: 2000, maxBytes: 1 << 20, ...over });

/** What the fetcher reads of a Sent: everything but the Date header and the staged file's temporary name. */
function seen(s: Sent): unknown {
  return {
    status: s.status,
    headers: [...s.headers].filter(([k]) => k !== "date"),
    bytes: s.bytes,
    body: s.body ? Buffer.from(s.body).toString("base64") : s.body,
    staged: s.staged ? { sha256: s.staged.sha256, bytes: s.staged.bytes, file: createHash("sha256").update(readFileSync(s.staged.tmpPath)).digest("hex") } : null,
    tooLarge: s.tooLarge,
  };
}

async function outcome(p: Promise<Sent>): Promise<unknown> {
  try {
    return seen(await p);
  } catch (e) {
    if (!(e instanceof NetworkError)) throw e;
    return { error: e.reason, code: e.code, retryable: e.retryable, message: e.message.replace(/\d+\.\d+\.\d+\.\d+:\d+/g, "HOST") };
  }
}

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe.skipIf(!HAVE_REDIS || !BUILT)("fetch jobs through the queue", () => {
  let redis: RedisServer;
  let server: TestServer;
  let workers: WorkerProcess[];
  let coordinator: Coordinator;
  beforeAll(async () => {
    redis = await startRedis();
    server = await startServer({
      "/page": html("<html><head><title>页面</title></head><body>正文</body></html>", { "content-type": "text/html; charset=utf-8", etag: '"e1"', "set-cookie": "a=1" }),
      "/file.pdf": reply(200, Buffer.from("%PDF-1.7\n%fake\n%%EOF\n"), { "content-type": "application/pdf" }),
      "/big": reply(200, Buffer.alloc(5000, 65), { "content-type": "text/plain" }),
      "/gone": reply(404, "<html><body>Not Found</body></html>", { "content-type": "text/html" }),
      "/moved": reply(301, "", { location: "/page" }),
      "/empty": reply(204),
      "/slow": delayed(3000, html("late")),
      "/polite": delayed(20, html("ok")),
    });
    workers = [await spawnWorker(redis.url, "fa", ["--no-parse"]), await spawnWorker(redis.url, "fb", ["--no-parse"])];
    coordinator = await openCoordinator(redis.url);
  }, 60_000);
  afterAll(async () => {
    await coordinator?.close();
    await stopAll();
    await server?.close();
    await redis?.stop();
  });

  it("answers as an exchange made here does: status, headers, body, stored file, network failures", async () => {
    const store = new ContentStore(tempDir("nianbao-queue-store-"));
    const host = { key: server.host, intervalMs: 1 };
    const dead = `http://127.0.0.1:${await closedPort()}/x`;
    const cases: [string, SendInit][] = [
      [server.url("/page"), init()],
      [server.url("/file.pdf"), init({ store })],
      [server.url("/file.pdf"), init()],
      [server.url("/big"), init({ maxBytes: 1000 })],
      [server.url("/big"), init({ maxBytes: 1000, store })],
      [server.url("/gone"), init({ store })],
      [server.url("/moved"), init()],
      [server.url("/empty"), init({ store })],
      [server.url("/page"), init({ method: "POST", body: "a=1&b=%E4%B8%AD", headers: { "content-type": "application/x-www-form-urlencoded" } })],
      [server.url("/slow"), init({ timeoutMs: 500 })],
      [dead, init()],
    ];
    for (const [url, i] of cases) {
      const here = await outcome(send(url, i));
      const there = await outcome(coordinator.transport(url, i, host));
      expect(there, url).toEqual(here);
    }
    // The staged files are the store's to commit; none is left half-written.
    expect(store.tmpFiles().length).toBe(2);
  }, 60_000);

  it("keeps one exchange at a time per host, and the host's interval, across two coordinators and two workers", async () => {
    const second = await openCoordinator(redis.url);
    const intervalMs = 500;
    const host = { key: server.host, intervalMs };
    const before = server.log.length;
    try {
      // Eight exchanges at once, four from each coordinator, nothing queueing them before Redis.
      const all = [coordinator, second].flatMap((c, k) => [0, 1, 2, 3].map((i) => c.transport(server.url(`/polite?c=${k}&i=${i}`), init(), host)));
      const sent = await Promise.all(all);
      expect(sent.map((s) => s.status)).toEqual(Array(8).fill(200));
    } finally {
      await second.close();
    }
    const log = server.log.slice(before).sort((a, b) => a.start - b.start);
    expect(log).toHaveLength(8);
    for (let i = 1; i < log.length; i++) {
      expect(log[i]!.start, `${log[i]!.url} began before ${log[i - 1]!.url} ended`).toBeGreaterThanOrEqual(log[i - 1]!.end!);
      // BullMQ's rate limit counts from a job's start in Redis; its request reaches the host a
      // little later — tens of ms on a loaded machine. Without the limit the starts would be
      // ~25 ms apart (the 20 ms answer and the hand-over).
      expect(log[i]!.start - log[i - 1]!.start, log[i]!.url).toBeGreaterThan(intervalMs - 150);
    }
    const by = workers.map((w) => w.lines.filter((l) => typeof l.url === "string" && l.url.includes("/polite") && /done/.test(l.msg)).length);
    expect(by.reduce((a, b) => a + b, 0)).toBe(8);
    console.log(`politeness through the queue: 8 exchanges, max in flight ${server.maxInFlight}, starts ${log.slice(1).map((e, i) => Math.round(e.start - log[i]!.start)).join("/")} ms apart; workers ${workers.map((w, i) => `${w.name} ${by[i]}`).join(", ")}`);
  }, 60_000);
});
