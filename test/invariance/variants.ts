/**
 * The renderings of issue 9 and what each must give back, compared with the reference rendering
 * (an HTML page with a printed title and gridded tables). Most give the same model; the others
 * say what they give instead — the title or heading as they print it, the text in the
 * characters they print, or null + PARSE_UNCERTAIN where a cell printed blank left no trace —
 * and never a different number.
 */
import OpenCC from "opencc-js";
import type { AnnualReport } from "../../src/model/report.js";
import { printedTitle, PREAMBLE, SIGNATURE, signed, type RenderOptions, type TitleForm } from "./render.js";
import type { Spec } from "./spec.js";

export interface Model {
  title: string | null;
  agency: string | null;
  agencySource: string | null;
  year: number | null;
  yearSource: string | null;
  template: string;
  templateBasis: string | null;
  sections: { heading: string | null; text: string }[];
  cells: string[];
  anomalies: string[];
}

export function modelOf(r: AnnualReport): Model {
  return {
    title: r.title,
    agency: r.agency,
    agencySource: r.agencySource,
    year: r.year,
    yearSource: r.yearSource,
    template: r.template,
    templateBasis: r.templateBasis,
    sections: r.sections.map((s) => ({ heading: s.heading, text: s.text })),
    cells: r.cells.map((c) => `${c.path}=${c.value}${c.uncertain ? "?" : ""}`),
    anomalies: r.anomalies.map((a) => `${a.code}/${a.status}:${a.paths.join(",")}`),
  };
}

/** The text fields of a model as a transform of the printed text would print them. */
function mapText(m: Model, f: (s: string) => string): Model {
  return {
    ...m,
    title: m.title === null ? null : f(m.title),
    agency: m.agency === null ? null : f(m.agency),
    sections: m.sections.map((s) => ({ heading: s.heading === null ? null : f(s.heading), text: s.text.split("\n").map(f).join("\n") })),
  };
}

export type Expectation =
  /** The model of the reference, or that model with the changes the rendering makes by nature. */
  | { kind: "model"; expected: (ref: Model, spec: Spec, got: Model) => Model }
  /**
   * One cell per line loses blank cells: rows that printed a blank may come out null and
   * PARSE_UNCERTAIN; every number must still be the reference's. Everything else is the same.
   */
  | { kind: "noBlankTrace"; expected: (ref: Model, spec: Spec, got: Model) => Model }
  /**
   * A flattened page (cells run together without separators): every cell is the reference's
   * number or null + PARSE_UNCERTAIN (the solver keeps only what every reading agrees on); the
   * title, agency, year, template and headings are the same; the prose holds the tables' text.
   * Only for reports whose tables 三 and 四 print every cell: a blank cell there leaves no digit,
   * and a run that lost cells can still be cut into the template's count in ways that pass every
   * check — no reader of the page could tell (a limit of the page, said in docs/readers.md).
   */
  | { kind: "neverDifferent"; expected: (ref: Model, spec: Spec, got: Model) => Model };

export interface Variant {
  name: string;
  options: (spec: Spec) => RenderOptions;
  expect: Expectation;
  /** Only for reports of this template (signed 本年增/减 exist in 2019 tables only). */
  template?: "2019" | "2021";
  /** Only for reports whose tables 三 and 四 print every cell. */
  fullTables?: true;
}

const same: Expectation = { kind: "model", expected: (ref) => ref };
const textAs = (f: (s: string) => string): Expectation => ({ kind: "model", expected: (ref) => mapText(ref, f) });

// ------------------------------------------------------------------------------- transforms

/** Machine conversion to traditional characters, as mirror sites do (OpenCC, Taiwan standard). */
export const traditional = OpenCC.Converter({ from: "cn", to: "tw" });
const fullWidthDigits = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const HALF: Record<string, string> = { "（": "(", "）": ")", "，": ",", "：": ":", "；": ";", "、": "." };
const halfWidthPunctuation = (s: string) => s.replace(/[（），：；、]/g, (c) => HALF[c] ?? c);
/** "12" → "1 2": a space inside a number, as PDF copies print them. */
const spacedValue = (v: string) => (/^\d{2,}$/.test(v) ? `${v[0]} ${v.slice(1)}` : v);
/** "规章" → "规 章": stray spaces between a label's characters. */
const spacedLabel = (s: string) => (s.length >= 2 ? `${s[0]} ${s.slice(1)}` : s);

const SITE_TITLES: { sep: string; name: string }[] = [
  { sep: "_", name: "_站点名" },
  { sep: "-", name: "-站点名" },
  { sep: " - ", name: " - 站点名" },
];

