/**
 * `nianbao validate <outdir>` (issue 12): is this folder the dataset it claims to be? For people
 * who receive one. Checks, each problem one line naming the file (and row):
 *   - datapackage.json: present, and every resource's file exists;
 *   - CSV resources: the header is the Table Schema's fields in order, every value has its
 *     field's type, primary keys are unique and whole, foreign keys find their rows;
 *   - Parquet resources: the Table Schema's columns and types, and as many rows as the CSV twin;
 *   - reports.jsonl (and reports/<id>.json): every record against the folder's own JSON Schema;
 *     anomalies.jsonl against the schema's anomaly definition;
 *   - manifest.json: every file it lists exists with the sha256 and size it states.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { Ajv2020 } from "ajv/dist/2020.js";
import { isTabular, type DataPackage, type PackageField, type PackageResource, type TableSchema } from "../emit/package-types.js";
import { duckType, parquetPathOf } from "../emit/parquet.js";
import { compileRecordValidator, describeViolations } from "./record-check.js";

export type ProblemCode =
  | "PACKAGE_MISSING"
  | "PACKAGE_INVALID"
  | "FILE_MISSING"
  | "CSV_HEADER"
  | "CSV_UNREADABLE"
  | "CSV_TYPE"
  | "PRIMARY_KEY"
  | "FOREIGN_KEY"
  | "PARQUET_MISMATCH"
  | "SCHEMA_MISSING"
  | "RECORD_INVALID"
  | "MANIFEST_MISSING"
  | "HASH_MISMATCH";

export interface FolderProblem {
  code: ProblemCode;
  /** The file at fault, relative to the folder. */
  file: string;
  /** Data row (1-based, header excluded) or JSONL line, when one is at fault. */
  row?: number;
  message: string;
}

export const formatProblem = (p: FolderProblem) => `${p.file}${p.row !== undefined ? `:${p.row}` : ""}: ${p.message} [${p.code}]`;

/** At most this many problems of one kind in one file are listed; then one line says how many more. */
const PER_FILE = 20;

type Row = (string | null)[];
interface Table {
  resource: PackageResource & { schema: TableSchema };
  header: string[];
  rows: Row[];
}

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, "utf8")) as T;
}

const TYPE_CHECKS: Record<string, (v: string) => boolean> = {
  string: () => true,
  integer: (v) => /^-?\d+$/.test(v),
  number: (v) => /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(v),
  date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
  boolean: (v) => v === "true" || v === "false",
};

/** The CSV's records, every field as text (DuckDB's reader: RFC 4180, quoted line breaks). */
async function readCsvRecords(con: DuckDBConnection, file: string, header: string[]): Promise<Row[]> {
  const cols = header.map((h, i) => `'c${i}': 'VARCHAR'`).join(", ");
  const r = await con.runAndReadAll(
    `SELECT * FROM read_csv('${file.replace(/'/g, "''")}', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', nullstr = '', strict_mode = true, columns = {${cols}})`,
  );
  return r.getRows().map((row) => row.map((v) => (v === null ? null : String(v))));
}

function firstLine(text: string): string {
  const end = text.search(/\r?\n/);
  return end < 0 ? text : text.slice(0, end);
}

export async function validateFolder(dir: string): Promise<FolderProblem[]> {
  const problems: FolderProblem[] = [];
  const push = (p: FolderProblem) => problems.push(p);
  const pkgFile = join(dir, "datapackage.json");
  if (!existsSync(pkgFile)) return [{ code: "PACKAGE_MISSING", file: "datapackage.json", message: "no datapackage.json: this is not a nianbao output folder" }];
  let pkg: DataPackage;
  try {
    pkg = await readJson<DataPackage>(pkgFile);
    if (!Array.isArray(pkg.resources)) throw new Error("it has no resources list");
  } catch (e) {
    return [{ code: "PACKAGE_INVALID", file: "datapackage.json", message: `cannot be read: ${(e as Error).message}` }];
  }

  for (const r of pkg.resources) {
    if (!existsSync(join(dir, r.path))) push({ code: "FILE_MISSING", file: r.path, message: `resource "${r.name}" is listed in datapackage.json but the file is missing` });
  }

  const db = await DuckDBInstance.create(":memory:", { threads: "1" });
  const con = await db.connect();
  try {
    const tables = new Map<string, Table>();
    for (const r of pkg.resources.filter((x) => x.format === "csv").filter(isTabular)) {
      const t = await checkCsv(con, dir, r, push);
      if (t) tables.set(r.name, t);
    }
    for (const t of tables.values()) checkKeys(t, tables, push);
    for (const r of pkg.resources.filter((x) => x.format === "parquet").filter(isTabular)) await checkParquet(con, dir, r, pkg, push);
  } finally {
    con.closeSync();
    db.closeSync();
  }

  await checkRecords(dir, push);
  await checkManifest(dir, push);
  // A missing file is one problem, though the package and the manifest both list it.
  const missing = new Set<string>();
  return problems.filter((p) => p.code !== "FILE_MISSING" || (!missing.has(p.file) && missing.add(p.file) !== undefined));
}

