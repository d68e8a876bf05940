/** The unit of work, the per-document step, the run loop that `parse`, `crawl` and `run` share, and its output folder. */
export { bytesFile, sha256Hex, type ReportFile } from "./report-file.js";
export { buildReport, failed, parseFile, readReport, type InputRecord, type Outcome, type StepOptions } from "./step.js";
export { RunAborted, runLoop, type Progress, type RunLogger, type RunLoopDeps, type RunLoopOptions, type RunSummary, type Step, type StreamedRun, type WorkItem } from "./loop.js";
export { diskWork } from "./disk.js";
export { dirStore, memoryStore, outcomeKey, type ResultStore, type StoredMeta } from "./store.js";
export { createPool, defaultThreads, type PoolOptions, type StepPool } from "./pool.js";
export { FolderLockedError, lockFolder } from "./lock.js";
export { openOutput, type OutputFolder } from "./output.js";
export { runWith, type RunControls } from "./controls.js";
