import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { strToU8, zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { readDocx } from "../../parsers/docx.js";
import { readHtml } from "../../parsers/html.js";
import { readText } from "../../parsers/text.js";
import { toCellRecord } from "../../src/extract/found.js";
import { extract } from "../../src/extract/index.js";
import { validate } from "../../src/validate/index.js";
import type { GridCell, Paragraph, ParsedDocument, Table } from "../../parsers/model/document.js";
import type { ReaderMessage } from "../../parsers/model/notes.js";
import { NianbaoError } from "../../parsers/model/errors.js";
import { docx, docxPackage, documentXml, encryptedOoxml, numPr, numberingXml, p, run, tbl } from "../support/docx-fixture.js";
import { modelOf } from "../support/model.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CORPUS = process.env.NIANBAO_CORPUS ?? join(ROOT, "..", "shared", "corpus");
const TEMPLATE = join(CORPUS, "docx", "template-2021-blank-govnianbao.docx");
const SAMPLES = join(ROOT, "samples");
const sample = (name: string): Buffer => readFileSync(join(SAMPLES, name));

const tables = (doc: ParsedDocument): Table[] => doc.blocks.filter((b): b is Table => b.type === "table");
const paragraphs = (doc: ParsedDocument): string[] => doc.blocks.filter((b): b is Paragraph => b.type === "paragraph").map((b) => b.text);
const texts = (t: Table): string[][] => t.rows.map((row) => row.map((c) => c.text));
/** Each slot as "originRow,originCol rowSpan×colSpan". */
const origins = (t: Table): string[][] => t.rows.map((row) => row.map((c) => `${c.originRow},${c.originCol} ${c.rowSpan}x${c.colSpan}`));
const only = async (body: string): Promise<Table> => {
  const ts = tables((await readDocx(docx(body))).value);
  expect(ts).toHaveLength(1);
  return ts[0]!;
};

async function rejection(p: Promise<unknown>): Promise<NianbaoError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof NianbaoError) return e;
    throw e;
  }
  throw new Error("expected a NianbaoError");
}

