/**
 * The result store (issue 10): every document's outcome, kept on disk as it is made, so that a run
 * into a folder that holds them re-reads nothing unchanged and a killed run redoes only what was in
 * flight; the dataset files are written from it, in order, one report at a time.
 *
 * An outcome is a function of the bytes and of everything else the step is told about the input
 * — its URI (source.uri, and the id's file), the crawler's dates, notes, attachments and site
 * agency, the text a page was decoded to — and of the code and the options that decide it. The
 * key is the sha256 of all of that (`outcomeKey`), so a stored outcome is reused exactly when the
 * step would give the same one: a new parser version, rules version, rules file or fee precision
 * re-reads what it affects; the same bytes under a new name are read again under that name.
 *
 *   <store>/<key[0:2]>/<key>.jsonl   line 1: { input, status, failure, context, summary }
 *                                    line 2: the report (before the cross-document checks)
 *
 * Written to a temporary name and renamed, so a stored outcome is whole or absent.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Failure } from "../model/failure.js";
import type { AnnualReport } from "../model/report.js";
import { RULES_VERSION } from "../validate/catalogue.js";
import type { ReportSummary } from "../validate/across/summary.js";
import { VERSION } from "../version.js";
import type { ReportFile } from "./report-file.js";
import type { InputRecord, Outcome, StepOptions } from "./step.js";

/** Bumped when the stored shape changes. */
const STORE_FORMAT = 1;

/** What a stored outcome says without its report: enough for the manifest and the cross-document checks. */
export interface StoredMeta {
  input: InputRecord;
  status: Outcome["status"];
  failure: Failure | null;
  context: Record<string, unknown>;
  summary: ReportSummary | null;
  /** The codes of the report's own anomalies (for the run's summary without reading the report). */
  codes: string[];
}

export interface ResultStore {
  /** The stored outcome's first line, or null when there is none. */
  meta(key: string): Promise<StoredMeta | null>;
  /** The stored report of a parsed outcome. */
  report(key: string): Promise<AnnualReport>;
  /** Keep an outcome: its meta and its report's JSON text (./settled.ts; null for a failure). */
  put(key: string, meta: StoredMeta, reportJson: string | null): Promise<void>;
  /** Remove every stored outcome whose key is not in `keep`; returns how many went. */
  retain(keep: ReadonlySet<string>): Promise<number>;
}

/**
 * Failures that say something about this machine or this moment rather than the document — a
 * deadline, the memory budget, LibreOffice not starting — are not kept: the next run tries again.
 */
const TRANSIENT: ReadonlySet<string> = new Set(["timeout", "memory", "spawn", "exit-status", "no-output"]);

export function storable(outcome: Outcome): boolean {
  return outcome.status === "parsed" || !TRANSIENT.has(outcome.failure.reason ?? "") && !("transient" in outcome.context);
}

