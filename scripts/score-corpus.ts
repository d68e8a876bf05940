/**
 * `npm run score`: parse the labelled documents of ../shared/corpus that this version reads and
 * print per-file cell accuracy, metadata checks and anomaly recall. Reads the corpus in place.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseReport } from "../src/pipeline.js";
import { NianbaoError } from "../src/model/errors.js";
import { scoreReport, type Label } from "./score.js";

const corpus = resolve(process.argv[2] ?? "../shared/corpus");
if (!existsSync(join(corpus, "labels"))) {
  console.error(`no corpus at ${corpus} (give its path as the first argument)`);
  process.exit(2);
}
const verbose = process.argv.includes("--verbose");
let total = 0;
let right = 0;
for (const f of readdirSync(join(corpus, "labels")).filter((n) => n.endsWith(".json")).sort()) {
  const label = JSON.parse(readFileSync(join(corpus, "labels", f), "utf8")) as Label;
  const path = join(corpus, label.file);
  if (!existsSync(path)) continue;
  try {
    const report = await parseReport(readFileSync(path), { uri: label.file });
    const s = scoreReport(report, label);
    total += s.compared;
    right += s.correct;
    const pct = s.compared ? ((100 * s.correct) / s.compared).toFixed(1) : "n/a";
    const meta = Object.entries(s.meta)
      .filter(([, ok]) => !ok)
      .map(([k]) => k);
    console.log(
      `${label.file.padEnd(48)} cells ${String(s.correct).padStart(3)}/${String(s.compared).padEnd(3)} ${pct.padStart(5)}%  meta:${meta.length ? " WRONG " + meta.join(",") : " ok"}  missing-anomalies:${s.missingAnomalies.length}  unexpected-arith:${s.unexpectedArithmetic.length}`,
    );
    if (verbose) {
      for (const d of s.diffs) console.log(`    ${d.path}: expected ${d.expected}, got ${d.actual}`);
      for (const m of s.missingAnomalies) console.log(`    missing ${m.code} ${m.path}`);
      for (const m of s.unexpectedArithmetic) console.log(`    unexpected ${m.code} ${m.path}`);
      console.log(`    sources: agency=${report.agencySource} year=${report.yearSource} template=${report.templateBasis}`);
      if (meta.length) console.log(`    title=${report.title} agency=${report.agency} year=${report.year} template=${report.template} headings=${JSON.stringify(report.sections.map((x) => x.heading))}`);
    }
  } catch (e) {
    console.log(`${label.file.padEnd(48)} ${e instanceof NianbaoError ? e.code + ": " + e.message : String(e)}`);
  }
}
console.log(`all: ${right}/${total} cells`);
