import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { readPdf } from "../../parsers/pdf.js";
import { scoreReport, type Label } from "../../scripts/score.js";
import { extract } from "../../src/extract/index.js";
import { rowsOf, type Row } from "../../src/extract/rows.js";
import type { Block, GridCell, Paragraph, ParsedDocument, Table } from "../../parsers/model/document.js";
import type { ReaderMessage } from "../../parsers/model/notes.js";
import { NianbaoError } from "../../parsers/model/errors.js";
import { reportOf } from "../support/model.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const FIXTURES = join(ROOT, "test", "fixtures", "pdf");
const CORPUS = process.env.NIANBAO_CORPUS ?? join(ROOT, "..", "shared", "corpus");
const A4 = { width: 595, height: 842 };

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));
const paragraphs = (doc: ParsedDocument): Paragraph[] => doc.blocks.filter((b): b is Paragraph => b.type === "paragraph");
const tables = (doc: ParsedDocument): Table[] => doc.blocks.filter((b): b is Table => b.type === "table");
/** The grid as text, a merged cell written once at its origin and "^" in the slots it covers. */
const grid = (t: Table): string[][] => t.rows.map((row, r) => row.map((c, j) => (c.originRow === r && c.originCol === j ? c.text : "^")));
const cellsOf = (t: Table): GridCell[] => t.rows.flatMap((row, r) => row.filter((c, j) => c.originRow === r && c.originCol === j));
const allText = (doc: ParsedDocument): string[] => doc.blocks.flatMap((b) => (b.type === "paragraph" ? [b.text] : cellsOf(b).map((c) => c.text)));
const valueRows = (t: Table): Row[] => rowsOf([t]).filter((r) => r.values.some((v) => /^\d/.test(v.text.trim())));

async function rejection(p: Promise<unknown>): Promise<NianbaoError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof NianbaoError) return e;
    throw e;
  }
  throw new Error("expected a NianbaoError");
}

/** Every paragraph and cell has a page and a bbox in the model's convention (top-left, x0<x1, y0<y1, on the page). */
function expectPositions(doc: ParsedDocument, pages: number): void {
  const check = (pos: Block["pos"]): void => {
    expect(pos.page).toBeGreaterThanOrEqual(1);
    expect(pos.page).toBeLessThanOrEqual(pages);
    expect(pos.bbox).not.toBeNull();
    const [x0, y0, x1, y1] = pos.bbox!;
    expect(x0).toBeLessThan(x1);
    expect(y0).toBeLessThan(y1);
    expect(x0).toBeGreaterThanOrEqual(0);
    expect(y0).toBeGreaterThanOrEqual(0);
    expect(x1).toBeLessThanOrEqual(A4.width);
    expect(y1).toBeLessThanOrEqual(A4.height);
  };
  for (const b of doc.blocks) {
    check(b.pos);
    if (b.type === "table") {
      for (const c of cellsOf(b)) {
        check(c.pos);
        expect(c.pos.table).toBe(b.index);
        expect(c.pos.row).toBe(c.originRow);
        expect(c.pos.col).toBe(c.originCol);
      }
    }
  }
}

const PROSE =
  "本报告依据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限自2023年1月1日起至2023年12月31日止。本机关全年主动公开政府信息共计312条，依申请公开工作运行平稳，本报告所列机关与数字均为测试编造。";