async function checkCsv(con: DuckDBConnection, dir: string, r: PackageResource & { schema: TableSchema }, push: (p: FolderProblem) => void): Promise<Table | null> {
  const file = join(dir, r.path);
  if (!existsSync(file)) return null;
  const header = firstLine(await readFile(file, "utf8")).split(",");
  const want = r.schema.fields.map((f) => f.name);
  if (header.join(",") !== want.join(",")) {
    const missing = want.filter((n) => !header.includes(n));
    const extra = header.filter((n) => !want.includes(n));
    const why = [missing.length ? `missing ${missing.join(", ")}` : "", extra.length ? `not in the Table Schema: ${extra.join(", ")}` : "", !missing.length && !extra.length ? "columns out of order" : ""].filter(Boolean).join("; ");
    push({ code: "CSV_HEADER", file: r.path, row: 0, message: `header is "${header.join(",")}", the Table Schema asks "${want.join(",")}" (${why})` });
    return null;
  }
  let rows: Row[];
  try {
    rows = await readCsvRecords(con, file, header);
  } catch (e) {
    push({ code: "CSV_UNREADABLE", file: r.path, message: `not RFC 4180 CSV with ${header.length} columns: ${(e as Error).message.split("\n")[0]}` });
    return null;
  }
  const missing = new Set(r.schema.missingValues ?? [""]);
  let bad = 0;
  rows.forEach((row, i) => {
    r.schema.fields.forEach((f: PackageField, k) => {
      const v = row[k] ?? "";
      if (missing.has(v)) return;
      const ok = TYPE_CHECKS[f.type]?.(v) ?? true;
      if (ok) return;
      if (++bad <= PER_FILE) push({ code: "CSV_TYPE", file: r.path, row: i + 1, message: `column ${f.name} holds "${v}", which is not a ${f.type}` });
    });
  });
  if (bad > PER_FILE) push({ code: "CSV_TYPE", file: r.path, message: `${bad - PER_FILE} more value(s) of the wrong type` });
  return { resource: r, header, rows };
}

function checkKeys(t: Table, tables: Map<string, Table>, push: (p: FolderProblem) => void): void {
  const { resource: r, header, rows } = t;
  const col = (names: string[]) => names.map((n) => header.indexOf(n));
  if (r.schema.primaryKey) {
    const idx = col(r.schema.primaryKey);
    const seen = new Map<string, number>();
    let bad = 0;
    rows.forEach((row, i) => {
      const vals = idx.map((k) => row[k] ?? null);
      const report = (message: string) => ++bad <= PER_FILE && push({ code: "PRIMARY_KEY", file: r.path, row: i + 1, message });
      if (vals.some((v) => v === null)) return void report(`primary key (${r.schema.primaryKey!.join(", ")}) is empty`);
      const key = JSON.stringify(vals);
      const first = seen.get(key);
      if (first !== undefined) report(`primary key (${r.schema.primaryKey!.join(", ")}) = (${vals.join(", ")}) repeats row ${first}`);
      else seen.set(key, i + 1);
    });
  }
  for (const fk of r.schema.foreignKeys ?? []) {
    const target = tables.get(fk.reference.resource);
    if (!target) continue; // its own problem (missing file or header) is already listed
    const tIdx = fk.reference.fields.map((n) => target.header.indexOf(n));
    const known = new Set(target.rows.map((row) => JSON.stringify(tIdx.map((k) => row[k] ?? null))));
    const idx = col(fk.fields);
    let bad = 0;
    rows.forEach((row, i) => {
      const vals = idx.map((k) => row[k] ?? null);
      if (vals.every((v) => v === null) || known.has(JSON.stringify(vals))) return;
      if (++bad <= PER_FILE) push({ code: "FOREIGN_KEY", file: r.path, row: i + 1, message: `${fk.fields.join(", ")} = ${vals.join(", ")} has no row in ${fk.reference.resource} (${fk.reference.fields.join(", ")})` });
    });
    if (bad > PER_FILE) push({ code: "FOREIGN_KEY", file: r.path, message: `${bad - PER_FILE} more row(s) whose ${fk.fields.join(", ")} ${fk.reference.resource} lacks` });
  }
}

