/**
 * changes.json (issue 12): a run that finds a previous output in its folder writes what changed
 * since — the release notes a scheduled run's operator publishes. The previous folder is read as
 * a stream beside the new reports (DiffStream), so neither release is held whole (issue 10);
 * deterministic (no clock), so the same two releases give the same bytes.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { AnnualReport } from "../model/report.js";
import { DiffStream, diffReports, jsonlRecords, readReports, type DatasetDiff } from "./diff.js";

export interface Release {
  version: string | null;
  schemaVersion: string | null;
  rulesVersion: string | null;
  reports: number;
}

export interface Previous {
  release: Release;
  reports: AnnualReport[];
}

async function stampsOf(dir: string): Promise<Omit<Release, "reports">> {
  const file = join(dir, "manifest.json");
  let m: Record<string, unknown> = {};
  try {
    m = existsSync(file) ? (JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>) : {};
  } catch {
    m = {};
  }
  const s = (v: unknown) => (typeof v === "string" ? v : null);
  return { version: s(m.version), schemaVersion: s(m.schemaVersion), rulesVersion: s(m.rulesVersion) };
}

/** The output already in `dir` (its reports and release stamps), or null when there is none. */
export async function readPrevious(dir: string): Promise<Previous | null> {
  const reports = await readReports(dir);
  if (!reports) return null;
  return { release: { ...(await stampsOf(dir)), reports: reports.length }, reports };
}

export interface Changes extends DatasetDiff {
  from: Release;
  to: Release;
}

export function changesOf(previous: Previous, to: Release, reports: readonly AnnualReport[]): Changes {
  return { from: previous.release, to, ...diffReports(previous.reports, reports) };
}

/**
 * The release notes of a run as its reports stream by: null when `dir` holds no previous
 * output. `add` each new report in source.uri order, then `end` with the new release's stamps.
 * A previous reports.jsonl out of order (not written by nianbao) is read whole and sorted.
 */
export async function changesStream(dir: string): Promise<{ add(r: AnnualReport): Promise<void>; end(to: Release): Promise<Changes> } | null> {
  const file = join(dir, "reports.jsonl");
  if (!existsSync(file)) return null;
  const stamps = await stampsOf(dir);
  let ordered = true;
  let last: string | null = null;
  // nianbao writes reports.jsonl in source.uri order; a file it did not write is checked first.
  const ours = await readFile(join(dir, "manifest.json"), "utf8").then((t) => (JSON.parse(t) as { tool?: unknown }).tool === "nianbao", () => false);
  if (!ours) for await (const r of jsonlRecords<AnnualReport>(file)) {
    if (last !== null && r.source.uri < last) {
      ordered = false;
      break;
    }
    last = r.source.uri;
  }
  const old: AsyncIterator<AnnualReport> = ordered
    ? jsonlRecords<AnnualReport>(file)[Symbol.asyncIterator]()
    : (async function* () {
        yield* ((await readReports(dir)) ?? []).sort((a, b) => (a.source.uri < b.source.uri ? -1 : a.source.uri > b.source.uri ? 1 : 0));
      })();
  const diff = new DiffStream(old);
  return {
    add: (r) => diff.add(r),
    async end(to) {
      const d = await diff.end();
      return { from: { ...stamps, reports: d.removed.length + d.changed.length + d.unchanged }, to, ...d };
    },
  };
}
