/** The unit of work, the per-document step and the run loop that `parse` and `crawl` share. */
export { bytesFile, sha256Hex, type ReportFile } from "./report-file.js";
export { buildReport, failed, parseFile, readReport, type InputRecord, type Outcome, type StepOptions } from "./step.js";
export { runLoop, type RunLogger, type RunLoopDeps, type RunLoopOptions, type WorkItem } from "./loop.js";
export { diskWork } from "./disk.js";
