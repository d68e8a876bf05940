/**
 * The steps of the PDF reader on inputs made in memory: the operator-list walk (pdf.js 5's
 * batched constructPath), rulings, grids, cells, tables over page breaks, furniture, reading
 * order and text joining. readPdf itself is tested on real files in pdf.test.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { assignRuns, cellText } from "../../parsers/pdf/cells.js";
import type { Matrix } from "../../parsers/pdf/geometry.js";
import { cellAt, gridOf } from "../../parsers/pdf/grid.js";
import { pdfjs } from "../../parsers/pdf/load.js";
import { readGraphics, type OpsTable } from "../../parsers/pdf/operators.js";
import { findFurniture } from "../../parsers/pdf/page-furniture.js";
import { readingOrder, type Piece } from "../../parsers/pdf/reading-order.js";
import { mergeSegments } from "../../parsers/pdf/rulings.js";
import { toTable, type PageTable } from "../../parsers/pdf/tables.js";
import { buildLines, lineOf } from "../../parsers/pdf/text-lines.js";
import { separatorBetween, tidy } from "../../parsers/pdf/text.js";
import type { Segment, TextRun } from "../../parsers/pdf/types.js";

const run = (str: string, x0: number, y0: number, size = 10, width = str.length * size): TextRun => ({ str, x0, y0, x1: x0 + width, y1: y0 + size, size, vertical: false, seq: 0 });
const h = (at: number, from: number, to: number): Segment => ({ at, from, to });
const v = h;
/** Every border of a grid on xs × ys, less the ones `skip` names ("v r c": the vertical left of column c in row r). */
function rulings(xs: number[], ys: number[], skip: string[] = []): { horizontals: Segment[]; verticals: Segment[] } {
  const horizontals: Segment[] = [];
  const verticals: Segment[] = [];
  ys.forEach((y, r) => xs.slice(0, -1).forEach((x, c) => skip.includes(`h ${r} ${c}`) || horizontals.push(h(y, x, xs[c + 1]!))));
  xs.forEach((x, c) => ys.slice(0, -1).forEach((y, r) => skip.includes(`v ${r} ${c}`) || verticals.push(v(x, y, ys[r + 1]!))));
  return { horizontals: mergeSegments(horizontals), verticals: mergeSegments(verticals) };
}

describe("operators: the page's operator list as pdf.js 5.6 hands it over", () => {
  let OPS: OpsTable;
  beforeAll(async () => {
    OPS = (await pdfjs()).OPS as unknown as OpsTable;
  });
  // The viewport of an A4 page at scale 1: PDF user space → top-left page points.
  const A4: Matrix = [1, 0, 0, -1, 0, 842];
  const path = (paint: string, ...codes: number[]): [number, unknown] => [OPS.constructPath!, [OPS[paint], [Float32Array.from(codes)], [0, 0, 0, 0]]];
  const list = (ops: [number, unknown][]) => ({ fnArray: ops.map((o) => o[0]), argsArray: ops.map((o) => o[1]) });

  it("reads stroked lines and thin filled rectangles under the current transform, and no clip, no white line, no curve", () => {
    const g = readGraphics(
      list([
        [OPS.save!, null],
        [OPS.transform!, [1, 0, 0, 1, 10, 20]],
        path("stroke", 0, 72, 700, 1, 523, 700), // moveTo lineTo: a horizontal line at PDF y 720 after the cm
        path("endPath", 0, 0, 0, 1, 595, 0, 1, 595, 842, 1, 0, 842, 4), // a clipping rectangle: not painted
        [OPS.restore!, null],
        path("fill", 0, 100, 500, 1, 100.5, 500, 1, 100.5, 600, 1, 100, 600, 4), // a 0.5 pt wide filled bar: a vertical ruling
        path("fill", 0, 100, 100, 1, 300, 100, 1, 300, 200, 1, 100, 200, 4), // cell shading: no ruling
        [OPS.setStrokeRGBColor!, ["#ffffff"]],
        path("stroke", 0, 72, 300, 1, 523, 300), // white on white
        [OPS.setStrokeRGBColor!, ["#000000"]],
        path("stroke", 0, 72, 250, 2, 100, 260, 120, 260, 150, 250), // a curve
      ]),
      OPS,
      A4,
      new Set(),
    );
    expect(g.horizontals).toEqual([{ at: 842 - 720, from: 82, to: 533 }]);
    expect(g.verticals).toEqual([{ at: 100.25, from: 842 - 600, to: 842 - 500 }]);
    expect(g.images).toEqual([]);
  });

  it("places images by their transform, and leaves annotation appearances out", () => {
    const g = readGraphics(
      list([
        [OPS.save!, null],
        [OPS.transform!, [595, 0, 0, 842, 0, 0]],
        [OPS.paintImageXObject!, ["img_p0_1", 2, 2]],
        [OPS.restore!, null],
        [OPS.beginAnnotation!, ["a1", [0, 0, 10, 10], [1, 0, 0, 1, 0, 0], [1, 0, 0, 1, 0, 0], false]],
        path("stroke", 0, 0, 5, 1, 10, 5),
        [OPS.endAnnotation!, null],
      ]),
      OPS,
      A4,
      new Set(),
    );
    expect(g.images).toEqual([{ x0: 0, y0: 0, x1: 595, y1: 842 }]);
    expect(g.horizontals).toEqual([]);
  });

  it("rebuilds the text of a vertical font from its glyphs, one column of glyphs one run", () => {
    const glyph = (unicode: string) => ({ unicode, width: 1000, vmetric: [-1000, 500, 880] });
    const g = readGraphics(
      list([
        [OPS.beginText!, null],
        [OPS.setFont!, ["g_d0_f4", 200]],
        [OPS.setTextMatrix!, [Float32Array.from([0.05, 0, 0, 0.05, 80, 300])]],
        [OPS.showText!, [[glyph("三"), glyph("︑"), glyph("本")]]],
        [OPS.setLeadingMoveText!, [0, -600]], // from the line start: under the third glyph
        [OPS.showText!, [[glyph("年")]]],
        [OPS.endText!, null],
      ]),
      OPS,
      A4,
      new Set(["g_d0_f4"]),
    );
    expect(g.verticalRuns).toHaveLength(1);
    const [r] = g.verticalRuns;
    expect(r!.str).toBe("三、本年"); // vertical presentation forms folded (NFKC)
    expect(r!.vertical).toBe(true);
    expect(r!.size).toBeCloseTo(10);
    expect(r!.x0).toBeCloseTo(75);
    expect(r!.x1).toBeCloseTo(85);
    // The first glyph's top is the text position (PDF y 300 = 542 from the top); four glyphs of 10 pt below it.
    expect(r!.y0).toBeCloseTo(542, 0);
    expect(r!.y1).toBeCloseTo(582, 0);
  });
});

