/**
 * Table 二 (主动公开政府信息情况) of the 2021 and 2019 templates (shared/spec/templates.md), as
 * data: the blocks (第二十条第（x）项), their value columns, and the rows each block holds.
 */
import type { TemplateId } from "../model/report.js";

export interface Table2Row {
  /** Contract key of the block the row fills, e.g. "rules", "fees". */
  key: string;
  label: string;
  match: RegExp;
}

export interface Table2Block {
  /** 第二十条第（x）项 */
  clause: string;
  /** Contract keys of the value columns, in printed order. */
  columns: string[];
  /** Patterns over the printed header of each column, same order. */
  columnHeaders: RegExp[];
  rows: Table2Row[];
  /** Counts must be whole and non-negative; amounts and signed changes are not counts. */
  notCounts?: string[];
}

// "规范性文件" must not be read inside "行政规范性文件" as another row: both are one row.
const RULES: Table2Row = { key: "rules", label: "规章", match: /^规章/ };
const NORMATIVE: Table2Row = { key: "normativeDocuments", label: "行政规范性文件", match: /^(行政)?规范性文件/ };

export const TABLE2: Record<"2021" | "2019", Table2Block[]> = {
  "2021": [
    {
      clause: "（一）",
      columns: ["issued", "repealed", "inForce"],
      columnHeaders: [/本年制发/, /本年废止/, /现行有效/],
      rows: [RULES, NORMATIVE],
    },
    {
      clause: "（五）",
      columns: ["decisions"],
      columnHeaders: [/处理决定/],
      rows: [{ key: "licensing", label: "行政许可", match: /^行政许可/ }],
    },
    {
      clause: "（六）",
      columns: ["decisions"],
      columnHeaders: [/处理决定/],
      rows: [
        { key: "punishment", label: "行政处罚", match: /^行政处罚/ },
        { key: "coercion", label: "行政强制", match: /^行政强制/ },
      ],
    },
    {
      clause: "（八）",
      columns: ["amount"],
      columnHeaders: [/收费金额/],
      rows: [{ key: "fees", label: "行政事业性收费", match: /^行政事业性收费/ }],
      notCounts: ["amount"],
    },
  ],
  "2019": [
    {
      clause: "（一）",
      columns: ["newlyMade", "newlyPublished", "totalPublished"],
      columnHeaders: [/新制作/, /新公开/, /公开总数/],
      rows: [RULES, NORMATIVE],
    },
    {
      clause: "（五）",
      columns: ["previousItems", "change", "decisions"],
      columnHeaders: [/上一年项目/, /增\s*[/／]?\s*减/, /处理决定/],
      rows: [
        { key: "licensing", label: "行政许可", match: /^行政许可/ },
        { key: "otherServices", label: "其他对外管理服务事项", match: /^其他对外管理服务/ },
      ],
      notCounts: ["change"],
    },
    {
      clause: "（六）",
      columns: ["previousItems", "change", "decisions"],
      columnHeaders: [/上一年项目/, /增\s*[/／]?\s*减/, /处理决定/],
      rows: [
        { key: "punishment", label: "行政处罚", match: /^行政处罚/ },
        { key: "coercion", label: "行政强制", match: /^行政强制/ },
      ],
      notCounts: ["change"],
    },
    {
      clause: "（八）",
      columns: ["previousItems", "change"],
      columnHeaders: [/上一年项目/, /增\s*[/／]?\s*减/],
      rows: [{ key: "fees", label: "行政事业性收费", match: /^行政事业性收费/ }],
      notCounts: ["change"],
    },
    {
      clause: "（九）",
      columns: ["items", "amount"],
      columnHeaders: [/采购项目/, /采购总金额/],
      rows: [{ key: "procurement", label: "政府集中采购", match: /^政府集中采购/ }],
      notCounts: ["amount"],
    },
  ],
};

/** Classifier hints of templates.md: words of table 二 that only one template prints. */
export const TEMPLATE_HINTS: { template: Extract<TemplateId, "2021" | "2019">; match: RegExp }[] = [
  { template: "2019", match: /本年新制作数量|对外公开总数量|上一年项目数量|第二十条第[（(]九[)）]项|本年新公开数量/ },
  { template: "2021", match: /本年制发件数|现行有效件数|本年收费金额|本年废止件数/ },
];

/** "本年收费金额（单位：万元，保留4位小数）": the precision the header demands (FEE_PRECISION). */
export const FEE_PRECISION_HEADER = /保留\s*([0-9０-９一二三四五六七八九两]+)\s*位小数/;
export const FEE_HEADER = /收费金额/;