describe("readDocx: tables on Word's grid", () => {
  it("expands w:gridSpan into slots that all point back to the cell's origin", async () => {
    const t = await only(
      tbl(4, [
        [{ text: "第二十条第（五）项", span: 4 }],
        ["信息内容", { text: "本年处理决定数量", span: 3 }],
        ["行政许可", { text: "97", span: 3 }],
      ]),
    );
    expect(texts(t)).toEqual([
      ["第二十条第（五）项", "第二十条第（五）项", "第二十条第（五）项", "第二十条第（五）项"],
      ["信息内容", "本年处理决定数量", "本年处理决定数量", "本年处理决定数量"],
      ["行政许可", "97", "97", "97"],
    ]);
    expect(origins(t)).toEqual([
      ["0,0 1x4", "0,0 1x4", "0,0 1x4", "0,0 1x4"],
      ["1,0 1x1", "1,1 1x3", "1,1 1x3", "1,1 1x3"],
      ["2,0 1x1", "2,1 1x3", "2,1 1x3", "2,1 1x3"],
    ]);
  });

  it("joins w:vMerge restart with the continue cells below it, an absent val meaning continue", async () => {
    const t = await only(
      tbl(3, [
        [{ text: "三、本年度办理结果", vMerge: "restart" }, "（一）予以公开", "5"],
        [{ vMerge: "continue" }, "（二）部分公开", "1"],
        [{ vMerge: "" }, "（三）不予公开", "0"],
        ["四、结转下年度继续办理", "", "2"],
      ]),
    );
    expect(texts(t)).toEqual([
      ["三、本年度办理结果", "（一）予以公开", "5"],
      ["三、本年度办理结果", "（二）部分公开", "1"],
      ["三、本年度办理结果", "（三）不予公开", "0"],
      ["四、结转下年度继续办理", "", "2"],
    ]);
    expect(t.rows.map((r) => origins({ ...t, rows: [r] })[0]![0])).toEqual(["0,0 3x1", "0,0 3x1", "0,0 3x1", "3,0 1x1"]);
  });

  it("merges a block spanning rows and columns (gridSpan + vMerge), as table 三's corner cell", async () => {
    const t = await only(
      tbl(4, [
        [{ text: "（本列数据的勾稽关系）", span: 2, vMerge: "restart" }, { text: "申请人情况", span: 2 }],
        [{ span: 2, vMerge: "continue" }, "自然人", "总计"],
        [{ text: "一、本年新收", span: 2 }, "3", "4"],
      ]),
    );
    expect(origins(t)).toEqual([
      ["0,0 2x2", "0,0 2x2", "0,2 1x2", "0,2 1x2"],
      ["0,0 2x2", "0,0 2x2", "1,2 1x1", "1,3 1x1"],
      ["2,0 1x2", "2,0 1x2", "2,2 1x1", "2,3 1x1"],
    ]);
  });

  it("keeps a vMerge continue that matches no cell above as a cell of its own, with a note", async () => {
    const { value: doc, messages: docMessages } = await readDocx(docx(tbl(2, [["a", "b"], [{ text: "c", vMerge: "continue" }, "d"]])));
    expect(origins(tables(doc)[0]!)).toEqual([
      ["0,0 1x1", "0,1 1x1"],
      ["1,0 1x1", "1,1 1x1"],
    ]);
    expect(docMessages.map((m) => m.ruleId)).toEqual(["VMERGE_UNMATCHED"]);
  });

  it("lays rows with w:gridBefore / w:gridAfter on the grid, the skipped slots as blank cells of their own", async () => {
    const { value: doc, messages: docMessages } = await readDocx(
      docx(
        tbl(4, [
          ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
          { before: 1, cells: ["2", "1", "5"] },
          { after: 2, cells: ["规章", "9"] },
          { before: 1, after: 1, cells: ["x", "y"] },
        ]),
      ),
    );
    const t = tables(doc)[0]!;
    expect(texts(t)).toEqual([
      ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
      ["", "2", "1", "5"],
      ["规章", "9", "", ""],
      ["", "x", "y", ""],
    ]);
    expect(origins(t)[1]).toEqual(["1,0 1x1", "1,1 1x1", "1,2 1x1", "1,3 1x1"]);
    expect(origins(t)[2]).toEqual(["2,0 1x1", "2,1 1x1", "2,2 1x1", "2,3 1x1"]);
    expect(t.rows[1]![1]!.pos).toMatchObject({ table: 0, row: 1, col: 1 });
    expect(docMessages).toEqual([expect.objectContaining({ severity: "info", ruleId: "TABLE_RAGGED", place: { table: 0 } })]);
  });

  it("widens the grid when a row holds more slots than w:tblGrid lists", async () => {
    const t = await only(tbl(2, [["a", "b"], { before: 1, cells: ["c", "d"] }]));
    expect(texts(t)).toEqual([
      ["a", "b", ""],
      ["", "c", "d"],
    ]);
  });

  it("joins legacy w:hMerge restart/continue cells into one cell, an absent val meaning continue", async () => {
    const t = await only(
      tbl(6, [
        [
          { text: "行政复议", hMerge: "restart" },
          { hMerge: "continue" },
          { hMerge: "" },
          { text: "行政诉讼", hMerge: "restart" },
          { hMerge: "continue" },
          { hMerge: "continue" },
        ],
        ["结果维持", "结果纠正", "总计", "结果维持", "结果纠正", "总计"],
      ]),
    );
    expect(texts(t)[0]).toEqual(["行政复议", "行政复议", "行政复议", "行政诉讼", "行政诉讼", "行政诉讼"]);
    expect(origins(t)[0]).toEqual(["0,0 1x3", "0,0 1x3", "0,0 1x3", "0,3 1x3", "0,3 1x3", "0,3 1x3"]);
    expect(origins(t)[1]).toEqual(["1,0 1x1", "1,1 1x1", "1,2 1x1", "1,3 1x1", "1,4 1x1", "1,5 1x1"]);
  });

  it("combines hMerge with gridSpan and vMerge (a header cell two rows high, three columns wide)", async () => {
    const t = await only(
      tbl(4, [
        [{ text: "头", span: 2, hMerge: "restart", vMerge: "restart" }, { hMerge: "continue", vMerge: "restart" }, "x"],
        [{ span: 2, hMerge: "restart", vMerge: "continue" }, { hMerge: "continue", vMerge: "continue" }, "y"],
      ]),
    );
    expect(origins(t)).toEqual([
      ["0,0 2x3", "0,0 2x3", "0,0 2x3", "0,3 1x1"],
      ["0,0 2x3", "0,0 2x3", "0,0 2x3", "1,3 1x1"],
    ]);
  });

  it("drops text Word hides in a merged continuation cell, with a warning that quotes it", async () => {
    const { value: doc, messages: docMessages } = await readDocx(docx(tbl(2, [[{ text: "97", hMerge: "restart" }, { text: "3", hMerge: "continue" }]])));
    expect(texts(tables(doc)[0]!)).toEqual([["97", "97"]]);
    expect(docMessages).toEqual([expect.objectContaining({ severity: "warning", ruleId: "MERGED_TEXT_DROPPED", place: { table: 0, row: 0, col: 1 }, reason: expect.stringContaining('"3"') })]);
  });

  it("gives every slot its grid position and table index", async () => {
    const doc = (await readDocx(docx(tbl(2, [["a", "b"]]) + p("x") + tbl(3, [[{ text: "c", span: 2 }, "d"]])))).value;
    const [t0, t1] = tables(doc);
    expect(t0!.pos).toMatchObject({ table: 0, row: null, col: null, line: null });
    expect(t1!.index).toBe(1);
    const slots: GridCell[] = t1!.rows[0]!;
    expect(slots.map((c) => [c.pos.table, c.pos.row, c.pos.col])).toEqual([
      [1, 0, 0],
      [1, 0, 1],
      [1, 0, 2],
    ]);
  });
});

