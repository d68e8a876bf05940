/**
 * Every core (issue 10) and a bound on every document (issue 13): the per-document step in a pool
 * of worker threads (piscina). Each thread reads one document at a time; the loop hands the pool
 * as many documents as it has threads. A document that runs past its deadline has its thread
 * terminated, and one that outgrows the thread's heap (worker `resourceLimits`) kills only that
 * thread: either is the document's failure line — PARSE_FAILED with reason `timeout` or
 * `memory` — and the pool starts a fresh thread for the next one. The run goes on.
 *
 * Outcomes are the step's own (the same function runs in the thread; it settles them there), so a run on N threads
 * writes the same bytes as a run in one.
 */
import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import { compiledSibling } from "../compiled.js";
import { NianbaoError } from "../model/errors.js";
import type { ReportFile } from "./report-file.js";
import type { Settled } from "./settled.js";
import { failed, type Outcome, type StepOptions } from "./step.js";
import type { StepTask } from "./worker.js";

export interface PoolOptions {
  /** Threads. @default the machine's available parallelism */
  threads?: number;
  /**
   * Milliseconds one document may take in its thread, reading to report; past it the thread is
   * terminated. @default the step's timeoutMs + 5000 (the readers' own deadline goes first, so
   * LibreOffice is stopped by its runner), or 65 000
   */
  deadlineMs?: number;
  /** The V8 heap (old generation) of one thread, in MB. @default 1024 */
  memoryMb?: number;
  /** The module the threads run (a file URL): its default export is the step. @default ./worker.js */
  workerFile?: string;
}

export const DEFAULT_MEMORY_MB = 1024;
export const defaultThreads = (): number => Math.max(1, availableParallelism());

export interface StepPool {
  /** The step, run in a thread: the loop's `deps.step`. */
  step: (file: ReportFile, options: StepOptions) => Promise<Outcome | Settled>;
  threads: number;
  close(): Promise<void>;
}

export function createPool(options: PoolOptions = {}): StepPool {
  const threads = Math.max(1, Math.floor(options.threads ?? defaultThreads()));
  const memoryMb = options.memoryMb ?? DEFAULT_MEMORY_MB;
  const filename = options.workerFile ?? compiledSibling(import.meta.url, "worker.js", "the worker pool");
  // Threads start with the first document that needs reading: a run whose outcomes are all
  // stored starts none.
  let made: Piscina<StepTask, Settled> | null = null;
  const pool = () => {
    if (made) return made;
    made = new Piscina<StepTask, Settled>({ filename, minThreads: threads, maxThreads: threads, idleTimeout: 60_000, resourceLimits: { maxOldGenerationSizeMb: memoryMb } });
    // A thread that dies between tasks is replaced by the pool; nothing to tell.
    made.on("error", () => undefined);
    return made;
  };
  let closing = false;
  let closed: Promise<void> | null = null;
  // A document is handed to the pool only when a thread is free, so its deadline counts its own
  // reading, never a wait behind others (the loop may hold more documents than there are threads).
  let busy = 0;
  const waiting: (() => void)[] = [];
  const acquire = async () => {
    while (busy >= threads) await new Promise<void>((r) => waiting.push(r));
    busy++;
  };
  const releaseSlot = () => {
    busy--;
    waiting.shift()?.();
  };
  return {
    threads,
    async step(file, stepOptions) {
      const deadline = options.deadlineMs ?? (stepOptions.timeoutMs ?? 60_000) + 5_000;
      const known = { sha256: file.sha256, bytes: file.bytes };
      await acquire();
      try {
        if (closing) throw new Error("the pool is closed");
        return await pool().run({ file, options: stepOptions }, { signal: AbortSignal.timeout(deadline) });
      } catch (e) {
        const err = e as Error & { code?: string };
        if (closing) throw e;
        if (err.name === "AbortError") {
          return failed(file.uri, new NianbaoError("PARSE_FAILED", "parse", `reading took longer than its deadline of ${deadline} ms and was stopped`, { reason: "timeout", deadlineMs: deadline }), known);
        }
        if (err.code === "ERR_WORKER_OUT_OF_MEMORY") {
          return failed(file.uri, new NianbaoError("PARSE_FAILED", "parse", `reading needed more than its memory budget of ${memoryMb} MB and was stopped`, { reason: "memory", memoryMb }), known);
        }
        return failed(file.uri, new NianbaoError("PARSE_FAILED", "parse", `internal error: the reading thread failed: ${err.message}`, { transient: true }), known);
      } finally {
        releaseSlot();
      }
    },
    close() {
      closing = true;
      for (const w of waiting.splice(0)) w();
      closed ??= made ? made.destroy() : Promise.resolve();
      return closed;
    },
  };
}
