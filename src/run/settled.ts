/**
 * An outcome in the form the run loop keeps it: the line the store and the manifest need (its
 * input, failure, summary for the cross-document rules, anomaly codes) and the report as the JSON
 * text the store holds. A pool thread settles its own outcomes (./worker.ts), so the loop's thread
 * neither clones a report across the thread boundary nor serialises it again: on 1,200 HTML/text
 * reports that was a fifth of the main thread's time (issue 10, 2 threads).
 */
import { summarise } from "../validate/across/index.js";
import type { ReportSummary } from "../validate/across/summary.js";
import type { Outcome } from "./step.js";
import { storable, type StoredMeta } from "./store.js";

export interface Settled {
  settled: true;
  meta: StoredMeta;
  /** The report's JSON text (null for a failure). */
  reportJson: string | null;
  /** Whether the outcome may be kept (./store.ts storable: transient failures are not). */
  storable: boolean;
}

function metaOf(outcome: Outcome, summary: ReportSummary | null): StoredMeta {
  return outcome.status === "parsed"
    ? { input: outcome.input, status: "parsed", failure: null, context: {}, summary, codes: outcome.report.anomalies.map((a) => a.code) }
    : { input: outcome.input, status: "failed", failure: outcome.failure, context: outcome.context, summary: null, codes: [] };
}

export function settle(outcome: Outcome): Settled {
  const parsed = outcome.status === "parsed";
  return {
    settled: true,
    meta: metaOf(outcome, parsed ? summarise(outcome.report) : null),
    reportJson: parsed ? JSON.stringify(outcome.report) : null,
    storable: storable(outcome),
  };
}

/** The meta of an outcome known before any reading (a path that cannot be read): no summary. */
export const metaWithoutSummary = (outcome: Outcome): StoredMeta => metaOf(outcome, null);

export const isSettled = (x: Outcome | Settled): x is Settled => "settled" in x;
