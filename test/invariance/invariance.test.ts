/**
 * The invariance suite (issue 9): every labelled corpus report and each sample is printed again
 * through every rendering real publishers use (render.ts, variants.ts), and each rendering must
 * give back the model of the reference rendering — or what its variant says it gives instead,
 * never a different number. Renderings are generated in memory; nothing is written to disk.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readHtml } from "../../parsers/html.js";
import { readText } from "../../parsers/text.js";
import { buildReport, parseReport } from "../../src/pipeline.js";
import type { AnnualReport } from "../../src/model/report.js";
import { render, type RenderOptions } from "./render.js";
import { specOf, type Spec } from "./spec.js";
import { modelOf, VARIANTS, type Model } from "./variants.js";

const root = new URL("../..", import.meta.url).pathname;
const corpus = join(root, "../shared/corpus");
const hasCorpus = existsSync(join(corpus, "labels"));
if (!hasCorpus) console.warn("invariance.test.ts: ../shared/corpus is absent; only the samples are rendered");

const labelled: string[] = hasCorpus
  ? readdirSync(join(corpus, "labels"))
      .filter((f) => f.endsWith(".json"))
      .sort()
      .map((f) => (JSON.parse(readFileSync(join(corpus, "labels", f), "utf8")) as { file: string }).file)
      .filter((f) => existsSync(join(corpus, f)))
  : [];
const sources = [...labelled.map((f) => ({ name: f, path: join(corpus, f) })), ...["mengjin-czj-2022.html", "sample-county-2023.txt"].map((f) => ({ name: `samples/${f}`, path: join(root, "samples", f) }))];

function parseRendering(bytes: Buffer, o: RenderOptions): AnnualReport {
  const doc = (o.format === "html" ? readHtml(bytes) : readText(bytes)).value;
  return buildReport(doc, { uri: "memory://rendering", format: doc.format, sha256: "0".repeat(64), bytes: bytes.length });
}

const specs: Spec[] = [];
for (const s of sources) {
  const spec = specOf(s.name, await parseReport(readFileSync(s.path), { uri: s.name }));
  if (spec) specs.push(spec);
}

const REFERENCE: RenderOptions = { format: "html", tables: "grid", title: "line" };

/** Cells of rows that printed a blank, whose one-cell-per-line rendering lost its place. */
function blankRows(spec: Spec): Set<string> {
  const rows = new Set<string>();
  for (const [k, v] of spec.t2) if (v.some((x) => x.trim() === "")) rows.add(`activeDisclosure.${k}.`);
  for (const [k, v] of spec.t3) if (v.some((x) => x.trim() === "")) rows.add(`applications.rows.${k}.`);
  if (spec.t4.some((x) => x.trim() === "")) rows.add("reviewLitigation.");
  return rows;
}

const cellOf = (s: string) => {
  const at = s.lastIndexOf("=");
  const value = s.slice(at + 1).replace(/\?$/, "");
  return { path: s.slice(0, at), value: value === "null" ? null : Number(value), uncertain: s.endsWith("?") };
};

let renderings = 0;

describe("invariance: every rendering of a report gives its model", () => {
  it("has reports to render", () => {
    expect(specs.length).toBeGreaterThanOrEqual(hasCorpus ? 15 : 2);
  });

  for (const spec of specs) {
    describe(spec.name, () => {
      const refBytes = render(spec, REFERENCE);
      const refReport = parseRendering(refBytes, REFERENCE);
      const ref = modelOf(refReport);

      it("the reference rendering gives the source report's title, agency, year, template and numbers", () => {
        expect([ref.title, ref.agency, ref.year, ref.template]).toEqual([spec.title, spec.agency, spec.year, spec.template]);
        // Every number of the source is read back from the rendering, at its path.
        const read = new Map(refReport.cells.map((c) => [c.path, c.value]));
        for (const [path, value] of spec.values) expect(read.get(path), path).toBe(value);
        expect(render(spec, REFERENCE).equals(refBytes)).toBe(true); // deterministic
      });

      for (const v of VARIANTS) {
        if (v.template && v.template !== spec.template) continue;
        if (v.fullTables && [...spec.t3.values(), spec.t4].some((row) => row.some((x) => x.trim() === ""))) continue;
        it(v.name, () => {
          const o = v.options(spec);
          const bytes = render(spec, o);
          renderings++;
          const got = modelOf(parseRendering(bytes, o));
          const expected = v.expect.expected(ref, spec, got);
          const blanks = v.expect.kind === "noBlankTrace" ? blankRows(spec) : v.expect.kind === "neverDifferent" ? new Set([""]) : new Set<string>();
          if (blanks.size === 0) {
            expect(got).toEqual(expected);
            return;
          }
          // Blank cells left no line: rows that had one may lose values (null + PARSE_UNCERTAIN),
          // never gain a different number; every other row and field is the same.
          const strip = (m: Model) => ({
            ...m,
            cells: [],
            anomalies: [],
            sections: v.expect.kind === "neverDifferent" ? m.sections.map((s) => ({ heading: s.heading, text: "" })) : m.sections,
          });
          expect(strip(got)).toEqual(strip(expected));
          const gotCells = new Map(got.cells.map((s) => [cellOf(s).path, cellOf(s)]));
          for (const s of expected.cells) {
            const e = cellOf(s);
            const g = gotCells.get(e.path);
            const loose = [...blanks].some((p) => e.path.startsWith(p));
            if (!loose) {
              expect(g, e.path).toEqual(e);
              continue;
            }
            if (g === undefined) continue; // the row lost its place entirely
            if (g.value !== null) expect(g.value, e.path).toBe(e.value);
            else if (e.value !== null) expect(g.uncertain, `${e.path} is null: it must say so`).toBe(true);
          }
          if (got.cells.some((s) => cellOf(s).uncertain && cellOf(s).value === null)) expect(got.anomalies.some((a) => a.startsWith("PARSE_UNCERTAIN"))).toBe(true);
        });
      }
    });
  }

  it("rendered dozens of pages per report", () => {
    expect(renderings).toBeGreaterThanOrEqual(specs.length * 36);
    console.log(`invariance: ${renderings} renderings of ${specs.length} reports (${VARIANTS.length} variants)`);
  });
});
