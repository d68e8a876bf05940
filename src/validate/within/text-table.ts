/**
 * TEXT_TABLE_MISMATCH (anomalies.md): a number the prose states contradicts the table (the facts:
 * prose-facts.ts). The table is what the dataset holds; the prose never overrides a cell, and a
 * fact whose cells are blank or undetermined is only noted nowhere: there is nothing printed to
 * contradict (a cell left null by the extractor stays null, whatever the prose says). A cell read
 * with doubt makes the anomaly uncertain.
 */
import type { Anomaly } from "../../model/report.js";
import { plainText } from "../../extract/normalise.js";
import { anomaly, evidenceOf, type RuleContext } from "../context.js";
import { PART, PROSE_FACTS, SCOPE, type ProseFact } from "./prose-facts.js";

/** The clause around a match: from the last 。；，, before it to the next 。；. */
function clauseAround(text: string, at: number, length: number): { whole: string; before: string; after: string } {
  const start = Math.max(text.lastIndexOf("。", at), text.lastIndexOf("；", at), text.lastIndexOf("，", at), text.lastIndexOf(",", at), text.lastIndexOf("\n", at)) + 1;
  const ends = ["。", "；", "\n"].map((c) => text.indexOf(c, at + length)).filter((i) => i >= 0);
  const end = ends.length ? Math.min(...ends) : text.length;
  return { whole: text.slice(start, end), before: text.slice(start, at), after: text.slice(at + length, end) };
}

function cellsOf(ctx: RuleContext, paths: string[]) {
  const cells = paths.map((p) => ctx.cell(p));
  if (cells.some((c) => !c || c.value.kind !== "number")) return null;
  const sum = cells.reduce((s, c) => s + (c!.value.kind === "number" ? c!.value.value : 0), 0);
  return { cells: cells as NonNullable<(typeof cells)[number]>[], sum, uncertain: cells.some((c) => c!.uncertain) };
}

function proseNumbers(text: string, fact: ProseFact): { n: number; match: string; clause: string; including: boolean }[] {
  const out: { n: number; match: string; clause: string; including: boolean }[] = [];
  for (const p of fact.patterns) {
    for (const m of text.matchAll(new RegExp(p.source, "g"))) {
      const at = m.index ?? 0;
      const c = clauseAround(text, at, m[0].length);
      if (fact.needsScope && (!SCOPE.test(c.before + m[0]) || PART.test(c.before))) continue;
      out.push({ n: Number(m[1]), match: m[0], clause: c.whole, including: fact.including ? fact.including.marker.test(c.after.slice(0, 16)) : false });
    }
  }
  return out;
}

export function textTableMismatch(ctx: RuleContext): Anomaly[] {
  const template = ctx.x.template;
  if (template !== "2021" && template !== "2019") return [];
  const prose = ctx.x.sections.map((s) => plainText(s.text)).join("\n");
  const out: Anomaly[] = [];
  for (const fact of PROSE_FACTS) {
    if (!(fact.templates ?? ["2021", "2019"]).includes(template)) continue;
    const seen = new Set<number>();
    for (const said of proseNumbers(prose, fact)) {
      const paths = said.including && fact.including ? fact.including.paths : fact.paths;
      const table = cellsOf(ctx, paths);
      if (!table || table.sum === said.n || seen.has(said.n)) continue;
      if ((fact.alsoAccept ?? []).some((alt) => cellsOf(ctx, alt)?.sum === said.n)) continue;
      seen.add(said.n);
      const cell = paths.length === 1 ? paths[0]! : paths.join(" + ");
      out.push(
        anomaly(ctx, "TEXT_TABLE_MISMATCH", {
          paths,
          values: { text: said.match, prose: `${fact.label} ${said.n}`, cell, cellEn: `${fact.labelEn} (${cell})`, table: table.sum },
          expected: said.n,
          actual: table.sum,
          status: table.uncertain ? "uncertain" : "fail",
          evidence: { ...evidenceOf(table.cells[0]), text: said.clause },
        }),
      );
    }
  }
  return out;
}