describe("readDocx: cell text", () => {
  it("joins a cell's paragraphs with \\n, folds whitespace (ideographic spaces, tabs) and drops blank lines", async () => {
    const t = await only(tbl(2, [[{ text: ["商业", "", "企业"] }, { text: ["\u3000\u3000"] }], [{ text: ["a\tb  c"] }, { text: "第一行\n第二行" }]]));
    expect(texts(t)).toEqual([
      ["商业\n企业", ""],
      ["a b c", "第一行\n第二行"],
    ]);
  });

  it("flattens a nested table's text into its cell, without spending a table index", async () => {
    const nested = tbl(2, [["内1", "内2"], ["内3", ""]]);
    const doc = (await readDocx(docx(tbl(2, [[{ text: "外", extra: nested }, "b"]]) + tbl(1, [["next"]])))).value;
    const ts = tables(doc);
    expect(ts.map((t) => t.index)).toEqual([0, 1]);
    expect(texts(ts[0]!)).toEqual([["外\n内1\n内2\n内3", "b"]]);
  });
});

describe("readDocx: paragraphs", () => {
  it("keeps paragraphs and tables in body order, blank paragraphs left out, positions without lines", async () => {
    const { value: doc, messages: docMessages } = await readDocx(docx([p("一、总体情况"), p(""), p("正文。"), tbl(1, [["表"]]), p("三、收到和处理政府信息公开申请情况"), tbl(1, [["表2"]]), p("结尾")].join("")));
    expect(doc.blocks.map((b) => (b.type === "paragraph" ? b.text : `[table ${b.index}]`))).toEqual([
      "一、总体情况",
      "正文。",
      "[table 0]",
      "三、收到和处理政府信息公开申请情况",
      "[table 1]",
      "结尾",
    ]);
    expect(doc.blocks[0]!.pos).toEqual({ line: null, page: null, bbox: null, table: null, row: null, col: null });
    expect(docMessages).toEqual([]);
    expect(doc).toMatchObject({ format: "docx", reader: { method: "ooxml" }, publishedAt: null });
  });

  it("prints w:tab as a tab and w:br as a line break, and keeps the text otherwise as printed", async () => {
    const doc = (await readDocx(docx(p("行政许可\t97") + p("第一行\n第二行") + p("\u3000\u3000本机关  严格落实。")))).value;
    expect(paragraphs(doc)).toEqual(["行政许可\t97", "第一行\n第二行", "本机关  严格落实。"]);
  });

  it("reads tracked insertions, hyperlinks, content controls and field results; leaves out deletions, field codes and hidden text", async () => {
    const body = p(
      [
        run("甲"),
        `<w:ins w:id="1" w:author="a">${run("乙")}</w:ins>`,
        `<w:del w:id="2" w:author="a"><w:r><w:delText>删</w:delText></w:r></w:del>`,
        `<w:hyperlink r:id="rId9">${run("丙")}</w:hyperlink>`,
        `<w:sdt><w:sdtPr/><w:sdtContent>${run("丁")}</w:sdtContent></w:sdt>`,
        `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${run("3")}<w:r><w:fldChar w:fldCharType="end"/></w:r>`,
        run("隐", "<w:vanish/>"),
        `<w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="0" w:name="x"/>`,
      ].join(""),
    );
    const { value: doc, messages: docMessages } = await readDocx(docx(body));
    expect(paragraphs(doc)).toEqual(["甲乙丙丁3"]);
    expect(docMessages).toEqual([]);
  });

  it("reads a text box's paragraphs after the paragraph that anchors it, once (the VML fallback skipped)", async () => {
    const box = `<w:txbxContent>${p("框内文字")}</w:txbxContent>`;
    const anchor = `<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><wps:txbx xmlns:wps="x">${box}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox xmlns:v="v">${box}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>`;
    const doc = (await readDocx(docx(p(run("锚") + anchor) + p("后")))).value;
    expect(paragraphs(doc)).toEqual(["锚", "框内文字", "后"]);
  });

  it("prints automatic list numbers (一、 二、 and 1. 2.), as headings are found by their printed text", async () => {
    const numbering = numberingXml([
      ["chineseCounting", "%1、", "nothing"],
      ["decimal", "%2.", "space"],
    ]);
    const body = [p("总体情况", numPr("1")), p("第一点", numPr("1", 1)), p("第二点", numPr("1", 1)), p("主动公开政府信息情况", numPr("1")), p("又一点", numPr("1", 1))].join("");
    const doc = (await readDocx(docx(body, { numbering }))).value;
    expect(paragraphs(doc)).toEqual(["一、总体情况", "1. 第一点", "2. 第二点", "二、主动公开政府信息情况", "1. 又一点"]);
  });

  it("continues one list across paragraphs in between, and numbers a tab-suffixed level with a tab", async () => {
    const numbering = numberingXml([["chineseCounting", "%1、"]]);
    const body = [p("a", numPr("1")), p("插入的段落"), p("b", numPr("1")), ...Array.from({ length: 9 }, (_, i) => p(`c${i}`, numPr("1")))].join("");
    const got = paragraphs((await readDocx(docx(body, { numbering }))).value);
    expect(got.slice(0, 3)).toEqual(["一、\ta", "插入的段落", "二、\tb"]);
    expect(got.at(-1)).toBe("十一、\tc8");
  });

  it("takes metaTitle from docProps/core.xml", async () => {
    expect(((await readDocx(docx(p("x"), { title: "某某局2023年政府信息公开工作年度报告" }))).value).metaTitle).toBe("某某局2023年政府信息公开工作年度报告");
    expect(((await readDocx(docx(p("x")))).value).metaTitle).toBeNull();
  });
});

