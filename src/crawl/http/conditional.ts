/**
 * Conditional requests (crawling.md §3 "Incremental re-crawl"): the validators the state holds
 * for a URL become If-None-Match / If-Modified-Since, and a 304 becomes the ending the stored copy
 * stands for — the stored page text or file, or the same "no content" outcome as before.
 */
import { existsSync } from "node:fs";
import type { CrawlState } from "../state/state.js";
import type { Classification } from "../types.js";
import type { Ending } from "./interpret.js";
import type { ContentStore } from "./store.js";

/** Finished outcomes of a 200 answer that a 304 to a conditional request simply repeats. */
const REPEATABLE: ReadonlySet<Classification> = new Set(["not-found", "wrong-type", "too-large"]);

/** The headers of a conditional request, and what a 304 to it means. */
export interface Conditional {
  headers: Record<string, string>;
  ending: Ending;
}

/** The stored copy a conditional request for `url` may stand on, when the state has one under `key`. */
export function conditionalFor(state: CrawlState | null, store: ContentStore | null, key: string, url: string): Conditional | null {
  if (!state) return null;
  const rec = state.get(key);
  if (!rec || (!rec.etag && !rec.lastModified) || (rec.finalUrl ?? rec.url) !== url) return null;
  const headers: Record<string, string> = {};
  if (rec.etag) headers["if-none-match"] = rec.etag;
  if (rec.lastModified) headers["if-modified-since"] = rec.lastModified;
  // A 200 that was no content (soft 404, HTML at a .pdf URL, over the cap): unchanged, it is the same outcome.
  if (REPEATABLE.has(rec.classification)) {
    return { headers, ending: { classification: rec.classification, status: 304, error: rec.error, contentType: rec.contentType } };
  }
  if (!rec.sha256 || (rec.classification !== "ok" && rec.classification !== "not-modified")) return null;
  let ending: Ending;
  const f = state.file(rec.sha256);
  if (f) {
    const inStore = store?.has(f.sha256) ?? false;
    if (!inStore && !existsSync(f.path)) return null;
    ending = {
      classification: "not-modified",
      status: 304,
      file: { sha256: f.sha256, bytes: f.bytes, kind: f.kind, path: inStore ? store!.pathFor(f.sha256) : f.path, suggestedName: f.suggestedName },
      contentType: rec.contentType,
      charset: rec.charset,
    };
  } else {
    const text = state.text(rec.sha256);
    if (text === null) return null;
    ending = { classification: "not-modified", status: 304, text, charset: rec.charset, contentType: rec.contentType };
  }
  return { headers, ending };
}
