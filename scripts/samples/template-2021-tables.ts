/**
 * Rebuild the merged cells of the three tables of the 2021 national template (国办公开办函〔2021〕30号)
 * from their tab-text flattening. The text keeps one field per printed cell but loses the spans;
 * the spans are put back exactly as the official template (corpus/docx/template-2021-blank-govnianbao.docx,
 * gridSpan/vMerge) merges them. Texts and values are taken from the text as printed, never made up.
 *
 * This is generator-side template knowledge; the HTML reader must not have any.
 */

export interface SpanCell {
  text: string;
  rowSpan?: number;
  colSpan?: number;
}
export type SpanRow = SpanCell[];

/** A fatal mismatch between the text and the template the generator expects. */
export class SampleShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SampleShapeError";
  }
}

function need(ok: boolean, message: string): asserts ok {
  if (!ok) throw new SampleShapeError(message);
}

function field(rows: string[][], r: number, f: number): string {
  const v = rows[r]?.[f];
  need(v !== undefined && v !== "", `expected text at row ${r + 1}, field ${f + 1}`);
  return v;
}

const cell = (text: string, spans: Omit<SpanCell, "text"> = {}): SpanCell => ({ text, ...spans });

/** 第二十条第（x）项 block rows: (一) has three value columns; (五) (六) (八) one, spanning three. */
export function table2(rows: string[][]): SpanRow[] {
  need(/第二十条/.test(rows[0]?.[0] ?? ""), "table 二 must start with 第二十条第（一）项");
  const out: SpanRow[] = [];
  let threeColumns = false;
  rows.forEach((fields, r) => {
    const first = field(rows, r, 0);
    if (/^第二十条/.test(first)) {
      need(fields.slice(1).every((f) => f === ""), `row ${r + 1}: a clause row has one printed cell`);
      threeColumns = /（一）/.test(first);
      out.push([cell(first, { colSpan: 4 })]);
    } else if (threeColumns) {
      need(fields.length === 4, `row ${r + 1}: 第二十条第（一）项 rows have four cells`);
      out.push(fields.map((f) => cell(f)));
    } else {
      need(fields.slice(2).every((f) => f === ""), `row ${r + 1}: one value spanning three columns`);
      out.push([cell(first), cell(fields[1] ?? "", { colSpan: 3 })]);
    }
  });
  return out;
}

/** Rows of 三、本年度办理结果: one-line rows (1) and groups with their item count. */
const RESULT_GROUPS_2021 = [1, 1, 8, 3, 5, 3, 1] as const; // (一) (二) (三)×8 (四)×3 (五)×5 (六)×3 (七)
const RESULT_ROWS_2021 = RESULT_GROUPS_2021.reduce((a, b) => a + b, 0); // 22
const APPLICATION_VALUES = 7;
const NUMBER = /^[+\-−]?[\d,.]+$/;

/**
 * Split a data row of table 三 into its printed labels and its seven values. The text's quirks
 * (samples/mengjin-czj-2022.txt, corpus/labels/mengjin-czj-2022.json) resolve as a Word table has
 * them: rows 一/二 print eight values under seven columns (the surplus is a 0 and is dropped: a
 * Word table has seven cells); rows that print only 总计 keep blank applicant cells.
 */
export function splitApplicationRow(fields: string[], rowNumber: number): { labels: string[]; values: string[] } {
  let lastLabel = -1;
  fields.forEach((f, i) => {
    if (f !== "" && !NUMBER.test(f)) lastLabel = i;
  });
  need(lastLabel >= 0, `table 三 row ${rowNumber}: no label`);
  const labels = fields.slice(0, lastLabel + 1).filter((f) => f !== "");
  let values = fields.slice(lastLabel + 1);
  while (values.length > APPLICATION_VALUES && values[0] === "") values = values.slice(1);
  if (values.length > APPLICATION_VALUES) {
    const surplus = values.slice(APPLICATION_VALUES);
    need(surplus.every((v) => v === "0"), `table 三 row ${rowNumber}: surplus values must be 0 to drop them`);
    values = values.slice(0, APPLICATION_VALUES);
  }
  if (values.length < APPLICATION_VALUES) {
    need(values.slice(0, -1).every((v) => v === ""), `table 三 row ${rowNumber}: a short row must print only its 总计`);
    values = [...Array<string>(APPLICATION_VALUES - values.length).fill(""), ...values];
  }
  return { labels, values };
}

