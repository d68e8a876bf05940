import { describe, expect, it } from "vitest";
import { readHtml } from "../../parsers/html.js";
import { extract } from "../../src/extract/index.js";
import { tablesInText } from "../../src/extract/text-tables.js";

const page = (body: string) => readHtml(Buffer.from(`<html><body><div class="TRS_Editor">${body}</div></body></html>`)).value;
const ps = (...lines: string[]) => lines.map((l) => `<p>${l}</p>`).join("");
const HEAD = ps("某局2022年政府信息公开工作年度报告", "一、总体情况", "本年度主动公开信息。");

describe("tables printed as text become tables", () => {
  it("pipe rows in paragraphs, a one-cell row included", () => {
    const doc = tablesInText(page(HEAD + ps("二、主动公开政府信息情况", "| 第二十条第（一）项 |", "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |", "| 规章 | 0 | 0 | 1 |", "三、收到和处理政府信息公开申请情况")));
    const tables = doc.blocks.filter((b) => b.type === "table");
    expect(tables).toHaveLength(1);
    expect(tables[0]!.type === "table" && tables[0]!.rows.map((r) => r.map((c) => c.text))).toEqual([["第二十条第（一）项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "0", "0", "1"]]);
    // The headings around it stay paragraphs.
    expect(doc.blocks.filter((b) => b.type === "paragraph").map((b) => b.type === "paragraph" && b.text)).toContain("三、收到和处理政府信息公开申请情况");
  });

  it("one cell per line: rows start at a label after a value; header cells before a row's own label are a row of their own", () => {
    const x = extract(page(HEAD + ps("二、主动公开政府信息情况", "第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "规章", "0", "0", "1", "行政规范性文件", "2", "1", "9", "三、收到和处理政府信息公开申请情况")));
    expect(x.activeDisclosure!.rules).toEqual({ issued: 0, repealed: 0, inForce: 1 });
    expect(x.activeDisclosure!.normativeDocuments).toEqual({ issued: 2, repealed: 1, inForce: 9 });
    expect(x.cells.find((c) => c.path === "activeDisclosure.rules.issued")!.rowLabel).toBe("规章");
    expect(x.sections[1]!.text).toBe("");
  });

  it("a one-cell-per-line row short of values places none of them (a blank cell left no line)", () => {
    const x = extract(page(HEAD + ps("二、主动公开政府信息情况", "第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "规章", "0", "0", "1", "行政规范性文件", "5", "9", "三、收到和处理政府信息公开申请情况")));
    expect(x.activeDisclosure!.normativeDocuments).toEqual({ issued: null, repealed: null, inForce: null });
    expect(x.cells.filter((c) => c.key.row === "normativeDocuments").every((c) => c.value.kind === "undetermined" && c.uncertain)).toBe(true);
  });

  it("leaves prose alone", () => {
    const doc = page(HEAD + ps("二、主动公开政府信息情况", "本年度制发规范性文件2件。", "三、收到和处理政府信息公开申请情况", "共收到申请3件。"));
    expect(tablesInText(doc)).toBe(doc);
  });
});