describe("readPdf: a page with prose and a ruled table (fixtures/pdf/ruled-table.pdf)", () => {
  let doc: ParsedDocument;
  let messages: ReaderMessage[];
  beforeAll(async () => {
    ({ value: doc, messages } = await readPdf(fixture("ruled-table.pdf")));
  });

  it("reads the non-embedded STSong-Light text through pdf.js's CMaps, and the Info title", () => {
    expect(doc.format).toBe("pdf");
    expect(doc.metaTitle).toBe("示例县2023年政府信息公开工作年度报告");
    expect(doc.publishedAt).toBeNull();
    expect(doc.reader).toEqual({ method: "pdfjs", pages: 1, scannedPages: [] });
    expect(messages).toEqual([]);
  });

  it("joins the centred two-line title and the wrapped lines of a paragraph, with no spaces between CJK and digits", () => {
    expect(paragraphs(doc).map((p) => p.text)).toEqual([
      "示例县人民政府2023年政府信息公开工作年度报告",
      "一、总体情况",
      PROSE,
      "三、收到和处理政府信息公开申请情况",
    ]);
  });

  it("builds the grid from the rulings, merged cells included, and reads the vertical label that pdf.js's text content loses", () => {
    const [t] = tables(doc);
    expect(tables(doc)).toHaveLength(1);
    expect(t!.inferred).toBeUndefined();
    expect(grid(t!)).toEqual([
      ["项目", "^", "^", "自然人", "法人或其他组织", "总计"],
      ["一、本年新收政府信息公开申请数量", "^", "^", "5", "2", "7"],
      ["三、本年度办理结果", "（一）予以公开", "^", "1", "0", "1"],
      ["^", "（三）不予公开", "1.属于国家秘密", "0", "0", "0"],
      ["^", "^", "2.其他法律行政法规禁止公开", "1", "1", "2"],
      ["^", "（四）无法提供", "^", "3", "0", "3"],
      ["四、结转下年度继续办理", "^", "^", "1", "1", "2"],
    ]);
    const vertical = t!.rows[2]![0]!;
    expect(vertical).toMatchObject({ originRow: 2, originCol: 0, rowSpan: 4, colSpan: 1 });
    expect(t!.rows[5]![0]).toEqual(vertical); // every slot of a merged cell points back to its origin
    expect(t!.rows[3]![1]).toMatchObject({ text: "（三）不予公开", rowSpan: 2, colSpan: 1 });
    expect(t!.rows[1]![0]).toMatchObject({ rowSpan: 1, colSpan: 3 });
  });

  it("gives extraction label cells then one value per printed number (a merged cell counts once)", () => {
    const rows = valueRows(tables(doc)[0]!);
    expect(rows.map((r) => [r.label, r.values.map((v) => v.text)])).toEqual([
      ["一、本年新收政府信息公开申请数量", ["5", "2", "7"]],
      ["三、本年度办理结果 （一）予以公开", ["1", "0", "1"]],
      ["（三）不予公开 1.属于国家秘密", ["0", "0", "0"]],
      ["2.其他法律行政法规禁止公开", ["1", "1", "2"]],
      ["（四）无法提供", ["3", "0", "3"]],
      ["四、结转下年度继续办理", ["1", "1", "2"]],
    ]);
  });

  it("puts page, bbox (top-left origin, y down) and grid position on every paragraph and cell", () => {
    expectPositions(doc, 1);
    const t = tables(doc)[0]!;
    // The fixture draws the table on x 72…523, y 530…756 from the top; the cell of "5" is column 310–380, row 560–590.
    expect(t.pos).toMatchObject({ page: 1, table: 0 });
    expect(t.pos.bbox!.map(Math.round)).toEqual([72, 530, 523, 756]);
    expect(t.rows[1]![3]!.pos).toMatchObject({ page: 1, table: 0, row: 1, col: 3, line: null });
    expect(t.rows[1]![3]!.pos.bbox!.map(Math.round)).toEqual([310, 560, 380, 590]);
    const title = paragraphs(doc)[0]!;
    expect(title.pos.bbox![1]).toBeLessThan(paragraphs(doc)[1]!.pos.bbox![1]); // higher on the page = smaller y
  });

  it("leaves the page number out and reads table text only in the table", () => {
    expect(allText(doc).some((s) => /^-\s*1\s*-$/.test(s))).toBe(false);
    expect(paragraphs(doc).some((p) => /予以公开|本年新收/.test(p.text))).toBe(false);
  });

  it("does not detach the caller's bytes (pdf.js is handed a copy)", async () => {
    const bytes = fixture("ruled-table.pdf");
    const length = bytes.length;
    (await readPdf(bytes)).value;
    expect(bytes.length).toBe(length);
    expect(bytes.buffer.byteLength).toBeGreaterThan(0);
  });
});

