/**
 * `nianbao parse`: the files named on the command line through the run loop (src/run/loop.ts),
 * into the output folder. Disk and clock come in from the caller so tests can replace them.
 */
import type { Logger } from "pino";
import { emitAll, type RunResult } from "./emit/index.js";
import { diskWork, runLoop, type StepOptions } from "./run/index.js";

export interface BatchOptions extends StepOptions {
  out: string;
  logger?: Logger;
  now?: () => number;
}

export async function parseBatch(paths: string[], options: BatchOptions): Promise<RunResult> {
  const { out, logger, now, ...step } = options;
  const work = await diskWork(paths);
  return runLoop(work.items, { ...step, total: work.total }, { emit: (run) => emitAll(out, run), logger: logger ?? null, ...(now ? { now } : {}) });
}
