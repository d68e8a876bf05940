/**
 * changes.json (issue 12): a run that finds a previous output in its folder writes what changed
 * since — the release notes a scheduled run's operator publishes. Read before anything is
 * overwritten; deterministic (no clock), so the same two releases give the same bytes.
 */
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import type { AnnualReport } from "../model/report.js";
import { diffReports, readReports, type DatasetDiff } from "./diff.js";

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

async function releaseOf(dir: string, reports: number): Promise<Release> {
  const file = join(dir, "manifest.json");
  const m = existsSync(file) ? (JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>) : {};
  const s = (v: unknown) => (typeof v === "string" ? v : null);
  return { version: s(m.version), schemaVersion: s(m.schemaVersion), rulesVersion: s(m.rulesVersion), reports };
}

/** The output already in `dir` (its reports and release stamps), or null when there is none. */
export async function readPrevious(dir: string): Promise<Previous | null> {
  const reports = await readReports(dir);
  if (!reports) return null;
  return { release: await releaseOf(dir, reports.length), reports };
}

export interface Changes extends DatasetDiff {
  from: Release;
  to: Release;
}

export function changesOf(previous: Previous, to: Release, reports: readonly AnnualReport[]): Changes {
  return { from: previous.release, to, ...diffReports(previous.reports, reports) };
}

/** Write changes.json when there was a previous output; otherwise remove a stale one. Returns its path or null. */
export async function writeChanges(dir: string, previous: Previous | null, to: Release, reports: readonly AnnualReport[], write: (path: string, data: string) => Promise<void>): Promise<string | null> {
  const file = join(dir, "changes.json");
  if (!previous) {
    await rm(file, { force: true });
    return null;
  }
  await write(file, JSON.stringify(changesOf(previous, to, reports), null, 2) + "\n");
  return "changes.json";
}
