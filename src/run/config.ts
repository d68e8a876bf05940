/**
 * The configuration file of `nianbao run --config <file>` (issue 10): everything a scheduled run
 * needs, in one JSON file, checked at the boundary — every error names its field and says what
 * is accepted (exit status 2). Relative paths are taken from the config file's folder.
 *
 *   {
 *     "out": "output",                       required: the output folder
 *     "inputs": ["reports/"],                local files and folders, as for `nianbao parse`
 *     "sites": "sites.json",                 a sites file (or the object itself), as for `nianbao crawl`
 *     "state": "state",                      crawl state (state.sqlite) and result store (results/);
 *                                            default <out>/crawl/state.sqlite and <out>/.nianbao/results
 *     "concurrency": 2,                      threads reading documents (default: the machine's cores)
 *     "rules": "rules.json",                 a rules file (or the object itself), docs/rules.md
 *     "feePrecision": 4,                     decimals demanded of the fee when its header states none
 *     "soffice": "/usr/bin/soffice",         LibreOffice for .doc; false: never (text only)
 *     "limits": { "timeoutMs": 60000, "memoryMb": 1024 },          per document
 *     "crawl": { "timeoutMs": 20000, "deadlineMs": 300000, "minBytesPerSecond": 1024,
 *                "hostTimeMs": 1800000, "maxBytes": 52428800, "retries": 3, "backoffMs": 1000,
 *                "userAgent": "…", "minIntervalMs": 1500 }
 *   }
 *
 * At least one of `inputs` and `sites` is given. Unknown keys are errors (a misspelt limit would
 * otherwise be silently ignored).
 */
import { dirname, isAbsolute, resolve } from "node:path";

export interface RunConfig {
  /** Absolute paths, resolved against the config file's folder. */
  out: string;
  inputs: string[];
  /** A sites file's path, or the sites object given inline. */
  sites: string | object | null;
  state: string | null;
  concurrency: number | null;
  rules: string | object | null;
  feePrecision: number | null;
  /** undefined: soffice on PATH; null: never; a path. */
  soffice: string | null | undefined;
  limits: { timeoutMs?: number; memoryMb?: number };
  crawl: CrawlLimits;
}

export interface CrawlLimits {
  timeoutMs?: number;
  deadlineMs?: number;
  minBytesPerSecond?: number;
  hostTimeMs?: number;
  maxBytes?: number;
  retries?: number;
  backoffMs?: number;
  userAgent?: string;
  minIntervalMs?: number;
}

export type RunConfigResult = { ok: true; value: RunConfig } | { ok: false; errors: string[] };

const TOP = ["out", "inputs", "sites", "state", "concurrency", "rules", "feePrecision", "soffice", "limits", "crawl", "$schema", "description"] as const;
const LIMITS = { timeoutMs: [1000, 86_400_000], memoryMb: [64, 65_536] } as const;
const CRAWL = {
  timeoutMs: [1, 86_400_000],
  deadlineMs: [1, 86_400_000],
  minBytesPerSecond: [0, 1e12],
  hostTimeMs: [1, 31 * 86_400_000],
  maxBytes: [1, 1e13],
  retries: [0, 100],
  backoffMs: [1, 3_600_000],
  minIntervalMs: [0, 3_600_000],
} as const;

