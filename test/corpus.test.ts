import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseReport } from "../src/pipeline.js";
import { scoreReport, type Label } from "../scripts/score.js";

// The shared corpus is read in place, never copied into the project; without it these tests skip.
const corpus = new URL("../../shared/corpus/", import.meta.url).pathname;
const present = existsSync(join(corpus, "labels"));

const labels: Label[] = present
  ? readdirSync(join(corpus, "labels"))
      .filter((f) => f.endsWith(".json"))
      .sort()
      .map((f) => JSON.parse(readFileSync(join(corpus, "labels", f), "utf8")) as Label)
      .filter((l) => /^(html|md|txt|pdf)\//.test(l.file) && existsSync(join(corpus, l.file)))
  : [];
const reports = await Promise.all(labels.map((l) => parseReport(readFileSync(join(corpus, l.file)), { uri: l.file })));

describe.skipIf(!present)("the labelled corpus (html, md, txt, pdf)", () => {
  labels.forEach((label, i) => {
    const flattened = label.file.includes("flattened");
    describe(label.file, () => {
      const s = scoreReport(reports[i]!, label);

      it("has the labelled title, agency, year, template and section headings", () => {
        expect(s.meta).toEqual({ title: true, agency: true, year: true, template: true, sections: true });
      });

      if (!flattened) {
        it("gives every labelled cell", () => {
          expect(s.diffs).toEqual([]);
        });
      } else {
        it("never emits a number the document does not prove (undecidable cells are null)", () => {
          const wrong = s.diffs.filter((d) => d.actual !== null && d.actual !== undefined);
          expect(wrong).toEqual([]);
        });
      }

      it("reports every required anomaly and no arithmetic alarm the label does not expect", () => {
        expect(s.missingAnomalies).toEqual([]);
        expect(s.unexpectedArithmetic).toEqual([]);
      });
    });
  });
});

const blankTemplate = join(corpus, "docx/template-2021-blank-govnianbao.docx");
describe.skipIf(!existsSync(blankTemplate))("the blank 2021 template (corpus/docx)", () => {
  it("parses as template 2021 with every cell null and CELL_MISSING, nothing else", async () => {
    const r = await parseReport(readFileSync(blankTemplate), { uri: "docx/template-2021-blank-govnianbao.docx" });
    expect(r.template).toBe("2021");
    expect(r.cells).toHaveLength(200);
    expect(r.cells.every((c) => c.value === null)).toBe(true);
    expect(r.anomalies.map((a) => [a.code, a.paths.length])).toEqual([
      ["CELL_MISSING", 10],
      ["CELL_MISSING", 175],
      ["CELL_MISSING", 15],
    ]);
  });
});
