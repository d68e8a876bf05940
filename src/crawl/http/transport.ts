/**
 * One HTTP exchange with Node's fetch: no automatic redirects (the fetcher follows them itself,
 * checking robots and hosts at each hop), a size cap enforced while reading, and the body either
 * kept in memory (pages) or streamed to the content-addressed store (files). Never `res.text()`:
 * bytes are decoded later, from the evidence (crawling.md §2.8).
 *
 * Three clocks bound an exchange (issue 13), because a timeout that restarts on every chunk lets
 * a server that sends one byte every few seconds hold its host for ever:
 *   - `timeoutMs`: for the headers, and for each pause in the body (a server that went quiet);
 *   - `deadlineMs`: for the whole exchange, headers and body, however steadily bytes come;
 *   - `minBytesPerSecond`: over each `rateWindowMs` of the body, at least that many bytes must
 *     arrive (a server that trickles).
 * Whichever runs out first aborts the exchange as a NetworkError whose `reason` says which.
 */
import type { FetchErrorReason } from "../types.js";
import type { ContentStore, Staged } from "./store.js";

export interface SendInit {
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  /** Milliseconds to wait for the headers, and for each further chunk of the body. */
  timeoutMs: number;
  /** Milliseconds the whole exchange may take, headers and body. @default no limit */
  deadlineMs?: number;
  /** What running out of `deadlineMs` is called: the request's own deadline, or its host's time for the run. @default "deadline" */
  deadlineReason?: "deadline" | "host-time";
  /** The body must arrive at this rate or faster, measured over each `rateWindowMs` (0: no minimum). @default 0 */
  minBytesPerSecond?: number;
  /** @default 20000 */
  rateWindowMs?: number;
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
export type NetworkReason = Extract<FetchErrorReason, "timeout" | "deadline" | "too-slow" | "host-time" | "network">;

/** A failure below HTTP: timeout, stall, reset, refused, DNS, TLS. */
export class NetworkError extends Error {
  readonly reason: NetworkReason;
  /**
   * Worth another try: timeouts, resets, refusals; not DNS "no such host" nor certificate errors,
   * and not a server that trickled past its deadline or below the minimum rate — trying again
   * would only hold its host (and every request queued behind it) as long again.
   */
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

/** Why the exchange was aborted on our side, when it was. */
interface Stop {
  reason: NetworkReason;
  message: string;
}

/** A timer that can be cleared. */
interface Timer {
  clear(): void;
}

/**
 * `setTimeout(fire, ms)` that does not blame the server for our own stalls: when the timer fires
 * late (the event loop was blocked — a big page parsed, a GC pause), the answer may already sit
 * in the socket unread, so the decision waits one turn of the loop (`setImmediate`, after its I/O
 * phase), and the exchange ends only if the timer was not cleared meanwhile.
 */
function lenientTimer(ms: number, fire: () => void): Timer {
  let cleared = false;
  let immediate: NodeJS.Immediate | null = null;
  const due = Date.now() + ms;
  const t = setTimeout(() => {
    if (Date.now() - due > Math.max(50, ms / 2)) {
      immediate = setImmediate(() => {
        immediate = setImmediate(() => {
          if (!cleared) fire();
        });
      });
      return;
    }
    fire();
  }, ms);
  return {
    clear: () => {
      cleared = true;
      clearTimeout(t);
      if (immediate) clearImmediate(immediate);
    },
  };
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

function toNetworkError(e: unknown, stop: Stop | null): NetworkError {
  if (stop) return new NetworkError(stop.message, stop.reason, stop.reason === "timeout" ? "ETIMEDOUT" : null);
  const code = causeCode(e);
  const cause = (e as { cause?: { message?: string } })?.cause?.message;
  const msg = [(e as Error)?.message ?? String(e), cause].filter(Boolean).join(": ");
  return new NetworkError(code ? `${msg} (${code})` : msg, "network", code);
}

/** The body's chunks, each awaited under the idle timeout and counted; stopping early cancels the stream. */
async function* chunksOf(body: ReadableStream<Uint8Array>, onIdle: () => void, idleMs: number, onChunk: (n: number) => void): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let finished = false;
  try {
    for (;;) {
      const timer = lenientTimer(idleMs, onIdle);
      let r: ReadableStreamReadResult<Uint8Array>;
      try {
        r = await reader.read();
      } finally {
        timer.clear();
      }
      if (r.done) {
        finished = true;
        return;
      }
      onChunk(r.value.length);
      yield r.value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

export async function send(url: string, init: SendInit): Promise<Sent> {
  const controller = new AbortController();
  let stop: Stop | null = null;
  const abortFor = (reason: NetworkReason, message: string): void => {
    if (stop) return;
    stop = { reason, message };
    controller.abort();
  };
  const timeout = (): void => abortFor("timeout", `timeout after ${init.timeoutMs} ms`);
  const deadlineMs = init.deadlineMs ?? Infinity;
  const deadlineTimer = Number.isFinite(deadlineMs)
    ? lenientTimer(Math.max(0, deadlineMs), () => {
        const host = init.deadlineReason === "host-time";
        abortFor(host ? "host-time" : "deadline", host ? `the host's time for this run ran out (after ${Math.round(deadlineMs)} ms of this request)` : `over the deadline of ${deadlineMs} ms for one request`);
      })
    : null;
  let rateTimer: NodeJS.Timeout | null = null;
  try {
    const headersTimer = lenientTimer(init.timeoutMs, timeout);
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
      throw toNetworkError(e, stop);
    } finally {
      headersTimer.clear();
    }

    const base = { status: res.status, headers: res.headers };
    if (!res.body) return { ...base, bytes: 0, body: new Uint8Array(0), staged: null, tooLarge: false };
    // Content-Length counts the encoded bytes; decoded ones are as many or more.
    const declared = Number(res.headers.get("content-length") ?? NaN);
    if (Number.isFinite(declared) && declared > init.maxBytes) {
      controller.abort();
      return { ...base, bytes: 0, body: null, staged: null, tooLarge: true };
    }

    // The minimum rate, checked at the end of every window of the body.
    let received = 0;
    const minRate = init.minBytesPerSecond ?? 0;
    if (minRate > 0) {
      const windowMs = init.rateWindowMs ?? 20_000;
      const needed = (minRate * windowMs) / 1000;
      let atWindowStart = 0;
      let windowStart = Date.now();
      rateTimer = setInterval(() => {
        const now = Date.now();
        const got = received - atWindowStart;
        const late = now - windowStart > windowMs * 1.5;
        atWindowStart = received;
        windowStart = now;
        // A timer that fires late says our own process was stalled (GC, a busy event loop), and
        // the chunks that came meanwhile may not be counted yet: not the server's fault.
        if (!late && got < needed) abortFor("too-slow", `body too slow: ${got} bytes in ${windowMs} ms, below ${minRate} bytes/s`);
      }, windowMs);
    }

    const chunks = chunksOf(res.body, timeout, init.timeoutMs, (n) => (received += n));
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
      throw toNetworkError(e, stop);
    }
  } finally {
    deadlineTimer?.clear();
    if (rateTimer) clearInterval(rateTimer);
  }
}
