/**
 * One HTTP exchange with Node's fetch: no automatic redirects (the fetcher follows them itself,
 * checking robots and hosts at each hop), a timeout for the response headers and for every pause
 * in the body, a size cap enforced while reading, and the body either kept in memory (pages) or
 * streamed to the content-addressed store (files). Never `res.text()`: bytes are decoded later,
 * from the evidence (crawling.md §2.8).
 */
import type { FetchErrorReason } from "../types.js";
import type { ContentStore, Staged } from "./store.js";

export interface SendInit {
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  /** Milliseconds to wait for the headers, and for each further chunk of the body. */
  timeoutMs: number;
  maxBytes: number;
  /** Stream a 2xx body to this store instead of memory. */
  store?: ContentStore | null;
}

export interface Sent {
  status: number;
  headers: Headers;
  /** Body bytes received (after content decoding). */
  bytes: number;
  /** The body, for responses kept in memory. */
  body: Uint8Array | null;
  /** The body, for 2xx responses streamed to the store (not yet committed). */
  staged: Staged | null;
  /** The body was over `maxBytes` (declared by Content-Length, or counted): nothing kept. */
  tooLarge: boolean;
}

/** What stopped an exchange below HTTP. */
export type NetworkReason = Extract<FetchErrorReason, "timeout" | "deadline" | "too-slow" | "network">;

/** A failure below HTTP: timeout, reset, refused, DNS, TLS. */
export class NetworkError extends Error {
  readonly reason: NetworkReason;
  /** Worth another try: timeouts, resets, refusals; not DNS "no such host" nor certificate errors. */
  readonly retryable: boolean;
  readonly code: string | null;
  constructor(message: string, reason: NetworkReason, code: string | null) {
    super(message);
    this.name = "NetworkError";
    this.reason = reason;
    this.code = code;
    this.retryable = reason === "timeout" || (reason === "network" && !(code && (/^ENOTFOUND$/.test(code) || /CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO/.test(code))));
  }
}

function causeCode(e: unknown): string | null {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === "object"; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string") return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return null;
}

function toNetworkError(e: unknown, timedOut: boolean, timeoutMs: number): NetworkError {
  if (timedOut) return new NetworkError(`timeout after ${timeoutMs} ms`, "timeout", "ETIMEDOUT");
  const code = causeCode(e);
  const cause = (e as { cause?: { message?: string } })?.cause?.message;
  const msg = [(e as Error)?.message ?? String(e), cause].filter(Boolean).join(": ");
  return new NetworkError(code ? `${msg} (${code})` : msg, "network", code);
}

/** The body's chunks, each awaited under the idle timeout; stopping early cancels the stream. */
async function* chunksOf(body: ReadableStream<Uint8Array>, onIdle: () => void, idleMs: number): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let finished = false;
  try {
    for (;;) {
      const timer = setTimeout(onIdle, idleMs);
      let r: ReadableStreamReadResult<Uint8Array>;
      try {
        r = await reader.read();
      } finally {
        clearTimeout(timer);
      }
      if (r.done) {
        finished = true;
        return;
      }
      yield r.value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

export async function send(url: string, init: SendInit): Promise<Sent> {
  const controller = new AbortController();
  let timedOut = false;
  const abortForTimeout = (): void => {
    timedOut = true;
    controller.abort();
  };
  const timer = setTimeout(abortForTimeout, init.timeoutMs);
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method,
      headers: init.headers,
      body: init.body,
      redirect: "manual",
      signal: controller.signal,
    });
  } catch (e) {
    throw toNetworkError(e, timedOut, init.timeoutMs);
  } finally {
    clearTimeout(timer);
  }

  const base = { status: res.status, headers: res.headers };
  if (!res.body) return { ...base, bytes: 0, body: new Uint8Array(0), staged: null, tooLarge: false };
  // Content-Length counts the encoded bytes; decoded ones are as many or more.
  const declared = Number(res.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > init.maxBytes) {
    controller.abort();
    return { ...base, bytes: 0, body: null, staged: null, tooLarge: true };
  }

  const chunks = chunksOf(res.body, abortForTimeout, init.timeoutMs);
  try {
    if (init.store && res.status >= 200 && res.status < 300) {
      const out = await init.store.stream(chunks, init.maxBytes);
      if (!out.ok) {
        controller.abort();
        return { ...base, bytes: out.bytes, body: null, staged: null, tooLarge: true };
      }
      return { ...base, bytes: out.staged.bytes, body: null, staged: out.staged, tooLarge: false };
    }
    const parts: Uint8Array[] = [];
    let bytes = 0;
    for await (const chunk of chunks) {
      bytes += chunk.length;
      if (bytes > init.maxBytes) {
        controller.abort();
        return { ...base, bytes, body: null, staged: null, tooLarge: true };
      }
      parts.push(chunk);
    }
    return { ...base, bytes, body: Buffer.concat(parts), staged: null, tooLarge: false };
  } catch (e) {
    throw toNetworkError(e, timedOut, init.timeoutMs);
  }
}
