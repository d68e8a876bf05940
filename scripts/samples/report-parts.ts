/**
 * A report in the tab-text form (samples/*.txt) → its parts in print order: paragraphs with the
 * style a Word-made report gives them, and the three tables of the 2021 template with their merged
 * cells put back (template-2021-tables.ts). Shared by every rendition (TRS page, DOCX), so they
 * all print the same report; each rendition only decides how a part looks.
 */
import { readTabText, type TabBlock } from "./tab-text.js";
import { SampleShapeError, table2, table3, table4, type SpanRow } from "./template-2021-tables.js";

export type ParagraphStyle = "title" | "heading" | "subheading" | "body";

export type TableName = "二" | "三" | "四";

export type ReportPart =
  | { kind: "paragraph"; text: string; style: ParagraphStyle }
  | { kind: "table"; name: TableName; rows: SpanRow[] };

/** The three tables in the order the report prints them, with the template that rebuilds each. */
export const TEMPLATE_TABLES: readonly { name: TableName; build: (rows: string[][]) => SpanRow[] }[] = [
  { name: "二", build: table2 },
  { name: "三", build: table3 },
  { name: "四", build: table4 },
];

/** The first paragraph is the title; short numbered lines are headings (一、) and subheadings (（一）). */
export function paragraphStyle(text: string, index: number): ParagraphStyle {
  if (index === 0) return "title";
  if (text.length <= 40 && /^[一二三四五六七八九十]+、/.test(text)) return "heading";
  if (text.length <= 40 && /^（[一二三四五六七八九十]+）/.test(text)) return "subheading";
  return "body";
}

export function reportParts(blocks: TabBlock[]): ReportPart[] {
  const out: ReportPart[] = [];
  let tables = 0;
  let paragraphs = 0;
  for (const b of blocks) {
    if (b.kind === "paragraph") {
      out.push({ kind: "paragraph", text: b.text, style: paragraphStyle(b.text, paragraphs++) });
    } else {
      const spec = TEMPLATE_TABLES[tables++];
      if (!spec) throw new SampleShapeError(`table ${tables}: the 2021 report has three tables`);
      out.push({ kind: "table", name: spec.name, rows: spec.build(b.rows) });
    }
  }
  if (tables !== TEMPLATE_TABLES.length) throw new SampleShapeError(`${tables} tables found, the 2021 report has three`);
  return out;
}

/** The report's title: its first paragraph. */
export function titleOf(blocks: TabBlock[]): string {
  const first = blocks[0];
  if (first?.kind !== "paragraph") throw new SampleShapeError("the report must open with its title");
  return first.text;
}

/** Parse a tab text straight to its parts. */
export function reportPartsOfText(text: string): ReportPart[] {
  return reportParts(readTabText(text));
}
