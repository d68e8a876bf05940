/**
 * The readers' limits (parsers/limits.ts) on inputs built to break them: each over its limit is a
 * PARSE_FAILED with its closed reason, or (HTML nested too deep) a reading with the note that
 * says what was flattened; each just under its limit still reads.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { load } from "cheerio";
import { describe, expect, it } from "vitest";
import { readDocument } from "../../parsers/index.js";
import { readDocx } from "../../parsers/docx.js";
import { readHtml } from "../../parsers/html.js";
import { flattenDeep, lineAt } from "../../parsers/html/flatten.js";
import { visibleText, walkTree, type HtmlNode } from "../../parsers/html/text.js";
import { DEFAULT_LIMITS, resolveLimits } from "../../parsers/limits.js";
import type { Paragraph, ParsedDocument, Table } from "../../parsers/model/document.js";
import { NianbaoError } from "../../parsers/model/errors.js";
import { readPdf } from "../../parsers/pdf.js";
import { buildGrid } from "../../parsers/pdf/grid.js";
import { preflightStreams } from "../../parsers/pdf/streams.js";
import { readText } from "../../parsers/text.js";
import { docx, p, tbl } from "../support/docx-fixture.js";
import { onePagePdf, textContent, zlibBomb } from "../support/pdf-writer.js";
import zlib from "node:zlib";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const SAMPLES = join(ROOT, "samples");
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const page = (body: string): string => `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>t</title></head><body>\n${body}\n</body></html>\n`;
const paragraphs = (doc: ParsedDocument): string[] => doc.blocks.filter((b): b is Paragraph => b.type === "paragraph").map((b) => b.text);
const tables = (doc: ParsedDocument): Table[] => doc.blocks.filter((b): b is Table => b.type === "table");
const MiB = 1024 * 1024;

/** The NianbaoError `f` throws or rejects with. */
async function failure(f: () => unknown): Promise<NianbaoError> {
  try {
    await f();
  } catch (e) {
    if (e instanceof NianbaoError) return e;
    throw e;
  }
  throw new Error("expected a NianbaoError");
}

describe("limits: options and defaults", () => {
  it("resolves given limits over the defaults, per format for the input caps", () => {
    const l = resolveLimits({ maxTableCells: 10, maxInputBytes: { html: 5 } });
    expect(l.maxTableCells).toBe(10);
    expect(l.maxInputBytes.html).toBe(5);
    expect(l.maxInputBytes.pdf).toBe(DEFAULT_LIMITS.maxInputBytes.pdf);
    expect(resolveLimits({ maxDepth: undefined }).maxDepth).toBe(DEFAULT_LIMITS.maxDepth);
  });
});

describe("readDocument: input bytes per format", () => {
  it("refuses an input over its format's cap before reading it (too-large), and reads one at the cap", async () => {
    const html = utf8(page("<p>正文</p>"));
    const e = await failure(() => readDocument(html, { limits: { maxInputBytes: { html: html.length - 1 } } }));
    expect(e).toMatchObject({ code: "PARSE_FAILED", context: { reason: "too-large", limit: "maxInputBytes", bytes: html.length, max: html.length - 1 } });
    expect(e.message).toContain("maxInputBytes.html");
    const ok = await readDocument(html, { limits: { maxInputBytes: { html: html.length } } });
    expect(paragraphs(ok.value)).toContain("正文");
  });

  it("applies the cap of the sniffed format, not of the name: a text file is held to the text cap", async () => {
    const text = utf8("第一行\n第二行\n");
    await expect(readDocument(text, { nameHint: "a.html", limits: { maxInputBytes: { text: 4, html: 1000 } } })).rejects.toMatchObject({ context: { reason: "too-large" } });
    await expect(readDocument(text, { nameHint: "a.html", limits: { maxInputBytes: { text: 1000, html: 4 } } })).resolves.toBeDefined();
  });

  it("counts a crawled page decoded already by its UTF-8 bytes", async () => {
    const text = page("<p>中文内容</p>");
    await expect(readDocument({ text, encoding: "utf-8" }, { limits: { maxInputBytes: { html: Buffer.byteLength(text) - 1 } } })).rejects.toMatchObject({ context: { reason: "too-large" } });
  });

  it("holds a PDF and a DOCX to their caps", async () => {
    const pdf = readFileSync(join(SAMPLES, "mengjin-czj-2022.pdf"));
    await expect(readDocument(pdf, { limits: { maxInputBytes: { pdf: 1000 } } })).rejects.toMatchObject({ code: "PARSE_FAILED", context: { reason: "too-large" } });
    const word = readFileSync(join(SAMPLES, "mengjin-czj-2022.docx"));
    await expect(readDocument(word, { limits: { maxInputBytes: { docx: 1000 } } })).rejects.toMatchObject({ code: "PARSE_FAILED", context: { reason: "too-large" } });
  });
});

