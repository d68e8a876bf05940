/**
 * Crawl limits against stalling servers on 127.0.0.1 (issue 13): an idle timeout that restarts on
 * every chunk lets a server that sends a byte now and then hold its host — and every request
 * queued behind it — for ever. An overall deadline per request (headers and body), a minimum
 * transfer rate and a cap on each host's time stop it; the outcome is "error" with a closed
 * reason, it is not retried, and the host's queue moves on. Limits are scaled down to
 * milliseconds; every trickle stops by itself after a bounded number of bytes.
 */
import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { afterEach, describe, expect, it } from "vitest";
import { createFetcher } from "../../../src/crawl/http/fetcher.js";
import { html, reply, type Handler, serversClosedAfterEach } from "../../support/http-server.js";
import { fast, realPage } from "./fast.js";

const server = serversClosedAfterEach();
const open = { "/robots.txt": reply(404) };

/** Headers at once, then one byte every `everyMs`, at most `maxBytes` of them, until the client goes. */
function trickle(everyMs: number, maxBytes = 400): Handler {
  return (_req, res) =>
    new Promise<void>((resolve) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.write("<html><body>");
      let sent = 0;
      const timer = setInterval(() => {
        if (++sent >= maxBytes) {
          clearInterval(timer);
          res.end("</body></html>");
          return;
        }
        res.write("x");
      }, everyMs);
      res.on("close", () => {
        clearInterval(timer);
        resolve();
      });
    });
}

