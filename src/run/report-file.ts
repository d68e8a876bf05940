/**
 * The unit of work: one input as it travels from the crawl or the disk through read → extract →
 * validate → emit, in the manner of unified's VFile (a file with its messages). Plain data, so it
 * crosses a worker-thread or queue boundary as it is (issue 10).
 */
import { createHash } from "node:crypto";
import type { DecodedText } from "../../parsers/decode.js";
import type { CrawlMessage } from "../model/notes.js";

export interface ReportFile {
  /** URL, or the path as given on the command line: source.uri. */
  uri: string;
  /**
   * sha256 of the bytes as they came — read from disk, or sent by the server (never of a text
   * we decoded or re-encoded): source.sha256, and the report's id.
   */
  sha256: string;
  /** How many bytes that was: source.bytes. */
  bytes: number;
  /**
   * What the reader reads: the bytes, or — for a page the crawler fetched and decoded by the
   * HTTP evidence (crawling.md §2.8) — that text with the encoding it was decoded by.
   */
  content: Uint8Array | DecodedText;
  /** The HTTP Content-Type, when the bytes came from the web. */
  contentType: string | null;
  /** ISO 8601, crawled inputs only: source.retrievedAt. */
  retrievedAt: string | null;
  /** The date the crawler found for it (page meta, listing), used when the document states none. */
  publishedAt: string | null;
  /** For an article page: the attachment URIs it links (source.attachments). */
  attachments: string[];
  /** What was said about the file before it was read (the crawler's notes). */
  messages: CrawlMessage[];
  /** The agency of the crawler's site entry: a last resort for the report's region (issue 12). */
  siteAgency: string | null;
  /**
   * Every URL the crawler reached this document at (listed, linked, redirected; a copy in another
   * column with the same bytes), sorted, when there is more than `uri`: source.urls. Else [].
   */
  urls: string[];
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** A file of bytes (from disk, or a stored download), hashed here. */
export function bytesFile(uri: string, bytes: Uint8Array, meta: Partial<Omit<ReportFile, "uri" | "sha256" | "bytes" | "content">> = {}): ReportFile {
  return {
    uri,
    sha256: sha256Hex(bytes),
    bytes: bytes.length,
    content: bytes,
    contentType: meta.contentType ?? null,
    retrievedAt: meta.retrievedAt ?? null,
    publishedAt: meta.publishedAt ?? null,
    attachments: meta.attachments ?? [],
    messages: meta.messages ?? [],
    siteAgency: meta.siteAgency ?? null,
    urls: meta.urls ?? [],
  };
}
