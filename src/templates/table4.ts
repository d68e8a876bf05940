/**
 * Table 四 (行政复议、行政诉讼情况): one data row of 15 numbers, three groups of five
 * (shared/spec/templates.md). Group and column order is the printed order.
 */
import type { ReviewColumnKey, ReviewGroupKey } from "../model/report.js";

export const REVIEW_GROUPS: readonly { key: ReviewGroupKey; label: string }[] = [
  { key: "review", label: "行政复议" },
  { key: "litigationDirect", label: "未经复议直接起诉" },
  { key: "litigationAfterReview", label: "复议后起诉" },
];

export const REVIEW_COLUMNS: readonly { key: ReviewColumnKey; label: string }[] = [
  { key: "upheld", label: "结果维持" },
  { key: "corrected", label: "结果纠正" },
  { key: "other", label: "其他结果" },
  { key: "pending", label: "尚未审结" },
  { key: "total", label: "总计" },
];

export const TABLE4_CELL_COUNT = REVIEW_GROUPS.length * REVIEW_COLUMNS.length;

/** The 15 cells of table 四 in printed order, as (group, column). */
export const TABLE4_KEYS: readonly (readonly [ReviewGroupKey, ReviewColumnKey])[] = REVIEW_GROUPS.flatMap((g) =>
  REVIEW_COLUMNS.map((c) => [g.key, c.key] as const),
);

/** The 15 paths of table 四 in printed order. */
export const TABLE4_PATHS: readonly string[] = TABLE4_KEYS.map(([g, c]) => `reviewLitigation.${g}.${c}`);
