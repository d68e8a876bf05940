/**
 * Validation on write (issue 12): every AnnualReport is checked against the JSON Schema we publish
 * beside it (schema/annual-report.schema.json, built by emit/schema.ts) before a byte is written.
 * A record that fails is a bug in nianbao, not in the report: the run stops, naming the record,
 * the place in the record and the schema rule it breaks.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import { annualReportSchema } from "../emit/schema.js";
import { NianbaoError } from "../model/errors.js";
import type { AnnualReport } from "../model/report.js";

/** One way a record breaks the schema: where in the record, which rule, what ajv says. */
export interface SchemaViolation {
  /** JSON Pointer into the record ("/applications/rows/granted/total"); "" is the record itself. */
  instancePath: string;
  /** JSON Pointer into the schema ("#/properties/year/type"). */
  schemaPath: string;
  message: string;
}

export type RecordValidator = (record: unknown) => SchemaViolation[];

/** Compile a schema once; the returned function checks one record and lists its violations. */
export function compileRecordValidator(schema: object): RecordValidator {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const fn: ValidateFunction = ajv.compile(schema);
  return (record) => (fn(record) ? [] : violationsOf(fn.errors ?? []));
}

/*
 * ajv reports every branch of a failed oneOf (activeDisclosure: null | 2021 | 2019). The errors of
 * the branch that came closest are what a reader needs; the "must match exactly one schema" line
 * says nothing on its own. Keep the deepest errors, then the rest, without duplicates.
 */
function violationsOf(errors: ErrorObject[]): SchemaViolation[] {
  const seen = new Set<string>();
  const out: SchemaViolation[] = [];
  const depth = (e: ErrorObject) => e.instancePath.split("/").length;
  for (const e of [...errors].sort((a, b) => depth(b) - depth(a))) {
    const v: SchemaViolation = { instancePath: e.instancePath, schemaPath: e.schemaPath, message: messageOf(e) };
    const key = `${v.instancePath}|${v.schemaPath}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(v);
  }
  return out;
}

function messageOf(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === "additionalProperties") return `has a key the schema does not allow: "${String(p.additionalProperty)}"`;
  if (e.keyword === "required") return `lacks the required key "${String(p.missingProperty)}"`;
  if (e.keyword === "propertyNames") return `has a key the schema does not allow: "${String(p.propertyName)}"`;
  return e.message ?? e.keyword;
}

let ours: RecordValidator | null = null;

/** The validator of the schema this version writes, compiled on first use and kept. */
export function reportValidator(): RecordValidator {
  ours ??= compileRecordValidator(annualReportSchema());
  return ours;
}

/** One line per violation: "report 554a… (samples/x.txt) at /year: must be integer [#/properties/year/type]". */
export function describeViolations(id: string, uri: string, violations: SchemaViolation[], max = 5): string[] {
  const lines = violations.slice(0, max).map((v) => `report ${id} (${uri}) at ${v.instancePath || "/"}: ${v.message} [${v.schemaPath}]`);
  if (violations.length > max) lines.push(`report ${id} (${uri}): ${violations.length - max} more violation(s)`);
  return lines;
}

/**
 * Check every report before anything is written. Throws NianbaoError INVALID_RECORD (stage emit)
 * on the first report that breaks the schema; its context names the report and every violation.
 */
export function assertValidReports(reports: readonly AnnualReport[]): void {
  const check = reportValidator();
  for (const r of reports) {
    const violations = check(r);
    if (violations.length === 0) continue;
    const lines = describeViolations(r.id, r.source?.uri ?? "?", violations);
    throw new NianbaoError("INVALID_RECORD", "emit", `a record breaks schema/annual-report.schema.json; nothing was written:\n  ${lines.join("\n  ")}`, {
      reportId: r.id,
      uri: r.source?.uri,
      violations,
    });
  }
}