describe("rulings and grids", () => {
  it("merges a line drawn cell by cell, a hair apart, into one ruling", () => {
    expect(mergeSegments([h(100, 72, 150), h(100.4, 150, 300), h(99.8, 301, 523), h(140, 72, 523)])).toEqual([
      { at: expect.closeTo(100.07, 1), from: 72, to: 523 },
      { at: 140, from: 72, to: 523 },
    ]);
  });

  it("reads a missing internal border as a merged cell, and keeps merged cells rectangular", () => {
    const xs = [72, 150, 300, 400];
    const ys = [100, 130, 160, 190];
    // Column 0 rows 1–2 merged (no rule between them); row 0 columns 1–2 merged.
    const { horizontals, verticals } = rulings(xs, ys, ["h 2 0", "v 0 2"]);
    const g = gridOf(horizontals, verticals);
    expect(g.xs).toEqual(xs);
    expect(g.ys).toEqual(ys);
    expect(g.cells).toEqual([
      { r0: 0, r1: 1, c0: 0, c1: 1 },
      { r0: 0, r1: 1, c0: 1, c1: 3 },
      { r0: 1, r1: 3, c0: 0, c1: 1 },
      { r0: 1, r1: 2, c0: 1, c1: 2 },
      { r0: 1, r1: 2, c0: 2, c1: 3 },
      { r0: 2, r1: 3, c0: 1, c1: 2 },
      { r0: 2, r1: 3, c0: 2, c1: 3 },
    ]);
    expect(cellAt(g, 2, 0)).toBe(cellAt(g, 1, 0));
  });

  it("cuts a run drawn across a column border, and joins a label wrapped in its cell", () => {
    const { horizontals, verticals } = rulings([72, 140, 300], [100, 140]);
    const g = gridOf(horizontals, verticals);
    // "行政许可550" (10 pt: 4 × 10 + 3 × 5 wide): pdf.js found the glyphs close enough to make one item of them.
    const { perCell, outside } = assignRuns(g, [run("行政许可550", 100, 110, 10, 55), run("页脚", 100, 800)]);
    expect(outside.map((r) => r.str)).toEqual(["页脚"]);
    expect(perCell.map((rs) => rs.map((r) => r.str).join(""))).toEqual(["行政许可", "550"]);
    const wrapped = [run("（二）部分公开（区分处理的", 75, 102, 9), run("，只计这一情形）", 75, 113, 9)];
    expect(cellText(wrapped, { x0: 72, y0: 100, x1: 200, y1: 140 })).toBe("（二）部分公开（区分处理的，只计这一情形）");
    const vertical = ["三、", "本", "年", "度"].map((s, i) => run(s, 75, 100 + 12 * i, 9, 9 * s.length));
    expect(cellText(vertical, { x0: 72, y0: 100, x1: 90, y1: 160 })).toBe("三、本年度");
    const numbers = [run("12", 75, 102, 9, 10), run("5", 75, 113, 9, 5)];
    expect(cellText(numbers, { x0: 72, y0: 100, x1: 200, y1: 140 })).toBe("12\n5");
  });
});

