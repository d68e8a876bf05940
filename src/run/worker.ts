/**
 * The module a pool thread runs (./pool.ts): the per-document step, its outcome settled
 * (./settled.ts: summary and report JSON made here, in parallel), nothing else. Its input and
 * output are plain data, cloned across the thread boundary.
 */
import type { ReportFile } from "./report-file.js";
import { settle, type Settled } from "./settled.js";
import { readReport, type StepOptions } from "./step.js";

export interface StepTask {
  file: ReportFile;
  options: StepOptions;
}

export default async function runTask(task: StepTask): Promise<Settled> {
  return settle(await readReport(task.file, task.options));
}