/** The outcome on disk, one file per key. */
export function dirStore(dir: string): ResultStore {
  const pathOf = (key: string) => join(dir, key.slice(0, 2), `${key}.jsonl`);
  /** Shard folders made by this store (a run makes each once, not once a document). */
  const made = new Set<string>();
  async function lines(key: string): Promise<[string, string] | null> {
    let text: string;
    try {
      text = await readFile(pathOf(key), "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw e;
    }
    const nl = text.indexOf("\n");
    return nl < 0 ? null : [text.slice(0, nl), text.slice(nl + 1).trimEnd()];
  }
  return {
    async meta(key) {
      const l = await lines(key);
      if (!l) return null;
      try {
        return JSON.parse(l[0]) as StoredMeta;
      } catch {
        return null; // damaged: read the document again
      }
    },
    async report(key) {
      const l = await lines(key);
      if (!l || l[1] === "" || l[1] === "null") throw new Error(`the result store has no report for ${key} (${pathOf(key)})`);
      return JSON.parse(l[1]) as AnnualReport;
    },
    async put(key, meta, reportJson) {
      const p = pathOf(key);
      const shard = dirname(p);
      if (!made.has(shard)) {
        await mkdir(shard, { recursive: true });
        made.add(shard);
      }
      const tmp = `${p}.${process.pid}.tmp`;
      await writeFile(tmp, `${JSON.stringify(meta)}\n${reportJson ?? "null"}\n`);
      await rename(tmp, p);
    },
    async retain(keep) {
      let removed = 0;
      let shards: string[];
      try {
        shards = await readdir(dir);
      } catch {
        return 0;
      }
      for (const shard of shards) {
        const sub = join(dir, shard);
        let names: string[];
        try {
          names = await readdir(sub);
        } catch {
          continue;
        }
        for (const n of names) {
          const key = n.replace(/\.jsonl$/, "");
          if (n.endsWith(".jsonl") && keep.has(key)) continue;
          await rm(join(sub, n), { force: true });
          removed++;
        }
      }
      return removed;
    },
  };
}

/** The outcomes of one run held in memory (library runs without an output folder, tests). */
export function memoryStore(): ResultStore {
  const m = new Map<string, { meta: StoredMeta; report: string | null }>();
  return {
    meta: async (key) => (m.has(key) ? structuredClone(m.get(key)!.meta) : null),
    report: async (key) => JSON.parse(m.get(key)?.report ?? "null") as AnnualReport,
    put: async (key, meta, reportJson) => void m.set(key, { meta: structuredClone(meta), report: reportJson }),
    retain: async (keep) => {
      let n = 0;
      for (const k of [...m.keys()]) if (!keep.has(k)) (m.delete(k), n++);
      return n;
    },
  };
}

/** JSON with the keys of every object sorted: the same value gives the same text. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === "object" && !Array.isArray(x) && !(x instanceof Uint8Array)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );
}

const sha = (s: string | Uint8Array) => createHash("sha256").update(s).digest("hex");

/** The step's options that can change an outcome (a deadline or a memory budget only makes it fail: not kept). */
function outcomeOptions(o: StepOptions): Record<string, unknown> {
  return { rules: o.rules ?? null, defaultFeePrecision: o.defaultFeePrecision ?? null, soffice: o.soffice === undefined ? "PATH" : o.soffice };
}

/**
 * The key of one input's outcome: the store format, the parser (`code`: its version and a hash of
 * its modules), the rules version, the options that decide the outcome, and the file as the step
 * sees it — every field but the content, and the content's sha256 (the bytes', or the decoded
 * text's for a crawled page).
 */
export function outcomeKey(file: ReportFile, options: StepOptions, code = codeVersion()): string {
  const { content, ...meta } = file;
  const text = content instanceof Uint8Array ? null : { encoding: content.encoding, sha256: sha(content.text) };
  return sha(canonicalJson({ store: STORE_FORMAT, code, rules: RULES_VERSION, options: outcomeOptions(options), file: meta, text }));
}

let code: string | undefined;

/**
 * The parser's identity: the package version, the versions of its dependencies, and a hash of its
 * own modules (dist/src and dist/parsers when compiled; src and parsers under a TypeScript
 * runner), so a changed reader or rule re-reads what was read with the old one even before the
 * version is bumped. Computed once, on first use (a few ms).
 */
export function codeVersion(): string {
  if (code !== undefined) return code;
  const here = fileURLToPath(import.meta.url);
  const ext = extname(here); // ".js" compiled, ".ts" under vitest
  const root = join(dirname(here), "..", ".."); // <root>/src/run → <root>
  const h = createHash("sha256").update(`nianbao ${VERSION}\n`);
  try {
    const pkg = JSON.parse(readFileSync(join(root, ext === ".js" ? ".." : ".", "package.json"), "utf8")) as { dependencies?: Record<string, string> };
    h.update(canonicalJson(pkg.dependencies ?? {}));
  } catch {
    /* no package.json beside the code: the modules alone */
  }
  const files: string[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const n of names) {
      const p = join(dir, n);
      if (n.endsWith(ext) && !n.endsWith(`.d${ext}`)) files.push(p);
      else if (!n.includes(".") && statSync(p).isDirectory()) walk(p);
    }
  };
  walk(join(root, "src"));
  walk(join(root, "parsers"));
  for (const f of files) h.update(f.slice(root.length)).update("\0").update(readFileSync(f)).update("\0");
  code = `${VERSION}+${h.digest("hex").slice(0, 16)}`;
  return code;
}

/** For tests: stand in for a new parser version. */
export function setCodeVersionForTests(v: string | undefined): void {
  code = v;
}
