/**
 * A small real output folder for the dataset tests: the seed report and, when the shared corpus is
 * there, its text, Markdown and HTML reports (fast formats; the PDF and office renditions are
 * covered elsewhere). Parsed once per test file.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseBatch } from "../../src/batch.js";
import type { RunSummary } from "../../src/run/index.js";

export const root = new URL("../..", import.meta.url).pathname;
export const corpus = join(root, "../shared/corpus");
export const corpusPresent = existsSync(join(corpus, "labels"));

export function datasetInputs(): string[] {
  const inputs = [join(root, "samples/mengjin-czj-2022.txt")];
  for (const d of ["txt", "md", "html"]) if (existsSync(join(corpus, d))) inputs.push(join(corpus, d));
  return inputs;
}

export async function datasetRun(prefix: string): Promise<{ out: string; run: RunSummary }> {
  const out = mkdtempSync(join(tmpdir(), prefix));
  const run = await parseBatch(datasetInputs(), { out });
  return { out, run };
}
