import { afterEach } from "vitest";
/**
 * A real HTTP server on 127.0.0.1 for crawler tests, one per virtual host (a host is
 * hostname:port, so each server is its own host to the fetcher). Routes are scripted handlers;
 * every request is logged with its start and end time, and the server counts how many requests
 * were in flight at once — the evidence for "never two requests in flight to one host".
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { performance } from "node:perf_hooks";

export interface LoggedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
  /** performance.now() at arrival and when the response closed (null while in flight). */
  start: number;
  end: number | null;
  status: number | null;
}

export interface HandlerContext {
  /** 0 for the first request to this route, 1 for the second… */
  hit: number;
  server: TestServer;
  body: Buffer;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, ctx: HandlerContext) => void | Promise<void>;

export interface TestServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** 127.0.0.1:<port>, the fetcher's host key. */
  host: string;
  port: number;
  url(path: string): string;
  log: LoggedRequest[];
  /** The most requests ever in flight at once. */
  maxInFlight: number;
  /** Requests whose path (without query) is `path`. */
  requests(path: string): LoggedRequest[];
  route(path: string, handler: Handler): void;
  close(): Promise<void>;
}

export async function startServer(routes: Record<string, Handler> = {}): Promise<TestServer> {
  const table = new Map<string, Handler>(Object.entries(routes));
  const hits = new Map<string, number>();
  const sockets = new Set<Socket>();
  let inFlight = 0;

  const server: Server = createServer((req, res) => {
    const entry: LoggedRequest = {
      method: req.method ?? "GET",
      url: req.url ?? "/",
      path: (req.url ?? "/").split("?")[0]!,
      headers: req.headers,
      body: "",
      start: performance.now(),
      end: null,
      status: null,
    };
    t.log.push(entry);
    inFlight++;
    t.maxInFlight = Math.max(t.maxInFlight, inFlight);
    res.on("close", () => {
      inFlight--;
      entry.end = performance.now();
      entry.status = res.headersSent ? res.statusCode : null;
    });
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      entry.body = body.toString("utf8");
      const key = table.has(entry.url) ? entry.url : entry.path;
      const handler = table.get(key);
      const hit = hits.get(key) ?? 0;
      hits.set(key, hit + 1);
      if (!handler) {
        res.writeHead(404, { "content-type": "text/html; charset=utf-8" }).end("<html><title>404</title><body>Not Found</body></html>");
        return;
      }
      Promise.resolve(handler(req, res, { hit, server: t, body })).catch((e: unknown) => {
        if (!res.headersSent) res.writeHead(500).end(String(e));
        else res.destroy();
      });
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  const t: TestServer = {
    origin: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    log: [],
    maxInFlight: 0,
    requests: (path) => t.log.filter((r) => r.path === path),
    route: (path, handler) => void table.set(path, handler),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  return t;
}

/* ---- handlers ---- */

/** A fixed response. */
export function reply(status: number, body: string | Uint8Array = "", headers: Record<string, string | string[]> = {}): Handler {
  return (_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  };
}

/** An HTML page (UTF-8 unless headers say otherwise). */
export function html(body: string | Uint8Array, headers: Record<string, string> = { "content-type": "text/html; charset=utf-8" }): Handler {
  return reply(200, body, headers);
}

/** The nth request gets the nth handler; the last one answers every request after. */
export function sequence(...handlers: Handler[]): Handler {
  return (req, res, ctx) => handlers[Math.min(ctx.hit, handlers.length - 1)]!(req, res, ctx);
}

/** Wait `ms` before handling (a slow server). */
export function delayed(ms: number, handler: Handler): Handler {
  return (req, res, ctx) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        if (!res.destroyed) void Promise.resolve(handler(req, res, ctx)).finally(resolve);
        else resolve();
      }, ms);
      res.on("close", () => {
        clearTimeout(timer);
        resolve();
      });
    });
}

export function redirect(status: number, location: string): Handler {
  return reply(status, "", { location });
}

/** Drop the connection without a response (a reset). */
export function reset(): Handler {
  return (req) => {
    req.socket.destroy();
  };
}

/** Stream `total` bytes of `fill` in chunks, without Content-Length (chunked). */
export function stream(total: number, fill = 0x25, headers: Record<string, string> = { "content-type": "application/octet-stream" }): Handler {
  return (_req, res) => {
    res.writeHead(200, headers);
    const chunk = Buffer.alloc(64 * 1024, fill);
    let sent = 0;
    const pump = (): void => {
      while (sent < total) {
        const n = Math.min(chunk.length, total - sent);
        sent += n;
        if (!res.write(chunk.subarray(0, n))) {
          res.once("drain", pump);
          return;
        }
      }
      res.end();
    };
    res.on("error", () => undefined);
    pump();
  };
}

/**
 * `server(...)` for a test file: starts a server like startServer, and closes every server it
 * started after each test.
 */
export function serversClosedAfterEach(): (...args: Parameters<typeof startServer>) => Promise<TestServer> {
  const servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  return async (...args) => {
    const s = await startServer(...args);
    servers.push(s);
    return s;
  };
}
