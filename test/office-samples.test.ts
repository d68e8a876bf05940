import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { readHtml } from "../parsers/html.js";
import { layoutRows, writeDocx, A4_OFFICIAL, type DocxTable } from "./support/docx-writer.js";
import { officeSampleFiles, officeSamples, SEED_SOURCE } from "../scripts/samples/office-samples.js";
import { hasPdftotext, pagebreakFacts, pagebreakProblems, pagesWith, pdfPages } from "../scripts/samples/pdf-text.js";
import { reportPartsOfText } from "../scripts/samples/report-parts.js";
import { COUNTY_PUBLISHER_ERRORS, COUNTY_SOURCE, COUNTY_TITLE, countyText } from "../scripts/samples/sample-county-2023.js";
import { crc32, readZip, zipStore } from "./support/zip.js";
import type { Table } from "../src/model/document.js";

const SAMPLES = join(dirname(fileURLToPath(import.meta.url)), "..", "samples");
const read = (name: string): Buffer => readFileSync(join(SAMPLES, name));
const seedText = read(SEED_SOURCE).toString("utf8");
const SEED_TITLE = "孟津区财政局2022年政府信息公开工作年度报告";

/** One w:tc as the test reads it back from document.xml (regexes: the writer's own output only). */
interface Tc {
  text: string;
  gridSpan: number;
  vMerge: "restart" | "continue" | null;
  hMerge: "restart" | "continue" | null;
}
interface Tr {
  gridBefore: number;
  gridAfter: number;
  header: boolean;
  cells: Tc[];
}
interface Tbl {
  grid: number[];
  rows: Tr[];
}