async function checkParquet(con: DuckDBConnection, dir: string, r: PackageResource & { schema: TableSchema }, pkg: DataPackage, push: (p: FolderProblem) => void): Promise<void> {
  const file = join(dir, r.path);
  if (!existsSync(file)) return;
  const q = `'${file.replace(/'/g, "''")}'`;
  try {
    const cols = (await con.runAndReadAll(`DESCRIBE SELECT * FROM ${q}`)).getRowObjects().map((c) => `${String(c.column_name)} ${String(c.column_type)}`);
    const want = r.schema.fields.map((f) => `${f.name} ${duckType(f.type)}`);
    if (cols.join(", ") !== want.join(", ")) push({ code: "PARQUET_MISMATCH", file: r.path, message: `columns are (${cols.join(", ")}), the Table Schema asks (${want.join(", ")})` });
    const twin = pkg.resources.find((x) => x.format === "csv" && parquetPathOf(x.path) === r.path);
    if (!twin || !existsSync(join(dir, twin.path))) return;
    const n = Number((await con.runAndReadAll(`SELECT count(*) FROM ${q}`)).getRows()[0]![0]);
    const lines = (await readFile(join(dir, twin.path), "utf8")).split("\r\n").filter((l) => l !== "").length - 1;
    if (n !== lines) push({ code: "PARQUET_MISMATCH", file: r.path, message: `${n} row(s), but ${twin.path} has ${lines}` });
  } catch (e) {
    push({ code: "PARQUET_MISMATCH", file: r.path, message: `cannot be read as Parquet: ${(e as Error).message.split("\n")[0]}` });
  }
}

async function checkRecords(dir: string, push: (p: FolderProblem) => void): Promise<void> {
  const schemaFile = "schema/annual-report.schema.json";
  if (!existsSync(join(dir, schemaFile))) {
    push({ code: "SCHEMA_MISSING", file: schemaFile, message: "the JSON Schema of the records is missing: records cannot be checked" });
    return;
  }
  const schema = await readJson<Record<string, unknown>>(join(dir, schemaFile));
  const check = compileRecordValidator(schema);
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  ajv.addSchema(schema);
  const anomaly = ajv.getSchema(`${String(schema.$id)}#/$defs/anomaly`);
  const lines = async (f: string) => (existsSync(join(dir, f)) ? (await readFile(join(dir, f), "utf8")).split("\n").filter((l) => l !== "") : []);
  let bad = 0;
  const seen = new Set<string>();
  for (const [i, line] of (await lines("reports.jsonl")).entries()) {
    let rec: { id?: string; source?: { uri?: string } };
    try {
      rec = JSON.parse(line) as typeof rec;
    } catch {
      push({ code: "RECORD_INVALID", file: "reports.jsonl", row: i + 1, message: "not a JSON object" });
      continue;
    }
    const v = check(rec);
    if (v.length > 0 && ++bad <= PER_FILE) {
      for (const l of describeViolations(String(rec.id), String(rec.source?.uri), v, 3)) push({ code: "RECORD_INVALID", file: "reports.jsonl", row: i + 1, message: l });
    }
    const own = `reports/${String(rec.id)}.json`;
    if (seen.has(own)) continue; // the same bytes under a second name: reports/<id>.json holds the first
    seen.add(own);
    if (!existsSync(join(dir, own))) push({ code: "FILE_MISSING", file: own, message: `the record of reports.jsonl line ${i + 1} has no file of its own` });
    else if (JSON.stringify(await readJson(join(dir, own))) !== JSON.stringify(rec)) push({ code: "RECORD_INVALID", file: own, message: `differs from reports.jsonl line ${i + 1}` });
  }
  if (!anomaly) return;
  for (const [i, line] of (await lines("anomalies.jsonl")).entries()) {
    let ok = false;
    try {
      ok = anomaly(JSON.parse(line)) as boolean;
    } catch {
      ok = false;
    }
    if (!ok && ++bad <= PER_FILE) push({ code: "RECORD_INVALID", file: "anomalies.jsonl", row: i + 1, message: `not an Anomaly of the schema: ${ajv.errorsText(anomaly.errors)}` });
  }
}

async function checkManifest(dir: string, push: (p: FolderProblem) => void): Promise<void> {
  if (!existsSync(join(dir, "manifest.json"))) {
    push({ code: "MANIFEST_MISSING", file: "manifest.json", message: "no manifest.json: versions and file hashes cannot be checked" });
    return;
  }
  const m = await readJson<{ files?: { path: string; sha256: string; bytes: number }[] }>(join(dir, "manifest.json"));
  if (!Array.isArray(m.files)) {
    push({ code: "MANIFEST_MISSING", file: "manifest.json", message: "lists no file hashes (written by an older nianbao): files cannot be checked" });
    return;
  }
  for (const f of m.files) {
    const file = join(dir, f.path);
    if (!existsSync(file)) {
      push({ code: "FILE_MISSING", file: f.path, message: "listed in manifest.json but missing" });
      continue;
    }
    const bytes = await readFile(file);
    const sha = createHash("sha256").update(bytes).digest("hex");
    if (sha !== f.sha256) push({ code: "HASH_MISMATCH", file: f.path, message: `sha256 is ${sha.slice(0, 16)}…, manifest.json says ${f.sha256.slice(0, 16)}… (${bytes.length} bytes, manifest says ${f.bytes})` });
  }
}
