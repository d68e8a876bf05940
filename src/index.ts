/**
 * nianbao's library API: what researchers and the CLI import. Explicit exports only — internals
 * reached by deep imports carry no compatibility promise.
 */
export { parseReport, readDocument, sha256Hex } from "./pipeline.js";
export type { InputMeta, ParseOptions } from "./pipeline.js";
export { parseBatch } from "./batch.js";
export type { BatchOptions } from "./batch.js";
export { bytesFile, readReport, runLoop } from "./run/index.js";
export type { Outcome, ReportFile, RunLogger, RunLoopDeps, RunLoopOptions, RunSummary, Step, StepOptions, StreamedRun, WorkItem, Progress, RunControls, ResultStore } from "./run/index.js";
// issue 10: scheduled runs — the config of `nianbao run`, the worker-thread pool, the folder's lock.
export { createPool, FolderLockedError } from "./run/index.js";
export type { PoolOptions, StepPool } from "./run/index.js";
export { parseRunConfig } from "./run/config.js";
export type { RunConfig } from "./run/config.js";
export { runConfig } from "./run/config-run.js";
export { emitAll } from "./emit/index.js";
export type { DatasetRun, Failure, InputRecord, RunResult } from "./emit/index.js";
export { extract } from "./extract/index.js";
export type { Extraction } from "./extract/index.js";
export { validate, RULES, RULES_VERSION } from "./validate/index.js";
export { crossCheck, summarise, validateAcross } from "./validate/across/index.js";
export type { ReportSummary } from "./validate/across/index.js";
export { agencyKey } from "./validate/agency-key.js";
export type { AgencyKey } from "./validate/agency-key.js";
export { defaultRulesConfig, parseRulesConfig } from "./validate/rules-config.js";
export type { RulesConfig } from "./validate/rules-config.js";
export { rebuildAudit } from "./emit/audit-html.js";
export { NianbaoError } from "./model/errors.js";
export type { ErrorCode, FailureReason, Stage } from "./model/errors.js";
export type { FailureCode, FetchFailureCode } from "./model/failure.js";
export type { Message, Place, Severity } from "../parsers/model/message.js";
export type { ReaderCode, ReaderMessage } from "../parsers/model/notes.js";
export type { ReadResult, Result } from "../parsers/model/result.js";
export { DEFAULT_LIMITS } from "../parsers/limits.js";
export type { LimitOptions, ReadLimits } from "../parsers/limits.js";
export type { CrawlNoteCode } from "./model/notes.js";
export { SCHEMA_VERSION } from "./model/report.js";
export type {
  ActiveDisclosure,
  AnnualReport,
  Anomaly,
  RelatedCell,
  Applications,
  CellRecord,
  ColumnKey,
  ReviewLitigation,
  RowKey,
  ReportMessage,
  RuleCode,
  Section,
  TemplateId,
} from "./model/report.js";
export type { Block, GridCell, ParsedDocument, Paragraph, Position, ReaderInfo, Table } from "./model/document.js";
export { runCrawl } from "./crawl/crawl.js";
export type { CrawlOptions, CrawlSummary } from "./crawl/crawl.js";
export type { SiteConfig, SitesFile } from "./crawl/types.js";
export { parseSitesFile } from "./crawl/sites/index.js";
export { VERSION } from "./version.js";
// issue 12: the dataset a researcher can cite — regions, validation of a folder, release diffs.
export { resolveRegion } from "./regions/resolve.js";
export type { RegionEvidence } from "./regions/resolve.js";
export type { Region, RegionSource } from "./model/report.js";
export { validateFolder, formatProblem } from "./dataset/validate-folder.js";
export type { FolderProblem, ProblemCode } from "./dataset/validate-folder.js";
export { diffReports, formatDiff } from "./dataset/diff.js";
export type { DatasetDiff, ReportDiff } from "./dataset/diff.js";
