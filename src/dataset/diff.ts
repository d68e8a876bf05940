/**
 * Release notes (issue 12): what changed between two output folders. Reports are matched by
 * source.uri, the one identity an input keeps across releases (its bytes, and so its id, may
 * change). For a changed report: which fields and cells differ, and which anomalies came or went.
 * `nianbao diff <old> <new>` prints it; every run with a previous output writes changes.json.
 */
import { createReadStream, existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { AnnualReport, Anomaly } from "../model/report.js";

type Value = string | number | boolean | null;

export interface ReportRef {
  uri: string;
  id: string;
  agency: string | null;
  year: number | null;
}

export interface ValueChange {
  /** A contract path: "year", "region.countyCode", "applications.rows.granted.total". */
  path: string;
  /** undefined: the path is absent on that side (a table or row the other side lacks). */
  old?: Value;
  new?: Value;
}

/** An anomaly as release notes name it: the rule, its cells, its verdict. */
export interface AnomalyRef {
  code: string;
  paths: string[];
  severity: Anomaly["severity"];
  status: Anomaly["status"];
}

export interface ReportDiff {
  uri: string;
  oldId: string;
  newId: string;
  fields: ValueChange[];
  cells: ValueChange[];
  anomaliesAdded: AnomalyRef[];
  anomaliesRemoved: AnomalyRef[];
}

export interface DatasetDiff {
  added: ReportRef[];
  removed: ReportRef[];
  changed: ReportDiff[];
  unchanged: number;
}

/** Top-level fields compared one by one (the tables are compared cell by cell). */
const FIELDS = ["title", "agency", "year", "template", "source.sha256", "source.format", "source.publishedAt", "region.provinceCode", "region.cityCode", "region.countyCode", "region.source"] as const;

function get(r: AnnualReport, path: string): Value | undefined {
  let v: unknown = r;
  for (const k of path.split(".")) v = v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined;
  return v as Value | undefined;
}

/** Every statistic of tables 二, 三, 四 by its contract path. */
export function cellValues(r: AnnualReport): Map<string, number | null> {
  const out = new Map<string, number | null>();
  const walk = (prefix: string, v: unknown) => {
    if (v === null || typeof v === "number") out.set(prefix, v);
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(`${prefix}.${k}`, x);
  };
  if (r.activeDisclosure) walk("activeDisclosure", r.activeDisclosure);
  if (r.applications) walk("applications.rows", r.applications.rows);
  if (r.reviewLitigation) walk("reviewLitigation", r.reviewLitigation);
  return out;
}

const anomalyRef = (a: Anomaly): AnomalyRef => ({ code: a.code, paths: [...a.paths], severity: a.severity, status: a.status });
const anomalyKey = (a: AnomalyRef) => `${a.code}|${a.severity}|${a.status}|${a.paths.join(";")}`;

/** The anomalies of `a` not matched one for one in `b` (a multiset difference). */
function minus(a: AnomalyRef[], b: AnomalyRef[]): AnomalyRef[] {
  const left = new Map<string, number>();
  for (const x of b) left.set(anomalyKey(x), (left.get(anomalyKey(x)) ?? 0) + 1);
  return a.filter((x) => {
    const n = left.get(anomalyKey(x)) ?? 0;
    if (n === 0) return true;
    left.set(anomalyKey(x), n - 1);
    return false;
  });
}

const ref = (r: AnnualReport): ReportRef => ({ uri: r.source.uri, id: r.id, agency: r.agency, year: r.year });
const byUri = <T extends { uri: string }>(a: T, b: T) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0);

export function diffReports(oldReports: readonly AnnualReport[], newReports: readonly AnnualReport[]): DatasetDiff {
  const before = new Map(oldReports.map((r) => [r.source.uri, r]));
  const after = new Map(newReports.map((r) => [r.source.uri, r]));
  const added = [...after.values()].filter((r) => !before.has(r.source.uri)).map(ref).sort(byUri);
  const removed = [...before.values()].filter((r) => !after.has(r.source.uri)).map(ref).sort(byUri);
  const changed: ReportDiff[] = [];
  let unchanged = 0;
  for (const [uri, n] of [...after].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const o = before.get(uri);
    if (!o) continue;
    const d = compareReports(o, n);
    if (d) changed.push(d);
    else unchanged++;
  }
  return { added, removed, changed, unchanged };
}

/** What changed in one report between two releases (same source.uri); null when nothing did. */
export function compareReports(o: AnnualReport, n: AnnualReport): ReportDiff | null {
  const fields: ValueChange[] = [];
  for (const path of FIELDS) {
    const [x, y] = [get(o, path), get(n, path)];
    if (x !== y) fields.push(change(path, x, y));
  }
  const [oc, nc] = [cellValues(o), cellValues(n)];
  const cells: ValueChange[] = [];
  for (const path of [...new Set([...oc.keys(), ...nc.keys()])].sort()) {
    const [x, y] = [oc.get(path), nc.get(path)];
    if (x !== y) cells.push(change(path, x, y));
  }
  const [oa, na] = [o.anomalies.map(anomalyRef), n.anomalies.map(anomalyRef)];
  const anomaliesAdded = minus(na, oa);
  const anomaliesRemoved = minus(oa, na);
  if (fields.length + cells.length + anomaliesAdded.length + anomaliesRemoved.length === 0) return null;
  return { uri: o.source.uri, oldId: o.id, newId: n.id, fields, cells, anomaliesAdded, anomaliesRemoved };
}

