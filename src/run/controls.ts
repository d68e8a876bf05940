/**
 * How a run is carried out, as opposed to what it reads: threads, the memory of each, the step
 * (a queue's, in scale-out), the stop signal, progress, where outcomes are kept. `runWith` holds the
 * output folder (./output.ts) and the pool (./pool.ts) for the length of one run of the loop, and
 * lets both go whatever happens.
 */
import type { Logger } from "pino";
import type { Progress, RunLogger, Step, StreamedRun, WorkItem } from "./loop.js";
import { openOutput } from "./output.js";
import { createPool, type PoolOptions } from "./pool.js";
import type { StepOptions } from "./step.js";
import type { ReportFile } from "./report-file.js";
import { outcomeKey, type ResultStore } from "./store.js";

/**
 * The step run elsewhere (src/queue's coordinator: on `nianbao worker` processes). `feed` hands the
 * work on ahead of the loop so every worker has some; `wanted` says which files the loop will ask
 * the step for (a file whose outcome is stored is not sent).
 */
export interface RemoteStep {
  step: Step;
  feed: (work: Iterable<WorkItem> | AsyncIterable<WorkItem>, options: StepOptions, wanted?: (file: ReportFile) => Promise<boolean>) => AsyncIterable<WorkItem>;
}

export interface RunControls {
  /**
   * Threads reading documents: N ≥ 1 runs the step in a pool of N worker threads, each document
   * under its deadline and memory budget; 0 or undefined runs it in this thread (library default).
   */
  threads?: number;
  /** The heap of one thread, in MB (pool only). */
  memoryMb?: number;
  /** Further pool settings (a document's deadline in the thread, the thread's module). */
  pool?: Omit<PoolOptions, "threads" | "memoryMb">;
  /** The step to run instead of the built-in one; `inFlight` documents at once. */
  step?: Step;
  /** The step on queue workers, with the work fed to them ahead (src/queue `openCoordinator`). */
  remote?: RemoteStep;
  inFlight?: number;
  signal?: AbortSignal | null;
  progress?: ((p: Progress) => void) | null;
  /** The result store's folder. @default <out>/.nianbao/results */
  storeDir?: string;
  /** Test only: see OutputOptions.killAt. */
  killAt?: string | null;
}

export interface RunContext {
  step: Step | null;
  store: ResultStore;
  emit: (run: StreamedRun) => Promise<void>;
  inFlight: number;
  signal: AbortSignal | null;
  progress: ((p: Progress) => void) | null;
  /** RunLoopDeps.readDone: the pool's threads let go once every document is read. */
  readDone: () => Promise<void>;
  stepOptions: StepOptions;
  /** The loop's work as the step wants it: fed ahead to a remote step, as it is otherwise. */
  feed: (work: Iterable<WorkItem> | AsyncIterable<WorkItem>) => Iterable<WorkItem> | AsyncIterable<WorkItem>;
  /** The folder's absolute path. */
  out: string;
}

export function splitControls<T extends RunControls>(o: T): { controls: RunControls; rest: Omit<T, keyof RunControls> } {
  const { threads, memoryMb, pool, step, remote, inFlight, signal, progress, storeDir, killAt, ...rest } = o;
  const controls = Object.fromEntries(Object.entries({ threads, memoryMb, pool, step, remote, inFlight, signal, progress, storeDir, killAt }).filter(([, v]) => v !== undefined)) as RunControls;
  return { controls, rest };
}

export async function runWith<T>(out: string, command: string, options: StepOptions & RunControls, logger: Logger | RunLogger | null, fn: (ctx: RunContext) => Promise<T>): Promise<T> {
  const { controls: c, rest: stepOptions } = splitControls(options);
  const folder = await openOutput(out, { command, logger, ...(c.storeDir ? { storeDir: c.storeDir } : {}), ...(c.killAt !== undefined ? { killAt: c.killAt } : {}), ...(c.threads !== undefined ? { threads: Math.max(1, c.threads) } : {}) });
  const pool = !c.step && !c.remote && (c.threads ?? 0) > 0 ? createPool({ ...c.pool, threads: c.threads!, ...(c.memoryMb !== undefined ? { memoryMb: c.memoryMb } : {}) }) : null;
  // Stopping abandons the documents in flight: their threads are terminated at once.
  const abandon = () => void pool?.close().catch(() => undefined);
  c.signal?.addEventListener("abort", abandon, { once: true });
  try {
    return await fn({
      step: c.remote?.step ?? c.step ?? pool?.step ?? null,
      store: folder.store,
      emit: (run) => folder.emit(run),
      // Twice the threads: the next documents are read from disk and looked up in the store while
      // the threads work (the pool hands a document to a thread only when one is free).
      inFlight: c.inFlight ?? (pool ? pool.threads * 2 : 1),
      signal: c.signal ?? null,
      progress: c.progress ?? null,
      readDone: async () => {
        await pool?.close();
      },
      stepOptions,
      feed: (work) => {
        if (!c.remote) return work;
        const wanted = async (file: ReportFile) => (await folder.store.meta(outcomeKey(file, stepOptions))) === null;
        return c.remote.feed(work, stepOptions, wanted);
      },
      out: folder.out,
    });
  } finally {
    c.signal?.removeEventListener("abort", abandon);
    try {
      await pool?.close();
    } finally {
      await folder.close();
    }
  }
}