describe("readDocx: packages", () => {
  it("finds the main part through the package relationships (word/document2.xml)", async () => {
    const doc = (await readDocx(docxPackage(documentXml(p("二号文档")), { mainPart: "word/document2.xml" }))).value;
    expect(paragraphs(doc)).toEqual(["二号文档"]);
  });

  it("reads a document that binds WordprocessingML to another prefix", async () => {
    const doc = (await readDocx(docxPackage(documentXml(p("前缀") + tbl(2, [[{ text: "x", span: 2 }]]), "ns0")))).value;
    expect(paragraphs(doc)).toEqual(["前缀"]);
    expect(origins(tables(doc)[0]!)).toEqual([["0,0 1x2", "0,0 1x2"]]);
  });

  it("decodes character references and keeps leading zeros and spaces of w:t", async () => {
    const xml = documentXml(`<w:p><w:r><w:t xml:space="preserve">&#x4E2D;&#22269; 0097 &amp; &lt;</w:t></w:r></w:p>`);
    expect(paragraphs((await readDocx(docxPackage(xml))).value)).toEqual(["中国 0097 & <"]);
  });

  it("names an unknown element it read through, once", async () => {
    const { value: doc, messages: docMessages } = await readDocx(docx(`<w:p><w:foo>${run("甲")}</w:foo><w:foo/></w:p>`));
    expect(paragraphs(doc)).toEqual(["甲"]);
    expect(docMessages).toEqual([{ ruleId: "DOCX_ELEMENT_UNKNOWN", severity: "info", source: "read", place: null, reason: expect.stringContaining("w:foo") }]);
  });

  it("warns that an embedded w:altChunk document is not read", async () => {
    const { value: doc, messages: docMessages } = await readDocx(docx(p("前") + `<w:altChunk r:id="rId5"/>`));
    expect(docMessages.map((m) => [m.severity, m.ruleId])).toEqual([["warning", "DOCX_ALTCHUNK"]]);
  });

  it("cross-checks with mammoth on request: nothing unread on a clean file", async () => {
    const { value: doc, messages: docMessages } = await readDocx(docx(p("一、总体情况") + tbl(2, [["a", { text: "b", vMerge: "restart" }], ["c", { vMerge: "continue" }]])), { crossCheck: true });
    expect(docMessages.filter((m) => m.ruleId === "DOCX_TEXT_UNREAD")).toEqual([]);
  });

  it("cross-checks with mammoth on request: text mammoth reads and this reader leaves out (hidden text) is named", async () => {
    const { value: doc, messages: docMessages } = await readDocx(docx(p("可见") + p(run("隐藏的文字", "<w:vanish/>"))), { crossCheck: true });
    expect(paragraphs(doc)).toEqual(["可见"]);
    expect(docMessages).toEqual([{ ruleId: "DOCX_TEXT_UNREAD", severity: "warning", source: "read", place: null, reason: expect.stringContaining("隐藏的文字") }]);
  });
});