/**
 * diffReports over two streams in source.uri order (reports.jsonl is written so), holding one
 * report of each side at a time: the release notes of a run whose reports are never all in
 * memory (issue 10). Feed the new reports with `add`, in order; `end` gives the diff, equal to
 * diffReports over the same two lists. The old side is read as it is needed.
 */
export class DiffStream {
  private readonly added: ReportRef[] = [];
  private readonly removed: ReportRef[] = [];
  private readonly changed: ReportDiff[] = [];
  private unchanged = 0;
  private pending: AnnualReport | null | undefined = undefined;
  private last: AnnualReport | null = null;
  constructor(private readonly old: AsyncIterator<AnnualReport>) {}

  private async peek(): Promise<AnnualReport | null> {
    if (this.pending === undefined) {
      const r = await this.old.next();
      this.pending = r.done ? null : r.value;
      if (this.pending && this.last && this.pending.source.uri < this.last.source.uri) throw new Error("the previous reports.jsonl is not in source.uri order");
      if (this.pending) this.last = this.pending;
    }
    return this.pending;
  }

  async add(n: AnnualReport): Promise<void> {
    for (let o = await this.peek(); o && o.source.uri < n.source.uri; o = await this.peek()) {
      this.removed.push(ref(o));
      this.pending = undefined;
    }
    const o = await this.peek();
    if (o && o.source.uri === n.source.uri) {
      this.pending = undefined;
      const d = compareReports(o, n);
      if (d) this.changed.push(d);
      else this.unchanged++;
    } else this.added.push(ref(n));
  }

  async end(): Promise<DatasetDiff> {
    for (let o = await this.peek(); o; o = await this.peek()) {
      this.removed.push(ref(o));
      this.pending = undefined;
    }
    return { added: this.added, removed: this.removed, changed: this.changed, unchanged: this.unchanged };
  }
}

/** The records of a JSONL file one at a time (a line reader: the file is never held whole). */
export async function* jsonlRecords<T>(file: string): AsyncGenerator<T> {
  const lines = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let i = 0;
  for await (const l of lines) {
    i++;
    if (l.trim() === "") continue;
    try {
      yield JSON.parse(l) as T;
    } catch (e) {
      throw new Error(`${file}:${i}: not JSON (${(e as Error).message})`);
    }
  }
}

function change(path: string, old: Value | undefined, now: Value | undefined): ValueChange {
  return { path, ...(old !== undefined ? { old } : {}), ...(now !== undefined ? { new: now } : {}) };
}

/** The reports of an output folder (reports.jsonl); null when the folder holds none. */
export async function readReports(dir: string): Promise<AnnualReport[] | null> {
  const file = join(dir, "reports.jsonl");
  if (!existsSync(file)) return null;
  const text = await readFile(file, "utf8");
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l, i) => {
      try {
        return JSON.parse(l) as AnnualReport;
      } catch (e) {
        throw new Error(`${file}:${i + 1}: not JSON (${(e as Error).message})`);
      }
    });
}

const show = (v: Value | undefined) => (v === undefined ? "(absent)" : v === null ? "null" : typeof v === "string" ? JSON.stringify(v) : String(v));
const anomalyLine = (a: AnomalyRef) => `${a.code} ${a.severity}/${a.status} ${a.paths.join(", ")}`;

/** The diff as release notes: one line per report added or removed, a block per changed report. */
export function formatDiff(d: DatasetDiff): string {
  const lines = [`${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed, ${d.unchanged} unchanged`];
  const name = (r: ReportRef) => `${r.uri} (${r.agency ?? "?"} ${r.year ?? "?"}, ${r.id})`;
  for (const r of d.added) lines.push(`+ ${name(r)}`);
  for (const r of d.removed) lines.push(`- ${name(r)}`);
  for (const c of d.changed) {
    lines.push(`~ ${c.uri}${c.oldId !== c.newId ? ` (${c.oldId} → ${c.newId})` : ` (${c.newId})`}`);
    for (const f of [...c.fields, ...c.cells]) lines.push(`    ${f.path}: ${show(f.old)} → ${show(f.new)}`);
    for (const a of c.anomaliesAdded) lines.push(`    + ${anomalyLine(a)}`);
    for (const a of c.anomaliesRemoved) lines.push(`    - ${anomalyLine(a)}`);
  }
  return lines.join("\n") + "\n";
}
