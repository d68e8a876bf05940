/**
 * Hostile HTTP hosts for the stalled-server battery (./servers.test.ts): each a raw TCP server on
 * 127.0.0.1 (an ephemeral port, so a host of its own to the crawler), reading one request per
 * connection and answering by a script — a normal page, a body or headers trickled, or nothing at
 * all. Every answer says `Connection: close`, so each request is its own connection and the
 * server's log of it (start, end, whether the server got to the end of its script) is exact.
 *
 * Each script stops by itself after a bounded number of bytes, or when the client goes; `close()`
 * destroys every socket still open, so nothing outlives the test.
 */
import { createServer, type AddressInfo, type Socket } from "node:net";
import { performance } from "node:perf_hooks";
import { reportBody } from "../../scripts/samples/mengjin-page.js";
import { readTabText } from "../../scripts/samples/tab-text.js";
import { readSamples } from "../crawl/mirror/files.js";
import * as P from "../crawl/mirror/pages.js";

/** One request as the server saw it. performance.now() times, in this (the test's) process. */
export interface Exchange {
  path: string;
  start: number;
  /** When the connection closed (null while open). */
  end: number | null;
  /** The server sent all its script said before the connection closed. */
  finished: boolean;
}

/** How a host answers one path. */
export interface Script {
  /** How long the server would take to send its whole answer (Infinity: never). */
  plannedMs: number;
  /** Write the answer to `sock`; call `finish` once all is sent (the socket is then ended). */
  play(sock: Socket, finish: () => void): void;
}

export interface StallingHost {
  /** http://127.0.0.1:<port> */
  origin: string;
  url(path: string): string;
  log: Exchange[];
  /** The exchanges for `path`. */
  exchanges(path: string): Exchange[];
  close(): Promise<void>;
}

const CRLF = "\r\n";

/** A whole answer at once, with its length. */
export function answer(status: number, body: string | Buffer, contentType = "text/html; charset=utf-8"): Script {
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  return {
    plannedMs: 0,
    play: (sock, finish) => {
      sock.write(`HTTP/1.1 ${status} ${status === 200 ? "OK" : "Not Found"}${CRLF}content-type: ${contentType}${CRLF}content-length: ${bytes.length}${CRLF}connection: close${CRLF}${CRLF}`);
      sock.write(bytes, () => finish());
    },
  };
}

/** Writes `body`, `bytes` of it every `everyMs`, then calls `finish`; stops when the connection closes. */
function drip(sock: Socket, body: Buffer, bytes: number, everyMs: number, finish: () => void): void {
  let at = 0;
  const timer = setInterval(() => {
    if (sock.destroyed) return clearInterval(timer);
    const slice = body.subarray(at, at + bytes);
    at += slice.length;
    if (at >= body.length) {
      clearInterval(timer);
      sock.write(slice, () => finish());
      return;
    }
    sock.write(slice);
  }, everyMs);
  sock.on("close", () => clearInterval(timer));
}

/** Headers at once, then the body `bytes` at a time every `everyMs` (never a pause near an idle timeout). */
export function trickleBody(body: Buffer, bytes: number, everyMs: number): Script {
  return {
    plannedMs: Math.ceil(body.length / bytes) * everyMs,
    play: (sock, finish) => {
      sock.write(`HTTP/1.1 200 OK${CRLF}content-type: text/html; charset=utf-8${CRLF}connection: close${CRLF}${CRLF}`);
      drip(sock, body, bytes, everyMs, finish);
    },
  };
}

/** The status line, then a header of `count` bytes one byte every `everyMs`, then the rest of the answer (`body`) at once. */
export function trickleHeaders(count: number, everyMs: number, body: Buffer): Script {
  return {
    plannedMs: count * everyMs,
    play: (sock, finish) => {
      sock.write(`HTTP/1.1 200 OK${CRLF}content-type: text/html; charset=utf-8${CRLF}connection: close${CRLF}x-slow: `);
      drip(sock, Buffer.from("a".repeat(count)), 1, everyMs, () => sock.write(Buffer.concat([Buffer.from(CRLF + CRLF), body]), () => finish()));
    },
  };
}

/** Reads the request and never answers. */
export const silence: Script = { plannedMs: Infinity, play: () => undefined };

/** A host answering `routes` (404 elsewhere, robots.txt included: everything allowed). */
export async function stallingHost(routes: Record<string, Script>): Promise<StallingHost> {
  const sockets = new Set<Socket>();
  const log: Exchange[] = [];
  const notFound = answer(404, "<html><title>404</title><body>Not Found</body></html>");
  const server = createServer((sock) => {
    sockets.add(sock);
    sock.on("error", () => undefined);
    let head = "";
    const onData = (chunk: Buffer): void => {
      head += chunk.toString("latin1");
      if (!head.includes(CRLF + CRLF)) return;
      sock.off("data", onData);
      const path = /^[A-Z]+ (\S+) HTTP/.exec(head)?.[1] ?? "/";
      const e: Exchange = { path, start: performance.now(), end: null, finished: false };
      log.push(e);
      sock.on("close", () => (e.end = performance.now()));
      (routes[path] ?? notFound).play(sock, () => {
        if (sock.destroyed) return;
        e.finished = true;
        sock.end();
      });
    };
    sock.on("data", onData);
    sock.on("close", () => sockets.delete(sock));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path) => origin + path,
    log,
    exchanges: (path) => log.filter((e) => e.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const samples = readSamples();
export const reportTitle = (agency: string): string => `${agency}2023年政府信息公开工作年度报告`;

/** A report page of `agency` (samples/sample-county-2023.txt as the Word HTML of a report, in a plain site's article page). */
export function reportPage(siteName: string, agency: string, date: string): Buffer {
  const body = reportBody(readTabText(samples.countyTxt.replaceAll("示例县示例局", agency)));
  return Buffer.from(P.simpleArticle({ siteName, title: reportTitle(agency), date, source: agency, body }));
}

/** The column page listing `items`, as a plain site's 年报 column. */
export const columnPage = (siteName: string, items: P.ListItem[]): string => P.simpleList({ siteName, columnName: "政府信息公开年报", items });
