import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { readHtml } from "../../parsers/html.js";
import { readDocument } from "../../parsers/index.js";
import { parseReport } from "../../src/pipeline.js";
import type { Paragraph, ParsedDocument, Table } from "../../parsers/model/document.js";
import { NianbaoError } from "../../parsers/model/errors.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const FIXTURES = join(ROOT, "test", "fixtures", "html");
const CORPUS = process.env.NIANBAO_CORPUS ?? join(ROOT, "..", "shared", "corpus");
const SHANGHAI = join(CORPUS, "html", "shanghai-bangongting-2019-reconstructed.html");
const HANDAN = join(CORPUS, "..", "reference", "sites", "xxgk_article_handan_infobox_excerpt.html");

const fixture = (name: string): Uint8Array => readFileSync(join(FIXTURES, name));
const utf8 = (html: string): Uint8Array => new TextEncoder().encode(html);
const paragraphs = (doc: ParsedDocument): string[] => doc.blocks.filter((b): b is Paragraph => b.type === "paragraph").map((b) => b.text);
const tables = (doc: ParsedDocument): Table[] => doc.blocks.filter((b): b is Table => b.type === "table");
const texts = (t: Table): string[][] => t.rows.map((row) => row.map((c) => c.text));
const page = (body: string, head = `<meta charset="utf-8">`): string => `<!DOCTYPE html>\n<html><head>${head}</head><body>\n${body}\n</body></html>\n`;

function thrown(f: () => unknown): NianbaoError {
  try {
    f();
  } catch (e) {
    if (e instanceof NianbaoError) return e;
    throw e;
  }
  throw new Error("expected a NianbaoError");
}

