/**
 * audit.html: the auditors' page (src/emit/audit/: the model, the page, page images, reviews).
 * Built at the end of every run from the reports and their anomalies, and again by
 * `nianbao audit <outdir>` from an output folder (rebuildAudit), with the reviews folded in.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { AnnualReport, Anomaly } from "../model/report.js";
import { RULES_VERSION } from "../validate/catalogue.js";
import { writeAtomic } from "./atomic.js";
import { buildAuditModel, type AuditModelOptions } from "./audit/model.js";
import { auditPage } from "./audit/page.js";
import { mergeReviews, parseReviews, reviewsJson, type Review } from "./audit/reviews.js";
import { byUri } from "./json.js";

export { cellLabel, locate } from "./audit/model.js";
export type { Review } from "./audit/reviews.js";

export interface AuditOptions extends AuditModelOptions {}

/** The page for these reports, their anomalies in the order of anomalies.jsonl. */
export async function auditHtml(reports: AnnualReport[], options: AuditOptions = {}, anomalies?: Anomaly[]): Promise<string> {
  const sorted = [...reports].sort(byUri);
  const seen = new Set<string>();
  const list = anomalies ?? sorted.flatMap((r) => (seen.has(r.id) ? [] : (seen.add(r.id), r.anomalies)));
  return auditPage(await buildAuditModel(sorted, list, options), { rulesVersion: RULES_VERSION });
}

/** The reviews kept in an output folder (reviews.json), or none; a damaged file is an error naming it. */
export function readReviewsIn(outDir: string): Review[] {
  const file = join(outDir, "reviews.json");
  if (!existsSync(file)) return [];
  const parsed = parseReviews(readFileSync(file, "utf8"));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.errors.join("; ")}`);
  return parsed.value;
}

export interface RebuildResult {
  reports: number;
  anomalies: number;
  reviews: number;
  /** Reviews whose fingerprint matches no anomaly of this run (kept in reviews.json all the same). */
  unmatched: number;
  /** Reports whose source bytes were not found (no page images or lines for them). */
  sourcesMissing: number;
}

const readJsonl = <T>(file: string): T[] =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l, i) => {
      try {
        return JSON.parse(l) as T;
      } catch (e) {
        throw new Error(`${file}, line ${i + 1}: not JSON (${(e as Error).message})`);
      }
    });

/**
 * `nianbao audit <outdir> [--reviews <file>]`: fold the reviews file into <outdir>/reviews.json and
 * rebuild <outdir>/audit.html from reports.jsonl and anomalies.jsonl. Throws an Error naming the
 * file and the reason when the folder is not an output folder or a file is damaged.
 */
export async function rebuildAudit(outDir: string, options: { reviewsFile?: string; sourceDirs?: string[]; imageBudget?: number } = {}): Promise<RebuildResult> {
  for (const f of ["reports.jsonl", "anomalies.jsonl"]) if (!existsSync(join(outDir, f))) throw new Error(`${join(outDir, f)}: not found — is ${outDir} an output folder of nianbao parse or crawl?`);
  const reports = readJsonl<AnnualReport>(join(outDir, "reports.jsonl"));
  const anomalies = readJsonl<Anomaly>(join(outDir, "anomalies.jsonl"));
  let incoming: Review[] = [];
  if (options.reviewsFile) {
    let text: string;
    try {
      text = readFileSync(options.reviewsFile, "utf8");
    } catch (e) {
      throw new Error(`${options.reviewsFile}: cannot read the reviews file (${(e as Error).message})`);
    }
    const parsed = parseReviews(text);
    if (!parsed.ok) throw new Error(`${options.reviewsFile}: ${parsed.errors.join("; ")}`);
    incoming = parsed.value;
  }
  const reviews = mergeReviews(readReviewsIn(outDir), incoming);
  if (options.reviewsFile) await writeAtomic(join(outDir, "reviews.json"), reviewsJson(reviews));
  const model = await buildAuditModel([...reports].sort(byUri), anomalies, { outDir, reviews, ...(options.sourceDirs ? { sourceDirs: options.sourceDirs } : {}), ...(options.imageBudget !== undefined ? { imageBudget: options.imageBudget } : {}) });
  await writeAtomic(join(outDir, "audit.html"), auditPage(model, { rulesVersion: RULES_VERSION }));
  const fps = new Set(anomalies.map((a) => a.fingerprint));
  return { reports: model.docs.length, anomalies: anomalies.length, reviews: reviews.length, unmatched: reviews.filter((r) => !fps.has(r.fingerprint)).length, sourcesMissing: model.docs.filter((d) => d.source !== "found").length };
}
