/**
 * One run per output folder (issue 13): a lock file beside the folder,
 * `<parent>/.<out>.nianbao-lock`, created exclusively (O_EXCL) and holding the owner's pid, host
 * and start. A second run finds it and refuses, naming the holder. A lock whose process is dead
 * (on this host) is stale: it is taken over by renaming it away first, so of two runs that find
 * the same stale lock only one wins. A lock held on another host cannot be checked and is never
 * broken. (The liveness test is `kill(pid, 0)`, not a heartbeat: a holder that is only slow or
 * stopped keeps its lock.)
 */
import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { folderPaths, recoverFolder, type Recovery } from "../emit/commit.js";

export interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

export class FolderLockedError extends Error {
  readonly code = "FOLDER_LOCKED";
  constructor(
    readonly out: string,
    readonly holder: LockInfo | null,
  ) {
    super(
      holder
        ? `${out} is in use by another nianbao run (pid ${holder.pid} on ${holder.host}, ${holder.command}, since ${holder.startedAt}); wait for it to finish, or remove ${folderPaths(out).lock} if that process is gone`
        : `${out} is in use by another nianbao run (${folderPaths(out).lock} exists)`,
    );
    this.name = "FolderLockedError";
  }
}

/** Whether a process of this host runs (EPERM: it runs, as another user). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLock(path: string): LockInfo | null | "gone" {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return "gone";
    throw e;
  }
  try {
    const v = JSON.parse(text) as LockInfo;
    return typeof v.pid === "number" && typeof v.host === "string" ? v : null;
  } catch {
    return null; // being written this instant, or damaged
  }
}

export interface HeldFolder {
  out: string;
  /** What recovery found and did before the run started. */
  recovery: Recovery;
  release(): void;
}

/**
 * Take the folder's lock, then make the folder whole (recoverFolder). Throws FolderLockedError when
 * a live run holds it. `release` removes the lock (only if it is still ours).
 */
export async function lockFolder(out: string, command: string): Promise<HeldFolder> {
  const p = folderPaths(out);
  const me: LockInfo = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), command };
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(p.lock, "wx");
      try {
        writeSync(fd, JSON.stringify(me) + "\n");
      } finally {
        closeSync(fd);
      }
      break;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOENT") {
        // The parent folder does not exist yet.
        const { mkdirSync } = await import("node:fs");
        mkdirSync(p.parent, { recursive: true });
        continue;
      }
      if (code !== "EEXIST") throw e;
    }
    const holder = readLock(p.lock);
    if (holder === "gone") continue;
    const stale = holder !== null && holder.host === me.host && (holder.pid === process.pid || !processAlive(holder.pid));
    if (!stale || attempt >= 5) throw new FolderLockedError(p.out, holder);
    // Take the stale lock away; only one of two runs doing this at once succeeds (the other retries).
    const aside = `${p.lock}.stale-${process.pid}`;
    try {
      renameSync(p.lock, aside);
      rmSync(aside, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
  }
  let recovery: Recovery;
  try {
    recovery = await recoverFolder(p.out, processAlive);
  } catch (e) {
    rmSync(p.lock, { force: true });
    throw e;
  }
  let released = false;
  return {
    out: p.out,
    recovery,
    release() {
      if (released) return;
      released = true;
      const h = readLock(p.lock);
      if (h !== "gone" && h?.pid === process.pid) rmSync(p.lock, { force: true });
    },
  };
}

/**
 * For commands that only read a folder (validate, audit, diff): finish a swap a killed run cut
 * between its two renames, and clear what dead runs left beside the folder, before reading it.
 * Live runs' folders are left alone, so this is safe without the lock.
 */
export async function settleFolder(out: string): Promise<Recovery> {
  return recoverFolder(out, processAlive);
}