describe("readPdf: a table over a page break (fixtures/pdf/split-table.pdf, rulings drawn as thin filled rectangles)", () => {
  let doc: ParsedDocument;
  let messages: ReaderMessage[];
  beforeAll(async () => {
    ({ value: doc, messages } = await readPdf(fixture("split-table.pdf")));
  });

  it("reads the two parts as one table and drops the header rows repeated on page 2", () => {
    expect(tables(doc)).toHaveLength(1);
    const t = tables(doc)[0]!;
    expect(grid(t).slice(0, 2)).toEqual([
      ["项目", "^", "申请人情况", "^", "^"],
      ["^", "^", "自然人", "法人", "总计"],
    ]);
    expect(allText(doc).filter((s) => s === "申请人情况")).toHaveLength(1);
    expect(t.rows).toHaveLength(14);
    expect(messages).toEqual([
      {
        ruleId: "TABLE_ACROSS_PAGES",
        severity: "info",
        source: "read",
        place: { page: 1, bbox: t.pos.bbox, table: 0 },
        reason: "表1跨第1–2页，作为一张表读取，舍去2行重复的表头。 table 1 runs over pages 1–2 and is read as one table; 2 repeated header row(s) dropped",
      },
    ]);
  });

  it("joins the label cell the page break cut in two: （四）无 + 法提供", () => {
    const t = tables(doc)[0]!;
    expect(grid(t).slice(10)).toEqual([
      ["（四）无法提供", "1.本机关不掌握相关政府信息", "3", "0", "3"],
      ["^", "2.没有现成信息需要另行制作", "1", "0", "1"],
      ["^", "3.补正后申请内容仍不明确", "0", "0", "0"],
      ["四、结转下年度继续办理", "^", "2", "1", "3"],
    ]);
    expect(t.rows[10]![0]).toMatchObject({ rowSpan: 3, pos: { page: 1 } });
    expect(t.rows[11]![1]!.pos.page).toBe(2);
    expect(t.rows[13]![2]!.pos).toMatchObject({ page: 2, row: 13, col: 2 });
    expect(valueRows(t).every((r) => r.values.length === 3)).toBe(true);
    expect(valueRows(t)).toHaveLength(12);
  });

  it("keeps the page numbers, the 续表 caption and the slanted watermark out, and reads on after the table on page 2", () => {
    expect(allText(doc).some((s) => /^-\s*\d\s*-$/.test(s))).toBe(false);
    expect(allText(doc).some((s) => /续表|内部测试资料/.test(s))).toBe(false);
    const last = doc.blocks[doc.blocks.length - 1]!;
    expect(last).toMatchObject({ type: "paragraph", text: "四、政府信息公开行政复议、行政诉讼情况", pos: { page: 2 } });
    expectPositions(doc, 2);
  });
});