describe("tables over page breaks", () => {
  const part = (page: number, ys: number[], texts: string[][], skip: string[] = []): PageTable => {
    const xs = [72, 150, 300];
    const { horizontals, verticals } = rulings(xs, ys, skip);
    const grid = gridOf(horizontals, verticals);
    return { page, grid, texts: grid.cells.map((c) => texts[c.r0]![c.c0]!), inferred: false };
  };

  it("keeps two one-row labels apart: 行政处罚 at the foot of one page, 行政强制 at the head of the next", () => {
    const a = part(1, [700, 730, 760], [["信息内容", "本年处理决定数量"], ["行政处罚", "4119"]]);
    const b = part(2, [72, 102], [["行政强制", "195"]]);
    const { table } = toTable({ parts: [a, b] }, 0);
    expect(table.rows.map((r) => r.map((c) => c.text))).toEqual([
      ["信息内容", "本年处理决定数量"],
      ["行政处罚", "4119"],
      ["行政强制", "195"],
    ]);
    expect(table.rows[2]![0]!.pos).toMatchObject({ page: 2, row: 2, col: 0 });
  });

  it("continues a merged label whose continuation is empty", () => {
    const a = part(1, [700, 730, 760], [["（四）无法提供", "1.本机关不掌握相关政府信息"], ["", "2.没有现成信息需要另行制作"]], ["h 1 0"]);
    const b = part(2, [72, 102], [["", "3.补正后申请内容仍不明确"]]);
    const { table } = toTable({ parts: [a, b] }, 0);
    expect(table.rows[0]![0]).toMatchObject({ text: "（四）无法提供", rowSpan: 3 });
    expect(table.rows[2]![0]).toMatchObject({ originRow: 0, originCol: 0 });
  });
});

describe("page furniture", () => {
  it("takes page numbers in the margins and running headers out, never a number inside a table", () => {
    const pages = [1, 2, 3].map((n) => ({
      height: 842,
      lines: [
        lineOf([run("某某市人民政府办公室文件", 200, 30)]),
        lineOf([run("正文", 72, 400)]),
        lineOf([run(`- ${n} -`, 280, 800, 10, 30)]),
        ...(n === 2 ? [lineOf([run("7", 300, 770, 10, 10)])] : []),
      ],
      tables: n === 2 ? [{ x0: 72, y0: 700, x1: 523, y1: 780 }] : [],
    }));
    const furniture = findFurniture(pages).map((set) => [...set].map((l) => l.text).sort());
    expect(furniture).toEqual([
      ["- 1 -", "某某市人民政府办公室文件"],
      ["- 2 -", "某某市人民政府办公室文件"],
      ["- 3 -", "某某市人民政府办公室文件"],
    ]);
    for (const p of [1, 2, 3]) expect(findFurniture([{ height: 842, lines: [lineOf([run(`第 ${p} 页 共 3 页`, 250, 810)])], tables: [] }])[0]!.size).toBe(1);
    // A bare number is a page number only as the last line of the page, outside any table.
    const bare = (y: number) => findFurniture([{ height: 842, lines: [lineOf([run("12", 290, y, 10, 10)]), lineOf([run("正文", 72, 780)])], tables: [] }])[0]!.size;
    expect(bare(800)).toBe(1);
    expect(bare(770)).toBe(0);
  });
});

describe("reading order and text", () => {
  const piece = (text: string, x0: number, y0: number, x1: number): Piece => ({ text, x0, y0, x1, y1: y0 + 15, size: 15 });

  it("reads a label column and a number column row by row, not as two text columns", () => {
    const pieces = [piece("行政处罚", 72, 100, 132), piece("4119", 400, 100, 430), piece("行政强制", 72, 130, 132), piece("195", 400, 130, 425), piece("行政许可", 72, 160, 132), piece("550", 400, 160, 425)];
    expect(readingOrder(pieces).map((p) => p.piece.text)).toEqual(["行政处罚", "4119", "行政强制", "195", "行政许可", "550"]);
  });

  it("joins CJK without spaces, Latin words with one, and keeps a column gap as a space", () => {
    expect(tidy("邮 编 ： 223100 ， 电 话")).toBe("邮编：223100，电话");
    expect(tidy("2023 年 version 2")).toBe("2023年version 2");
    expect(tidy("\u2f00、总体情况 \u2f8f政")).toBe("一、总体情况行政"); // Kangxi radicals from a font's ToUnicode
    expect(separatorBetween("hzzwgk@126", ".com", 0.5, 10)).toBe("");
    expect(separatorBetween("page", "3", 3, 10)).toBe(" ");
    expect(separatorBetween("政府", "信息", 3, 10)).toBe("");
    expect(separatorBetween("行政许可", "550", 40, 10)).toBe(" ");
    expect(buildLines([run("行政许可", 72, 100), run("550", 400, 101, 10, 15)]).map((l) => l.text)).toEqual(["行政许可 550"]);
  });
});