function tablesOf(documentXml: string): Tbl[] {
  const num = (re: RegExp, s: string, dflt: number) => Number(re.exec(s)?.[1] ?? dflt);
  const merge = (name: string, tcPr: string): Tc["vMerge"] => {
    const m = new RegExp(`<w:${name}( w:val="(\\w+)")?/>`).exec(tcPr);
    return m ? (m[2] === "restart" ? "restart" : "continue") : null;
  };
  return [...documentXml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map(([, tbl]) => ({
    grid: [...tbl!.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1])),
    rows: [...tbl!.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map(([, tr]) => {
      const trPr = /<w:trPr>([\s\S]*?)<\/w:trPr>/.exec(tr!)?.[1] ?? "";
      return {
        gridBefore: num(/<w:gridBefore w:val="(\d+)"/, trPr, 0),
        gridAfter: num(/<w:gridAfter w:val="(\d+)"/, trPr, 0),
        header: trPr.includes("<w:tblHeader/>"),
        cells: [...tr!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map(([, tc]) => {
          const tcPr = /<w:tcPr>([\s\S]*?)<\/w:tcPr>/.exec(tc!)?.[1] ?? "";
          const paragraphs = [...tc!.matchAll(/<w:p>([\s\S]*?)<\/w:p>|<w:p\/>/g)].map((p) => [...(p[1] ?? "").matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""));
          return { text: paragraphs.join("\n"), gridSpan: num(/<w:gridSpan w:val="(\d+)"/, tcPr, 1), vMerge: merge("vMerge", tcPr), hMerge: merge("hMerge", tcPr) };
        }),
      };
    }),
  }));
}

/**
 * The table as a grid of slot texts, merges expanded the way the document model does (every slot
 * of a merged cell holds the origin's text); slots a row leaves out (gridBefore/gridAfter) are null.
 */
function textGrid(t: Tbl): (string | null)[][] {
  const out: (string | null)[][] = [];
  t.rows.forEach((row, r) => {
    const line: (string | null)[] = Array<string | null>(row.gridBefore).fill(null);
    let hText = "";
    for (const cell of row.cells) {
      const col = line.length;
      let text = cell.text;
      if (cell.hMerge === "restart") hText = text;
      if (cell.hMerge === "continue") text = hText;
      if (cell.vMerge === "continue") text = out[r - 1]![col]!;
      for (let k = 0; k < cell.gridSpan; k++) line.push(text);
    }
    line.push(...Array<null>(row.gridAfter).fill(null));
    out.push(line);
  });
  return out;
}

const htmlGrid = (t: Table): string[][] => t.rows.map((row) => row.map((c) => c.text));
const docxOf = (bytes: Uint8Array) => readZip(bytes);
const documentXml = (bytes: Uint8Array) => new TextDecoder().decode(docxOf(bytes).get("word/document.xml"));

describe("zip writer (test/support/zip.ts)", () => {
  it("computes the standard CRC-32", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it("writes stored entries that read back, with fixed timestamps", () => {
    const entries = [
      { name: "a.txt", data: new TextEncoder().encode("hello") },
      { name: "dir/b.bin", data: new Uint8Array([0, 1, 2, 255]) },
    ];
    const zip = zipStore(entries);
    expect(Buffer.from(zipStore(entries)).equals(Buffer.from(zip))).toBe(true);
    const back = readZip(zip);
    expect([...back.keys()]).toEqual(["a.txt", "dir/b.bin"]);
    expect(Buffer.from(back.get("dir/b.bin")!)).toEqual(Buffer.from([0, 1, 2, 255]));
    // Local header: signature, version 10, flags 0, method 0 (stored), time 0, date 1980-01-01.
    expect(Buffer.from(zip.subarray(0, 14)).toString("hex")).toBe("504b03040a0000000000" + "0000" + "2100");
    expect(() => zipStore([entries[0]!, entries[0]!])).toThrow(/duplicate/);
  });
});

describe("DOCX writer (test/support/docx-writer.ts)", () => {
  const table = (rows: DocxTable["rows"]): DocxTable => ({ kind: "table", grid: [1000, 1000, 1000], rows });

  it("accepts rows that cover the grid with spans, gridBefore/gridAfter and hMerge", () => {
    expect(() =>
      layoutRows(
        table([
          { cells: [{ text: "a", hMerge: "restart" }, { text: "", hMerge: "continue" }, { text: "b", vMerge: "restart" }] },
          { gridBefore: 1, cells: [{ text: "c" }, { text: "", vMerge: "continue" }] },
          { gridAfter: 1, cells: [{ text: "d", gridSpan: 2 }] },
        ]),
      ),
    ).not.toThrow();
  });

  it("refuses malformed tables", () => {
    expect(() => layoutRows(table([{ cells: [{ text: "a", gridSpan: 2 }] }]))).toThrow(/covers 2 grid columns/);
    expect(() => layoutRows(table([{ cells: [{ text: "a" }, { text: "", vMerge: "continue", gridSpan: 2 }] }]))).toThrow(/vMerge continue/);
    expect(() => layoutRows(table([{ cells: [{ text: "", hMerge: "continue" }, { text: "b", gridSpan: 2 }] }]))).toThrow(/hMerge continue/);
    expect(() => layoutRows(table([{ cells: [{ text: "a", gridSpan: 3 }] }, { header: true, cells: [{ text: "b", gridSpan: 3 }] }]))).toThrow(/tblHeader/);
  });

  it("escapes text and writes well-formed XML parts", () => {
    const bytes = writeDocx({
      page: A4_OFFICIAL,
      defaults: {},
      title: `a<b & "c"`,
      pageNumberFooter: {},
      blocks: [{ kind: "paragraph", text: " <x> & y " }],
    });
    for (const [name, data] of docxOf(bytes)) {
      expect(XMLValidator.validate(new TextDecoder().decode(data)), name).toBe(true);
    }
    expect(documentXml(bytes)).toContain(`<w:t xml:space="preserve"> &lt;x&gt; &amp; y </w:t>`);
  });
});

describe("office samples (scripts/make-office-samples.ts)", () => {
  const generated = officeSamples(seedText);

  it("every file the generator owns is committed", () => {
    for (const name of officeSampleFiles(seedText)) expect(existsSync(join(SAMPLES, name)), `samples/${name}`).toBe(true);
  });

  it("regenerating reproduces the committed .docx and .txt files byte for byte", () => {
    for (const [name, text] of generated.texts) {
      expect(read(name).toString("utf8") === text, `samples/${name} drifted from the generator: run npm run samples:office`).toBe(true);
    }
    const written = generated.jobs.filter((j) => j.writeDocx);
    expect(written.map((j) => `${j.base}.docx`).sort()).toEqual(["mengjin-czj-2022.docx", "sample-county-2023.docx"]);
    for (const j of written) {
      expect(read(`${j.base}.docx`).equals(Buffer.from(j.docx)), `samples/${j.base}.docx drifted from the generator: run npm run samples:office`).toBe(true);
    }
  });

  it("generates the same bytes on every run", () => {
    const again = officeSamples(seedText);
    generated.jobs.forEach((j, i) => expect(Buffer.from(again.jobs[i]!.docx).equals(Buffer.from(j.docx))).toBe(true));
    expect(countyText()).toBe(generated.texts.get(COUNTY_SOURCE));
  });

  for (const name of ["mengjin-czj-2022.docx", "sample-county-2023.docx"]) {
    it(`${name} is a zip holding a minimal, well-formed Word package`, () => {
      const parts = docxOf(new Uint8Array(read(name)));
      expect([...parts.keys()].sort()).toEqual(
        [
          "[Content_Types].xml",
          "_rels/.rels",
          "docProps/app.xml",
          "docProps/core.xml",
          "word/_rels/document.xml.rels",
          "word/document.xml",
          "word/footer1.xml",
          "word/settings.xml",
          "word/styles.xml",
        ].sort(),
      );
      for (const [part, data] of parts) expect(XMLValidator.validate(new TextDecoder().decode(data)), part).toBe(true);
      const footer = new TextDecoder().decode(parts.get("word/footer1.xml"));
      expect(footer).toMatch(/<w:t xml:space="preserve">- <\/w:t>.*<w:instrText xml:space="preserve"> PAGE <\/w:instrText>.*<w:t xml:space="preserve"> -<\/w:t>/);
      expect(new TextDecoder().decode(parts.get("word/document.xml"))).toContain(`<w:footerReference w:type="default" r:id="rIdFooter1"/>`);
    });
  }

  it("the .docx files pass an independent zip check (unzip -t), when unzip is installed", (ctx) => {
    try {
      execFileSync("unzip", ["-v"], { stdio: "ignore" });
    } catch {
      ctx.skip();
    }
    for (const name of ["mengjin-czj-2022.docx", "sample-county-2023.docx"]) {
      expect(execFileSync("unzip", ["-t", join(SAMPLES, name)], { encoding: "utf8" })).toMatch(/No errors detected/);
    }
  });

  describe("mengjin-czj-2022.docx: the seed, with gridBefore (table 二) and hMerge (table 四)", () => {
    const tables = tablesOf(documentXml(new Uint8Array(read("mengjin-czj-2022.docx"))));
    const [t2, t3, t4] = tables;
    const html = readHtml(new Uint8Array(read("mengjin-czj-2022.html"))).value.blocks.filter((b): b is Table => b.type === "table");

    it("holds three tables", () => expect(tables.length).toBe(3));

    it("table 二: every data row starts late (w:gridBefore=1) on a grid with a narrow first column", () => {
      expect(t2!.grid.length).toBe(5);
      expect(t2!.grid[0]).toBeLessThan(t2!.grid[1]! / 4);
      const late = t2!.rows.filter((r) => r.gridBefore === 1).map((r) => r.cells[0]!.text);
      expect(late).toEqual(["规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费"]);
      expect(t2!.rows[0]!.cells).toEqual([{ text: "第二十条第（一）项", gridSpan: 5, vMerge: null, hMerge: null }]);
      expect(t2!.rows[1]!.cells[0]).toMatchObject({ text: "信息内容", gridSpan: 2 });
      expect(t2!.rows[6]!.cells).toMatchObject([{ text: "行政许可" }, { text: "0", gridSpan: 3 }]);
    });

    it("table 三: vMerge for 三、本年度办理结果 and （三）…（六）, gridSpan for the one-line rows, repeated header rows", () => {
      const restarts = t3!.rows.flatMap((r) => r.cells.filter((c) => c.vMerge === "restart").map((c) => c.text));
      expect(restarts).toEqual([
        "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)",
        "自然人",
        "总计",
        "三、本年度办理结果",
        "(三) 不予公开",
        "(四) 无法提供",
        "(五) 不予处理",
        "(六) 其他处理",
      ]);
      const continues = (text: string) => {
        const r0 = t3!.rows.findIndex((r) => r.cells.some((c) => c.text === text));
        let n = 0;
        while (t3!.rows[r0 + 1 + n]?.cells.some((c, i) => c.vMerge === "continue" && i === (text === "三、本年度办理结果" ? 0 : 1))) n++;
        return n + 1;
      };
      expect([continues("三、本年度办理结果"), continues("(三) 不予公开"), continues("(四) 无法提供"), continues("(五) 不予处理"), continues("(六) 其他处理")]).toEqual([22, 8, 3, 5, 3]);
      const spanned = t3!.rows.flatMap((r) => r.cells.filter((c) => c.gridSpan > 1 && c.vMerge !== "continue").map((c) => [c.text, c.gridSpan]));
      expect(spanned).toEqual([
        ["(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)", 3],
        ["申请人情况", 7],
        ["法人或其他组织", 5],
        ["一、本年新收政府信息公开申请数量", 3],
        ["二、上年结转政府信息公开申请数量", 3],
        ["(一) 予以公开", 2],
        ["(二) 部分公开（区分处理的，只计这一情形，不计其他情形）", 2],
        ["(七) 总计", 2],
        ["四、结转下年度继续办理", 3],
      ]);
      expect(t3!.rows.map((r) => r.header)).toEqual([true, true, true, ...Array<boolean>(25).fill(false)]);
      expect(t3!.rows.every((r) => r.gridBefore === 0 && r.gridAfter === 0)).toBe(true);
    });

    it("table 四: 行政复议 and 行政诉讼 merged with the legacy w:hMerge, one w:tc per grid column", () => {
      expect(t4!.grid.length).toBe(15);
      expect(t4!.rows[0]!.cells.map((c) => [c.text, c.hMerge, c.gridSpan])).toEqual([
        ["行政复议", "restart", 1],
        ...Array(4).fill(["", "continue", 1]),
        ["行政诉讼", "restart", 1],
        ...Array(9).fill(["", "continue", 1]),
      ]);
      expect(t4!.rows[1]!.cells.filter((c) => c.gridSpan === 5).map((c) => c.text)).toEqual(["未经复议直接起诉", "复议后起诉"]);
      expect(t4!.rows[2]!.cells.slice(0, 5).every((c) => c.vMerge === "continue")).toBe(true);
    });

    it("prints the same cells as the HTML sample (table 二 without its narrow first column)", () => {
      const g2 = textGrid(t2!).map((row) => row.slice(1));
      expect(g2).toEqual(htmlGrid(html[0]!));
      expect(textGrid(t3!)).toEqual(htmlGrid(html[1]!));
      expect(textGrid(t4!)).toEqual(htmlGrid(html[2]!));
      expect(textGrid(t2!).filter((row) => row[0] === null).length).toBe(6);
    });

    it("prints every paragraph of the text, in order", () => {
      const xml = documentXml(new Uint8Array(read("mengjin-czj-2022.docx")));
      const body = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, "");
      const paragraphs = [...body.matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)]
        .map((m) => [...m[1]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""))
        .filter((t) => t !== "")
        .map((t) => t.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"));
      const expected = reportPartsOfText(seedText).flatMap((p) => (p.kind === "paragraph" ? [p.text] : []));
      expect(paragraphs).toEqual(expected);
      expect(new TextDecoder().decode(docxOf(new Uint8Array(read("mengjin-czj-2022.docx"))).get("docProps/core.xml"))).toContain(`<dc:title>${SEED_TITLE}</dc:title>`);
    });
  });

  describe("sample-county-2023: a fictional report, consistent but for one T4_SUM error", () => {
    const parts = reportPartsOfText(read(COUNTY_SOURCE).toString("utf8"));
    const tables = tablesOf(documentXml(new Uint8Array(read("sample-county-2023.docx"))));

    it("says it is fictional in its title", () => {
      expect(parts[0]).toEqual({ kind: "paragraph", text: COUNTY_TITLE, style: "title" });
      expect(COUNTY_TITLE).toMatch(/虚构示例/);
    });

    it("table 二: every data row ends early (w:gridAfter=1) before a narrow last column", () => {
      const t2 = tables[0]!;
      expect(t2.grid.length).toBe(5);
      expect(t2.grid[4]).toBeLessThan(t2.grid[0]! / 4);
      expect(t2.rows.filter((r) => r.gridAfter === 1).map((r) => r.cells[0]!.text)).toEqual(["规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费"]);
      expect(t2.rows.every((r) => r.gridBefore === 0)).toBe(true);
    });

    it("tables 三 and 四 use the template's gridSpan and vMerge (no hMerge)", () => {
      const cells = tables.flatMap((t) => t.rows.flatMap((r) => r.cells));
      expect(cells.some((c) => c.hMerge !== null)).toBe(false);
      expect(tables[2]!.rows[0]!.cells.map((c) => [c.text, c.gridSpan])).toEqual([
        ["行政复议", 5],
        ["行政诉讼", 10],
      ]);
      expect(tables[1]!.rows.flatMap((r) => r.cells.filter((c) => c.vMerge === "restart").map((c) => c.text))).toContain("（三）不予公开");
    });

    it("holds non-zero numbers in all three tables, and they add up except for the deliberate error", () => {
      const spans = parts.flatMap((p) => (p.kind === "table" ? [p.rows] : []));
      expect(spans.length).toBe(3);
      const numbers = (rows: typeof spans[number]) => rows.flatMap((r) => r.map((c) => c.text)).filter((t) => /^\d+(\.\d+)?$/.test(t)).map(Number);
      for (const rows of spans) expect(numbers(rows).some((n) => n > 0)).toBe(true);

      // Table 三: data rows are the last seven cells of rows 3.. (labels first).
      const t3 = spans[1]!.slice(3).map((r) => r.slice(-7).map((c) => Number(c.text)));
      expect(t3.length).toBe(25);
      for (const row of t3) expect(row[6]).toBe(row.slice(0, 6).reduce((a, b) => a + b, 0));
      const [received, carried, ...rest] = t3;
      const results = rest.slice(0, 21);
      const [total, forward] = rest.slice(21);
      for (let c = 0; c < 7; c++) {
        expect(total![c]).toBe(results.reduce((a, r) => a + r[c]!, 0));
        expect(received![c]! + carried![c]!).toBe(total![c]! + forward![c]!);
      }

      // Table 四: three groups of four results and a printed total; only 行政复议's is wrong.
      const t4 = spans[2]![3]!.map((c) => Number(c.text));
      const wrong = [0, 1, 2].filter((g) => t4[g * 5 + 4] !== t4.slice(g * 5, g * 5 + 4).reduce((a, b) => a + b, 0));
      expect(wrong).toEqual([0]);
      expect(COUNTY_PUBLISHER_ERRORS).toEqual([{ rule: "T4_SUM", path: "reviewLitigation.review.total", printed: t4[4], sumOfParts: 5 }]);
    });

    it("the .docx prints the tab text's cells", () => {
      const spans = parts.flatMap((p) => (p.kind === "table" ? [p.rows] : []));
      const texts = tables.map((t, i) => textGrid(t).map((row) => (i === 0 ? row.slice(0, -1) : row)));
      // Table 三 as the template grid: the tab text's 28 rows, ten columns.
      expect(texts[1]!.length).toBe(28);
      expect(texts[1]!.map((r) => r.slice(-1)[0])).toContain("59");
      expect(texts[2]![3]).toEqual(spans[2]![3]!.map((c) => c.text));
      expect(texts[0]!.find((r) => r[0] === "行政事业性收费")).toEqual(["行政事业性收费", "35.2600", "35.2600", "35.2600"]);
    });
  });

  describe("LibreOffice renditions (committed; no soffice needed here)", () => {
    for (const name of ["mengjin-czj-2022.doc", "sample-county-2023.doc"]) {
      it(`${name} is an OLE compound file (Word 97)`, () => {
        expect(read(name).subarray(0, 8).toString("hex")).toBe("d0cf11e0a1b11ae1");
      });
    }

    const pdfs: [string, string][] = [
      ["mengjin-czj-2022.pdf", SEED_TITLE],
      ["mengjin-czj-2022-pagebreaks.pdf", SEED_TITLE],
      ["sample-county-2023.pdf", COUNTY_TITLE],
    ];
    for (const [name] of pdfs) {
      it(`${name} is a PDF`, () => expect(read(name).subarray(0, 5).toString("latin1")).toBe("%PDF-"));
    }

    const pdftotext = hasPdftotext();
    describe.skipIf(!pdftotext)("read with pdftotext", () => {
      for (const [name, title] of pdfs) {
        it(`${name} prints its title on page 1 and "- n -" at the foot of every page`, () => {
          const pages = pdfPages(join(SAMPLES, name));
          expect(pagesWith(pages, title)[0]).toBe(1);
          const facts = pagebreakFacts(pages);
          expect(facts.footers).toEqual(pages.map((_, i) => i + 1));
        });
      }

      it("mengjin-czj-2022-pagebreaks.pdf breaks tables 二 and 三 across pages and repeats table 三's header", () => {
        const facts = pagebreakFacts(pdfPages(join(SAMPLES, "mengjin-czj-2022-pagebreaks.pdf")));
        expect(pagebreakProblems(facts)).toEqual([]);
        expect(facts.table3[1] - facts.table3[0]).toBeGreaterThanOrEqual(1);
        expect(facts.table3HeaderPages.length).toBeGreaterThanOrEqual(2);
      });

      it("sample-county-2023.pdf prints the data module's numbers", () => {
        const text = pdfPages(join(SAMPLES, "sample-county-2023.pdf")).join("\n");
        for (const v of ["35.2600", "1268", "85"]) expect(text).toContain(v);
      });
    });
  });
});
