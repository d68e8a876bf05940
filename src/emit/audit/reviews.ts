/**
 * Auditors' decisions on anomalies: confirmed (the publisher got it wrong) or dismissed (not a
 * problem, or our misreading), with a note. The page exports them as JSON; `nianbao audit <out>
 * --reviews <file>` folds a file into `<out>/reviews.json` and rebuilds the page with them, and a
 * run into an output folder that holds reviews.json shows them too — so a dismissed anomaly stays
 * dismissed in next year's run over the same files.
 *
 *   { "nianbao": "reviews/1",
 *     "reviews": [ { "fingerprint": "3f…", "decision": "dismissed", "note": "…", "at": "2026-…Z",
 *                    "code": "TEXT_TABLE_MISMATCH", "reportId": "92df…", "path": "applications.…" } ] }
 *
 * Decisions are keyed by the anomaly fingerprint (src/validate/fingerprint.ts); code, reportId and
 * path are kept for people reading the file. Of two decisions on one fingerprint the later `at` wins.
 */
import { jsonInput } from "../../model/json-input.js";
export type Decision = "confirmed" | "dismissed";

export interface Review {
  fingerprint: string;
  decision: Decision;
  note: string;
  /** ISO 8601 time of the decision. */
  at: string;
  code?: string;
  reportId?: string;
  path?: string;
}

export interface ReviewsFile {
  nianbao: "reviews/1";
  reviews: Review[];
}

export type ReviewsResult = { ok: true; value: Review[] } | { ok: false; errors: string[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function parseReviews(json: unknown): ReviewsResult {
  const input = jsonInput(json);
  if (!input.ok) return input;
  const data = input.data;
  if (!isObject(data) || !Array.isArray(data.reviews)) return { ok: false, errors: ['the reviews file must be an object { "nianbao": "reviews/1", "reviews": [ … ] }'] };
  const errors: string[] = [];
  const out: Review[] = [];
  data.reviews.forEach((r: unknown, i: number) => {
    const at = `reviews[${i}]`;
    if (!isObject(r)) return void errors.push(`${at}: must be an object`);
    if (typeof r.fingerprint !== "string" || !/^[0-9a-f]{16}$/.test(r.fingerprint)) errors.push(`${at}.fingerprint: must be 16 hex digits`);
    if (r.decision !== "confirmed" && r.decision !== "dismissed") errors.push(`${at}.decision: must be "confirmed" or "dismissed"`);
    if (r.note !== undefined && typeof r.note !== "string") errors.push(`${at}.note: must be a string`);
    if (r.at !== undefined && (typeof r.at !== "string" || Number.isNaN(Date.parse(r.at)))) errors.push(`${at}.at: must be an ISO 8601 time`);
    if (errors.length) return;
    out.push({
      fingerprint: r.fingerprint as string,
      decision: r.decision as Decision,
      note: (r.note as string | undefined) ?? "",
      at: (r.at as string | undefined) ?? "1970-01-01T00:00:00.000Z",
      ...(typeof r.code === "string" ? { code: r.code } : {}),
      ...(typeof r.reportId === "string" ? { reportId: r.reportId } : {}),
      ...(typeof r.path === "string" ? { path: r.path } : {}),
    });
  });
  return errors.length ? { ok: false, errors } : { ok: true, value: out };
}

/** One decision per fingerprint, the later one winning (ties: the incoming); sorted by fingerprint. */
export function mergeReviews(...lists: Review[][]): Review[] {
  const m = new Map<string, Review>();
  for (const list of lists) for (const r of list) {
    const had = m.get(r.fingerprint);
    if (!had || r.at >= had.at) m.set(r.fingerprint, r);
  }
  return [...m.values()].sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : 1));
}

export function reviewsJson(reviews: Review[]): string {
  const file: ReviewsFile = { nianbao: "reviews/1", reviews };
  return JSON.stringify(file, null, 2) + "\n";
}