describe("readPdf: reading order and unruled tables", () => {
  it("reads two text columns left then right, between a full-width title and closing line", async () => {
    const doc = (await readPdf(fixture("two-columns.pdf"))).value;
    expect(paragraphs(doc).map((p) => p.text)).toEqual([
      "示例县政务公开工作简报",
      "左栏第一段文字从这里开始，介绍本年度主动公开工作的总体安排和主要做法，内容较长需要换行。",
      "右栏第一段文字从这里开始，介绍依申请公开工作的办理流程和答复质量，内容同样需要换行。",
      "以上内容仅用于测试双栏排版的阅读顺序。",
    ]);
  });

  it("infers the columns of tables without column rules from the header's positions, and says so", async () => {
    const { value: doc, messages: docMessages } = await readPdf(fixture("unruled-table.pdf"));
    const [framed, threeLine] = tables(doc);
    expect(framed!.inferred).toBe(true);
    expect(grid(framed!)).toEqual([
      ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
      ["规章", "1", "0", "11"],
      ["行政规范性文件", "8", "26", "66"],
    ]);
    expect(threeLine!.inferred).toBe(true);
    expect(grid(threeLine!)).toEqual([
      ["信息内容", "本年处理决定数量"],
      ["行政处罚", "85"],
      ["行政强制", "6"],
      ["行政许可", "1268"],
    ]);
    expect(docMessages.map((m) => [m.severity, m.ruleId])).toEqual([
      ["warning", "TABLE_INFERRED"],
      ["warning", "TABLE_INFERRED"],
    ]);
    expect(paragraphs(doc).map((p) => p.text)).toEqual(["二、主动公开政府信息情况", "第二十条第（六）项", "以上为测试用数据。"]);
  });
});

describe("readPdf: a landscape page (/Rotate 90, content drawn turned)", () => {
  it("reads table 四 upright, with boxes on the page as displayed (842 wide, 595 high)", async () => {
    const doc = (await readPdf(fixture("landscape-table.pdf"))).value;
    const [t] = tables(doc);
    expect(grid(t!)[0]).toEqual(["行政复议", "^", "^", "^", "^", "行政诉讼", ...Array<string>(9).fill("^")]);
    expect(valueRows(t!).map((r) => r.values.map((v) => v.text))).toEqual([["3", "1", "0", "1", "5", "2", "1", "0", "0", "3", "1", "0", "0", "1", "2"]]);
    expect(t!.pos.bbox!.map(Math.round)).toEqual([72, 100, 762, 230]);
    expect(paragraphs(doc).map((p) => p.text)).toEqual(["四、政府信息公开行政复议、行政诉讼情况"]);
  });
});

describe("readPdf: scanned pages", () => {
  it("lists a page with an image and no text layer in reader.scannedPages, with a SCANNED_PAGES warning", async () => {
    const { value: doc, messages: docMessages } = await readPdf(fixture("scanned-page.pdf"));
    expect(doc.reader).toEqual({ method: "pdfjs", pages: 2, scannedPages: [2] });
    expect(docMessages).toEqual([
      {
        ruleId: "SCANNED_PAGES",
        severity: "warning",
        source: "read",
        place: { page: 2 },
        reason: "第2页是扫描件（只有图像，没有文字层），其文字未读取。 page(s) 2 scanned (images without a text layer): their text is not read",
        context: { pages: [2], all: false },
      },
    ]);
    expect(paragraphs(doc).map((p) => p.text)).toEqual(["一、总体情况", PROSE]);
  });

  it("returns a document without blocks when every page is scanned", async () => {
    const { value: doc, messages: docMessages } = await readPdf(fixture("scanned-all.pdf"));
    expect(doc.blocks).toEqual([]);
    expect(doc.reader).toEqual({ method: "pdfjs", pages: 2, scannedPages: [1, 2] });
    expect(docMessages).toEqual([expect.objectContaining({ ruleId: "SCANNED_PAGES", place: { page: 1 }, context: { pages: [1, 2], all: true } })]);
  });
});

