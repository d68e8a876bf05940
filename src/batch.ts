/**
 * Parse a batch of local files: each input either becomes a report or a failure line; one bad
 * file never stops the others. Disk and clock come in from the caller so tests can replace them.
 */
import { readFile } from "node:fs/promises";
import type { Logger } from "pino";
import { emitAll, type Failure, type InputRecord, type RunResult } from "./emit/index.js";
import { collectInputs } from "./inputs.js";
import { NianbaoError } from "./model/errors.js";
import type { AnnualReport } from "./model/report.js";
import { parseInput, sha256Hex, type ParseOptions } from "./pipeline.js";
import { crossCheck } from "./validate/across/index.js";

export interface BatchOptions extends ParseOptions {
  out: string;
  logger?: Logger;
  now?: () => number;
}

function describe(e: unknown): { stage: string; code: string; error: string } {
  if (e instanceof NianbaoError) return { stage: e.stage, code: e.code, error: e.message };
  const err = e as Error;
  return { stage: "parse", code: "PARSE_FAILED", error: `internal error: ${err?.message ?? String(e)}` };
}

export async function parseBatch(paths: string[], options: BatchOptions): Promise<RunResult> {
  const now = options.now ?? (() => performance.now());
  const log = options.logger;
  const t0 = now();
  const entries = await collectInputs(paths);
  const reports: AnnualReport[] = [];
  const failures: Failure[] = [];
  const inputs: InputRecord[] = [];
  let i = 0;
  for (const entry of entries) {
    i++;
    if (entry.problem) {
      failures.push({ uri: entry.uri, stage: "read", code: "READ_FAILED", error: `cannot read ${entry.uri}: ${entry.problem}` });
      inputs.push({ uri: entry.uri, sha256: null, bytes: null, status: "failed", reportId: null });
      log?.warn({ uri: entry.uri, progress: `${i}/${entries.length}` }, `cannot read: ${entry.problem}`);
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = await readFile(entry.uri);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const reason = err.code === "EISDIR" ? "is a directory" : err.code === "EACCES" ? "permission denied" : err.message;
      failures.push({ uri: entry.uri, stage: "read", code: "READ_FAILED", error: `cannot read ${entry.uri}: ${reason}` });
      inputs.push({ uri: entry.uri, sha256: null, bytes: null, status: "failed", reportId: null });
      log?.warn({ uri: entry.uri, progress: `${i}/${entries.length}` }, `cannot read: ${reason}`);
      continue;
    }
    const sha256 = sha256Hex(bytes);
    try {
      const { report: r, reader } = await parseInput(bytes, { uri: entry.uri }, options);
      reports.push(r);
      inputs.push({
        uri: entry.uri,
        sha256,
        bytes: bytes.length,
        status: "parsed",
        reportId: r.id,
        ...(reader ? { reader: reader.method } : {}),
        ...(reader?.pages !== undefined ? { pages: reader.pages } : {}),
      });
      log?.info(
        { uri: entry.uri, id: r.id, format: r.source.format, reader: reader?.method, template: r.template, anomalies: r.anomalies.length, progress: `${i}/${entries.length}` },
        `parsed ${r.title ?? entry.uri}${reader ? ` (read with ${reader.method})` : ""}`,
      );
    } catch (e) {
      const d = describe(e);
      failures.push({ uri: entry.uri, ...d, error: `${entry.uri}: ${d.error}` });
      inputs.push({ uri: entry.uri, sha256, bytes: bytes.length, status: "failed", reportId: null });
      log?.warn({ uri: entry.uri, code: d.code, progress: `${i}/${entries.length}` }, d.error);
    }
  }
  crossCheck(reports, options.rules);
  const t1 = now();
  const run: RunResult = { reports, failures, inputs, timings: { parseMs: Math.round(t1 - t0) }, ...(options.rules ? { rules: options.rules } : {}) };
  await emitAll(options.out, run);
  run.timings.emitMs = Math.round(now() - t1);
  return run;
}
