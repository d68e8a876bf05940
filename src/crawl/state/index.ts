/** The crawl state: what every URL gave, so runs are incremental and resumable. */
export { FINISHED, memoryState, openState } from "./state.js";
export type { Answer, AnswerInput, Change, CrawlState, ErrorEntry, FileRecord, RecordInput, Run, StateOptions, UrlRecord } from "./state.js";
export { requestKey } from "./keys.js";