describe("readHtml: finding the body among page chrome", () => {
  const { value: doc, messages: docMessages } = readHtml(fixture("trs-editor-in-chrome.html"));

  it("reads the body inside a TRS_Editor and leaves header, nav, breadcrumb, info box, share bar and footer out", () => {
    expect(doc.format).toBe("html");
    expect(paragraphs(doc)).toEqual(["一、总体情况", "本机关严格落实条例要求。全年主动公开信息100条。", "二、主动公开政府信息情况"]);
    expect(tables(doc)).toHaveLength(1);
    expect(texts(tables(doc)[0]!)).toEqual([
      ["信息内容", "本年制发件数"],
      ["规章", "0"],
    ]);
  });

  it("ignores scripts, noscript and hidden elements inside the body", () => {
    const all = doc.blocks.map((b) => (b.type === "paragraph" ? b.text : texts(b).flat().join(" "))).join("\n");
    expect(all).not.toContain("脚本");
    expect(all).not.toContain("请开启脚本");
    expect(all).not.toContain("隐藏的文字");
  });

  it("takes metaTitle from <title> and publishedAt from meta PubDate, normalising 2024年01月26日", () => {
    expect(doc.metaTitle).toBe("某某局2023年政府信息公开工作年度报告_某某市人民政府");
    expect(doc.publishedAt).toBe("2024-01-26");
  });

  it("has no messages for a clean UTF-8 page with a known container", () => {
    expect(docMessages).toEqual([]);
  });

  it("falls back to og:title or ArticleTitle when <title> is empty", () => {
    const og = readHtml(utf8(page("<p>正文。</p>", `<meta charset="utf-8"><title> </title><meta property="og:title" content="年报 甲">`))).value;
    expect(og.metaTitle).toBe("年报 甲");
    const article = readHtml(utf8(page("<p>正文。</p>", `<meta charset="utf-8"><meta name="ArticleTitle" content="年报 乙">`))).value;
    expect(article.metaTitle).toBe("年报 乙");
    expect(readHtml(utf8(page("<p>正文。</p>"))).value.metaTitle).toBeNull();
  });

  it("chooses the body by text density when no known container exists, and says so", () => {
    const { value: scored, messages: scoredMessages } = readHtml(fixture("scored-body.html"));
    expect(paragraphs(scored)).toEqual([
      "一、总体情况",
      "本年度，本区坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开。",
      "全年主动公开政府信息1200条，其中政策文件86件；受理依申请公开34件，全部按期答复。",
      "二、主动公开政府信息情况",
      "五、存在的主要问题及改进情况",
      "一是公开内容不够全面，二是解读形式较为单一。下一步，我们将加强培训，提高质量。",
    ]);
    expect(tables(scored)).toHaveLength(1);
    expect(scoredMessages.map((m) => m.ruleId)).toEqual(["CONTENT_SCORED"]);
  });

  it("takes publishedAt from a 发布时间 label in the page chrome when there is no meta PubDate", () => {
    expect(readHtml(fixture("scored-body.html")).value.publishedAt).toBe("2021-03-30");
    expect(readHtml(utf8(page("<p>正文没有日期。</p>"))).value.publishedAt).toBeNull();
  });

  it("treats a small box of 索引号/发布机构/发布日期 labels as page metadata even without a known class", () => {
    const html = page(`<div class="top"><p><strong>索引号</strong>：000014348/2020-35147</p><p><strong>发布机构</strong>：某某局</p>
<p><strong>发布日期</strong>：2020年08月02日</p></div>
<div class="main-text"><p>一、总体情况</p><p>本年度，本机关认真贯彻落实条例，稳步推进政务公开。</p></div>`);
    const doc2 = readHtml(utf8(html)).value;
    expect(paragraphs(doc2)).toEqual(["一、总体情况", "本年度，本机关认真贯彻落实条例，稳步推进政务公开。"]);
    expect(doc2.publishedAt).toBe("2020-08-02");
  });

  it("prefers the innermost known container that holds nearly all the text (#zoom around .TRS_Editor)", () => {
    const body = "本年度，本机关认真贯彻落实条例，稳步推进政务公开，全年主动公开政府信息一千二百条，受理依申请公开三十四件，全部按期答复，未发生行政复议和行政诉讼。";
    const doc = readHtml(utf8(page(`<div id="zoom"><div class="TRS_Editor"><p>${body}</p></div><span>【打印】</span></div>`))).value;
    expect(paragraphs(doc)).toEqual([body]);
  });

  it("finds the body marked by national ContentStart/ContentEnd meta tags", () => {
    const { value: doc, messages: docMessages } = readHtml(utf8(page(`<div class="nav"><a href="/">首页</a></div>
<div class="wrap"><meta name="ContentStart"><p>一、总体情况</p><p>正文。</p><meta name="ContentEnd"></div>
<div class="side"><p>相关链接：其他年度报告，历年汇总，敬请查阅。</p></div>`)));
    expect(paragraphs(doc)).toEqual(["一、总体情况", "正文。"]);
    expect(docMessages).toEqual([]);
  });

  describe.skipIf(!existsSync(HANDAN))("on the 邯郸 info-box page excerpt (shared/reference/sites)", () => {
    it("finds no body in a page whose only text is its info box, and reports PARSE_FAILED", () => {
      expect(thrown(() => readHtml(readFileSync(HANDAN))).code).toBe("PARSE_FAILED");
    });
  });
});

