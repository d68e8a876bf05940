import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseReport } from "../src/pipeline.js";
import type { AnnualReport } from "../src/model/report.js";

// The seed's renditions (scripts/make-samples.ts) must give the same model as the text:
// the source and the positions differ by nature, nothing else may.
const read = (name: string) => parseReport(readFileSync(new URL(`../samples/${name}`, import.meta.url)), { uri: `samples/${name}` });

function model(r: AnnualReport) {
  return {
    title: r.title,
    agency: r.agency,
    year: r.year,
    template: r.template,
    sections: r.sections,
    activeDisclosure: r.activeDisclosure,
    applications: r.applications,
    reviewLitigation: r.reviewLitigation,
    cells: r.cells.map((c) => ({ path: c.path, value: c.value, raw: c.raw, rowLabel: c.rowLabel?.replace(/\s+/g, "") })),
    // ROW_SHAPE is the text export's own quirk (eight tab fields under seven columns), see below.
    anomalies: r.anomalies.filter((a) => a.code !== "ROW_SHAPE").map((a) => ({ code: a.code, severity: a.severity, status: a.status, paths: a.paths, message: a.message, raw: a.evidence.raw })),
  };
}

const text = await read("mengjin-czj-2022.txt");
const html = await read("mengjin-czj-2022.html");
const gbk = await read("mengjin-czj-2022-gbk.html");

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

  it("HTML cells carry their table grid position", () => {
    const fee = html.cells.find((c) => c.path === "activeDisclosure.fees.amount")!;
    expect(fee).toMatchObject({ raw: "6076", table: 0 });
    expect(typeof fee.row).toBe("number");
    expect(typeof fee.col).toBe("number");
    expect(fee.line).toBeGreaterThan(0);
  });
});