describe("readHtml: grid cells per table", () => {
  it("fails a table of 2,000 rows of colspan=1000 (two million slots) at the cap, naming the table and its line", async () => {
    const html = page(`<table>${"<tr><td colspan=1000>1</td></tr>".repeat(2000)}</table>`);
    const e = await failure(() => readHtml(utf8(html)));
    expect(e).toMatchObject({ code: "PARSE_FAILED", context: { reason: "too-many-cells", limit: "maxTableCells", table: 0, rows: 2000, max: 200_000, line: 3 } });
  });

  it("fails a rowspan flood (one-cell rows each spanning to the end) without laying its triangle out", async () => {
    const html = page(`<table>${"<tr><td rowspan=65534>1</td></tr>".repeat(20_000)}</table>`);
    expect(await failure(() => readHtml(utf8(html)))).toMatchObject({ context: { reason: "too-many-cells" } });
  });

  it("counts rows × columns after spans, so a ragged table with one wide row fails too", async () => {
    const html = page(`<table><tr><td colspan=1000>x</td></tr>${"<tr><td>1</td></tr>".repeat(300)}</table>`);
    expect(await failure(() => readHtml(utf8(html)))).toMatchObject({ context: { reason: "too-many-cells", rows: 301 } });
    // The same table reads under a cap it fits in: 301 × 1000 slots.
    const { value } = readHtml(utf8(html), { limits: { maxTableCells: 301_000 } });
    expect(tables(value)[0]!.rows).toHaveLength(301);
  });

  it("reads a table at the cap exactly", () => {
    const html = page(`<table>${"<tr><td>a</td><td>b</td></tr>".repeat(50)}</table>`);
    expect(tables(readHtml(utf8(html), { limits: { maxTableCells: 100 } }).value)[0]!.rows).toHaveLength(50);
    expect(() => readHtml(utf8(html), { limits: { maxTableCells: 99 } })).toThrow(NianbaoError);
  });
});

describe("blocks per document", () => {
  it("fails a document of more paragraphs and tables than maxBlocks, in every reader that makes them", async () => {
    const text = utf8("第一段\n第二段\n1\t2\n第三段\n");
    expect(paragraphs(readText(text, { limits: { maxBlocks: 4 } }).value)).toHaveLength(3);
    expect(await failure(() => readText(text, { limits: { maxBlocks: 3 } }))).toMatchObject({ code: "PARSE_FAILED", context: { reason: "too-large", limit: "maxBlocks", max: 3 } });
    const html = utf8(page("<p>一</p><p>二</p><pre>三\n四</pre><p>五</p>"));
    expect(paragraphs(readHtml(html, { limits: { maxBlocks: 5 } }).value)).toEqual(["一", "二", "三", "四", "五"]);
    expect(await failure(() => readHtml(html, { limits: { maxBlocks: 4 } }))).toMatchObject({ context: { reason: "too-large", limit: "maxBlocks" } });
    const word = docx(p("一") + p("二") + p("三"));
    expect((await readDocx(word, { limits: { maxBlocks: 3 } })).value.blocks).toHaveLength(3);
    expect(await failure(() => readDocx(word, { limits: { maxBlocks: 2 } }))).toMatchObject({ context: { reason: "too-large", limit: "maxBlocks" } });
  });
});