describe("readPdf: damaged and protected files reject quickly with PARSE_FAILED", () => {
  const QUICK_MS = 5000;

  it("a password-protected PDF", async () => {
    const t0 = performance.now();
    const e = await rejection(readPdf(fixture("encrypted-password.pdf")));
    expect(e).toMatchObject({ code: "PARSE_FAILED", stage: "parse", message: "the PDF is password-protected", context: { reason: "encrypted" } });
    expect(performance.now() - t0).toBeLessThan(QUICK_MS);
  });

  it("but a PDF encrypted with an owner password only (permissions) is read", async () => {
    const { value: doc, messages: docMessages } = await readPdf(fixture("encrypted-permissions.pdf"));
    expect(doc.metaTitle).toBe("示例县2023年政府信息公开工作年度报告");
    expect(paragraphs(doc).map((p) => p.text)).toEqual(["一、总体情况", PROSE]);
  });

  it("a truncated PDF (a download cut short)", async () => {
    const whole = fixture("ruled-table.pdf");
    const t0 = performance.now();
    const e = await rejection(readPdf(whole.subarray(0, Math.floor(whole.length * 0.6))));
    expect(e).toMatchObject({ code: "PARSE_FAILED", stage: "parse", context: { reason: "truncated" } });
    expect(e.message).toMatch(/truncated/);
    expect(performance.now() - t0).toBeLessThan(QUICK_MS);
  });

  it("bytes that are not a PDF", async () => {
    const e = await rejection(readPdf(new TextEncoder().encode("<!DOCTYPE html><html><body>404 Not Found</body></html>")));
    expect(e).toMatchObject({ code: "PARSE_FAILED", stage: "parse", message: "not a PDF: no %PDF- header in the first 1024 bytes", context: { reason: "not-pdf" } });
    const empty = await rejection(readPdf(new Uint8Array(0)));
    expect(empty).toMatchObject({ code: "PARSE_FAILED", context: { reason: "empty" } });
  });

  it("a PDF whose body is garbage", async () => {
    const t0 = performance.now();
    const bytes = new TextEncoder().encode(`%PDF-1.7\n${"garbage ".repeat(200)}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`);
    const e = await rejection(readPdf(bytes));
    expect(e).toMatchObject({ code: "PARSE_FAILED", stage: "parse", context: { reason: "damaged" } });
    expect(e.message).toMatch(/^the PDF is damaged: /);
    expect(performance.now() - t0).toBeLessThan(QUICK_MS);
  });
});

// ---------------------------------------------------------------------------------------------
// The real reports of ../shared/corpus (WPS exports). Files are read inside the tests: a skipped
// describe still runs its body.
// ---------------------------------------------------------------------------------------------

const CORPUS_PDFS = ["huaian-2024-shizhengfu", "huaian-hongze-2023-quzhengfu", "huaian-hongze-2024-quzhengfu"] as const;
const haveCorpus = existsSync(join(CORPUS, "pdf", `${CORPUS_PDFS[0]}.pdf`));

