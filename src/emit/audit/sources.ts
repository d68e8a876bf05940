/**
 * Where the auditors' page finds a report's source bytes, for page images and the lines around a
 * cell. In order:
 *  1. the crawl store of the output folder, `<out>/crawl/files/<sha256[0:2]>/<sha256>` (crawled
 *     documents are kept there by content, crawling.md §2.7);
 *  2. `source.uri` as a path: as given (relative to the working directory), then under each
 *     `sourceDirs` folder (`nianbao audit --sources <dir>` when the files have moved).
 * Bytes are used only when their sha256 is the report's: a file changed since the run is not
 * evidence. When none is found the page says so for that report, and shows everything else (the
 * message, the cells with their printed text and places, the row as printed).
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";

export interface SourceOptions {
  /** The output folder (for its crawl store). */
  outDir?: string;
  /** Further folders to look for local inputs under (relative paths are joined to them). */
  sourceDirs?: string[];
}

export type SourceLookup = { ok: true; bytes: Uint8Array; where: string } | { ok: false; reason: string };

const sha256 = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");

export function findSource(source: { uri: string; sha256: string }, options: SourceOptions): SourceLookup {
  const tried: string[] = [];
  const candidates: string[] = [];
  if (options.outDir) candidates.push(join(options.outDir, "crawl", "files", source.sha256.slice(0, 2), source.sha256));
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(source.uri)) {
    candidates.push(resolve(source.uri));
    if (!isAbsolute(source.uri)) for (const d of options.sourceDirs ?? []) candidates.push(join(d, source.uri));
  }
  let changed = false;
  for (const c of candidates) {
    tried.push(c);
    if (!existsSync(c)) continue;
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(c);
    } catch {
      continue;
    }
    if (sha256(bytes) === source.sha256) return { ok: true, bytes, where: c };
    changed = true;
  }
  return { ok: false, reason: changed ? "the source file has changed since the run (sha256 differs)" : `the source file is not there (looked in: ${tried.join(", ") || "nowhere: a URL, and no crawl store"})` };
}