describe("readHtml: tables", () => {
  it("expands rowspan and colspan into a rectangular grid whose slots point at their origin", () => {
    const [t] = tables(readHtml(fixture("merged-cells.html")).value);
    expect(texts(t!)).toEqual([
      ["左上角", "左上角", "分组", "分组"],
      ["左上角", "左上角", "甲", "乙"],
      ["纵向", "一\n行", "", "本年新\n制作数量"],
      ["纵向", "二", "2", "3"],
    ]);
    const corner = t!.rows[1]![1]!;
    expect(corner).toMatchObject({ originRow: 0, originCol: 0, rowSpan: 2, colSpan: 2 });
    expect(corner.pos).toMatchObject({ table: 0, row: 1, col: 1 });
    expect(t!.rows[3]![0]).toMatchObject({ originRow: 2, originCol: 0, rowSpan: 2, colSpan: 1 });
    expect(t!.rows[1]![2]).toMatchObject({ text: "甲", originRow: 1, originCol: 2, rowSpan: 1, colSpan: 1 });
  });

  it("keeps <br> and <p> inside a cell as line breaks and reads &nbsp; as blank", () => {
    const [t] = tables(readHtml(fixture("merged-cells.html")).value);
    expect(t!.rows[2]![1]!.text).toBe("一\n行");
    expect(t!.rows[2]![3]!.text).toBe("本年新\n制作数量");
    expect(t!.rows[2]![2]!.text).toBe("");
  });

  it("gives every slot its table, row and column, and the source line of its <td>", () => {
    const doc = readHtml(fixture("merged-cells.html")).value;
    const [t] = tables(doc);
    expect(t!.pos).toMatchObject({ table: 0, line: 4 });
    t!.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        expect(cell.pos).toMatchObject({ table: 0, row: r, col: c });
        expect(cell.pos.line).toBeTypeOf("number");
      }),
    );
    expect(t!.rows[0]![0]!.pos.line).toBe(5); // <td rowspan="2" colspan="2">左上角
    expect(t!.rows[1]![0]!.pos.line).toBe(5); // the same merged cell, seen from row 1
    expect(t!.rows[3]![2]!.pos.line).toBe(8); // <td>2</td>
  });

  it("reads a table that holds tables as layout and numbers the data tables 0, 1 in document order", () => {
    const doc = readHtml(fixture("layout-table.html")).value;
    const ts = tables(doc);
    expect(ts.map((t) => t.index)).toEqual([0, 1]);
    expect(texts(ts[0]!)).toEqual([["行政复议", "行政诉讼"], ["1", "0"]]);
    expect(texts(ts[1]!)).toEqual([["结果维持", "结果纠正"], ["0", "0"]]);
    expect(ts[1]!.rows[1]![1]!.pos.table).toBe(1);
    // The body is the layout cell that holds the text; the navigation row beside it is left out,
    // and a one-cell box is prose, not data.
    expect(doc.blocks.map((b) => (b.type === "paragraph" ? b.text : `table ${b.index}`))).toEqual([
      "一、总体情况",
      "本年度共收到申请3件，均已按期答复。",
      "table 0",
      "五、存在的主要问题及改进情况",
      "table 1",
      "只有一个单元格的框：它是版式，不是数据。",
    ]);
  });

  it("drops the zero-height sizing row Word writes inside <![if !supportMisalignedColumns]>", () => {
    const [t] = tables(readHtml(fixture("word-table.html")).value);
    expect(texts(t!)).toEqual([["(一) 予以公开", "", "0"]]);
  });

  it("pads ragged rows with blank slots and says so", () => {
    const { value: doc, messages: docMessages } = readHtml(utf8(page(`<div class="TRS_Editor"><table><tr><td>甲</td><td>乙</td><td>丙</td></tr><tr><td>丁</td></tr></table></div>`)));
    const [t] = tables(doc);
    expect(texts(t!)).toEqual([["甲", "乙", "丙"], ["丁", "", ""]]);
    expect(t!.rows[1]![2]).toMatchObject({ originRow: 1, originCol: 2, rowSpan: 1, colSpan: 1, pos: { table: 0, row: 1, col: 2, line: null } });
    expect(docMessages.map((m) => m.ruleId)).toEqual(["TABLE_RAGGED"]);
  });

  describe.skipIf(!existsSync(SHANGHAI))("on the 上海市人民政府办公厅 2019 report (corpus/html)", () => {
    // A skipped describe still runs its body to collect tests: read only when the corpus is there.
    const doc = existsSync(SHANGHAI) ? readHtml(readFileSync(SHANGHAI)).value : ({ blocks: [] } as unknown as ReturnType<typeof readHtml>["value"]);
    const [t2, t3, t4] = tables(doc);

    it("finds its three tables, numbered 0, 1, 2", () => {
      expect(tables(doc).map((t) => [t.index, t.rows.length, t.rows[0]!.length])).toEqual([
        [0, 18, 5],
        [1, 26, 10],
        [2, 4, 15],
      ]);
    });

    it("expands table 三's corner (rowspan 3, colspan 3), 申请人情况 over seven columns and 总计 down two rows", () => {
      for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) expect(t3!.rows[r]![c]).toMatchObject({ originRow: 0, originCol: 0, rowSpan: 3, colSpan: 3 });
      expect(t3!.rows[0]![0]!.text).toBe("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");
      expect(t3!.rows[0]!.slice(3).map((c) => c.text)).toEqual(Array(7).fill("申请人情况"));
      expect(t3!.rows[2]!.map((c) => c.text).slice(3)).toEqual(["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]);
      expect(t3!.rows[2]![9]).toMatchObject({ originRow: 1, originCol: 9, rowSpan: 2 });
    });

    it("carries 三、本年度办理结果 down twenty rows and the groups down their items", () => {
      for (let r = 5; r < 25; r++) expect(t3!.rows[r]![0]).toMatchObject({ text: "三、本年度办理结果", originRow: 5, rowSpan: 20 });
      expect(t3!.rows[14]![1]).toMatchObject({ text: "（三）不予公开", originRow: 7, rowSpan: 8 });
      expect(t3!.rows[14]!.map((c) => c.text).slice(2)).toEqual(["8.属于行政查询事项", "10", "2", "", "", "", "", ""]);
      expect(t3!.rows[24]!.map((c) => c.text)).toEqual(["三、本年度办理结果", "（七）总计", "（七）总计", "767", "35", "", "", "2", "1", "805"]);
      expect(t3!.rows[25]!.map((c) => c.text)).toEqual([...Array(3).fill("四、结转下年度继续办理"), "72", "", "", "", "", "", "72"]);
    });

    it("reads table 二's <br> headers as two lines and table 四's single value row", () => {
      expect(t2!.rows[1]!.map((c) => c.text)).toEqual(["信息内容", "本年新\n制作数量", "本年新\n公开数量", "本年新\n公开数量", "对外公开总数量"]);
      expect(t2!.rows[17]!.map((c) => c.text)).toEqual(["政府集中采购", "6", "6", "251000元", "251000元"]);
      expect(t4!.rows[3]!.map((c) => c.text)).toEqual(["5", "", "", "2", "7", "8", "", "", "1", "9", "", "", "", "", ""]);
    });

    it("reads the report's paragraphs from <body> and the date from the page", () => {
      expect(doc.metaTitle).toBe("2019年上海市人民政府办公厅政府信息公开工作年度报告");
      expect(doc.publishedAt).toBe("2020-01-31");
      const ps = paragraphs(doc);
      expect(ps[0]).toBe("2019年上海市人民政府办公厅政府信息公开工作年度报告");
      expect(ps).toContain("四、政府信息公开行政复议、行政诉讼情况");
      expect(ps.at(-1)).toBe("无。");
    });
  });
});

