/**
 * What an answer means (crawling.md §2.7, 2.11, 2.12, 2.15), read from its bytes rather than its
 * status alone: a file for the store, an HTML error page at a .pdf URL, an anti-bot challenge, a
 * soft 404, a `<meta refresh>` stub that is one more hop, or a page. The words and markers live in
 * classify.ts; this module applies them to one response and says how the chain ends.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Classification, FetchErrorReason, FetchRequest, FileKind, StoredFile } from "../types.js";
import { BLOCK_STATUSES, antiBotReason, isSiteRoot, metaRefreshTarget, softNotFoundReason, visibleText, REAL_BODY_CHARS } from "./classify.js";
import { filenameFromContentDisposition } from "./content-disposition.js";
import { decodeBody } from "./decode-body.js";
import { bufferSource, extensionOf, sniffFile, sniffKind } from "./file-kind.js";
import type { Host } from "./host.js";
import { isRetryableStatus } from "./retry.js";
import type { ContentStore } from "./store.js";
import type { Sent } from "./transport.js";
import type { Hosts } from "./turn.js";

/** How a chain of hops ended, before it becomes a FetchResult. */
export interface Ending {
  classification: Classification;
  status: number | null;
  text?: string | null;
  charset?: string | null;
  contentType?: string | null;
  file?: StoredFile | null;
  error?: string | null;
  /** Why, for an "error" ending. */
  reason?: FetchErrorReason | null;
  etag?: string | null;
  lastModified?: string | null;
  /** Pages: the hash, kind and size of the body bytes, for the state. */
  body?: { sha256: string; kind: FileKind; bytes: number } | null;
  bytes?: number;
}

/** A 2xx that is one more hop: a `<meta refresh>` stub. */
export interface Hop {
  hop: string;
}

/** Extensions of the documents a report link may point to. */
const DOCUMENT_EXTENSIONS = new Set(["pdf", "doc", "docx", "wps", "ofd", "xls", "xlsx", "et", "zip", "rar", "7z"]);
/** Bodies up to this size are read for challenge markers before the host's queue moves on. */
const CHALLENGE_SCAN_BYTES = 1024 * 1024;
/** Text bodies streamed to the store (a page at an attachment URL) are read back up to this size. */
const PAGE_READBACK_BYTES = 4 * 1024 * 1024;

/** An anti-bot answer, from the status or from a small text body. */
export function challengeIn(sent: Sent): string | null {
  if (BLOCK_STATUSES.has(sent.status)) return antiBotReason(sent.status, null);
  let bytes: Uint8Array | null = null;
  if (sent.body && sent.body.length <= CHALLENGE_SCAN_BYTES) bytes = sent.body;
  else if (sent.staged && sent.staged.bytes <= CHALLENGE_SCAN_BYTES) bytes = readFileSync(sent.staged.tmpPath);
  if (!bytes || bytes.length === 0) return null;
  const kind = sniffKind(bufferSource(bytes));
  if (kind !== "html" && kind !== "text") return null;
  try {
    return antiBotReason(sent.status, decodeBody(bytes, sent.headers.get("content-type")).text);
  } catch {
    return null;
  }
}

/** What interpreting a 2xx needs besides the answer. */
export interface InterpretContext {
  hosts: Hosts;
  store: ContentStore | null;
  /** The cap the body was read under (for the too-large message). */
  maxBytes: number;
}

