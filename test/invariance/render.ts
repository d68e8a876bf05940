/**
 * The generator: prints a Spec as a page or a text file in the renderings real publishers use
 * (issue 9): tables as HTML grids, pipe text in paragraphs (one row per paragraph, or rows
 * broken by <br>), one cell per line, tab-separated or Markdown text; titles in their printed
 * forms; headings in their variants; every piece of text through a character transform
 * (traditional characters, full-width digits, stray spaces). Deterministic: same spec and
 * options, same bytes.
 */
import { APPLICATION_ROWS, REVIEW_COLUMNS, REVIEW_GROUPS, TABLE2 } from "../../src/templates/index.js";
import type { Spec } from "./spec.js";

export type TableForm = "grid" | "pipe" | "pipe-br" | "cells" | "tab" | "md" | "flat";

export type TitleForm =
  | "line"
  | "yearAfter"
  | "doubleYear"
  | "suffix"
  | "twoLines"
  | "threeLines"
  | "repeated"
  | "spaced"
  | "toc"
  | "metadata"
  | "pageOnly"
  | "preamble"
  | "signature";

export interface RenderOptions {
  format: "html" | "text";
  tables: TableForm;
  title: TitleForm;
  /** The page's <title> (HTML only); default: the site's name alone. */
  pageTitle?: string;
  /** Headings printed instead of the spec's (1-based section number → heading). */
  headings?: Partial<Record<number, string>>;
  /** Each heading on the line of its first paragraph ("一、总体情况 2022年，…"). */
  inlineHeadings?: boolean;
  /** Applied to every piece of text printed (prose, headings, labels, title), not to values. */
  text?: (s: string) => string;
  /** Applied to every printed value. */
  value?: (s: string, path: { table: "t2" | "t3" | "t4"; row: string; col: number }) => string;
  /** Applied to table 二's and 三's row labels (after `text`). */
  label?: (s: string) => string;
}

type Cells = string[];

const T2_HEADERS: Record<"2021" | "2019", Record<string, string[]>> = {
  "2021": {
    "（一）": ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
    "（五）": ["信息内容", "本年处理决定数量"],
    "（六）": ["信息内容", "本年处理决定数量"],
    "（八）": ["信息内容", "本年收费金额（单位：万元）"],
  },
  "2019": {
    "（一）": ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
    "（五）": ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
    "（六）": ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
    "（八）": ["信息内容", "上一年项目数量", "本年增/减"],
    "（九）": ["信息内容", "采购项目数量", "采购总金额"],
  },
};

/** Group labels printed before the first item of their group in table 三. */
const T3_GROUPS: Record<string, string> = {
  granted: "三、本年度办理结果",
  "denied.stateSecret": "（三）不予公开",
  "unavailable.notHeld": "（四）无法提供",
  "notProcessed.complaint": "（五）不予处理",
  "otherDisposal.overdueCorrection": "（六）其他处理",
};

function table2Rows(spec: Spec, o: Required<Pick<RenderOptions, "text" | "value" | "label">>): Cells[] {
  const rows: Cells[] = [];
  for (const block of TABLE2[spec.template]) {
    rows.push([o.text(`第二十条第${block.clause}项`)]);
    rows.push((T2_HEADERS[spec.template][block.clause] ?? []).map(o.text));
    for (const row of block.rows) {
      const label = row.key === "normativeDocuments" ? (spec.template === "2019" ? "规范性文件" : "行政规范性文件") : row.label;
      rows.push([o.label(o.text(label)), ...(spec.t2.get(row.key) ?? []).map((v, col) => o.value(v, { table: "t2", row: row.key, col }))]);
    }
  }
  return rows;
}

function table3Rows(spec: Spec, o: Required<Pick<RenderOptions, "text" | "value" | "label">>): Cells[] {
  const rows: Cells[] = [
    [o.text("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"), o.text("申请人情况")],
    ["", o.text("自然人"), o.text("法人或其他组织"), "", "", "", "", o.text("总计")],
    ["", "", ...["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"].map(o.text), ""],
  ];
  for (const def of APPLICATION_ROWS) {
    const values = spec.t3.get(def.key);
    if (!values) continue;
    const group = T3_GROUPS[def.key];
    const label = o.label(o.text(group ? `${group}${def.label}` : def.label));
    rows.push([label, ...values.map((v, col) => o.value(v, { table: "t3", row: def.key, col }))]);
  }
  return rows;
}

