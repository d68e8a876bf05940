/**
 * Folders in the temp dir for crawl tests, each removed when the test that made it finishes —
 * passed or failed — so a run of the suite leaves nothing in `os.tmpdir()` (developers' guide:
 * "Tests leave no files behind in the temp dir").
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onTestFinished } from "vitest";

/** A new empty folder `<tmpdir>/<prefix>XXXXXX`; call it inside a test. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