export function table3(rows: string[][]): SpanRow[] {
  need(rows.length === 3 + 2 + RESULT_ROWS_2021 + 1, `table 三 has ${rows.length} rows, the 2021 template 28`);
  need(/总计/.test(field(rows, 0, 8)), "table 三: 总计 heads the last column");
  const out: SpanRow[] = [
    [cell(field(rows, 0, 0), { rowSpan: 3, colSpan: 3 }), cell(field(rows, 0, 1), { colSpan: APPLICATION_VALUES })],
    [cell(field(rows, 1, 1), { rowSpan: 2 }), cell(field(rows, 1, 2), { colSpan: 5 }), cell(field(rows, 0, 8), { rowSpan: 2 })],
    [2, 3, 4, 5, 6].map((f) => cell(field(rows, 2, f))),
  ];
  const values = (v: string[]): SpanCell[] => v.map((x) => cell(x));
  // 一、本年新收 and 二、上年结转
  for (const r of [3, 4]) {
    const { labels, values: v } = splitApplicationRow(rows[r]!, r + 1);
    need(labels.length === 1, `table 三 row ${r + 1}: one label`);
    out.push([cell(labels[0]!, { colSpan: 3 }), ...values(v)]);
  }
  // 三、本年度办理结果 (rowspan 22), its groups (rowspan = items) and one-line rows (colspan 2)
  let r = 5;
  RESULT_GROUPS_2021.forEach((size, g) => {
    for (let i = 0; i < size; i++, r++) {
      const { labels, values: v } = splitApplicationRow(rows[r]!, r + 1);
      const row: SpanRow = [];
      const want = (g === 0 ? 1 : 0) + (size > 1 && i === 0 ? 1 : 0) + 1;
      need(labels.length === want, `table 三 row ${r + 1}: ${want} label(s) expected, ${labels.length} printed`);
      const queue = [...labels];
      if (g === 0) row.push(cell(queue.shift()!, { rowSpan: RESULT_ROWS_2021 }));
      if (size === 1) row.push(cell(queue.shift()!, { colSpan: 2 }));
      else {
        if (i === 0) row.push(cell(queue.shift()!, { rowSpan: size }));
        row.push(cell(queue.shift()!));
      }
      out.push([...row, ...values(v)]);
    }
  });
  // 四、结转下年度继续办理
  const last = splitApplicationRow(rows[r]!, r + 1);
  need(last.labels.length === 1, `table 三 row ${r + 1}: one label`);
  out.push([cell(last.labels[0]!, { colSpan: 3 }), ...values(last.values)]);
  return out;
}

/** 行政复议 {5} · 行政诉讼 {未经复议直接起诉 {5} · 复议后起诉 {5}}, one row of 15 values. */
export function table4(rows: string[][]): SpanRow[] {
  need(rows.length === 4, `table 四 has ${rows.length} rows, the template 4`);
  need(rows[3]!.length === 15, "table 四: fifteen values");
  return [
    [cell(field(rows, 0, 0), { colSpan: 5 }), cell(field(rows, 0, 5), { colSpan: 10 })],
    [
      ...[0, 1, 2, 3, 4].map((f) => cell(field(rows, 1, f), { rowSpan: 2 })),
      cell(field(rows, 1, 5), { colSpan: 5 }),
      cell(field(rows, 1, 10), { colSpan: 5 }),
    ],
    Array.from({ length: 10 }, (_, i) => cell(field(rows, 2, 5 + i))),
    rows[3]!.map((v) => cell(v)),
  ];
}
