/**
 * The content-addressed file store (crawling.md §2.7, 2.10): every downloaded file lives at
 * `<dir>/<sha256[0:2]>/<sha256>`, whatever its name or URL, so the same PDF linked from two
 * articles is stored once and two agencies' different files with one name are both kept.
 *
 * Bytes are streamed to a temporary file under `<dir>/.tmp/` while they are hashed, then renamed
 * into place: a file at its final path is always complete, and a run killed mid-download leaves
 * only a temporary file, which the next store opened on the directory removes.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { open, rename, rm } from "node:fs/promises";
import { join } from "node:path";

export interface Staged {
  /** Temporary path, until `commit` or `discard`. */
  tmpPath: string;
  sha256: string;
  bytes: number;
}

export type StreamOutcome = { ok: true; staged: Staged } | { ok: false; reason: "too-large"; bytes: number };

export class ContentStore {
  readonly dir: string;
  private readonly tmpDir: string;
  private counter = 0;

  constructor(dir: string) {
    this.dir = dir;
    this.tmpDir = join(dir, ".tmp");
    mkdirSync(this.tmpDir, { recursive: true });
    this.sweep();
  }

  pathFor(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  has(sha256: string): boolean {
    return existsSync(this.pathFor(sha256));
  }

  /** Remove temporary files left by processes that no longer run (a SIGKILLed crawl). */
  private sweep(): void {
    for (const name of readdirSync(this.tmpDir)) {
      const pid = Number(/^(\d+)-/.exec(name)?.[1]);
      if (pid === process.pid || (pid && alive(pid))) continue;
      rmSync(join(this.tmpDir, name), { force: true });
    }
  }

  private tmpName(): string {
    return join(this.tmpDir, `${process.pid}-${++this.counter}-${randomBytes(4).toString("hex")}`);
  }

  /**
   * Write `chunks` to a temporary file, hashing as they come, stopping at `maxBytes`: a body
   * one byte over the cap is "too-large" and its partial file is deleted.
   */
  async stream(chunks: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StreamOutcome> {
    const tmpPath = this.tmpName();
    const hash = createHash("sha256");
    const fh = await open(tmpPath, "w");
    let bytes = 0;
    let ok = false;
    try {
      for await (const chunk of chunks) {
        bytes += chunk.length;
        if (bytes > maxBytes) return { ok: false, reason: "too-large", bytes };
        hash.update(chunk);
        await fh.write(chunk);
      }
      ok = true;
      return { ok: true, staged: { tmpPath, sha256: hash.digest("hex"), bytes } };
    } finally {
      await fh.close();
      if (!ok) await rm(tmpPath, { force: true });
    }
  }

  /** Stage bytes already in memory (a page that turned out to be a file). */
  async stage(bytes: Uint8Array): Promise<Staged> {
    const out = await this.stream((async function* () {
      yield bytes;
    })(), Number.MAX_SAFE_INTEGER);
    if (!out.ok) throw new Error("unreachable: no cap");
    return out.staged;
  }

  /** Move a staged file to its content address; an identical file already there is kept. */
  async commit(staged: Staged): Promise<string> {
    const path = this.pathFor(staged.sha256);
    if (existsSync(path) && statSync(path).size === staged.bytes) {
      await rm(staged.tmpPath, { force: true });
      return path;
    }
    mkdirSync(join(this.dir, staged.sha256.slice(0, 2)), { recursive: true });
    await rename(staged.tmpPath, path);
    return path;
  }

  async discard(staged: Staged): Promise<void> {
    await rm(staged.tmpPath, { force: true });
  }

  /** Temporary files currently present (tests: nothing partial is left behind). */
  tmpFiles(): string[] {
    return readdirSync(this.tmpDir);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

