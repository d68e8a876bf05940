/** The polite fetcher and what it is made of (issue 5, crawling.md §2.7–2.15). */
export { createFetcher, DEFAULT_MAX_BYTES, DEFAULT_USER_AGENT } from "./fetcher.js";
export type { FetchLogger, FetcherOptions, HttpFetcher } from "./fetcher.js";
export type { Transport } from "./options.js";
export type { HostCounters } from "./host.js";
export type { RetryOptions } from "./retry.js";
export { antiBotReason, isSiteRoot, softNotFoundReason } from "./classify.js";
export { filenameFromContentDisposition } from "./content-disposition.js";
export { decodeBody } from "./decode-body.js";
export type { DecodedBody } from "./decode-body.js";
export { sniffFile, sniffKind, bufferSource } from "./file-kind.js";
export { ContentStore } from "./store.js";
