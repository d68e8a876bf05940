/**
 * What a reader returns: the document and what the reader noticed, as mammoth's
 * `Result{value, messages}` (lib/results.js). Plain data with free functions instead of methods,
 * so a result crosses a worker-thread or queue boundary as it is.
 */
import type { ParsedDocument } from "./document.js";
import type { ReaderMessage } from "./notes.js";

export interface Result<T, M = ReaderMessage> {
  value: T;
  messages: M[];
}

/** The reader's result. */
export type ReadResult = Result<ParsedDocument>;

export function result<T, M = ReaderMessage>(value: T, messages: readonly M[] = []): Result<T, M> {
  return { value, messages: dedupe(messages) };
}

export function mapResult<T, U, M>(r: Result<T, M>, f: (value: T) => U): Result<U, M> {
  return { value: f(r.value), messages: r.messages };
}

/** Messages said before the result's own come first (e.g. "read as DOCX" before what the DOCX reader said). */
export function withMessages<T, M>(r: Result<T, M>, before: readonly M[], after: readonly M[] = []): Result<T, M> {
  return { value: r.value, messages: dedupe([...before, ...r.messages, ...after]) };
}

/** The same message said twice is said once (mammoth de-duplicates its warnings too). */
export function dedupe<M>(messages: readonly M[]): M[] {
  const seen = new Set<string>();
  return messages.filter((m) => {
    const k = JSON.stringify(m);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
