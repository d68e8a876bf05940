/**
 * The HTTP machinery of the mirror: one real server per virtual host on 127.0.0.1 (each its own
 * ephemeral port), routes that answer with fixed bytes, conditional requests (ETag and
 * Last-Modified → 304), configurable delays and connection resets, and a log of every request with
 * per-host in-flight counters. What the sites hold is in sites.ts; this file knows nothing of them.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createHash } from "node:crypto";

/** What a route answers. A 200 is conditional by default: stable ETag (from the bytes) and Last-Modified. */
export interface Reply {
  status: number;
  headers?: Record<string, string | string[]>;
  body?: Buffer | string;
  /** Answer If-None-Match / If-Modified-Since with 304 (default: status === 200). */
  conditional?: boolean;
  /** YYYY-MM-DD or an ISO date: the Last-Modified of a conditional reply (default 2024-01-01). */
  lastModified?: string;
  /** Wait this long before answering (the slow page). Cancelled when the client goes away. */
  delayMs?: number;
  /** Send the headers and this many body bytes, then destroy the socket (connection reset). */
  resetAfterBytes?: number;
  /**
   * Send the headers at once and the body spread over this many milliseconds, in 20 slices (a
   * server that trickles: each pause is short, the whole takes long). Stops when the client goes.
   */
  trickleMs?: number;
  /** Which validators a conditional reply carries (default both: a strong ETag and Last-Modified). */
  validators?: "both" | "etag" | "weak-etag" | "last-modified";
  /** A label copied into the log entry ("challenge", "robots", "oldsrc"…), so tests can find trap hits. */
  trap?: string;
}

export interface MirrorRequest {
  method: string;
  /** Path without the query. */
  pathname: string;
  /** Path with the query, as received. */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** Request body (POST forms), as bytes. */
  body: Buffer;
  /** The body read as a urlencoded form (empty when there is none). */
  form: URLSearchParams;
}

/** A dynamic route: returns undefined to pass the request on to the next route. */
export type Handler = (req: MirrorRequest) => Reply | undefined;

export interface LogEntry {
  /** Order of arrival over the whole mirror, from 0. */
  seq: number;
  /** Virtual host name (a key of Mirror.hosts). */
  host: string;
  /** http://127.0.0.1:port of that host. */
  origin: string;
  method: string;
  /** Path with query, as received. */
  path: string;
  /** origin + path. */
  url: string;
  /** All request headers, lower-cased names (if-none-match, if-modified-since, user-agent, cookie…). */
  headers: http.IncomingHttpHeaders;
  /** The POST body, as text (Hanweb dataproxy forms). */
  body: string;
  /** Epoch milliseconds (sub-millisecond precision) when the request arrived and when it ended. */
  start: number;
  end: number | null;
  /** Status sent; null when the connection was reset or the client went away before an answer. */
  status: number | null;
  /** Body bytes written. */
  bytes: number;
  /** Requests in flight to this host when this one arrived, this one included (1 = alone). */
  inFlightAtStart: number;
  /** The client closed the connection before the answer was complete (a timeout, an abort). */
  aborted: boolean;
  /** The mirror reset the connection on purpose. */
  reset: boolean;
  /** The trap label of the reply (Reply.trap), or null. */
  trap: string | null;
}

export class RequestLog {
  readonly entries: LogEntry[] = [];
  /** Highest number of requests in flight at once, per host name, since start or the last clear(). */
  readonly maxInFlight: Record<string, number> = {};
  /** Requests in flight now, per host name. */
  readonly inFlight: Record<string, number> = {};
  private seq = 0;

  /** Forget every entry and reset the max-in-flight counters (between two crawl runs). */
  clear(): void {
    this.entries.length = 0;
    for (const k of Object.keys(this.maxInFlight)) this.maxInFlight[k] = this.inFlight[k] ?? 0;
  }

  /** Entries of one host (by name). */
  forHost(host: string): LogEntry[] {
    return this.entries.filter((e) => e.host === host);
  }

  /** Entries whose full URL is `url` (query included, fragment never sent). */
  forUrl(url: string): LogEntry[] {
    return this.entries.filter((e) => e.url === url);
  }

