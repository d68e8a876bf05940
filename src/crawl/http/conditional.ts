/**
 * Conditional requests (crawling.md §3 "Incremental re-crawl"): the validators the state holds
 * for a URL become If-None-Match / If-Modified-Since, and a 304 becomes what the stored answer
 * stood for — the stored page text or file, the same "no content" outcome as before, or (issue
 * 10) the same next hop: every URL of a redirect chain is remembered with its own validators
 * (`CrawlState.answer`), so a `<meta refresh>` stub or a 301 that carries an ETag is asked
 * conditionally too, not only the chain's end.
 *
 * Answers without validators (most 301s, anti-bot pages, a connection reset mid-body) cannot be
 * asked conditionally: they are asked in full again, by necessity.
 */
import { existsSync } from "node:fs";
import type { Answer, AnswerInput, CrawlState } from "../state/state.js";
import type { Classification } from "../types.js";
import type { Ending } from "./interpret.js";
import type { ContentStore } from "./store.js";

/** Finished outcomes of a 200 answer that a 304 to a conditional request simply repeats. */
const REPEATABLE: ReadonlySet<Classification> = new Set(["not-found", "wrong-type", "too-large"]);

/** What a 304 to a conditional request means. */
export type NotModified = { ending: Ending } | { hop: string; status: number; meaning: "redirect" | "refresh" };

/** The headers of a conditional request, what a 304 to it means, and the answer it stands on. */
export interface Conditional {
  headers: Record<string, string>;
  then: NotModified;
  /** The remembered answer of this very URL (null when it comes from a chain's record). */
  answer: Answer | null;
}

/**
 * The conditional request for the hop `hopKey` (the exact request: method, URL, form) at `url`:
 * from what that URL answered last; failing that — a state written before hops were remembered —
 * from the chain's record under `chainKey` when its end was this URL.
 */
export function conditionalFor(state: CrawlState | null, store: ContentStore | null, hopKey: string, url: string, chainKey: string): Conditional | null {
  if (!state) return null;
  const a = state.answerFor(hopKey);
  if (a) {
    if (!a.etag && !a.lastModified) return null;
    const headers = validatorHeaders(a.etag, a.lastModified);
    if (a.meaning !== "end") return a.next ? { headers, then: { hop: a.next, status: a.status, meaning: a.meaning }, answer: a } : null;
    const ending = a.classification ? storedEnding(state, store, { ...a, classification: a.classification }) : null;
    return ending ? { headers, then: { ending }, answer: a } : null;
  }
  const rec = state.get(chainKey);
  if (!rec || (!rec.etag && !rec.lastModified) || (rec.finalUrl ?? rec.url) !== url) return null;
  const ending = storedEnding(state, store, rec);
  return ending ? { headers: validatorHeaders(rec.etag, rec.lastModified), then: { ending }, answer: null } : null;
}

function validatorHeaders(etag: string | null, lastModified: string | null): Record<string, string> {
  const headers: Record<string, string> = {};
  if (etag) headers["if-none-match"] = etag;
  if (lastModified) headers["if-modified-since"] = lastModified;
  return headers;
}

/** The ending a stored outcome stands for, when the state (and the store) still hold its content. */
function storedEnding(
  state: CrawlState,
  store: ContentStore | null,
  rec: { classification: Classification; sha256: string | null; error: string | null; contentType: string | null; charset: string | null },
): Ending | null {
  // A 200 that was no content (soft 404, HTML at a .pdf URL, over the cap): unchanged, it is the same outcome.
  if (REPEATABLE.has(rec.classification)) return { classification: rec.classification, status: 304, error: rec.error, contentType: rec.contentType };
  if (!rec.sha256 || (rec.classification !== "ok" && rec.classification !== "not-modified")) return null;
  const f = state.file(rec.sha256);
  if (f) {
    const inStore = store?.has(f.sha256) ?? false;
    if (!inStore && !existsSync(f.path)) return null;
    return {
      classification: "not-modified",
      status: 304,
      file: { sha256: f.sha256, bytes: f.bytes, kind: f.kind, path: inStore ? store!.pathFor(f.sha256) : f.path, suggestedName: f.suggestedName },
      contentType: rec.contentType,
      charset: rec.charset,
    };
  }
  const text = state.text(rec.sha256);
  if (text === null) return null;
  return { classification: "not-modified", status: 304, text, charset: rec.charset, contentType: rec.contentType };
}

/** What one hop answered, to be remembered. */
export type Heard =
  | { meaning: "redirect" | "refresh"; next: string }
  | { meaning: "end"; ending: Ending }
  /** A 304 to a conditional request: the same answer again, with the validators it brought. */
  | { meaning: "not-modified"; answer: Answer | null };

/**
 * What to remember of the hop `hopKey` at `url`, or null. An answer without validators is kept
 * only to replace one that had them (stale validators are never sent); the 304 of a chain's
 * record (no answer of its own yet) is left to the chain's record. The fetcher writes the
 * answers of a chain with the chain's record, in one transaction.
 */
export function remember(state: CrawlState | null, hopKey: string, url: string, status: number, headers: Headers, heard: Heard, at: string): AnswerInput | null {
  if (!state) return null;
  const etag = headers.get("etag");
  const lastModified = headers.get("last-modified");
  if (heard.meaning === "not-modified") {
    const a = heard.answer;
    return a ? { ...a, etag: etag ?? a.etag, lastModified: lastModified ?? a.lastModified, fetchedAt: at } : null;
  }
  if (!etag && !lastModified && !state.answerFor(hopKey)) return null;
  const base = { key: hopKey, url, status, etag, lastModified, fetchedAt: at };
  if (heard.meaning !== "end") {
    return { ...base, meaning: heard.meaning, next: heard.next, classification: null, error: null, contentType: null, charset: null, sha256: null };
  }
  const e = heard.ending;
  const sha256 = e.file?.sha256 ?? e.body?.sha256 ?? null;
  return {
    ...base,
    meaning: "end",
    next: null,
    classification: e.classification,
    error: e.error ?? null,
    contentType: e.contentType ?? null,
    charset: e.charset ?? null,
    sha256,
    text: !e.file && e.body ? (e.text ?? null) : null,
  };
}
