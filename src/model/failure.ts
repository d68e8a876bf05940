/**
 * A line of failures.jsonl: an input that became no report (data-contract.md §2). It is the
 * fatal message of the stage that gave up (parsers/model/errors.ts `toFailure`, or the crawler's
 * fetch outcome), written with the contract's names: `error` is the message's sentence, `code`
 * its closed code, `reason` the reader's reason when it gave one.
 */
import type { ErrorCode, FailureReason, Stage } from "../../parsers/model/errors.js";

/** How a fetch that found no document ended (src/crawl/types.ts Classification), as a code. */
export type FetchFailureCode =
  | "FETCH_NOT_FOUND" // 404/410, a soft 404, a redirect to the site root
  | "FETCH_BLOCKED" // an anti-bot answer
  | "FETCH_ROBOTS_DENIED" // robots.txt disallows it
  | "FETCH_TOO_LARGE" // over the size cap
  | "FETCH_WRONG_TYPE" // an HTML page or 0 bytes where a document was expected
  | "FETCH_ERROR" // timeouts, resets, 5xx after retries, an open circuit
  | "DEAD_SEED"; // a column's start page could not be read

export type FailureCode = ErrorCode | FetchFailureCode;

export interface Failure {
  uri: string;
  stage: Stage;
  code: FailureCode;
  /** Why, when the reader could say ("encrypted", "truncated", "timeout", …). */
  reason?: FailureReason;
  /** The sentence, starting with the input's name. */
  error: string;
}