describe("readHtml: paragraphs", () => {
  it("makes each <p>, heading, <li> and text run of a <div> a paragraph, and splits at <br>", () => {
    const doc = readHtml(utf8(page(`<div>前言文字<h2>一、总体情况</h2><ul><li>第一项</li><li>第二项</li></ul>第一行<br>第二行<br/><br/>第三行</div>`))).value;
    expect(paragraphs(doc)).toEqual(["前言文字", "一、总体情况", "第一项", "第二项", "第一行", "第二行", "第三行"]);
  });

  it("joins Chinese text that Word wrapped over source lines without inserting spaces, and keeps real spaces", () => {
    const doc = readHtml(fixture("word-table.html")).value;
    expect(paragraphs(doc)).toEqual(["本机关在区政府门户网站共公开各类信息，信息数量和服务内容明显增加、内容更加充实。2022年完成。"]);
    // A break beside a Latin or digit character is a space (CSS Text 3 §4.1.3), as are real spaces.
    const mixed = readHtml(utf8(page(`<div class="TRS_Editor"><p>收取信息处理费共计\n400元，其中\n复印费 1 项。</p></div>`))).value;
    expect(paragraphs(mixed)).toEqual(["收取信息处理费共计 400元，其中复印费 1 项。"]);
  });

  it("gives each paragraph the 1-based source line where its text starts, CRLF or not", () => {
    const lines = [`<!DOCTYPE html>`, `<html><head><meta charset="utf-8"></head><body>`, `<div class="TRS_Editor">`, `<p>`, `甲段</p>`, `<p>乙段<br>`, `丙段</p>`, `</div></body></html>`];
    for (const eol of ["\n", "\r\n"]) {
      const doc = readHtml(utf8(lines.join(eol))).value;
      expect(doc.blocks.map((b) => [(b as Paragraph).text, b.pos.line])).toEqual([
        ["甲段", 5],
        ["乙段", 6],
        ["丙段", 7],
      ]);
    }
  });
});

