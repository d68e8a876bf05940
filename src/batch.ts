/**
 * `nianbao parse`: the files named on the command line through the run loop (src/run/loop.ts),
 * into the output folder. Disk and clock come in from the caller so tests can replace them.
 */
import type { Logger } from "pino";
import { emitAll, type RunResult } from "./emit/index.js";
import type { RemoteSteps } from "./queue/coordinator.js";
import { diskWork, runLoop, type StepOptions } from "./run/index.js";

export interface BatchOptions extends StepOptions {
  out: string;
  logger?: Logger;
  now?: () => number;
  /** Run the per-document step elsewhere: on queue workers (src/queue `openCoordinator`). */
  remote?: RemoteSteps;
}

export async function parseBatch(paths: string[], options: BatchOptions): Promise<RunResult> {
  const { out, logger, now, remote, ...step } = options;
  const work = await diskWork(paths);
  const items = remote ? remote.feed(work.items, step) : work.items;
  return runLoop(items, { ...step, total: work.total }, { emit: (run) => emitAll(out, run), logger: logger ?? null, ...(now ? { now } : {}), ...(remote ? { step: remote.step } : {}) });
}
