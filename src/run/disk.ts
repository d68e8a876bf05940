/**
 * The work of `nianbao parse`: the files named on the command line (src/inputs.ts), read one at a
 * time as the loop asks for them. A path that cannot be read is an outcome already (READ_FAILED).
 */
import { readFile } from "node:fs/promises";
import { collectInputs } from "../inputs.js";
import type { WorkItem } from "./loop.js";
import { bytesFile } from "./report-file.js";
import type { Outcome } from "./step.js";

export async function diskWork(paths: string[]): Promise<{ total: number; items: AsyncIterable<WorkItem> }> {
  const entries = await collectInputs(paths);
  async function* items(): AsyncGenerator<WorkItem> {
    for (const entry of entries) {
      if (entry.problem) {
        yield { outcome: unreadable(entry.uri, entry.problem) };
        continue;
      }
      let bytes: Uint8Array;
      try {
        bytes = await readFile(entry.uri);
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        yield { outcome: unreadable(entry.uri, err.code === "EISDIR" ? "is a directory" : err.code === "EACCES" ? "permission denied" : err.message) };
        continue;
      }
      yield { file: bytesFile(entry.uri, bytes) };
    }
  }
  return { total: entries.length, items: items() };
}

/** A path that could not be read: its failure line names it and the reason. */
function unreadable(uri: string, problem: string): Outcome {
  return {
    status: "failed",
    input: { uri, sha256: null, bytes: null, status: "failed", reportId: null },
    report: null,
    failure: { uri, stage: "read", code: "READ_FAILED", error: `cannot read ${uri}: ${problem}` },
    context: {},
  };
}