describe("readHtml: encodings", () => {
  const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>年度报告</title></head>
<body><div class="TRS_Editor"><p>一、总体情况</p><table border="1"><tr><td>危及“三安全一稳定”</td><td>０</td></tr></table></div></body></html>`;

  it("reads a GBK page that declares charset gb2312", () => {
    const { value: doc, messages: docMessages } = readHtml(iconv.encode(html, "gbk"));
    expect(doc.metaTitle).toBe("年度报告");
    expect(paragraphs(doc)).toEqual(["一、总体情况"]);
    expect(texts(tables(doc)[0]!)).toEqual([["危及“三安全一稳定”", "０"]]);
    expect(docMessages).toEqual([]);
  });

  it("reads a UTF-8 page with a byte-order mark, even when its meta says otherwise", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(html)]);
    const doc = readHtml(bytes).value;
    expect(paragraphs(doc)).toEqual(["一、总体情况"]);
    expect(doc.metaTitle).toBe("年度报告");
  });

  it("guesses GB18030 for GBK bytes with no declared charset, and says so", () => {
    const undeclared = html.replace(/<meta[^>]*>/, "");
    const { value: doc, messages: docMessages } = readHtml(iconv.encode(undeclared, "gbk"));
    expect(paragraphs(doc)).toEqual(["一、总体情况"]);
    expect(docMessages.map((m) => m.ruleId)).toEqual(["CHARSET_GUESSED"]);
  });

  it("takes the charset from the Content-Type header when the page declares none", () => {
    const undeclared = html.replace(/<meta[^>]*>/, "");
    const { value: doc, messages: docMessages } = readHtml(iconv.encode(undeclared, "gbk"), { contentType: "text/html; charset=GBK" });
    expect(texts(tables(doc)[0]!)[0]![0]).toBe("危及“三安全一稳定”");
    expect(docMessages).toEqual([]);
  });
});

describe("readHtml: damaged and unreadable input", () => {
  it("reads what there is of a page cut short inside a table, clipping the rowspan that reached past its end", () => {
    const { value: doc, messages: docMessages } = readHtml(fixture("truncated.html"));
    expect(paragraphs(doc)).toEqual(["三、收到和处理政府信息公开申请情况"]);
    const [t] = tables(doc);
    expect(texts(t!)).toEqual([
      ["三、本年度办理结果", "（一）予以公开", "12"],
      ["三、本年度办理结果", "（二）部分公开", "3"],
      ["三、本年度办理结果", "（三）不予公开", "1"],
    ]);
    expect(t!.rows[0]![0]).toMatchObject({ rowSpan: 3 });
    expect(docMessages.map((m) => m.ruleId).sort()).toEqual(["HTML_UNCLOSED", "ROWSPAN_CLIPPED"]);
  });

  it("reads a UTF-16 page with a byte-order mark as HTML, through readDocument too", async () => {
    const html = page("<p>一、总体情况</p><p>本年度主动公开信息120条。</p>");
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(html, "utf16le")]);
    expect(paragraphs(readHtml(bytes).value)).toEqual(["一、总体情况", "本年度主动公开信息120条。"]);
    const { value } = await readDocument(bytes);
    expect(value.format).toBe("html");
    expect(paragraphs(value)).toEqual(["一、总体情况", "本年度主动公开信息120条。"]);
  });

  it("keeps a <pre>'s line breaks, and reads its tab-separated rows as a table with their lines", () => {
    const doc = readHtml(utf8(page("<pre>某局2023年政府信息公开工作年度报告\n\n一、总体情况\n规章\t0\t1\t2\n规范性文件\t3\t4\t5\n<b>二、</b>主动公开</pre><p>后记</p>"))).value;
    expect(paragraphs(doc)).toEqual(["某局2023年政府信息公开工作年度报告", "一、总体情况", "二、主动公开", "后记"]);
    const [t] = tables(doc);
    expect(texts(t!)).toEqual([
      ["规章", "0", "1", "2"],
      ["规范性文件", "3", "4", "5"],
    ]);
    expect(t!.rows[1]![2]!.pos).toMatchObject({ line: 7, table: 0, row: 1, col: 2 }); // the <pre> starts on line 3
    expect(doc.blocks.find((b) => b.type === "paragraph" && b.text === "一、总体情况")!.pos.line).toBe(5);
  });

  it("reads a GBK report printed in a <pre> as its text rendition reads", async () => {
    const txt = readFileSync(join(ROOT, "samples", "mengjin-czj-2022.txt"), "utf8");
    const escaped = txt.replace(/&/g, "&amp;").replace(/</g, "&lt;");
    const gbk = iconv.encode(`<html><head><meta charset="gbk"><title>年度报告</title></head><body><pre>${escaped}</pre></body></html>`, "gbk");
    const fromPre = await parseReport(gbk, { uri: "memory://pre.html" });
    const fromText = await parseReport(Buffer.from(txt), { uri: "memory://report.txt" });
    expect(fromPre.title).toBe("孟津区财政局2022年政府信息公开工作年度报告");
    expect([fromPre.agency, fromPre.year]).toEqual([fromText.agency, fromText.year]);
    expect(fromPre.applications).toEqual(fromText.applications);
    expect(fromPre.cells.map((c) => [c.path, c.value, c.raw])).toEqual(fromText.cells.map((c) => [c.path, c.value, c.raw]));
  });

  it("keeps a <pre>'s line breaks inside a table cell", () => {
    const doc = readHtml(utf8(page("<table><tr><td><pre>第一行\n第二行</pre></td><td>1</td></tr></table>"))).value;
    expect(tables(doc)[0]!.rows[0]![0]!.text).toBe("第一行\n第二行");
  });

  it("survives a page cut in the middle of a tag", () => {
    const doc = readHtml(utf8(`<html><body><div class="TRS_Editor"><p>一、总体情况</p><p>本年度<span sty`)).value;
    expect(paragraphs(doc)).toEqual(["一、总体情况", "本年度"]);
  });

  it("throws EMPTY_INPUT for zero bytes, for whitespace only, and for a byte-order mark alone", () => {
    for (const bytes of [new Uint8Array(), utf8(" \n\t\r\n"), new Uint8Array([0xef, 0xbb, 0xbf, 0x20])]) {
      const e = thrown(() => readHtml(bytes));
      expect(e.code).toBe("EMPTY_INPUT");
      expect(e.stage).toBe("parse");
    }
  });

  it("throws BINARY_INPUT for a PNG named .html", () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]);
    const e = thrown(() => readHtml(png));
    expect(e.code).toBe("BINARY_INPUT");
    expect(e.stage).toBe("parse");
  });

  it("throws PARSE_FAILED when the page holds no body text at all", () => {
    expect(thrown(() => readHtml(fixture("no-body-text.html"))).code).toBe("PARSE_FAILED");
    expect(thrown(() => readHtml(utf8("<html><body><table><tr><td>&nbsp;</td></tr></table></body></html>"))).code).toBe("PARSE_FAILED");
  });
});