/** A raw TCP server that sends a status line and then one header byte every `everyMs` (at most 400). */
const raw: { server: Server; sockets: Set<Socket> }[] = [];
afterEach(async () => {
  for (const r of raw.splice(0)) {
    for (const s of r.sockets) s.destroy();
    await new Promise<void>((res) => r.server.close(() => res()));
  }
});
async function trickledHeaders(everyMs: number): Promise<string> {
  const sockets = new Set<Socket>();
  const srv = createServer((sock) => {
    sockets.add(sock);
    sock.on("close", () => sockets.delete(sock));
    sock.on("error", () => undefined);
    sock.once("data", (chunk: Buffer) => {
      if (chunk.toString("latin1").startsWith("GET /robots.txt")) {
        sock.end("HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
        return;
      }
      sock.write("HTTP/1.1 200 OK\r\nx-slow: ");
      let n = 0;
      const timer = setInterval(() => {
        if (sock.destroyed || ++n > 400) {
          clearInterval(timer);
          sock.destroy();
          return;
        }
        sock.write("a");
      }, everyMs);
      sock.on("close", () => clearInterval(timer));
    });
  });
  await new Promise<void>((res) => srv.listen(0, "127.0.0.1", res));
  raw.push({ server: srv, sockets });
  return `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
}

describe("crawl limits: deadline, minimum rate, time per host", () => {
  it("stops a body that keeps trickling under the idle timeout at the request's deadline, without retrying it", async () => {
    // A byte every 20 ms never trips a 500 ms idle timeout: before the deadline this request ran ~8 s.
    const s = await server({ ...open, "/drip": trickle(20) });
    const f = createFetcher(fast({ timeoutMs: 500, deadlineMs: 300, minBytesPerSecond: 0, retry: { retries: 2 } }));
    const t0 = performance.now();
    const r = await f.fetch({ url: s.url("/drip"), label: "article" });
    const took = performance.now() - t0;
    expect(r).toMatchObject({ classification: "error", reason: "deadline", status: null });
    expect(r.error).toMatch(/deadline of 300 ms/);
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(3000);
    expect(s.requests("/drip")).toHaveLength(1); // a stall is not retried
    expect(f.hostStats()[s.host]).toMatchObject({ errors: 1, retries: 0 });
  });

  it("counts the headers against the deadline too: headers sent a byte at a time", async () => {
    const origin = await trickledHeaders(20);
    const f = createFetcher(fast({ timeoutMs: 5000, deadlineMs: 300, retry: { retries: 2 } }));
    const t0 = performance.now();
    const r = await f.fetch({ url: `${origin}/slow-headers`, label: "article" });
    expect(r).toMatchObject({ classification: "error", reason: "deadline" });
    expect(performance.now() - t0).toBeLessThan(3000);
  });

  it("stops a body that arrives below the minimum rate, long before the deadline", async () => {
    // 50 bytes/s against a minimum of 1000 bytes/s over 150 ms windows.
    const s = await server({ ...open, "/drip": trickle(20) });
    const f = createFetcher(fast({ timeoutMs: 500, deadlineMs: 60_000, minBytesPerSecond: 1000, rateWindowMs: 150, retry: { retries: 2 } }));
    const t0 = performance.now();
    const r = await f.fetch({ url: s.url("/drip"), label: "article" });
    expect(r).toMatchObject({ classification: "error", reason: "too-slow" });
    expect(r.error).toMatch(/below 1000 bytes\/s/);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(s.requests("/drip")).toHaveLength(1);
  });

  it("lets a steady body through: the minimum rate does not cut a page that is merely not instant", async () => {
    const s = await server({ ...open, "/p": html(realPage("正常")), "/f": trickle(1, 200) });
    const f = createFetcher(fast({ minBytesPerSecond: 100, rateWindowMs: 100, deadlineMs: 10_000 }));
    expect((await f.fetch({ url: s.url("/p"), label: "article" })).classification).toBe("ok");
    // ~200 bytes over ~0.2–0.5 s: well above 100 bytes/s.
    const r = await f.fetch({ url: s.url("/f"), label: "article" });
    expect(r.reason).toBeNull();
  });

  it("caps a host's time: the stalled request is stopped, what is queued behind it ends at once, other hosts go on", async () => {
    const stalled = await server({ ...open, "/drip": trickle(20), "/a.html": html(realPage("甲")), "/b.html": html(realPage("乙")) });
    const other = await server({ ...open, "/c.html": html(realPage("丙")) });
    const f = createFetcher(fast({ timeoutMs: 1000, deadlineMs: 60_000, minBytesPerSecond: 0, hostTimeMs: 400 }));
    const t0 = performance.now();
    const [drip, a, b, c] = await Promise.all([
      f.fetch({ url: stalled.url("/drip"), label: "article" }),
      f.fetch({ url: stalled.url("/a.html"), label: "article" }),
      f.fetch({ url: stalled.url("/b.html"), label: "article" }),
      f.fetch({ url: other.url("/c.html"), label: "article" }),
    ]);
    const took = performance.now() - t0;
    expect(drip).toMatchObject({ classification: "error", reason: "host-time" });
    for (const r of [a, b]) {
      expect(r).toMatchObject({ classification: "error", reason: "host-time", status: null });
      expect(r!.error).toMatch(/used up its 400 ms/);
    }
    expect(c!.classification).toBe("ok");
    // The queue moved on: the two pages behind the stall were never sent.
    expect(stalled.log.map((l) => l.path)).toEqual(["/robots.txt", "/drip"]);
    expect(took).toBeLessThan(3000);
    expect(f.hostStats()[stalled.host]).toMatchObject({ errors: 3, requests: 2 });
  });

  it("does not blame the server for a stall of our own event loop: the answer that arrived meanwhile is read", async () => {
    // The answer is sent at once, then this process is busy for 400 ms (as when a big page is
    // parsed): the 100 ms timer fires late, with the whole answer waiting unread in the socket.
    const busy = (ms: number) => {
      const t0 = Date.now();
      while (Date.now() - t0 < ms) {
        /* a blocked event loop */
      }
    };
    const s = await server({
      ...open,
      "/p": (_req, res) => {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(realPage("正常"), () => busy(400));
      },
    });
    const f = createFetcher(fast({ timeoutMs: 100, deadlineMs: 150, retry: { retries: 0 } }));
    const r = await f.fetch({ url: s.url("/p"), label: "article" });
    expect(r.classification).toBe("ok");
  });

  it("opens the circuit after consecutive stalls, so a trickling host costs a bounded time", async () => {
    const s = await server({ ...open, "/drip": trickle(20) });
    const f = createFetcher(fast({ timeoutMs: 500, deadlineMs: 150, minBytesPerSecond: 0, circuitBreakerThreshold: 2 }));
    const results = [];
    for (let i = 1; i <= 4; i++) results.push(await f.fetch({ url: s.url(`/drip?${i}`), label: "article" }));
    expect(results.map((r) => r.reason)).toEqual(["deadline", "deadline", "circuit-open", "circuit-open"]);
    expect(s.requests("/drip")).toHaveLength(2);
  });
});
