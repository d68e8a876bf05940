/**
 * `nianbao parse`: the files named on the command line through the run loop (src/run/loop.ts),
 * into the output folder, held for the run (lock, result store, commit: src/run/output.ts). Disk
 * and clock come in from the caller so tests can replace them.
 */
import type { Logger } from "pino";
import { diskWork, runLoop, type RunSummary, type StepOptions } from "./run/index.js";
import { runWith, type RunControls } from "./run/controls.js";

export interface BatchOptions extends StepOptions, RunControls {
  out: string;
  logger?: Logger;
  now?: () => number;
}

export async function parseBatch(paths: string[], options: BatchOptions): Promise<RunSummary> {
  const { out, logger, now, ...rest } = options;
  return runWith(out, "parse", rest, logger ?? null, async ({ step, store, emit, inFlight, signal, progress, stepOptions, feed, readDone }) => {
    const work = await diskWork(paths);
    return runLoop(feed(work.items), { ...stepOptions, total: work.total, inFlight }, { emit, store, logger: logger ?? null, ...(now ? { now } : {}), ...(step ? { step } : {}), signal, progress, readDone });
  });
}
