/**
 * Part of `npm run bench` (issue 10): parse throughput through the queue — the files of the
 * bench read by `nianbao worker` processes through BullMQ on a Redis of its own (127.0.0.1, a free
 * port, a temporary folder) — with 1 worker and with 2, each worker reading one document at a
 * time (`--concurrency 1`), so the figure is documents/s per worker process and the 1 → 2 speed-up.
 * The coordinator is this process (openCoordinator, the run loop's feed and step). Skipped, with
 * a line saying so, when redis-server is not installed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { openCoordinator } from "../src/queue/coordinator.js";
import { bytesFile, type WorkItem } from "../src/run/index.js";
import { redisServerPath, startRedis } from "../test/support/redis-server.js";

const cli = fileURLToPath(new URL("../src/cli.js", import.meta.url));

function worker(url: string, name: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--max-old-space-size=1536", cli, "worker", "--queue", url, "--name", name, "-c", "1", "--no-fetch"], { stdio: ["ignore", "ignore", "pipe"] });
    let out = "";
    const onData = (b: Buffer): void => {
      out += b.toString();
      if (out.includes("ready")) {
        child.stderr!.off("data", onData);
        child.stderr!.resume();
        resolve(child);
      }
    };
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`worker ${name} exited (${code}): ${out}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const gone = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await gone;
}

export async function benchQueue(paths: string[], rounds: number): Promise<void> {
  if (!redisServerPath()) {
    console.log("  queue  skipped: redis-server is not installed (Debian: apt-get install redis-server)");
    return;
  }
  const files = paths.map((p) => ({ uri: p, bytes: readFileSync(p) }));
  const redis = await startRedis();
  const results: { workers: number; docsPerSecond: number; ms: number }[] = [];
  try {
    for (const n of [1, 2]) {
      const url = `${redis.url}/${n}`;
      const children = await Promise.all(Array.from({ length: n }, (_, i) => worker(url, `bench-${n}-${i}`)));
      const coordinator = await openCoordinator(url, { ahead: 8 });
      try {
        const pass = async (): Promise<number> => {
          const work: WorkItem[] = files.map((f) => ({ file: bytesFile(f.uri, f.bytes) }));
          const t0 = performance.now();
          for await (const item of coordinator.feed(work, {})) if ("file" in item) await coordinator.step(item.file, {});
          return performance.now() - t0;
        };
        await pass(); // warm-up: threads started, pdf.js and the templates loaded in each
        let ms = 0;
        for (let r = 0; r < rounds; r++) ms += await pass();
        results.push({ workers: n, ms, docsPerSecond: (files.length * rounds) / (ms / 1000) });
      } finally {
        await coordinator.close();
        await Promise.all(children.map(stop));
      }
    }
  } finally {
    await redis.stop();
  }
  for (const r of results) {
    console.log(`  queue  ${r.docsPerSecond.toFixed(1).padStart(6)} reports/s through BullMQ with ${r.workers} worker process(es) × 1 thread (${files.length} files × ${rounds} rounds, ${(r.ms / 1000).toFixed(1)} s)`);
  }
  const [one, two] = results;
  if (one && two) console.log(`  queue  1 → 2 workers: ×${(two.docsPerSecond / one.docsPerSecond).toFixed(2)}`);
}
