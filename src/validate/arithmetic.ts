/**
 * The template's own arithmetic (anomalies.md "Arithmetic"). A check runs only when its target
 * cell is printed and at least one operand is printed; blank operands count as 0, and a check
 * that leans on a blank, or on a value the parser was unsure of, is "uncertain", never "fail".
 */
import type { Anomaly, RowKey } from "../model/report.js";
import { APPLICATION_COLUMNS, APPLICATION_ROWS, APPLICANT_COLUMN_KEYS, OTHER_DISPOSAL_PARTS, REVIEW_COLUMNS, REVIEW_GROUPS } from "../templates/index.js";
import { anomaly, type RuleContext } from "./context.js";

interface Term {
  path: string;
  value: number | null;
  uncertain: boolean;
}

function term(ctx: RuleContext, path: string): Term {
  const c = ctx.cell(path);
  return { path, value: c && c.value.kind === "number" ? c.value.value : null, uncertain: c?.uncertain ?? false };
}

/** Sum with blanks as 0; null when nothing is printed. Floating error is rounded away (counts are integers). */
function sum(terms: Term[]): number | null {
  if (!terms.some((t) => t.value !== null)) return null;
  return Math.round(terms.reduce((s, t) => s + (t.value ?? 0), 0) * 1e6) / 1e6;
}

function statusOf(terms: Term[]): "fail" | "uncertain" {
  return terms.some((t) => t.uncertain || t.value === null) ? "uncertain" : "fail";
}

const colLabel = (k: string) => APPLICATION_COLUMNS.find((c) => c.key === k)?.label ?? k;
const rowLabel = (k: string) => APPLICATION_ROWS.find((r) => r.key === k)?.label ?? k;

export function t3RowSum(ctx: RuleContext): Anomaly[] {
  const rows = ctx.x.applications?.rows;
  if (!rows) return [];
  const out: Anomaly[] = [];
  for (const key of Object.keys(rows) as RowKey[]) {
    const target = term(ctx, `applications.rows.${key}.total`);
    if (target.value === null) continue;
    const ops = APPLICANT_COLUMN_KEYS.map((c) => term(ctx, `applications.rows.${key}.${c}`));
    const s = sum(ops);
    if (s === null || s === target.value) continue;
    out.push(
      anomaly(ctx, "T3_ROW_SUM", {
        paths: [target.path, ...ops.map((o) => o.path)],
        values: { row: rowLabel(key), actual: target.value, expected: s },
        expected: s,
        actual: target.value,
        status: statusOf([target, ...ops]),
      }),
    );
  }
  return out;
}

export function t3ResultSum(ctx: RuleContext): Anomaly[] {
  const rows = ctx.x.applications?.rows;
  if (!rows) return [];
  const oneRow = "otherDisposal" in rows && !OTHER_DISPOSAL_PARTS.some((k) => k in rows);
  const resultKeys = APPLICATION_ROWS.filter((d) => d.result)
    .map((d) => d.key)
    .filter((k) => (oneRow ? !OTHER_DISPOSAL_PARTS.includes(k) : k !== "otherDisposal"))
    .filter((k) => k in rows);
  const out: Anomaly[] = [];
  for (const col of APPLICATION_COLUMNS.map((c) => c.key)) {
    const target = term(ctx, `applications.rows.total.${col}`);
    if (target.value === null) continue;
    const ops = resultKeys.map((k) => term(ctx, `applications.rows.${k}.${col}`));
    const s = sum(ops);
    if (s === null || s === target.value) continue;
    out.push(
      anomaly(ctx, "T3_RESULT_SUM", {
        paths: [target.path, ...ops.map((o) => o.path)],
        values: { column: colLabel(col), actual: target.value, expected: s },
        expected: s,
        actual: target.value,
        status: statusOf([target, ...ops]),
      }),
    );
  }
  return out;
}

export function t3Balance(ctx: RuleContext): Anomaly[] {
  if (!ctx.x.applications) return [];
  const out: Anomaly[] = [];
  for (const col of APPLICATION_COLUMNS.map((c) => c.key)) {
    const left = ["newReceived", "carriedOver"].map((k) => term(ctx, `applications.rows.${k}.${col}`));
    const right = ["total", "carriedForward"].map((k) => term(ctx, `applications.rows.${k}.${col}`));
    const l = sum(left);
    const r = sum(right);
    if (l === null || r === null || l === r) continue;
    out.push(
      anomaly(ctx, "T3_BALANCE", {
        paths: [...left, ...right].map((t) => t.path),
        values: { column: colLabel(col), left: l, right: r },
        expected: l,
        actual: r,
        status: statusOf([...left, ...right]),
      }),
    );
  }
  return out;
}

export function t4Sum(ctx: RuleContext): Anomaly[] {
  if (!ctx.x.reviewLitigation) return [];
  const out: Anomaly[] = [];
  for (const g of REVIEW_GROUPS) {
    const target = term(ctx, `reviewLitigation.${g.key}.total`);
    if (target.value === null) continue;
    const ops = REVIEW_COLUMNS.filter((c) => c.key !== "total").map((c) => term(ctx, `reviewLitigation.${g.key}.${c.key}`));
    const s = sum(ops);
    if (s === null || s === target.value) continue;
    out.push(
      anomaly(ctx, "T4_SUM", {
        paths: [target.path, ...ops.map((o) => o.path)],
        values: { group: g.label, actual: target.value, expected: s },
        expected: s,
        actual: target.value,
        status: statusOf([target, ...ops]),
      }),
    );
  }
  return out;
}