const show = (v: unknown) => (typeof v === "string" ? JSON.stringify(v) : v === undefined ? "nothing" : JSON.stringify(v));
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Parse and check a config file's text (or its JSON value); `file` is where it was read (for relative paths). */
export function parseRunConfig(input: unknown, file: string): RunConfigResult {
  const errors: string[] = [];
  let data = input;
  if (typeof input === "string") {
    try {
      data = JSON.parse(input) as unknown;
    } catch (e) {
      return { ok: false, errors: [`not JSON: ${(e as Error).message}`] };
    }
  }
  if (!isObject(data)) return { ok: false, errors: ["the config must be a JSON object"] };
  const base = dirname(resolve(file));
  const path = (v: string) => (isAbsolute(v) ? v : resolve(base, v));
  for (const k of Object.keys(data)) if (!(TOP as readonly string[]).includes(k)) errors.push(`${k}: not a config field (accepted: ${TOP.filter((t) => !t.startsWith("$") && t !== "description").join(", ")})`);

  const str = (field: string, v: unknown): string | null => {
    if (typeof v === "string" && v.trim() !== "") return v;
    errors.push(`${field}: must be a non-empty string (a path), not ${show(v)}`);
    return null;
  };
  const int = (field: string, v: unknown, [min, max]: readonly [number, number]): number | undefined => {
    if (typeof v === "number" && Number.isInteger(v) && v >= min && v <= max) return v;
    errors.push(`${field}: must be a whole number from ${min} to ${max}, not ${show(v)}`);
    return undefined;
  };

  const out = data.out === undefined ? (errors.push("out: required (the output folder)"), null) : str("out", data.out);
  let inputs: string[] = [];
  if (data.inputs !== undefined) {
    if (!Array.isArray(data.inputs) || data.inputs.length === 0) errors.push(`inputs: must be a non-empty list of paths, not ${show(data.inputs)}`);
    else inputs = data.inputs.map((v, i) => str(`inputs[${i}]`, v)).filter((v): v is string => v !== null).map(path);
  }
  let sites: string | object | null = null;
  if (data.sites !== undefined) {
    if (typeof data.sites === "string") sites = str("sites", data.sites) && path(data.sites);
    else if (isObject(data.sites)) sites = data.sites;
    else errors.push(`sites: must be the path of a sites file or a sites object ({ "sites": [...] }), not ${show(data.sites)}`);
  }
  if (data.inputs === undefined && data.sites === undefined) errors.push("inputs, sites: give at least one (local files and folders, or a sites file to crawl)");
  const state = data.state === undefined ? null : str("state", data.state);
  const concurrency = data.concurrency === undefined ? null : (int("concurrency", data.concurrency, [1, 1024]) ?? null);
  let rules: string | object | null = null;
  if (data.rules !== undefined) {
    if (typeof data.rules === "string") rules = str("rules", data.rules) && path(data.rules);
    else if (isObject(data.rules)) rules = data.rules;
    else errors.push(`rules: must be the path of a rules file or a rules object ({ "rules": {...} }), not ${show(data.rules)}`);
  }
  const feePrecision = data.feePrecision === undefined || data.feePrecision === null ? null : (int("feePrecision", data.feePrecision, [0, 8]) ?? null);
  let soffice: string | null | undefined;
  if (data.soffice === false) soffice = null;
  else if (data.soffice !== undefined) soffice = typeof data.soffice === "string" && data.soffice !== "" ? data.soffice : (errors.push(`soffice: must be the path of LibreOffice's soffice, or false (never use it), not ${show(data.soffice)}`), undefined);

  const group = <K extends string>(name: string, v: unknown, ranges: Record<K, readonly [number, number]>, extra: string[] = []): Record<string, number | string> => {
    const o: Record<string, number | string> = {};
    if (v === undefined) return o;
    if (!isObject(v)) {
      errors.push(`${name}: must be an object, not ${show(v)}`);
      return o;
    }
    for (const [k, x] of Object.entries(v)) {
      if (k in ranges) {
        const n = int(`${name}.${k}`, x, ranges[k as K]);
        if (n !== undefined) o[k] = n;
      } else if (extra.includes(k)) {
        const s = str(`${name}.${k}`, x);
        if (s !== null) o[k] = s;
      } else errors.push(`${name}.${k}: not a field of ${name} (accepted: ${[...Object.keys(ranges), ...extra].join(", ")})`);
    }
    return o;
  };
  const limits = group("limits", data.limits, LIMITS) as RunConfig["limits"];
  const crawl = group("crawl", data.crawl, CRAWL, ["userAgent"]) as CrawlLimits;

  if (errors.length > 0 || out === null) return { ok: false, errors };
  return {
    ok: true,
    value: { out: path(out), inputs, sites, state: state === null ? null : path(state), concurrency, rules, feePrecision, soffice, limits, crawl },
  };
}
