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

/** One sum check: the target printed, one operand printed, and they disagree → an anomaly. */
function checkSum(
  ctx: RuleContext,
  code: "T3_ROW_SUM" | "T3_RESULT_SUM" | "T4_SUM",
  target: Term,
  ops: Term[],
  values: (expected: number, actual: number) => Record<string, string | number>,
): Anomaly[] {
  if (target.value === null) return [];
  const s = sum(ops);
  if (s === null || s === target.value) return [];
  return [
    anomaly(ctx, code, {
      paths: [target.path, ...ops.map((o) => o.path)],
      values: values(s, target.value),
      expected: s,
      actual: target.value,
      status: statusOf([target, ...ops]),
    }),
  ];
}

export function t3RowSum(ctx: RuleContext): Anomaly[] {
  const rows = ctx.x.applications?.rows;
  if (!rows) return [];
  return (Object.keys(rows) as RowKey[]).flatMap((key) =>
    checkSum(
      ctx,
      "T3_ROW_SUM",
      term(ctx, `applications.rows.${key}.total`),
      APPLICANT_COLUMN_KEYS.map((c) => term(ctx, `applications.rows.${key}.${c}`)),
      (expected, actual) => ({ row: rowLabel(key), actual, expected }),
    ),
  );
}

export function t3ResultSum(ctx: RuleContext): Anomaly[] {
  const rows = ctx.x.applications?.rows;
  if (!rows) return [];
  const oneRow = "otherDisposal" in rows && !OTHER_DISPOSAL_PARTS.some((k) => k in rows);
  const resultKeys = APPLICATION_ROWS.filter((d) => d.result)
    .map((d) => d.key)
    .filter((k) => (oneRow ? !OTHER_DISPOSAL_PARTS.includes(k) : k !== "otherDisposal"))
    .filter((k) => k in rows);
  return APPLICATION_COLUMNS.flatMap(({ key: col }) =>
    checkSum(
      ctx,
      "T3_RESULT_SUM",
      term(ctx, `applications.rows.total.${col}`),
      resultKeys.map((k) => term(ctx, `applications.rows.${k}.${col}`)),
      (expected, actual) => ({ column: colLabel(col), actual, expected }),
    ),
  );
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
  return REVIEW_GROUPS.flatMap((g) =>
    checkSum(
      ctx,
      "T4_SUM",
      term(ctx, `reviewLitigation.${g.key}.total`),
      REVIEW_COLUMNS.filter((c) => c.key !== "total").map((c) => term(ctx, `reviewLitigation.${g.key}.${c.key}`)),
      (expected, actual) => ({ group: g.label, actual, expected }),
    ),
  );
}