describe("readDocx: files it cannot read fail fast with PARSE_FAILED", () => {
  const good = docx(p("一、总体情况") + tbl(2, [["a", "b"]]));

  it("a zip cut short", async () => {
    const t = performance.now();
    const e = await rejection(readDocx(good.subarray(0, Math.floor(good.length / 2))));
    expect(e).toMatchObject({ code: "PARSE_FAILED", stage: "parse", context: { reason: "damaged" } });
    expect(e.message).toMatch(/^the DOCX is damaged: /);
    expect(performance.now() - t).toBeLessThan(1000);
  });

  it("a zip whose compressed document is corrupted", async () => {
    const bad = docxPackage(documentXml(p("x".repeat(5000))), {});
    const copy = new Uint8Array(bad);
    // The main part's compressed bytes: overwrite them with garbage, keeping the directory intact.
    const at = Buffer.from(copy).indexOf(Buffer.from("word/document.xml")) + "word/document.xml".length;
    copy.fill(0xff, at, at + 40);
    const e = await rejection(readDocx(copy));
    expect(e.code).toBe("PARSE_FAILED");
    expect(e.message).toMatch(/^the DOCX is damaged: /);
  });

  it("a zip without word/document.xml", async () => {
    const zip = zipSync({ "hello.txt": strToU8("hi") });
    const e = await rejection(readDocx(zip));
    expect(e).toMatchObject({ code: "PARSE_FAILED", message: "not a Word document", context: { reason: "not-word" } });
  });

  it("an Excel workbook, named as such", async () => {
    const zip = zipSync({ "xl/workbook.xml": strToU8("<workbook/>"), "[Content_Types].xml": strToU8("<Types/>") });
    const e = await rejection(readDocx(zip));
    expect(e).toMatchObject({ code: "PARSE_FAILED", message: "not a Word document: an Excel workbook" });
  });

  it("a password-protected DOCX (an OLE file with EncryptionInfo / EncryptedPackage)", async () => {
    const e = await rejection(readDocx(encryptedOoxml()));
    expect(e).toMatchObject({ code: "PARSE_FAILED", stage: "parse", message: "the document is password-protected", context: { reason: "encrypted" } });
  });

  it("garbage bytes, and a Word 97 OLE file handed to the DOCX reader", async () => {
    const garbage = new Uint8Array(4096).map((_, i) => (i * 7919) % 251);
    expect(await rejection(readDocx(garbage))).toMatchObject({ code: "PARSE_FAILED", message: expect.stringMatching(/^the DOCX is damaged: /) });
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await rejection(readDocx(ole))).toMatchObject({ code: "PARSE_FAILED", context: { reason: "ole" } });
  });

  it("a zip bomb: more declared bytes, more entries, or a bigger part than the limits", async () => {
    const zip = docxPackage(documentXml(p("x".repeat(100_000))));
    expect(await rejection(readDocx(zip, { limits: { maxZipTotalBytes: 50_000 } }))).toMatchObject({ code: "PARSE_FAILED", context: { reason: "too-large" } });
    expect(await rejection(readDocx(zip, { limits: { maxZipEntries: 3 } }))).toMatchObject({ code: "PARSE_FAILED", context: { reason: "too-large" } });
    expect(await rejection(readDocx(zip, { limits: { maxZipPartBytes: 50_000 } }))).toMatchObject({ code: "PARSE_FAILED", context: { reason: "too-large" } });
  });

  it("a part that inflates past the size its directory entry declares (a lying zip bomb)", async () => {
    const zip = new Uint8Array(docxPackage(documentXml(p("x".repeat(100_000)))));
    const v = new DataView(zip.buffer);
    // Central directory entry of word/document.xml: uncompressed size at +24, name at +46.
    const name = Buffer.from("word/document.xml");
    let at = -1;
    for (let i = 0; i < zip.length - 4; i++) {
      if (v.getUint32(i, true) === 0x02014b50 && Buffer.from(zip.subarray(i + 46, i + 46 + name.length)).equals(name)) at = i;
    }
    expect(at).toBeGreaterThan(0);
    v.setUint32(at + 24, 1000, true);
    const t = performance.now();
    const e = await rejection(readDocx(zip));
    expect(e).toMatchObject({ code: "PARSE_FAILED", context: { reason: "too-large" } });
    expect(performance.now() - t).toBeLessThan(1000);
  });

  it("an empty file is EMPTY_INPUT", async () => {
    expect(await rejection(readDocx(new Uint8Array(0)))).toMatchObject({ code: "EMPTY_INPUT", stage: "parse" });
  });
});