function titleVariant(form: TitleForm, format: "html" | "text" = "html"): Variant {
  return {
    name: `title ${form}${format === "text" ? " (text)" : ""}`,
    options: () => ({ format, tables: format === "html" ? "grid" : "tab", title: form }),
    expect: {
      kind: "model",
      expected: (ref, spec, got) => {
        const title = printedTitle(spec, form);
        if (form === "preamble") return { ...ref, title, agencySource: "preamble", yearSource: oneOf(got.yearSource, ["period", "preamble"]) };
        if (form === "signature") {
          return {
            ...ref,
            title,
            // A report that closes with its own signature is named by it, as printed (平潭财政金融局 2022 prints "财政全融局").
            agency: signed(spec) ? signatureAgency(spec) : ref.agency,
            agencySource: "signature",
            yearSource: oneOf(got.yearSource, ["period", "prose", "signature"]),
            sections: signed(spec) ? ref.sections : ref.sections.map((s, i) => (i === 5 ? { ...s, text: `${s.text}\n${SIGNATURE(spec)}` } : s)),
          };
        }
        return { ...ref, title };
      },
    },
  };
}

/** The name in the report's own closing signature ("… 平潭综合实验区公安局 2020年1月17日"). */
function signatureAgency(spec: Spec): string | null {
  const line = (spec.prose[5]?.at(-1) ?? "").replace(/\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$/, "");
  return /([\p{Script=Han}（）()]{2,40})$/u.exec(line.split(/[\s。；;，,]/).at(-1) ?? "")?.[1] ?? null;
}

/** `got` when it is one of the allowed values, else the allowed list (so the assertion fails and says why). */
function oneOf(got: string | null, allowed: string[]): string | null {
  return got !== null && allowed.includes(got) ? got : `one of ${allowed.join("|")}`;
}

const HEADINGS_A = { 1: "一、总体公开情况", 4: "四、政府信息公开行政复议与行政诉讼情况", 5: "五、存在的主要问题和改进措施", 6: "六、其他需报告的事项" };
const HEADINGS_B = { 3: "三、收到和处理政府信息公开申请的情况", 4: "四、行政法复议、行政诉讼情况", 5: "五、政府信息公开工作存在的主要问题及改进情况及下一年度工作计划" };
const HEADINGS_C = { 2: "二、主动公开政府信息的情况", 4: "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", 5: "五、存在问题及改进情况" };

const headingsAs = (h: Partial<Record<number, string>>, f: (s: string) => string = (s) => s): Expectation => ({
  kind: "model",
  expected: (ref) => mapText({ ...ref, sections: ref.sections.map((s, i) => ({ ...s, heading: h[i + 1] ?? s.heading })) }, f),
});

const noBlankTrace = (inner: Expectation = same): Expectation => ({ kind: "noBlankTrace", expected: inner.expected });