/** A 2xx body: a file in the store, a wrong-type page, a block page, a soft 404, a meta refresh, or a page. */
export async function interpret2xx(ctx: InterpretContext, req: FetchRequest, h: Host, url: URL, sent: Sent): Promise<Ending | Hop> {
  const { store } = ctx;
  const contentType = sent.headers.get("content-type");
  const validators = { etag: sent.headers.get("etag"), lastModified: sent.headers.get("last-modified") };
  if (sent.tooLarge) {
    return { classification: "too-large", status: sent.status, contentType, error: `body over ${ctx.maxBytes} bytes`, bytes: sent.bytes, ...validators };
  }
  const suggestedName = filenameFromContentDisposition(sent.headers.get("content-disposition"));
  const hint = suggestedName ?? url.pathname;
  const expectsDocument = req.label === "attachment" || DOCUMENT_EXTENSIONS.has(extensionOf(url.href));

  let kind: FileKind;
  let bytes: Uint8Array | null = sent.body;
  if (sent.staged) {
    kind = sniffFile(sent.staged.tmpPath, hint);
    if (kind === "html" || kind === "text" || kind === "empty") {
      bytes = sent.staged.bytes <= PAGE_READBACK_BYTES ? readFileSync(sent.staged.tmpPath) : null;
      await store!.discard(sent.staged);
    }
  } else {
    kind = sniffKind(bufferSource(bytes ?? new Uint8Array(0)), hint);
  }

  // A file: keep it by its hash.
  if (kind !== "html" && kind !== "text" && kind !== "empty") {
    if (!store) {
      return { classification: "ok", status: sent.status, contentType, error: "a file, but no store configured", bytes: sent.bytes, ...validators };
    }
    const staged = sent.staged ?? (await store.stage(bytes!));
    const path = await store.commit(staged);
    const file: StoredFile = { sha256: staged.sha256, bytes: staged.bytes, kind, path, suggestedName };
    return { classification: "ok", status: sent.status, contentType, file, bytes: staged.bytes, ...validators };
  }

  if (kind === "empty") {
    return { classification: expectsDocument ? "wrong-type" : "error", reason: expectsDocument ? null : "empty-body", status: sent.status, contentType, text: "", error: "empty body", bytes: 0, ...validators };
  }
  if (!bytes) {
    return { classification: "wrong-type", status: sent.status, contentType, error: `expected a document, got ${kind} (${sent.bytes} bytes)`, ...validators };
  }
  let decoded: ReturnType<typeof decodeBody>;
  try {
    decoded = decodeBody(bytes, contentType);
  } catch (e) {
    return { classification: "wrong-type", status: sent.status, contentType, error: `undecodable body: ${(e as Error).message}`, bytes: bytes.length };
  }
  const text = decoded.text;
  const page = { status: sent.status, contentType, text, charset: decoded.charset, bytes: bytes.length };

  const block = antiBotReason(sent.status, text);
  if (block) {
    ctx.hosts.markBlocked(h, block);
    return { ...page, classification: "blocked", error: block };
  }
  const refresh = metaRefreshTarget(text, url.href);
  if (refresh && visibleText(text).length < REAL_BODY_CHARS) {
    if (isSiteRoot(new URL(refresh)) && !isSiteRoot(url)) {
      return { ...page, classification: "not-found", error: `meta refresh to the site root ${refresh}` };
    }
    return { hop: refresh };
  }
  const notFound = softNotFoundReason(text);
  if (notFound) return { ...page, classification: "not-found", error: notFound, ...validators };
  if (expectsDocument && req.toStore) {
    return { ...page, classification: "wrong-type", error: `expected a document, got ${kind} (${bytes.length} bytes)`, ...validators };
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return { ...page, classification: "ok", error: null, body: { sha256, kind, bytes: bytes.length }, ...validators };
}

/** A final non-2xx, non-3xx, non-304 response. */
export function interpretStatus(hosts: Hosts, h: Host, sent: Sent): Ending {
  const contentType = sent.headers.get("content-type");
  let text: string | null = null;
  try {
    text = sent.body && sent.body.length > 0 ? decodeBody(sent.body, contentType).text : null;
  } catch {
    text = null;
  }
  const block = antiBotReason(sent.status, text);
  if (block) {
    hosts.markBlocked(h, block);
    return { classification: "blocked", status: sent.status, contentType, error: block };
  }
  if (sent.status === 404 || sent.status === 410) {
    return { classification: "not-found", status: sent.status, contentType, error: `HTTP ${sent.status}` };
  }
  if (isRetryableStatus(sent.status)) hosts.noteFailure(h, `HTTP ${sent.status}`);
  return { classification: "error", reason: "http-status", status: sent.status, contentType, error: `HTTP ${sent.status}` };
}