describe("readHtml: elements per page", () => {
  it("refuses a page of more elements than maxElements while tokenizing, before any tree is built", async () => {
    const html = utf8(page("<table><tr><td>1</td><td>2</td></tr></table>".repeat(100)));
    expect(await failure(() => readHtml(html, { limits: { maxElements: 300 } }))).toMatchObject({ code: "PARSE_FAILED", context: { reason: "too-large", limit: "maxElements", max: 300 } });
    expect(tables(readHtml(html, { limits: { maxElements: 600 } }).value)).toHaveLength(100);
  });
});

describe("readHtml: nesting depth", () => {
  const deep = (n: number, inner: string): string => page(`<p>开头</p>\n${"<div>".repeat(n)}${inner}${"</div>".repeat(n)}\n<p>结尾</p>`);

  it("reads 100,000 nested <div>s flattened at the cap: the text kept in order, images too, the note with its line", () => {
    const { value, messages } = readHtml(utf8(deep(100_000, `深处的文字<img src="table3.png">`)));
    expect(paragraphs(value)).toEqual(["开头", "深处的文字", "结尾"]);
    expect(value.figures?.map((f) => f.src)).toEqual(["table3.png"]);
    const m = messages.find((x) => x.ruleId === "HTML_FLATTENED");
    expect(m).toMatchObject({ severity: "warning", place: { line: 4 } });
    // html and body stand above the divs: 510 divs stay, the rest are read as part of the 510th.
    expect(m!.reason).toContain(`${100_000 - (DEFAULT_LIMITS.maxDepth - 2)} deeper element(s)`);
  });

  it("keeps a table nested past the cap as text, and every table above it as a table", () => {
    const inner = "<table><tr><td>行政许可</td><td>97</td></tr></table>";
    const shallow = readHtml(utf8(deep(10, inner)));
    expect(tables(shallow.value)).toHaveLength(1);
    expect(shallow.messages.map((m) => m.ruleId)).not.toContain("HTML_FLATTENED");
    const flattened = readHtml(utf8(deep(2_000, inner)));
    expect(tables(flattened.value)).toHaveLength(0);
    expect(paragraphs(flattened.value).join(" ")).toContain("行政许可 97");
  });

  it("leaves a page within the cap byte for byte as it was", () => {
    for (const name of ["mengjin-czj-2022.html", "mengjin-czj-2022-gbk.html"]) {
      const text = readFileSync(join(SAMPLES, name), "latin1");
      const flat = flattenDeep(text, DEFAULT_LIMITS.maxDepth);
      expect(flat.elements).toBe(0);
      expect(flat.text).toBe(text);
    }
  });

  it("blanks only the tags past the cap, keeping every offset and line", () => {
    const src = "<html><body><div><div class='a'\n><div><b>x</b></div></div></div>\n</body></html>";
    const flat = flattenDeep(src, 3); // html, body, div
    expect(flat.text).toHaveLength(src.length);
    expect(flat.text.split("\n").length).toBe(src.split("\n").length);
    const blank = (t: string): string => t.replace(/[^\n]/g, " ");
    expect(flat.text).toBe("<html><body><div>" + blank("<div class='a'\n><div><b>") + "x" + blank("</b></div></div>") + "</div>\n</body></html>");
    expect(flat.elements).toBe(3);
    expect(lineAt(src, flat.firstOffset)).toBe(1);
  });

  it("does not count implied ends as depth: 100,000 unclosed <p>, <li> and <a> are not nested", () => {
    for (const body of ["<p>段落".repeat(100_000), "<ul>" + "<li>项".repeat(100_000), "<a href=x>链接".repeat(100_000)]) {
      expect(flattenDeep(page(body), DEFAULT_LIMITS.maxDepth).elements).toBe(0);
    }
  });

  it("keeps script and style contents out of the text even past the cap", () => {
    const { value } = readHtml(utf8(deep(1_000, "<script>var x = '脚本';</script><style>p{}</style>正文")));
    expect(paragraphs(value).join(" ")).not.toContain("脚本");
    expect(paragraphs(value).join(" ")).toContain("正文");
  });
});