describe.skipIf(!existsSync(TEMPLATE))("readDocx: the blank 2021 template (real Word merged-cell XML)", () => {
  let doc: ParsedDocument;
  let docMessages: ReaderMessage[];
  beforeAll(async () => {
    ({ value: doc, messages: docMessages } = await readDocx(readFileSync(TEMPLATE), { crossCheck: true }));
  });

  it("reads the section headings in order, with the three tables where they stand", () => {
    expect(doc.blocks.map((b) => (b.type === "paragraph" ? b.text : `[table ${b.index}]`))).toEqual([
      "政府信息公开工作年度报告格式模板",
      "一、总体情况",
      "（文字描述）",
      "二、主动公开政府信息情况",
      "[table 0]",
      "三、收到和处理政府信息公开申请情况",
      "[table 1]",
      "四、政府信息公开行政复议、行政诉讼情况",
      "[table 2]",
      "五、存在的主要问题及改进情况",
      "（文字描述）",
      "六、其他需要报告的事项",
      "（文字描述，收取信息处理费情况在此处报告。）",
    ]);
  });

  it("lays out table 二 as 14 rows × 4 columns, the 第二十条 rows one cell across", () => {
    const t = tables(doc)[0]!;
    expect(t.rows.map((r) => r.length)).toEqual(Array(14).fill(4));
    expect(origins(t)[0]).toEqual(Array(4).fill("0,0 1x4"));
    expect(texts(t)[1]).toEqual(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]);
    expect(texts(t)[2]).toEqual(["规章", "", "", ""]);
    expect(texts(t)[6]).toEqual(["行政许可", "", "", ""]);
    expect(origins(t)[6]).toEqual(["6,0 1x1", "6,1 1x3", "6,1 1x3", "6,1 1x3"]);
    expect(texts(t)[12]![1]).toBe("本年收费金额（单位：万元）");
  });

  it("lays out table 三 as 28 rows × 10 columns with its corner block and the 办理结果 column merged", () => {
    const t = tables(doc)[1]!;
    expect(t.rows.map((r) => r.length)).toEqual(Array(28).fill(10));
    expect(origins(t)[0]!.slice(0, 4)).toEqual(["0,0 3x3", "0,0 3x3", "0,0 3x3", "0,3 1x7"]);
    expect(origins(t)[2]!.slice(0, 4)).toEqual(["0,0 3x3", "0,0 3x3", "0,0 3x3", "1,3 2x1"]);
    expect(texts(t)[2]!.slice(3)).toEqual(["自然人", "商业\n企业", "科研\n机构", "社会公益组织", "法律服务机构", "其他", "总计"]);
    expect(t.rows[5]![0]).toMatchObject({ text: "三、本年度办理结果", originRow: 5, originCol: 0, rowSpan: 22, colSpan: 1 });
    expect(t.rows[26]![0]!.originRow).toBe(5);
    expect(t.rows[7]![1]).toMatchObject({ text: "（三）不予公开", rowSpan: 8 });
    expect(texts(t)[27]!.slice(0, 3)).toEqual(Array(3).fill("四、结转下年度继续办理"));
    // Every value slot of the blank template is blank.
    for (let r = 3; r < 28; r++) expect(texts(t)[r]!.slice(3)).toEqual(Array(7).fill(""));
  });

  it("lays out table 四 as 4 rows × 15 columns: 行政复议 over 5, 行政诉讼 over 10, a blank value row", () => {
    const t = tables(doc)[2]!;
    expect(t.rows.map((r) => r.length)).toEqual([15, 15, 15, 15]);
    expect(origins(t)[0]).toEqual([...Array(5).fill("0,0 1x5"), ...Array(10).fill("0,5 1x10")]);
    expect(origins(t)[2]!.slice(0, 6)).toEqual(["1,0 2x1", "1,1 2x1", "1,2 2x1", "1,3 2x1", "1,4 2x1", "2,5 1x1"]);
    expect(texts(t)[1]![4]).toBe("总计");
    expect(texts(t)[3]).toEqual(Array(15).fill(""));
  });

  it("extracts as the 2021 template with every value null and CELL_MISSING, not a crash", () => {
    const x = extract(doc);
    expect(x.template).toBe("2021");
    expect(x.cells.length).toBeGreaterThan(100);
    expect(x.cells.map(toCellRecord).filter((c) => c.value !== null)).toEqual([]);
    expect(validate("id", x).map((a) => a.code)).toContain("CELL_MISSING");
  });

  it("sees every paragraph mammoth sees", () => {
    expect(docMessages.filter((m) => m.severity === "warning")).toEqual([]);
  });
});

