/**
 * The files of an output folder and their sha256, for manifest.json (issue 12: a receiver checks
 * that what they hold is what the run wrote). Paths are relative to the folder, with "/".
 * Files are hashed as streams: reports.jsonl of a large run is never held whole (issue 10).
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { join } from "node:path";
import type { DataPackage } from "../emit/package-types.js";

export interface FileHash {
  path: string;
  sha256: string;
  bytes: number;
}

/** What emitAll writes, manifest.json aside: every resource, each report's file, the schema, the pages. */
export function outputFiles(reportIds: Iterable<string>, pkg: DataPackage, extra: readonly string[] = []): string[] {
  const paths = new Set<string>([...pkg.resources.map((r) => r.path), "schema/annual-report.schema.json", "datapackage.json", "audit.html", ...extra]);
  for (const id of reportIds) paths.add(`reports/${id}.json`);
  return [...paths].sort();
}

export async function hashFile(file: string): Promise<{ sha256: string; bytes: number }> {
  const h = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    h.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: h.digest("hex"), bytes };
}

export async function hashFiles(dir: string, paths: readonly string[]): Promise<FileHash[]> {
  const out: FileHash[] = [];
  for (const path of paths) out.push({ path, ...(await hashFile(join(dir, path))) });
  return out;
}
