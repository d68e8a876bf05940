/**
 * `nianbao parse --queue` on a real Redis with real `nianbao worker` processes (issue 10): the
 * dataset is the one a local parse writes, byte for byte, though a worker is killed in the middle
 * of a job (its job is put back and read by the other); a PDF that takes several times its job's
 * lock is read once, never taken for stalled (the processor runs in a worker thread, the main
 * thread renews the lock); a worker refuses a job from another nianbao version.
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openCoordinator } from "../../src/queue/coordinator.js";
import { PARSE_QUEUE } from "../../src/queue/jobs.js";
import { bytesFile, readReport } from "../../src/run/index.js";
import { tempDir } from "../crawl/tmp.js";
import { filesUnder, manifestWithoutTimings } from "./folders.js";
import { longPdf } from "./long-pdf.js";
import { NO_REDIS, redisServerPath, startRedis, type RedisServer } from "../support/redis-server.js";
import { BUILT, cli, root, spawnWorker, stopAll } from "./workers.js";

const HAVE_REDIS = redisServerPath() !== null;
if (!HAVE_REDIS) console.warn(NO_REDIS);
if (!BUILT) console.warn("dist/src/cli.js is missing (npm run build): the queue tests are skipped");

function nianbao(args: string[]): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
    child.stderr.resume();
    child.once("exit", (code) => resolve(code));
  });
}

describe.skipIf(!HAVE_REDIS || !BUILT)("parse through the queue (BullMQ on a real Redis)", () => {
  let redis: RedisServer;
  let client: Redis;
  beforeAll(async () => {
    redis = await startRedis();
    client = new Redis(redis.url, { maxRetriesPerRequest: null });
  }, 30_000);
  afterEach(async () => stopAll());
  afterAll(async () => {
    await stopAll();
    await client?.quit();
    await redis?.stop();
  });

  /** A queue of database `db` to look at the jobs with. */
  const inspect = (db: number): Queue => new Queue(PARSE_QUEUE, { connection: new Redis(`${redis.url}/${db}`, { maxRetriesPerRequest: null }), prefix: "nianbao" });

  it("writes the dataset of a local parse, byte for byte, though a worker is killed in the middle of a job", async () => {
    const dir = tempDir("nianbao-queue-parse-");
    // A long PDF among the samples, so the job to kill is surely in the middle of its work.
    const long = join(dir, "in", "long.pdf");
    const inputs = ["samples", relative(root, join(dir, "in"))];
    mkdirSync(join(dir, "in"));
    writeFileSync(long, longPdf(250));
    const local = join(dir, "local");
    const remote = join(dir, "remote");
    const url = `${redis.url}/0`;

    expect(await nianbao(["parse", ...inputs, "--out", local, "--quiet"])).toBe(1); // long.pdf is no report

    const lock = ["--lock-duration", "2000", "--stalled-interval", "1000", "-c", "1"];
    const workers = [await spawnWorker(url, "wa", lock), await spawnWorker(url, "wb", lock)];
    const coordinator = nianbao(["parse", ...inputs, "--out", remote, "--queue", url, "--quiet"]);
    // Whichever worker takes the long PDF is killed while it reads it.
    const started = await Promise.race(workers.map((w) => w.waitFor((l) => l.queue === PARSE_QUEUE && l.uri === relative(root, long) && /started/.test(l.msg))));
    const victim = workers.find((w) => w.name === started.worker)!;
    const survivor = workers.find((w) => w !== victim)!;
    await new Promise((r) => setTimeout(r, 300));
    victim.child.kill("SIGKILL");
    expect((await victim.exited).signal).toBe("SIGKILL");
    expect(victim.lines.some((l) => l.job === started.job && /done/.test(l.msg))).toBe(false);

    expect(await coordinator).toBe(1);
    // The killed worker's job was put back and read by the other worker.
    const done = await survivor.waitFor((l) => l.job === started.job && /done/.test(l.msg), 5000);
    expect(done.status).toBe("failed");
    const q = inspect(0);
    const job = (await q.getJob(started.job!))!;
    expect(job.processedBy).toBe(survivor.name);
    expect(job.stalledCounter).toBe(1);
    expect(job.attemptsStarted).toBe(2);
    // Both workers read documents: the work was shared.
    const readBy = (w: typeof victim) => w.lines.filter((l) => l.queue === PARSE_QUEUE && /done/.test(l.msg)).length;
    expect(readBy(survivor)).toBeGreaterThan(0);
    await q.close();

    // The same dataset.
    expect(filesUnder(remote)).toEqual(filesUnder(local));
    for (const f of filesUnder(local)) {
      if (f === "manifest.json") continue;
      expect(readFileSync(join(remote, f)).equals(readFileSync(join(local, f))), f).toBe(true);
    }
    expect(manifestWithoutTimings(remote)).toEqual(manifestWithoutTimings(local));

    // A second run over the same inputs: every outcome is in the folder's result store, so no
    // job is sent to the queue at all (the feed asks the store before it submits).
    const before = readBy(survivor);
    const q2 = inspect(0);
    const jobsBefore = (await q2.getJobCounts("completed", "failed", "waiting", "active")) as Record<string, number>;
    expect(await nianbao(["parse", ...inputs, "--out", remote, "--queue", url, "--quiet"])).toBe(1);
    expect(await q2.getJobCounts("completed", "failed", "waiting", "active")).toEqual(jobsBefore);
    await q2.close();
    expect(readBy(survivor)).toBe(before);
    expect(manifestWithoutTimings(remote)).toEqual(manifestWithoutTimings(local));
    // SIGTERM: the worker finishes what it holds and stops cleanly.
    survivor.child.kill("SIGTERM");
    expect((await survivor.exited).code).toBe(0);
    // Nothing of the run is left in Redis but BullMQ's record of finished jobs.
    expect((await client.keys("nianbao:data:*")).filter((k) => !k.endsWith(":hosts"))).toEqual([]);
  }, 180_000);

  it("reads a PDF that takes several times its job's lock once: the job is never taken for stalled", async () => {
    const url = `${redis.url}/1`;
    // Renewed every 750 ms, the lock survives a main thread late by up to 750 ms (a loaded machine).
    const lockMs = 1500;
    const w = await spawnWorker(url, "wl", ["--lock-duration", String(lockMs), "--stalled-interval", "500", "-c", "1"]);
    const bytes = longPdf(600);
    const file = bytesFile("long-600.pdf", bytes);
    const coordinator = await openCoordinator(url);
    let outcome;
    try {
      outcome = await coordinator.step(file, {});
    } finally {
      await coordinator.close();
    }
    expect(outcome).toEqual(await readReport(file, {}));
    const q = inspect(1);
    const [job] = await q.getJobs(["completed"]);
    await q.close();
    expect(job).toBeDefined();
    // It ran long enough to have lost its lock twice over, had the lock not been renewed …
    expect(job!.finishedOn! - job!.processedOn!).toBeGreaterThan(2 * lockMs);
    // … and was started once, never found stalled.
    expect(job!.attemptsStarted).toBe(1);
    expect(job!.stalledCounter).toBe(0);
    expect(w.lines.filter((l) => /stalled/.test(l.msg))).toEqual([]);
    console.log(`queue lock: a ${bytes.length}-byte, 600-page PDF read in ${job!.finishedOn! - job!.processedOn!} ms under a ${lockMs} ms lock, started ${job!.attemptsStarted}×, stalled ${job!.stalledCounter}×`);
  }, 120_000);

  it("a worker refuses a job from another nianbao version, and says why", async () => {
    const url = `${redis.url}/2`;
    const w = await spawnWorker(url, "wv", ["-c", "1", "--no-fetch"]);
    const q = inspect(2);
    const job = await q.add("parse", { shape: 1, version: "0.0.0-other", file: { uri: "x.txt" }, content: { key: "none", encoding: null }, options: {}, outcomeKey: "none" }, { attempts: 1 });
    const failed = await w.waitFor((l) => l.job === job.id && /failed/.test(l.msg));
    expect(String(failed.error)).toMatch(/0\.0\.0-other.*run the same version everywhere/);
    await q.close();
  }, 60_000);
});
