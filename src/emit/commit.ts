/**
 * The output folder is committed as a whole (issue 13): a run writes the dataset into a staging
 * folder beside it, then swaps it in, so a reader finds the previous complete folder or the new
 * complete one, never a mix of both.
 *
 *   <parent>/<out>                         the dataset as last committed
 *   <parent>/.<out>.nianbao-staging-<pid>  the run's new dataset, manifest.json written last
 *   <parent>/.<out>.nianbao-previous-<pid> the old dataset for the instant of the swap
 *   <parent>/.<out>.nianbao-lock           the run that holds the folder (src/run/lock.ts)
 *
 * The swap: every entry of <out> that is not a dataset file (crawl/, .nianbao/ with the result
 * store, reviews.json, anything the user keeps there) moves into the staging folder; <out> is
 * renamed to previous; staging is renamed to <out>; previous is removed with what it held — the
 * old dataset files, and stale temporary files (`*.PID.tmp`) among them. Between the two renames
 * <out> does not exist for a moment: `recoverFolder`, which every run and every reading command
 * calls first, completes a swap that was cut there (the staging folder is complete: its manifest
 * is written before the swap starts), and otherwise puts back what a killed run had moved.
 */
import { existsSync, readdirSync } from "node:fs";
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";

/** The top-level names a dataset folder is made of (data-contract.md §2): replaced on every commit. */
export const DATASET_ENTRIES: ReadonlySet<string> = new Set([
  "reports.jsonl",
  "reports",
  "anomalies.jsonl",
  "anomalies.csv",
  "failures.jsonl",
  "tables",
  "schema",
  "audit.html",
  "datapackage.json",
  "manifest.json",
  "changes.json",
]);

/** A temporary file of an interrupted write (writeAtomic's `<name>.<pid>.tmp`). */
const TEMP = /\.\d+\.tmp$/;

export interface FolderPaths {
  out: string;
  parent: string;
  /** Prefix of the sibling entries: `.<out>.nianbao-`. */
  prefix: string;
  staging: string;
  previous: string;
  lock: string;
}

export function folderPaths(out: string, pid = process.pid): FolderPaths {
  const abs = resolve(out);
  const parent = dirname(abs);
  const prefix = `.${basename(abs)}.nianbao-`;
  return { out: abs, parent, prefix, staging: join(parent, `${prefix}staging-${pid}`), previous: join(parent, `${prefix}previous-${pid}`), lock: join(parent, `${prefix}lock`) };
}

/** A fresh, empty staging folder for this process. */
export async function newStaging(out: string): Promise<string> {
  const p = folderPaths(out);
  await rm(p.staging, { recursive: true, force: true });
  await mkdir(p.staging, { recursive: true });
  return p.staging;
}

/** Optional hooks a test uses to stop the process at a point of the commit (test/run/commit.test.ts). */
export type CommitPoint = "carried" | "moved-out" | "swapped";

/** Swap a complete staging folder in as `out` (see the module comment). */
export async function commitFolder(staging: string, out: string, at?: (point: CommitPoint) => void | Promise<void>): Promise<void> {
  const p = folderPaths(out);
  await mkdir(p.parent, { recursive: true });
  if (existsSync(p.out)) {
    for (const name of await readdir(p.out)) {
      if (DATASET_ENTRIES.has(name) || TEMP.test(name) || existsSync(join(staging, name))) continue;
      await rename(join(p.out, name), join(staging, name));
    }
    await at?.("carried");
    await rm(p.previous, { recursive: true, force: true });
    await rename(p.out, p.previous);
    await at?.("moved-out");
  }
  await rename(staging, p.out);
  await at?.("swapped");
  await rm(p.previous, { recursive: true, force: true });
}

/** Throw away a staging folder that will not be committed, putting back what was carried into it. */
export async function abandonStaging(staging: string, out: string): Promise<void> {
  if (!existsSync(staging)) return;
  const p = folderPaths(out);
  if (existsSync(p.out)) await carryBack(staging, p.out);
  await rm(staging, { recursive: true, force: true });
}

async function carryBack(from: string, out: string): Promise<void> {
  for (const name of await readdir(from)) {
    if (DATASET_ENTRIES.has(name) || existsSync(join(out, name))) continue;
    await rename(join(from, name), join(out, name));
  }
}

export interface Recovery {
  /** "completed": a swap cut between its renames was finished; "restored": the old folder was put back. */
  swap: "completed" | "restored" | null;
  /** Sibling folders of killed runs removed. */
  removed: string[];
}

/**
 * Make the folder whole after a run that was killed: finish or undo a cut swap, remove staging
 * and previous folders of dead runs (their carried entries go back first), and temporary files
 * of interrupted writes. Call it holding the lock (or from a command that only reads, before
 * reading). `alive` tells whether the process that owns a sibling still runs.
 */
export async function recoverFolder(out: string, alive: (pid: number) => boolean): Promise<Recovery> {
  const p = folderPaths(out);
  const result: Recovery = { swap: null, removed: [] };
  if (!existsSync(p.parent)) return result;
  const siblings = readdirSync(p.parent)
    .filter((n) => n.startsWith(p.prefix))
    .map((n) => {
      const m = /^(staging|previous)-(\d+)$/.exec(n.slice(p.prefix.length));
      return m ? { path: join(p.parent, n), kind: m[1] as "staging" | "previous", pid: Number(m[2]) } : null;
    })
    .filter((x): x is { path: string; kind: "staging" | "previous"; pid: number } => x !== null && x.pid !== process.pid && !alive(x.pid))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  if (!existsSync(p.out)) {
    for (const prev of siblings.filter((s) => s.kind === "previous")) {
      const staging = siblings.find((s) => s.kind === "staging" && s.pid === prev.pid);
      if (staging && existsSync(join(staging.path, "manifest.json"))) {
        await rename(staging.path, p.out);
        result.swap = "completed";
      } else {
        await rename(prev.path, p.out);
        if (staging) await carryBack(staging.path, p.out);
        result.swap = "restored";
      }
      break;
    }
  }
  for (const s of siblings) {
    if (!existsSync(s.path)) continue;
    if (s.kind === "staging" && existsSync(p.out)) await carryBack(s.path, p.out);
    await rm(s.path, { recursive: true, force: true });
    result.removed.push(s.path);
  }
  if (existsSync(p.out)) await sweepTemp(p.out, alive);
  return result;
}

/** Temporary files of interrupted writes of dead processes at the top of the folder (`nianbao audit` writes there in place). */
async function sweepTemp(dir: string, alive: (pid: number) => boolean): Promise<void> {
  for (const name of await readdir(dir)) {
    const m = /\.(\d+)\.tmp$/.exec(name);
    if (m && !alive(Number(m[1]))) await rm(join(dir, name), { force: true });
  }
}