describe("html/text: walks without recursion", () => {
  /** A chain of `n` nested elements built by hand (parse5 would take minutes to build it). */
  function chain(n: number): HtmlNode {
    const root: HtmlNode = { type: "root", children: [], parent: null };
    let at = root;
    for (let i = 0; i < n; i++) {
      const el: HtmlNode = { type: "tag", name: i % 2 ? "div" : "span", attribs: {}, children: [], parent: at };
      at.children!.push(el);
      at = el;
    }
    at.children!.push({ type: "text", data: "底部", parent: at });
    return root;
  }

  it("reads the text of a tree 200,000 deep (the crawler's pages are not flattened)", () => {
    expect(visibleText(chain(200_000))).toBe("底部");
  });

  it("visits in document order, leaving each node after its children", () => {
    const $ = load("<div><p>a<b>b</b></p><p>c</p></div>");
    const order: string[] = [];
    walkTree(
      $("div").get(0) as unknown as HtmlNode,
      (x) => {
        order.push(x.type === "text" ? x.data! : `<${x.name}>`);
        return x.type !== "text";
      },
      (x) => void order.push(`</${x.name}>`),
    );
    expect(order.join("")).toBe("<div><p>a<b>b</b></p><p>c</p></div>");
  });

  it("gives the same text as before for real pages (the crawler judges pages by it)", () => {
    const $ = load(readFileSync(join(SAMPLES, "mengjin-czj-2022.html"), "utf8"));
    const text = visibleText($("body").get(0) as unknown as HtmlNode);
    expect(text).toContain("孟津区财政局2022年政府信息公开工作年度报告");
    expect(text).not.toMatch(/\s{2}/);
  });
});

describe("readText: grid cells per table", () => {
  it("fails a line of a million tabs without splitting it", async () => {
    const e = await failure(() => readText(utf8(`标题\n${"1\t".repeat(1_000_000)}\n`)));
    expect(e).toMatchObject({ code: "PARSE_FAILED", context: { reason: "too-many-cells", table: 0, rows: 1, line: 2 } });
  });

  it("counts rows × the widest row of a tab table", async () => {
    const text = utf8(`${"a\tb\n".repeat(50)}`);
    expect(tables(readText(text, { limits: { maxTableCells: 100 } }).value)[0]!.rows).toHaveLength(50);
    expect(await failure(() => readText(text, { limits: { maxTableCells: 99 } }))).toMatchObject({ context: { reason: "too-many-cells", rows: 50 } });
  });
});

describe("readDocx: depth and grid cells", () => {
  it("fails XML nested past maxDepth as too-deep, not as damaged", async () => {
    const nested = "<w:sdt><w:sdtContent>".repeat(600) + p("深") + "</w:sdtContent></w:sdt>".repeat(600);
    expect(await failure(() => readDocx(docx(nested)))).toMatchObject({ code: "PARSE_FAILED", context: { reason: "too-deep", limit: "maxDepth", max: 512 } });
    const within = "<w:sdt><w:sdtContent>".repeat(100) + p("深") + "</w:sdtContent></w:sdt>".repeat(100);
    expect((await readDocx(docx(within))).value.blocks).toHaveLength(1);
  });

  it("fails a table whose rows × grid columns pass the cap (gridSpan 1000 over 300 rows)", async () => {
    const rows = Array.from({ length: 300 }, () => [{ text: "x", span: 1000 }]);
    expect(await failure(() => readDocx(docx(tbl(1000, rows))))).toMatchObject({ code: "PARSE_FAILED", context: { reason: "too-many-cells", table: 0, rows: 300 } });
    const { value } = await readDocx(docx(tbl(1000, rows)), { limits: { maxTableCells: 300_000 } });
    expect(tables(value)[0]!.rows).toHaveLength(300);
  });
});