  /** Number of requests per host name. */
  countByHost(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const e of this.entries) out[e.host] = (out[e.host] ?? 0) + 1;
    return out;
  }

  /** Number of requests per status ("null" for resets and aborts). */
  countByStatus(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const e of this.entries) out[String(e.status)] = (out[String(e.status)] ?? 0) + 1;
    return out;
  }

  /** @internal */
  open(host: string, origin: string, req: http.IncomingMessage): LogEntry {
    const n = (this.inFlight[host] ?? 0) + 1;
    this.inFlight[host] = n;
    if (n > (this.maxInFlight[host] ?? 0)) this.maxInFlight[host] = n;
    const path = req.url ?? "/";
    const entry: LogEntry = {
      seq: this.seq++,
      host,
      origin,
      method: req.method ?? "GET",
      path,
      url: origin + path,
      headers: { ...req.headers },
      body: "",
      start: now(),
      end: null,
      status: null,
      bytes: 0,
      inFlightAtStart: n,
      aborted: false,
      reset: false,
      trap: null,
    };
    this.entries.push(entry);
    return entry;
  }

  /** @internal */
  done(entry: LogEntry): void {
    if (entry.end !== null) return;
    entry.end = now();
    this.inFlight[entry.host] = Math.max(0, (this.inFlight[entry.host] ?? 1) - 1);
  }
}

const now = (): number => performance.timeOrigin + performance.now();

/** A stable strong ETag from the bytes, nginx-like: "<hash>-<length hex>". */
export function etagOf(body: Buffer): string {
  return `"${createHash("sha1").update(body).digest("hex").slice(0, 16)}-${body.length.toString(16)}"`;
}

const DEFAULT_LAST_MODIFIED = "2024-01-01";