const model = modelOf;

describe.skipIf(!existsSync(join(SAMPLES, "mengjin-czj-2022.docx")))("readDocx: the committed samples", () => {
  it("mengjin-czj-2022.docx: table 二's data rows start late (gridBefore), table 四's header is hMerge", async () => {
    const { value: doc, messages: docMessages } = await readDocx(sample("mengjin-czj-2022.docx"), { crossCheck: true });
    const [t2, , t4] = tables(doc);
    expect(texts(t2!)[2]).toEqual(["", "规章", "1", "0", "1"]);
    expect(origins(t2!)[2]).toEqual(["2,0 1x1", "2,1 1x1", "2,2 1x1", "2,3 1x1", "2,4 1x1"]);
    expect(texts(t2!)[13]).toEqual(["", "行政事业性收费", "6076", "6076", "6076"]);
    expect(origins(t4!)[0]).toEqual([...Array(5).fill("0,0 1x5"), ...Array(10).fill("0,5 1x10")]);
    expect(docMessages).toEqual([expect.objectContaining({ ruleId: "TABLE_RAGGED", severity: "info", place: { table: 0 } })]);
  });

  it("sample-county-2023.docx: table 二's data rows end early (gridAfter)", async () => {
    const t2 = tables((await readDocx(sample("sample-county-2023.docx"))).value)[0]!;
    expect(texts(t2)[3]).toEqual(["行政规范性文件", "4", "2", "17", ""]);
    expect(origins(t2)[3]![4]).toBe("3,4 1x1");
  });

  it("the DOCX samples give the same model as the HTML page (seed) and the tab text (second report)", async () => {
    expect(model(await readDocx(sample("mengjin-czj-2022.docx")))).toEqual(model(readHtml(sample("mengjin-czj-2022.html"))));
    expect(model(await readDocx(sample("sample-county-2023.docx")))).toEqual(model(readText(sample("sample-county-2023.txt"))));
  });
});
