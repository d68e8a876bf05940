/**
 * The output folder of a run, held for its length: the lock (./lock.ts), the recovery of a folder a
 * killed run left (../emit/commit.ts), the result store inside it (<out>/.nianbao/results/), and
 * the publication of the dataset — staged beside the folder, written from the store, swapped in,
 * the store swept of outcomes no input of the run has any more.
 *
 * A run whose runKey (every input's outcome key, the code, the rules, the reviews) equals the one
 * in the folder's manifest, with every listed file in place, leaves the folder alone: a second
 * run over unchanged inputs parses nothing and rewrites nothing.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { writeDataset } from "../emit/index.js";
import { abandonStaging, commitFolder, newStaging, type CommitPoint } from "../emit/commit.js";
import { lockFolder, type HeldFolder } from "./lock.js";
import type { RunLogger, StreamedRun } from "./loop.js";
import { dirStore, type ResultStore } from "./store.js";

export interface OutputOptions {
  /** What the lock says holds the folder ("parse", "crawl", "run"). */
  command: string;
  /** The result store. @default <out>/.nianbao/results */
  storeDir?: string;
  logger?: RunLogger | null;
  /**
   * Test only: SIGKILL this process at a point of the write phase — "reports:N" (N reports written
   * to the staging folder), "staged" (the staging folder complete), or a point of the swap.
   * Read from NIANBAO_TEST_KILL_AT when not given.
   */
  killAt?: string | null;
  /** Threads the writing may use (audit.html's PDF page images). @default the machine's cores */
  threads?: number;
}

export interface OutputFolder {
  out: string;
  store: ResultStore;
  /** The loop's `deps.emit`. */
  emit(run: StreamedRun): Promise<void>;
  /** After emit: whether the folder was written (false: it already held this run's dataset). */
  written: boolean | null;
  close(): Promise<void>;
}

/** The committed folder's runKey, when every file its manifest lists is there with its size. */
function committedKey(out: string): string | null {
  const file = join(out, "manifest.json");
  if (!existsSync(file)) return null;
  try {
    const m = JSON.parse(readFileSync(file, "utf8")) as { runKey?: string; files?: { path: string; bytes: number }[] };
    if (!m.runKey || !Array.isArray(m.files)) return null;
    for (const f of m.files) {
      const p = join(out, f.path);
      if (!existsSync(p) || statSync(p).size !== f.bytes) return null;
    }
    return m.runKey;
  } catch {
    return null;
  }
}

const kill = (point: string, at: string | null | undefined) => {
  if (at && at === point) process.kill(process.pid, "SIGKILL");
};

export async function openOutput(out: string, options: OutputOptions): Promise<OutputFolder> {
  const held: HeldFolder = await lockFolder(out, options.command);
  const log = options.logger ?? null;
  if (held.recovery.swap || held.recovery.removed.length > 0) log?.warn({ out: held.out, ...held.recovery }, `${held.out}: recovered from an interrupted run (${held.recovery.swap ?? "nothing to swap"}; ${held.recovery.removed.length} leftover folder(s) removed)`);
  const store = dirStore(options.storeDir ?? join(held.out, ".nianbao", "results"));
  const killAt = options.killAt !== undefined ? options.killAt : (process.env.NIANBAO_TEST_KILL_AT ?? null);
  let staging: string | null = null;
  const folder: OutputFolder = {
    out: held.out,
    store,
    written: null,
    async emit(run) {
      const reviews = join(held.out, "reviews.json");
      const runKey = createHash("sha256")
        .update(run.runKey)
        .update(existsSync(reviews) ? readFileSync(reviews) : "")
        .digest("hex");
      if (committedKey(held.out) === runKey) {
        folder.written = false;
        log?.info({ out: held.out, runKey }, `${held.out} already holds this run's dataset: nothing written`);
        return;
      }
      staging = await newStaging(held.out);
      const source = run.reports.bind(run);
      let n = 0;
      await writeDataset(
        staging,
        {
          ...run,
          runKey,
          async *reports() {
            for await (const r of source()) {
              yield r;
              kill(`reports:${++n}`, killAt);
            }
          },
        },
        { home: held.out, ...(options.threads !== undefined ? { threads: options.threads } : {}) },
      );
      kill("staged", killAt);
      await commitFolder(staging, held.out, (p: CommitPoint) => kill(p, killAt));
      staging = null;
      folder.written = true;
      const swept = await store.retain(run.keys);
      if (swept > 0) log?.info({ swept }, `result store: ${swept} outcome(s) no input of this run has were removed`);
    },
    async close() {
      try {
        if (staging) await abandonStaging(staging, held.out);
      } finally {
        held.release();
      }
    },
  };
  return folder;
}
