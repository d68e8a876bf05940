import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseReport } from "../src/pipeline.js";
import { comparableModel } from "./support/model.js";
import { findSoffice } from "../parsers/doc/soffice.js";

// The seed's renditions (scripts/make-samples.ts) must give the same model as the text:
// the source and the positions differ by nature, nothing else may.
const read = (name: string) => parseReport(readFileSync(new URL(`../samples/${name}`, import.meta.url)), { uri: `samples/${name}` });

const model = comparableModel;

// A .doc gives the same model as the other renditions only through LibreOffice; without it the
// reader falls back to word-extractor and marks the report PARSE_UNCERTAIN, which
// test/parsers/doc.test.ts checks in its own right. .ci/run installs LibreOffice, so CI runs both.
const SOFFICE = findSoffice();
const NEEDS_SOFFICE = "needs LibreOffice (soffice on PATH; Debian: libreoffice-writer-nogui) to convert .doc";
if (!SOFFICE) console.warn(`renditions.test.ts: the .doc rendition tests skip: ${NEEDS_SOFFICE}`);
const needsSoffice = (name: string) => name.endsWith(".doc") && !SOFFICE;

const text = await read("mengjin-czj-2022.txt");
const html = await read("mengjin-czj-2022.html");
const gbk = await read("mengjin-czj-2022-gbk.html");

/**
 * LibreOffice 7.4, which made the sample PDFs, leaves a full-width comma that ends a line out of
 * the page (and so out of the text layer: pdftotext agrees) — "发布制度，" / "分级管理" prints as
 * "发布制度" / "分级管理". For PDFs, prose is compared without that comma; tables, cells and
 * anomalies are compared in full.
 */
function printed(name: string, m: ReturnType<typeof model>) {
  if (!name.endsWith(".pdf")) return m;
  return { ...m, sections: m.sections.map((s) => ({ ...s, text: s.text.replace(/，/g, "") })) };
}

describe("renditions of the seed report", () => {

  it("the HTML page gives the same model as the text", () => {
    expect(model(html)).toEqual(model(text));
  });

  it("the GBK page gives the same model as the UTF-8 page", () => {
    expect(model(gbk)).toEqual(model(html));
    expect(gbk.source.sha256).not.toBe(html.source.sha256);
  });

  it("only the text export prints eight values under seven columns", () => {
    expect(text.anomalies.filter((a) => a.code === "ROW_SHAPE")).toHaveLength(2);
    expect(html.anomalies.filter((a) => a.code === "ROW_SHAPE")).toHaveLength(0);
  });

  for (const name of ["mengjin-czj-2022.docx", "mengjin-czj-2022.doc", "mengjin-czj-2022.pdf", "mengjin-czj-2022-pagebreaks.pdf"]) {
    it(`${name} gives the same model as the HTML page`, async (ctx) => {
      ctx.skip(needsSoffice(name), NEEDS_SOFFICE);
      expect(printed(name, model(await read(name)))).toEqual(printed(name, model(html)));
    });
  }

  it("HTML cells carry their table grid position", () => {
    const fee = html.cells.find((c) => c.path === "activeDisclosure.fees.amount")!;
    expect(fee).toMatchObject({ raw: "6076", table: 0 });
    expect(typeof fee.row).toBe("number");
    expect(typeof fee.col).toBe("number");
    expect(fee.line).toBeGreaterThan(0);
  });
});

describe("renditions of the second sample (示例县示例局 2023, synthetic)", () => {
  for (const name of ["sample-county-2023.docx", "sample-county-2023.doc", "sample-county-2023.pdf"]) {
    it(`${name} gives the same model as the text, its deliberate T4_SUM included`, async (ctx) => {
      ctx.skip(needsSoffice(name), NEEDS_SOFFICE);
      const text = await read("sample-county-2023.txt");
      const other = await read(name);
      expect(printed(name, model(other))).toEqual(printed(name, model(text)));
      expect(other.anomalies.map((a) => a.code)).toEqual(["T4_SUM"]);
    });
  }

  it("PDF cells carry page and box", async () => {
    const pdf = await read("mengjin-czj-2022-pagebreaks.pdf");
    const fee = pdf.cells.find((c) => c.path === "activeDisclosure.fees.amount")!;
    expect(fee.page).toBeGreaterThan(1);
    const [x0, y0, x1, y1] = fee.bbox!;
    expect(x0).toBeLessThan(x1);
    expect(y0).toBeLessThan(y1);
    // Table 三 runs over three pages in this layout: its rows keep the page they were printed on.
    const pages = new Set(pdf.cells.filter((c) => c.path.startsWith("applications.")).map((c) => c.page));
    expect(pages.size).toBeGreaterThanOrEqual(3);
  });
});
