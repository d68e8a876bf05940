/**
 * The jobs that travel through Redis, as plain JSON (BullMQ stores job data and return values as
 * JSON): their queues, their shapes, and the conversions at both ends. Bytes never go inside a
 * job: they are written beside it under a key the job names (./redis.ts `dataKeys`), so a job
 * stays small in BullMQ's hashes and event stream, whatever the document's size.
 *
 *   fetch-<host>  one HTTP exchange (transport.ts `send`) for one host; one queue per host, with
 *                 global concurrency 1 and a global rate limit of one job per the host's interval
 *   parse         one document through the per-document step (src/run/step.ts `readReport`)
 */
import type { SendInit } from "../crawl/http/transport.js";
import type { NetworkReason } from "../crawl/http/transport.js";
import type { ReportFile } from "../run/report-file.js";
import type { StepOptions } from "../run/step.js";

export const PARSE_QUEUE = "parse";
const FETCH_PREFIX = "fetch-";

/**
 * Shape versions: a worker refuses a job of another shape (or, for parse jobs, of another
 * nianbao version — the dataset must not depend on which worker took a job).
 */
export const FETCH_JOB_SHAPE = 1;
export const PARSE_JOB_SHAPE = 1;

/** The queue of one host (`URL.host`, host:port); BullMQ forbids ":" in names, so the host is URI-encoded. */
export function fetchQueueName(host: string): string {
  return FETCH_PREFIX + encodeURIComponent(host);
}

export function isFetchQueue(name: string): boolean {
  return name.startsWith(FETCH_PREFIX);
}

export function hostOfQueue(name: string): string {
  return decodeURIComponent(name.slice(FETCH_PREFIX.length));
}

/** What `send` is told, less the store (a worker never has the coordinator's disk). */
export type ExchangeInit = Omit<SendInit, "store">;

export interface FetchJobData {
  shape: typeof FETCH_JOB_SHAPE;
  url: string;
  init: ExchangeInit;
  /** Where the worker writes the response body. */
  bodyKey: string;
}

/** What a fetch job gives back: the answer without its body (written at `bodyKey`), or the network failure. */
export type FetchJobResult =
  | {
      kind: "sent";
      status: number;
      /** Response headers in order (Headers' iteration: names lower-case, Set-Cookie kept apart). */
      headers: [string, string][];
      bytes: number;
      /** Key of the body in Redis; null when none was kept (too large). */
      body: string | null;
      tooLarge: boolean;
      /** Milliseconds the exchange took on the worker. */
      ms: number;
    }
  | { kind: "network"; message: string; reason: NetworkReason; code: string | null; ms: number };

/** A ReportFile without its content, which travels beside the job. */
export type FileMeta = Omit<ReportFile, "content">;

export interface ParseJobData {
  shape: typeof PARSE_JOB_SHAPE;
  /** nianbao's version on the coordinator: a worker of another version refuses the job. */
  version: string;
  file: FileMeta;
  /**
   * The content's key in Redis. `encoding` null: the key holds the bytes; otherwise it holds the
   * text the crawler decoded (UTF-16LE, so any JavaScript string comes back as it was) and the
   * encoding it was decoded by.
   */
  content: { key: string; encoding: string | null };
  /** The step's options; `soffice` only as "never" (null): where LibreOffice is, is the worker's business. */
  options: Omit<StepOptions, "soffice"> & { soffice?: null };
  /** Where the worker writes the outcome (v8-serialised: what structuredClone keeps, it keeps). */
  outcomeKey: string;
}

export interface ParseJobResult {
  outcomeKey: string;
  status: "parsed" | "failed";
  ms: number;
}

/** A file's content as bytes for Redis, and how to read it back. */
export function contentBytes(file: ReportFile): { bytes: Buffer; encoding: string | null } {
  const c = file.content;
  if (c instanceof Uint8Array) return { bytes: Buffer.from(c.buffer, c.byteOffset, c.byteLength), encoding: null };
  return { bytes: Buffer.from(c.text, "utf16le"), encoding: c.encoding };
}

export function fileFromJob(meta: FileMeta, bytes: Buffer, encoding: string | null): ReportFile {
  return { ...meta, content: encoding === null ? bytes : { text: bytes.toString("utf16le"), encoding } };
}

export function fileMeta(file: ReportFile): FileMeta {
  const { content: _content, ...meta } = file;
  return meta;
}

/** The step's options as a job carries them. */
export function jobOptions(options: StepOptions): ParseJobData["options"] {
  const { soffice, ...rest } = options;
  return soffice === null ? { ...rest, soffice: null } : rest;
}