describe.skipIf(!haveCorpus)("readPdf on the corpus PDFs", () => {
  const docs = new Map<string, ParsedDocument>();
  const notes = new Map<string, ReaderMessage[]>();
  beforeAll(async () => {
    for (const name of CORPUS_PDFS) {
      const read = await readPdf(new Uint8Array(readFileSync(join(CORPUS, "pdf", `${name}.pdf`))));
      docs.set(name, read.value);
      notes.set(name, read.messages);
    }
  });
  const table = (name: string, marker: RegExp): Table => tables(docs.get(name)!).find((t) => cellsOf(t).some((c) => marker.test(c.text)))!;

  it.each(CORPUS_PDFS)("%s: three tables, each over its page break read as one, and no page number anywhere", (name) => {
    const doc = docs.get(name)!;
    expect(tables(doc)).toHaveLength(3);
    expect(allText(doc).some((s) => /^[-－—]\s*\d+\s*[-－—]$/.test(s))).toBe(false);
    expect(notes.get(name)!.filter((m) => m.ruleId === "TABLE_ACROSS_PAGES")).toHaveLength(2);
    expect(notes.get(name)!.filter((m) => m.severity === "warning")).toEqual([]);
    expectPositions(doc, doc.reader!.pages!);
  });

  it.each(CORPUS_PDFS)("%s: table 三 has its data rows as label cells then 7 values, under the vertical 三、本年度办理结果", (name) => {
    const t = table(name, /本年新收/);
    const rows = valueRows(t);
    expect(rows.length).toBeGreaterThanOrEqual(23);
    // 洪泽 2024 draws an empty label cell after （六）其他处理 and （七）总计: it stays, blank, before the values.
    const values = (r: Row): string[] => r.values.map((v) => v.text).join("\u0001").replace(/^(\u0001)+/, "").split("\u0001");
    for (const r of rows) expect(values(r), r.label).toHaveLength(7);
    expect(cellsOf(t).find((c) => c.text === "三、本年度办理结果")!.rowSpan).toBeGreaterThanOrEqual(20);
    expect(cellsOf(t).find((c) => c.text === "（四）无法提供")!.rowSpan).toBe(3);
  });

  it.each(CORPUS_PDFS)("%s: table 四 has one data row of 15 values; table 二 its block rows", (name) => {
    const rows4 = valueRows(table(name, /复议后起诉/));
    expect(rows4).toHaveLength(1);
    expect(rows4[0]!.values).toHaveLength(15);
    const rows2 = valueRows(table(name, /第二十条/));
    expect(rows2.map((r) => [r.label, r.values.length])).toEqual([
      ["规章", 3],
      ["行政规范性文件", 3],
      ["行政许可", 1],
      ["行政处罚", 1],
      ["行政强制", 1],
      ["行政事业性收费", 1],
    ]);
  });

  it("hongze 2023: the 行政复议 总计 0 sits under its header where VERIFICATION.md measured it (x 213–220)", () => {
    const doc = docs.get("huaian-hongze-2023-quzhengfu")!;
    expect(doc.metaTitle).toBe("洪泽区人民政府2023年政府信息公开工作年度报告");
    const row = valueRows(table("huaian-hongze-2023-quzhengfu", /复议后起诉/))[0]!;
    const total = row.values[4]!;
    expect(total.text).toBe("0");
    expect(total.pos.page).toBe(4);
    const [x0, , x1] = total.pos.bbox!;
    expect(x0).toBeLessThanOrEqual(213);
    expect(x1).toBeGreaterThanOrEqual(220);
  });

  it("shizhengfu 2024: 61 of row 一 is in the 法律服务机构 column (x 421–429), and （四）无法提供 spans the page break", () => {
    const t = table("huaian-2024-shizhengfu", /本年新收/);
    const row = valueRows(t).find((r) => r.label.startsWith("一、本年新收"))!;
    expect(row.values.map((v) => v.text)).toEqual(["3001", "53", "0", "0", "61", "4", "3119"]);
    const [x0, , x1] = row.values[4]!.pos.bbox!;
    expect(x0).toBeLessThanOrEqual(421);
    expect(x1).toBeGreaterThanOrEqual(429);
    const unavailable = cellsOf(t).find((c) => c.text === "（四）无法提供")!;
    expect(unavailable.pos.page).toBe(4);
    const pages = new Set(t.rows.slice(unavailable.originRow, unavailable.originRow + unavailable.rowSpan).map((r) => r[unavailable.originCol + 1]!.pos.page));
    expect([...pages]).toEqual([4, 5]);
  });

  it.each(CORPUS_PDFS)("%s: every labelled cell right, the publisher's errors flagged and nothing else", (name) => {
    const label = JSON.parse(readFileSync(join(CORPUS, "labels", `${name}.json`), "utf8")) as Label;
    const doc = docs.get(name)!;
    const report = reportOf(doc);
    const s = scoreReport(report, label);
    expect(s.diffs).toEqual([]);
    expect(s.correct).toBe(s.compared);
    expect(s.meta).toEqual({ title: true, agency: true, year: true, template: true, sections: true });
    expect(s.missingAnomalies).toEqual([]);
    expect(s.unexpectedArithmetic).toEqual([]);
    const t4 = report.anomalies.filter((a) => a.code === "T4_SUM").map((a) => a.paths[0]);
    expect(t4).toEqual(name === "huaian-hongze-2023-quzhengfu" ? ["reviewLitigation.review.total", "reviewLitigation.litigationAfterReview.total"] : []);
  });
});