export function httpDate(date: string): string {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T08:00:00Z`) : new Date(date);
  if (Number.isNaN(d.getTime())) throw new Error(`mirror: bad date ${date}`);
  return d.toUTCString();
}

/** If-None-Match by weak comparison (RFC 9110 §13.1.2), else If-Modified-Since; a validator the reply does not carry never matches. */
function notModified(req: http.IncomingMessage, etag: string | null, lastModified: string | null): boolean {
  const inm = req.headers["if-none-match"];
  if (inm !== undefined) {
    if (!etag) return false;
    const tags = inm.split(",").map((t) => t.trim().replace(/^W\//, ""));
    return tags.includes("*") || tags.includes(etag.replace(/^W\//, ""));
  }
  const ims = req.headers["if-modified-since"];
  if (ims !== undefined && lastModified) {
    const since = Date.parse(ims);
    return !Number.isNaN(since) && Date.parse(lastModified) <= since;
  }
  return false;
}

export interface VirtualHost {
  name: string;
  origin: string;
  port: number;
  /** Static replies by pathname (the query is ignored, as a file server ignores it). */
  files: Map<string, Reply>;
  /** Dynamic routes, tried in order before the files. */
  handlers: Handler[];
  /** The reply for anything else (default: a plain nginx-like 404). */
  notFound: Reply;
  server: http.Server;
}

export const NGINX_404: Reply = {
  status: 404,
  headers: { "Content-Type": "text/html" },
  body: "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
  conditional: false,
};

/** Owns the servers, the log and every pending timer, so close() leaves nothing behind. */
export class HostSet {
  readonly hosts = new Map<string, VirtualHost>();
  readonly log = new RequestLog();
  private readonly closing = new AbortController();

  async add(name: string, port = 0): Promise<VirtualHost> {
    const server = http.createServer();
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    const actual = (server.address() as AddressInfo).port;
    const host: VirtualHost = {
      name,
      origin: `http://127.0.0.1:${actual}`,
      port: actual,
      files: new Map(),
      handlers: [],
      notFound: NGINX_404,
      server,
    };
    server.on("request", (req, res) => this.serve(host, req, res));
    this.hosts.set(name, host);
    return host;
  }

  private serve(host: VirtualHost, req: http.IncomingMessage, res: http.ServerResponse): void {
    const entry = this.log.open(host.name, host.origin, req);
    const finish = (): void => {
      if (entry.status === null && res.headersSent && !entry.reset) entry.status = res.statusCode;
      if (!res.writableFinished && !entry.reset) entry.aborted = true;
      this.log.done(entry);
    };
    res.once("finish", finish);
    res.once("close", finish);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= 1 << 16) chunks.push(c);
    });
    req.on("error", () => undefined);
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      entry.body = body.toString("utf8");
      const url = new URL(req.url ?? "/", host.origin);
      const ctype = String(req.headers["content-type"] ?? "");
      const mreq: MirrorRequest = {
        method: req.method ?? "GET",
        pathname: url.pathname,
        path: req.url ?? "/",
        query: url.searchParams,
        headers: req.headers,
        body,
        form: ctype.includes("application/x-www-form-urlencoded") || (body.length > 0 && !ctype) ? new URLSearchParams(body.toString("utf8")) : new URLSearchParams(),
      };
      let reply: Reply | undefined;
      try {
        reply = this.route(host, mreq);
      } catch (err) {
        reply = { status: 500, headers: { "Content-Type": "text/plain" }, body: `mirror bug: ${String(err)}`, conditional: false };
      }
      void this.answer(entry, req, res, reply);
    });
  }

  private route(host: VirtualHost, req: MirrorRequest): Reply {
    if (req.method !== "GET" && req.method !== "HEAD" && req.method !== "POST") {
      return { status: 405, headers: { "Content-Type": "text/plain", Allow: "GET, HEAD, POST" }, body: "Method Not Allowed", conditional: false };
    }
    for (const h of host.handlers) {
      const r = h(req);
      if (r) return r;
    }
    return host.files.get(req.pathname) ?? host.notFound;
  }

  private async answer(entry: LogEntry, req: http.IncomingMessage, res: http.ServerResponse, reply: Reply): Promise<void> {
    entry.trap = reply.trap ?? null;
    if (reply.delayMs && reply.delayMs > 0) {
      const ok = await this.sleep(reply.delayMs, res);
      if (!ok) return;
    }
    if (res.destroyed || res.writableEnded) return;
    const body = typeof reply.body === "string" ? Buffer.from(reply.body, "utf8") : (reply.body ?? Buffer.alloc(0));
    const headers: Record<string, string | string[]> = { ...(reply.headers ?? {}) };
    const conditional = reply.conditional ?? reply.status === 200;
    let status = reply.status;
    if (conditional) {
      const which = reply.validators ?? "both";
      const etag = which === "last-modified" ? null : which === "weak-etag" ? `W/${etagOf(body)}` : etagOf(body);
      const lastModified = which === "both" || which === "last-modified" ? httpDate(reply.lastModified ?? DEFAULT_LAST_MODIFIED) : null;
      if (etag) headers["ETag"] = etag;
      if (lastModified) headers["Last-Modified"] = lastModified;
      if (notModified(req, etag, lastModified)) status = 304;
    }
    if (reply.resetAfterBytes !== undefined) {
      headers["Content-Length"] = String(body.length);
      res.writeHead(status, headers);
      const part = body.subarray(0, reply.resetAfterBytes);
      entry.status = status;
      entry.bytes = part.length;
      entry.reset = true;
      res.write(part, () => setImmediate(() => req.socket.destroy()));
      return;
    }
    const sendBody = status !== 304 && req.method !== "HEAD";
    if (status !== 304) headers["Content-Length"] = String(body.length);
    else delete headers["Content-Length"];
    res.writeHead(status, headers);
    entry.status = status;
    if (sendBody && reply.trickleMs && reply.trickleMs > 0) {
      const slices = 20;
      const size = Math.ceil(body.length / slices);
      for (let i = 0; i < slices; i++) {
        if (res.destroyed) return;
        const part = body.subarray(i * size, (i + 1) * size);
        res.write(part);
        entry.bytes += part.length;
        if (!(await this.sleep(reply.trickleMs / slices, res))) {
          if (!res.destroyed) res.destroy();
          return;
        }
      }
      res.end();
      return;
    }
    entry.bytes = sendBody ? body.length : 0;
    res.end(sendBody ? body : undefined);
  }

  /** Resolves true after `ms`, false when the client left or the mirror is closing. */
  private sleep(ms: number, res: http.ServerResponse): Promise<boolean> {
    return new Promise((resolve) => {
      const stop = (): void => {
        clearTimeout(timer);
        this.closing.signal.removeEventListener("abort", stop);
        resolve(false);
      };
      const timer = setTimeout(() => {
        res.off("close", stop);
        this.closing.signal.removeEventListener("abort", stop);
        resolve(true);
      }, ms);
      res.once("close", stop);
      this.closing.signal.addEventListener("abort", stop);
    });
  }

  async close(): Promise<void> {
    this.closing.abort();
    await Promise.all(
      [...this.hosts.values()].map(
        (h) =>
          new Promise<void>((resolve) => {
            h.server.close(() => resolve());
            h.server.closeAllConnections();
          }),
      ),
    );
  }
}
