import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readHtml } from "../parsers/html.js";
import { makeSamples, SAMPLE_GBK, SAMPLE_SOURCE, SAMPLE_UTF8 } from "../scripts/samples/mengjin-page.js";
import { readTabText } from "../scripts/samples/tab-text.js";
import type { Block, Table } from "../src/model/document.js";

const SAMPLES = join(dirname(fileURLToPath(import.meta.url)), "..", "samples");
const read = (name: string): Uint8Array => new Uint8Array(readFileSync(join(SAMPLES, name)));
const source = readFileSync(join(SAMPLES, SAMPLE_SOURCE), "utf8");

/** Text and grid of every block, positions and sources aside. */
const shape = (blocks: Block[]) =>
  blocks.map((b) =>
    b.type === "paragraph"
      ? { paragraph: b.text }
      : { table: b.index, rows: b.rows.map((row) => row.map((c) => [c.text, c.originRow, c.originCol, c.rowSpan, c.colSpan])) },
  );

describe("samples/ (scripts/make-samples.ts)", () => {
  const generated = makeSamples(source);

  it("regenerating from samples/mengjin-czj-2022.txt reproduces the committed HTML samples byte for byte", () => {
    expect([...generated.keys()].sort()).toEqual([SAMPLE_GBK, SAMPLE_UTF8].sort());
    for (const [name, bytes] of generated) {
      expect(Buffer.from(read(name)).equals(Buffer.from(bytes)), `samples/${name} drifted from the generator: run npm run samples`).toBe(true);
    }
  });

  it("generates the same bytes on every run", () => {
    for (const [name, bytes] of makeSamples(source)) expect(Buffer.from(bytes).equals(Buffer.from(generated.get(name)!))).toBe(true);
  });

  const { value: utf8, messages: utf8Messages } = readHtml(read(SAMPLE_UTF8));
  const { value: gbk, messages: gbkMessages } = readHtml(read(SAMPLE_GBK));

  it("reads the same blocks, positions included, from the UTF-8 and the GBK sample", () => {
    expect(gbk.blocks).toEqual(utf8.blocks);
    expect(gbk.metaTitle).toBe(utf8.metaTitle);
    expect(gbk.publishedAt).toBe(utf8.publishedAt);
    expect(utf8Messages).toEqual([]);
    expect(gbkMessages).toEqual([]);
  });

  it("reads every paragraph of the text sample, in order, and nothing of the page chrome", () => {
    const expected = readTabText(source).flatMap((b) => (b.kind === "paragraph" ? [b.text] : []));
    const got = utf8.blocks.flatMap((b) => (b.type === "paragraph" ? [b.text] : []));
    expect(got).toEqual(expected);
    expect(utf8.metaTitle).toBe("孟津区财政局2022年政府信息公开工作年度报告");
  });

  it("places the three tables where the text has them", () => {
    const order = (blocks: { kind?: string; type?: string }[]) => blocks.map((b) => (b.kind ?? b.type) === "table");
    expect(order(utf8.blocks)).toEqual(order(readTabText(source)));
    expect(shape(utf8.blocks).filter((b) => "table" in b).map((b) => ("table" in b ? b.table : -1))).toEqual([0, 1, 2]);
  });

  const [t2, t3, t4] = utf8.blocks.filter((b): b is Table => b.type === "table");
  const row = (t: Table | undefined, r: number): string[] => t!.rows[r]!.map((c) => c.text);

  it("prints table 二 with the 2021 layout: clause rows over four columns, single values over three", () => {
    expect(t2!.rows.length).toBe(14);
    expect(row(t2, 0)).toEqual(Array(4).fill("第二十条第（一）项"));
    expect(row(t2, 3)).toEqual(["行政规范性文件", "1", "0", "1"]);
    expect(row(t2, 12)).toEqual(["信息内容", ...Array(3).fill("本年收费金额（单位：万元，保留4位小数）")]);
    expect(row(t2, 13)).toEqual(["行政事业性收费", "6076", "6076", "6076"]);
    expect(t2!.rows[13]![3]).toMatchObject({ originCol: 1, colSpan: 3 });
  });

  it("prints table 三 with the 2021 merges and the text's values, blanks kept blank", () => {
    expect(t3!.rows.length).toBe(28);
    expect(t3!.rows[0]![0]).toMatchObject({ text: "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)", rowSpan: 3, colSpan: 3 });
    expect(t3!.rows[0]![3]).toMatchObject({ text: "申请人情况", colSpan: 7 });
    expect(row(t3, 2).slice(3)).toEqual(["自然人", "商业企业", "科研机构", "社会组织", "法律服务机构", "其他", "总计"]);
    expect(row(t3, 3)).toEqual([...Array(3).fill("一、本年新收政府信息公开申请数量"), ...Array(7).fill("0")]);
    expect(t3!.rows[5]![0]).toMatchObject({ text: "三、本年度办理结果", rowSpan: 22 });
    expect(row(t3, 5).slice(1)).toEqual(["(一) 予以公开", "(一) 予以公开", "", "", "", "", "", "", "0"]);
    expect(row(t3, 7).slice(1)).toEqual(["(三) 不予公开", "1. 属于国家秘密", "", "", "", "", "", "", "0"]);
    expect(row(t3, 8)[2]).toBe("2. 其他法律法规禁止公开");
    expect(t3!.rows[7]![1]).toMatchObject({ rowSpan: 8 });
    expect(t3!.rows[15]![1]).toMatchObject({ text: "(四) 无法提供", rowSpan: 3 });
    expect(t3!.rows[18]![1]).toMatchObject({ text: "(五) 不予处理", rowSpan: 5 });
    expect(t3!.rows[23]![1]).toMatchObject({ text: "(六) 其他处理", rowSpan: 3 });
    expect(t3!.rows[26]![1]).toMatchObject({ text: "(七) 总计", colSpan: 2 });
    expect(row(t3, 27)).toEqual([...Array(3).fill("四、结转下年度继续办理"), ...Array(7).fill("0")]);
  });

  it("prints table 四 with 行政复议 over five columns, 行政诉讼 over ten and fifteen values", () => {
    expect(t4!.rows.length).toBe(4);
    expect(t4!.rows[0]![5]).toMatchObject({ text: "行政诉讼", colSpan: 10 });
    expect(t4!.rows[2]![0]).toMatchObject({ text: "结果维持", originRow: 1, rowSpan: 2 });
    expect(row(t4, 3)).toEqual(Array(15).fill("0"));
  });
});