function table4Rows(spec: Spec, o: Required<Pick<RenderOptions, "text" | "value">>): Cells[] {
  const cols = REVIEW_COLUMNS.map((c) => o.text(c.label));
  return [
    [o.text(REVIEW_GROUPS[0]!.label), "", "", "", "", o.text("行政诉讼")],
    [...cols, o.text(REVIEW_GROUPS[1]!.label), "", "", "", "", o.text(REVIEW_GROUPS[2]!.label)],
    ["", "", "", "", "", ...cols, ...cols],
    spec.t4.map((v, col) => o.value(v, { table: "t4", row: "review", col })),
  ];
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A table in the chosen form, as lines of output (HTML or text). */
function printTable(rows: Cells[], form: TableForm, format: "html" | "text"): string[] {
  const p = (s: string) => (format === "html" ? `<p>${esc(s)}</p>` : s);
  switch (form) {
    case "grid":
      return ["<table>", ...rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`), "</table>"];
    case "pipe":
      return rows.map((r) => p(`| ${r.join(" | ")} |`));
    case "pipe-br":
      return [`<p>${rows.map((r) => esc(`| ${r.join(" | ")} |`)).join("<br>")}</p>`];
    case "cells":
      // Blank cells leave no line, as on pages pasted cell by cell.
      return rows.flatMap((r) => r.filter((c) => c.trim() !== "").map(p));
    case "tab": {
      // Word's text export keeps a row's empty cells as tabs.
      const width = Math.max(...rows.map((r) => r.length));
      return [...rows.map((r) => [...r, ...Array(width - r.length).fill("")].join("\t")), ""];
    }
    case "flat":
      // A page a crawler flattened: every cell run together, no separator at all (平潭 pages).
      return [rows.map((r) => r.join("")).join("")];
    case "md":
      return ["", ...rows.map((r, i) => (i === 1 ? [`| ${r.join(" | ")} |`, `|${r.map(() => "---").join("|")}|`] : [`| ${r.join(" | ")} |`])).flat(), ""];
  }
}

/** The title's printed lines for a form (empty when the form prints none). */
function titleLines(spec: Spec, form: TitleForm): string[] {
  const y = String(spec.year);
  const name = "政府信息公开工作年度报告";
  switch (form) {
    case "line":
    case "pageOnly":
    case "preamble":
    case "signature":
    case "metadata":
      return form === "line" ? [spec.title] : [];
    case "yearAfter":
      return [`${spec.agency}政府信息公开工作${y}年度报告`];
    case "doubleYear":
      return [`${spec.agency}${y}年度${name}`];
    case "suffix":
      return [`${spec.agency}${name}（${y}年）`];
    case "twoLines":
      return [spec.agency, `${y}年${name}`];
    case "threeLines":
      return [spec.agency, `${y}年`, name];
    case "repeated":
      return [spec.title, spec.title];
    case "spaced":
      return [spec.title.replace(/(\d{4})/, " $1 ")];
    case "toc":
      return ["目录", `${spec.title}……………………1`, ...spec.headings.map((h, i) => `${h}…………………${i + 1}`)];
  }
}

/** The title as the form prints it, joined (what the model's title should be), or null. */
export function printedTitle(spec: Spec, form: TitleForm): string | null {
  if (form === "preamble" || form === "signature") return null;
  if (form === "line" || form === "repeated" || form === "spaced" || form === "toc" || form === "pageOnly" || form === "metadata") return spec.title;
  return titleLines(spec, form).join("");
}

export const PREAMBLE = (spec: Spec) =>
  `本年度报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》要求编制。现公布${spec.agency}${spec.year}年政府信息公开工作年度报告。`;
export const SIGNATURE = (spec: Spec) => `${spec.agency} ${spec.year + 1}年1月20日`;

export function render(spec: Spec, options: RenderOptions): Buffer {
  const text = options.text ?? ((s: string) => s);
  const value = options.value ?? ((s: string) => s);
  const label = options.label ?? ((s: string) => s);
  const t = { text, value, label };
  const html = options.format === "html";
  const para = (s: string) => (html ? `<p>${esc(text(s))}</p>` : text(s));
  const out: string[] = [];

  if (options.title === "metadata") {
    out.push(...printTable([[text("标题"), text(spec.title)], [text("发布日期"), `${spec.year + 1}-01-20`]], html ? "grid" : "md", options.format));
  }
  const lines = titleLines(spec, options.title);
  if (html && options.title === "repeated") out.push(`<h1>${esc(text(lines[0]!))}</h1>`, para(lines[1]!));
  else out.push(...lines.map(para));
  if (options.title === "preamble") out.push(para(PREAMBLE(spec)));

  spec.headings.forEach((h, i) => {
    const heading = options.headings?.[i + 1] ?? h;
    const prose = [...spec.prose[i]!];
    if (i === 5 && options.title === "signature" && !signed(spec)) prose.push(SIGNATURE(spec));
    if (options.inlineHeadings) out.push(para(`${heading} ${prose[0] ?? ""}`), ...prose.slice(1).map(para));
    else out.push(para(heading), ...prose.map(para));
    const rows = i === 1 ? table2Rows(spec, t) : i === 2 ? table3Rows(spec, t) : i === 3 ? table4Rows(spec, t) : null;
    if (rows) out.push(...printTable(rows, options.tables, options.format));
  });

  if (options.tables === "flat") {
    // The crawler's dump of a flattened page: its header, then the whole body on one line.
    return Buffer.from(`标题: ${text(spec.title)}\n发布时间: ${spec.year + 1}-01-20 10:00\n==================== 正文 ====================\n${out.join("")}\n`);
  }
  if (!html) return Buffer.from(out.join("\n") + "\n");
  const pageTitle = options.pageTitle ?? (options.title === "pageOnly" ? `${spec.title}_${SITE}` : SITE);
  return Buffer.from(
    `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${esc(text(pageTitle))}</title></head>\n<body>\n<div class="header">${SITE}</div>\n<div class="TRS_Editor">\n${out.join("\n")}\n</div>\n</body></html>\n`,
  );
}

export const SITE = "某某市人民政府门户网站";

/** The report already closes with a signature (agency and date). */
export const signed = (spec: Spec): boolean => /\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$/.test(spec.prose[5]?.at(-1) ?? "");
