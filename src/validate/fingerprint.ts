/**
 * The anomaly fingerprint: what an auditor's review is keyed by, so that a decision survives
 * re-runs (a new parser version, a new message wording, next year's run over the same files).
 *
 *   fingerprint = first 16 hex of sha256("nianbao-anomaly/1" ␊ code ␊ reportId ␊ paths[0]
 *                                         ␊ the related cells' "reportId:path", sorted)
 *
 * reportId is the first 16 hex of the source bytes' sha256, so the same document gives the same
 * fingerprints whatever its path or URL; paths[0] is the cell (or row, or section) the anomaly is
 * about, and the other paths are left out because they grow and shrink as extraction improves.
 * Messages, values and severities are left out: they are wording and settings, not identity.
 * Two anomalies of one report that would share a fingerprint get "#2", "#3"… in output order.
 */
import { createHash } from "node:crypto";
import type { Anomaly } from "../model/report.js";

const hex16 = (s: string): string => createHash("sha256").update(s).digest("hex").slice(0, 16);

export function fingerprintBase(a: Pick<Anomaly, "code" | "reportId" | "paths" | "related">): string {
  const related = (a.related ?? []).map((r) => `${r.reportId}:${r.path}`).sort();
  return ["nianbao-anomaly/1", a.code, a.reportId, a.paths[0] ?? "", ...related].join("\n");
}

/** The anomalies with their fingerprints set (in place order; collisions numbered). */
export function withFingerprints(anomalies: Anomaly[]): Anomaly[] {
  const seen = new Map<string, number>();
  return anomalies.map((a) => {
    const base = fingerprintBase(a);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const { fingerprint: _old, ...rest } = a;
    void _old;
    return { ...rest, fingerprint: hex16(n === 1 ? base : `${base}\n#${n}`) };
  });
}
