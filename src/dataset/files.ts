/**
 * The files of an output folder and their sha256, for manifest.json (issue 12: a receiver checks
 * that what they hold is what the run wrote). Paths are relative to the folder, with "/".
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { AnnualReport } from "../model/report.js";
import type { DataPackage } from "../emit/package-types.js";

export interface FileHash {
  path: string;
  sha256: string;
  bytes: number;
}

/** What emitAll writes, manifest.json aside: every resource, each report's file, the schema, the pages. */
export function outputFiles(reports: readonly AnnualReport[], pkg: DataPackage, extra: readonly string[] = []): string[] {
  const paths = new Set<string>([...pkg.resources.map((r) => r.path), "schema/annual-report.schema.json", "datapackage.json", "audit.html", ...extra]);
  for (const r of reports) paths.add(`reports/${r.id}.json`);
  return [...paths].sort();
}

export async function hashFiles(dir: string, paths: readonly string[]): Promise<FileHash[]> {
  const out: FileHash[] = [];
  for (const path of paths) {
    const bytes = await readFile(join(dir, path));
    out.push({ path, sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length });
  }
  return out;
}