describe("PDF: decoded stream bytes", () => {
  const caps = { maxPdfStreamBytes: 20 * MiB, maxPdfDecodedBytes: 40 * MiB };

  it("counts the corpus samples' streams and lets them through", () => {
    const count = preflightStreams(readFileSync(join(SAMPLES, "mengjin-czj-2022.pdf")), DEFAULT_LIMITS);
    expect(count.streams).toBeGreaterThan(5);
    expect(count.decodedBytes).toBeGreaterThan(100_000);
    expect(count.decodedBytes).toBeLessThan(DEFAULT_LIMITS.maxPdfStreamBytes);
  });

  it("refuses a page stream that inflates past one stream's cap, before pdf.js sees it", async () => {
    const pdf = onePagePdf(zlibBomb(32 * MiB), "/Filter /FlateDecode");
    expect(pdf.length).toBeLessThan(64 * 1024);
    expect(() => preflightStreams(pdf, caps)).toThrow(/maxPdfStreamBytes/);
    expect(await failure(() => readPdf(pdf, { limits: caps }))).toMatchObject({ code: "PARSE_FAILED", context: { reason: "too-large", limit: "maxPdfStreamBytes" } });
  });

  it("refuses streams that pass the file's cap together", () => {
    const many = Buffer.concat([onePagePdf(zlibBomb(16 * MiB), "/Filter /FlateDecode"), ...Array.from({ length: 2 }, () => onePagePdf(zlibBomb(16 * MiB), "/Filter /FlateDecode"))]);
    expect(() => preflightStreams(many, caps)).toThrow(/maxPdfDecodedBytes/);
  });

  it("reads a stream to the end of its deflate data, whatever /Length and an early endstream say", () => {
    const lying = Buffer.concat([onePagePdf(zlibBomb(32 * MiB), "/Filter /FlateDecode")]).toString("latin1").replace(/\/Length \d+/, "/Length 10");
    expect(() => preflightStreams(Buffer.from(lying, "latin1"), caps)).toThrow(/maxPdfStreamBytes/);
  });

  it("follows the filter chain: a Flate inside ASCIIHex, a Flate inside a Flate, an indirect /Filter", () => {
    const bomb = zlibBomb(32 * MiB);
    const hex = Buffer.from(bomb.toString("hex") + ">", "latin1");
    expect(() => preflightStreams(onePagePdf(hex, "/Filter [/ASCIIHexDecode /FlateDecode]"), caps)).toThrow(/maxPdfStreamBytes/);
    const twice = zlib.deflateSync(zlibBomb(16 * MiB));
    expect(() => preflightStreams(onePagePdf(twice, "/Filter [/FlateDecode /FlateDecode]"), { maxPdfStreamBytes: 20 * MiB, maxPdfDecodedBytes: 16 * MiB })).toThrow(/maxPdfDecodedBytes/);
    expect(() => preflightStreams(onePagePdf(bomb, "/Filter 9 0 R"), caps)).toThrow(/maxPdfStreamBytes/);
  });

  it("refuses a file of more than 200,000 compressed streams (each is a zlib call no deadline can interrupt)", () => {
    const one = Buffer.concat([Buffer.from("<< /Filter /FlateDecode >>\nstream\n"), zlib.deflateSync(Buffer.from("q Q")), Buffer.from("\nendstream\n")]);
    const many = Buffer.concat(Array.from({ length: 200_001 }, () => one));
    expect(() => preflightStreams(many, DEFAULT_LIMITS)).toThrow(/more than 200000 compressed streams/);
    expect(preflightStreams(Buffer.concat(Array.from({ length: 1000 }, () => one)), DEFAULT_LIMITS).streams).toBe(1000);
  });

  it("does not count a stream whose dictionary names no Flate (an image's DCT data)", () => {
    const count = preflightStreams(onePagePdf(zlibBomb(32 * MiB), "/Filter /DCTDecode"), caps);
    expect(count.streams).toBe(0);
  });

  it("reads a small PDF it lets through", async () => {
    const pdf = onePagePdf(zlib.deflateSync(textContent("Annual report")), "/Filter /FlateDecode");
    expect(preflightStreams(pdf, caps)).toEqual({ streams: 1, decodedBytes: textContent("Annual report").length });
    const { value } = await readPdf(pdf, { limits: caps });
    expect(value.reader?.pages).toBe(1);
  });

  it("fails a grid of more slots than the cap before laying it out", async () => {
    const xs = Array.from({ length: 1001 }, (_, i) => i * 5);
    const ys = Array.from({ length: 1001 }, (_, i) => i * 5);
    expect(await failure(() => buildGrid(xs, ys, [], [], true))).toMatchObject({ code: "PARSE_FAILED", context: { reason: "too-many-cells", rows: 1000 } });
    expect(buildGrid(xs.slice(0, 11), ys.slice(0, 11), [], [], true).cells).toHaveLength(100);
  });
});
