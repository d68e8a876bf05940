/**
 * What the CLI (src/cli.ts) does with `--queue`: open the coordinator for `parse` / `crawl`
 * (and `run`), and run `nianbao worker` until a signal. Loaded only when `--queue` or `worker`
 * is used, so BullMQ and ioredis never slow a local run's start.
 */
import type { Coordinator, QueueLogger } from "./coordinator.js";
import type { QueueWorkerOptions, WorkerLogger } from "./worker.js";

/** The coordinator for `--queue <url>`, or null after saying on stderr why there is none. */
export async function openQueue(url: string, logger: QueueLogger | null): Promise<Coordinator | null> {
  const { openCoordinator } = await import("./coordinator.js");
  try {
    return await openCoordinator(url, { logger });
  } catch (e) {
    process.stderr.write(`nianbao: ${(e as Error).message}\n`);
    return null;
  }
}

/**
 * `nianbao worker`: take jobs until SIGINT or SIGTERM, then finish the jobs in hand and stop
 * (a second signal stops at once; the jobs in hand go back to the queue when their locks run out).
 * Resolves to the exit status.
 */
export async function runWorker(url: string, options: QueueWorkerOptions & { logger: WorkerLogger }): Promise<number> {
  const { startWorker } = await import("./worker.js");
  let worker;
  try {
    worker = await startWorker(url, options);
  } catch (e) {
    process.stderr.write(`nianbao: ${(e as Error).message}\n`);
    return 2;
  }
  const log = options.logger;
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) {
        log.warn({ signal }, "second signal: stopping now");
        process.exit(130);
      }
      stopping = true;
      log.info({ signal }, `${signal}: finishing the jobs in hand, taking no more`);
      void worker.close().then(resolve, (e: unknown) => {
        log.error({ error: (e as Error).message }, "closing the worker failed");
        resolve();
      });
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  log.info({ worker: worker.name }, "worker stopped");
  return 0;
}