export const VARIANTS: Variant[] = [
  // Tables in every rendering real pages use.
  { name: "tables as pipe text, one row per paragraph", options: () => ({ format: "html", tables: "pipe", title: "line" }), expect: same },
  { name: "tables as pipe text, rows broken by <br>", options: () => ({ format: "html", tables: "pipe-br", title: "line" }), expect: same },
  { name: "tables one cell per paragraph", options: () => ({ format: "html", tables: "cells", title: "line" }), expect: noBlankTrace() },
  { name: "text, tab-separated tables", options: () => ({ format: "text", tables: "tab", title: "line" }), expect: same },
  { name: "text, Markdown tables", options: () => ({ format: "text", tables: "md", title: "line" }), expect: same },
  { name: "text, pipe rows", options: () => ({ format: "text", tables: "pipe", title: "line" }), expect: same },
  { name: "text, one cell per line", options: () => ({ format: "text", tables: "cells", title: "line" }), expect: noBlankTrace() },

  { name: "a flattened page (crawler dump, cells run together)", fullTables: true, options: () => ({ format: "text", tables: "flat", title: "line" }), expect: { kind: "neverDifferent", expected: (ref) => ref } },
  { name: "a flattened page in traditional characters", fullTables: true, options: () => ({ format: "text", tables: "flat", title: "line", text: traditional }), expect: { kind: "neverDifferent", expected: (ref) => mapText(ref, traditional) } },

  // Title forms.
  ...(["yearAfter", "doubleYear", "suffix", "twoLines", "threeLines", "repeated", "spaced", "toc", "metadata", "pageOnly", "preamble", "signature"] as const).map((f) => titleVariant(f)),
  ...(["twoLines", "threeLines", "metadata", "preamble", "signature"] as const).map((f) => titleVariant(f, "text")),
  ...SITE_TITLES.map(
    (s): Variant => ({
      name: `page title only, site suffix "${s.sep}"`,
      options: (spec) => ({ format: "html", tables: "grid", title: "pageOnly", pageTitle: `${spec.title}${s.name}` }),
      expect: same,
    }),
  ),
  {
    name: "printed title wins over a different page title",
    options: () => ({ format: "html", tables: "grid", title: "line", pageTitle: "某某局2000年政府信息公开工作年度报告_站点名" }),
    expect: same,
  },

  // Outline variants.
  { name: "headings: 总体公开情况, 与行政诉讼, 改进措施, 其他需报告", options: () => ({ format: "html", tables: "grid", title: "line", headings: HEADINGS_A }), expect: headingsAs(HEADINGS_A) },
  { name: "headings: 申请的情况, 行政法复议, 及下一年度工作计划", options: () => ({ format: "html", tables: "grid", title: "line", headings: HEADINGS_B }), expect: headingsAs(HEADINGS_B) },
  { name: "headings: 信息的情况, 被申请行政复议、提起行政诉讼, 存在问题及改进情况", options: () => ({ format: "text", tables: "tab", title: "line", headings: HEADINGS_C }), expect: headingsAs(HEADINGS_C) },
  { name: "headings inline with their first paragraph", options: () => ({ format: "html", tables: "grid", title: "line", inlineHeadings: true }), expect: same },
  { name: "headings inline (text)", options: () => ({ format: "text", tables: "tab", title: "line", inlineHeadings: true }), expect: same },

  // Characters.
  ...(["grid", "pipe", "cells"] as const).map(
    (tables): Variant => ({
      name: `traditional characters, tables ${tables}`,
      options: () => ({ format: "html", tables, title: "line", text: traditional }),
      expect: tables === "cells" ? noBlankTrace(textAs(traditional)) : textAs(traditional),
    }),
  ),
  { name: "traditional characters (text)", options: () => ({ format: "text", tables: "tab", title: "line", text: traditional }), expect: textAs(traditional) },
  {
    name: "mirror page: traditional, gambling words in the page title",
    options: (spec) => ({ format: "html", tables: "grid", title: "line", text: traditional, pageTitle: `澳门新葡京娱乐城${spec.year}年政府信息公开工作年度报告-${"官方网站"}` }),
    expect: textAs(traditional),
  },
  ...(["grid", "pipe", "cells"] as const).map(
    (tables): Variant => ({
      name: `full-width digits, tables ${tables}`,
      options: () => ({ format: "html", tables, title: "line", text: fullWidthDigits, value: fullWidthDigits }),
      expect: tables === "cells" ? noBlankTrace(textAs(fullWidthDigits)) : textAs(fullWidthDigits),
    }),
  ),
  ...(["grid", "tab"] as const).map(
    (tables): Variant => ({
      name: `half-width punctuation, tables ${tables}`,
      options: () => ({ format: tables === "grid" ? "html" : "text", tables, title: "line", text: halfWidthPunctuation }),
      expect: textAs(halfWidthPunctuation),
    }),
  ),
  ...(["grid", "pipe"] as const).map(
    (tables): Variant => ({
      name: `stray spaces in numbers and labels, tables ${tables}`,
      options: () => ({ format: "html", tables, title: "spaced", value: spacedValue, label: spacedLabel }),
      expect: same,
    }),
  ),
  ...(["grid", "cells"] as const).map(
    (tables): Variant => ({
      name: `signed 本年增/减 (+19), tables ${tables}`,
      template: "2019",
      options: () => ({ format: "html", tables, title: "line", value: (v, at) => (at.table === "t2" && at.col === 1 && /^[1-9]\d*$/.test(v) && !["rules", "normativeDocuments", "procurement"].includes(at.row) ? `+${v}` : v) }),
      expect: tables === "cells" ? noBlankTrace() : same,
    }),
  ),
  ...(["grid", "pipe"] as const).map(
    (tables): Variant => ({
      name: `labels annotated in brackets, tables ${tables}`,
      options: () => ({ format: "html", tables, title: "line", label: (s) => `${s}（单位：件）` }),
      expect: same,
    }),
  ),

  // Combined.
  {
    name: "traditional, full-width digits, heading variants, title on two lines, one cell per line",
    options: () => ({ format: "html", tables: "cells", title: "twoLines", headings: HEADINGS_A, text: (s) => traditional(fullWidthDigits(s)), value: fullWidthDigits }),
    expect: noBlankTrace({
      kind: "model",
      expected: (ref, spec) => mapText({ ...ref, title: printedTitle(spec, "twoLines"), sections: ref.sections.map((s, i) => ({ ...s, heading: (HEADINGS_A as Record<number, string>)[i + 1] ?? s.heading })) }, (s) => traditional(fullWidthDigits(s))),
    }),
  },
  {
    name: "no title, preamble only, traditional, pipe tables",
    options: () => ({ format: "html", tables: "pipe", title: "preamble", text: traditional }),
    expect: {
      kind: "model",
      expected: (ref, _spec, got) => mapText({ ...ref, title: null, agencySource: "preamble", yearSource: oneOf(got.yearSource, ["period", "preamble"]) }, traditional),
    },
  },
];

export { PREAMBLE };
