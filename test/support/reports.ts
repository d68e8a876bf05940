/** The reports an output folder holds (reports.jsonl), for tests that look at what a run wrote. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { AnnualReport } from "../../src/model/report.js";

export function reportsIn(out: string): AnnualReport[] {
  return readFileSync(join(out, "reports.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as AnnualReport);
}
