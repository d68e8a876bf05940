/**
 * The module a pool thread runs (./pool.ts): the per-document step, nothing else. Its input and
 * output are plain data, cloned across the thread boundary.
 */
import type { ReportFile } from "./report-file.js";
import { readReport, type Outcome, type StepOptions } from "./step.js";

export interface StepTask {
  file: ReportFile;
  options: StepOptions;
}

export default function runTask(task: StepTask): Promise<Outcome> {
  return readReport(task.file, task.options);
}
