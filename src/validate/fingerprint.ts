/**
 * The anomaly fingerprint: what an auditor's review is keyed by, so that a decision survives
 * re-runs (a new parser version, a new message wording, next year's run over the same reports,
 * a re-crawl of a page whose chrome — a visit counter, a date line — changed its bytes).
 *
 *   fingerprint = first 16 hex of sha256("nianbao-anomaly/2" ␊ code ␊ document ␊ paths[0]
 *                                         ␊ the related cells' "document:path", sorted)
 *
 * `document` names the report by what it is, not by its bytes: the agency key (agency-key.ts),
 * the year and the format ("平潭综合实验区|2022|text") when all are known, else the reportId (the
 * first 16 hex of the source bytes' sha256). The format keeps the page and its PDF attachment
 * apart (their cells are different places). paths[0] is the cell (or row, or section) the anomaly
 * is about; the other paths are left out because they grow and shrink as extraction improves.
 * Messages, values and severities are left out: they are wording and settings, not identity.
 * Two anomalies that would share a fingerprint get "#2", "#3"… in output order.
 */
import { createHash } from "node:crypto";
import type { Anomaly } from "../model/report.js";
import { agencyKey } from "./agency-key.js";

const hex16 = (s: string): string => createHash("sha256").update(s).digest("hex").slice(0, 16);

/** A report's name for fingerprints: what it is (agency key, year, format), or its bytes when that is unknown. */
export type DocumentIdentity = (reportId: string) => string;

export function documentIdentity(agency: string | null, year: number | null, format: string | null, reportId: string): string {
  const key = agencyKey(agency)?.key;
  return key && year !== null && format ? `${key}|${year}|${format}` : reportId;
}

export function fingerprintBase(a: Pick<Anomaly, "code" | "reportId" | "paths" | "related">, identity: DocumentIdentity = (id) => id): string {
  const related = (a.related ?? []).map((r) => `${identity(r.reportId)}:${r.path}`).sort();
  return ["nianbao-anomaly/2", a.code, identity(a.reportId), a.paths[0] ?? "", ...related].join("\n");
}

/** The anomalies with their fingerprints set (in place order; collisions numbered). */
export function withFingerprints(anomalies: Anomaly[], identity?: DocumentIdentity): Anomaly[] {
  const seen = new Map<string, number>();
  return anomalies.map((a) => {
    const base = fingerprintBase(a, identity);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const { fingerprint: _old, ...rest } = a;
    void _old;
    return { ...rest, fingerprint: hex16(n === 1 ? base : `${base}\n#${n}`) };
  });
}
