/** Rules on the report's outline: sections missing or empty, tables and rows missing. */
import type { Position } from "../model/document.js";
import type { Anomaly, Evidence, SectionNumber } from "../model/report.js";
import { matchForm } from "../extract/meta.js";
import { EMPTY_SECTION_TEXT, HEADING_NUMERALS as NUMERALS, SECTION_DEFS, SIGNATURE_TAIL } from "../templates/index.js";
import { anomaly, type RuleContext } from "./context.js";

const TABLE_OF_SECTION: Record<number, "activeDisclosure" | "applications" | "reviewLitigation"> = {
  2: "activeDisclosure",
  3: "applications",
  4: "reviewLitigation",
};

export function sectionMissing(ctx: RuleContext): Anomaly[] {
  return ctx.x.sections
    .filter((s) => s.heading === null)
    .map((s) =>
      anomaly(ctx, "SECTION_MISSING", {
        paths: [`sections.${s.number}`],
        values: { number: s.number, heading: SECTION_DEFS[s.number - 1]!.canonical },
      }),
    );
}

export function sectionEmpty(ctx: RuleContext): Anomaly[] {
  const out: Anomaly[] = [];
  for (const s of ctx.x.sections) {
    if (s.heading === null) continue;
    const text = s.text.trim();
    // 六 is the last part: the signature (agency and date) that closes the report is not its body.
    // Folded, so that a traditional-character mirror's "無" says nothing too.
    const folded = matchForm(text).replace(/^[：:，,、]+/, "").trim();
    const body = s.number === 6 ? folded.replace(SIGNATURE_TAIL, "").trim() : folded;
    const table = TABLE_OF_SECTION[s.number];
    // A table printed as an image is content too (TABLE_MISSING names it), not an empty section.
    const hasTable = (table ? ctx.x.facts[table].found : false) || (ctx.x.figures[s.number]?.length ?? 0) > 0;
    if ((body === "" && !hasTable) || EMPTY_SECTION_TEXT.test(body)) {
      const span = ctx.x.spans[s.number - 1];
      out.push(
        anomaly(ctx, "SECTION_EMPTY", {
          paths: [`sections.${s.number}`],
          values: { number: s.number, heading: s.heading, raw: text },
          evidence: { raw: text, text: s.heading, ...headingPlace(span?.hit?.pos ?? null) },
        }),
      );
    }
  }
  return out;
}

/** The place of a heading, for evidence: line, or page and box. */
function headingPlace(p: Position | null): Evidence {
  if (!p) return {};
  const e: Evidence = {};
  if (p.line !== null) e.line = p.line;
  if (p.page !== null) e.page = p.page;
  if (p.bbox !== null) e.bbox = [...p.bbox];
  return e;
}

export function tableMissing(ctx: RuleContext): Anomaly[] {
  if (ctx.x.template !== "2021" && ctx.x.template !== "2019") return [];
  const out: Anomaly[] = [];
  for (const [n, key] of Object.entries(TABLE_OF_SECTION)) {
    if (ctx.x.facts[key].found) continue;
    const span = ctx.x.spans[Number(n) - 1];
    // A table published as a picture: the images standing in the section are the evidence.
    const images = (ctx.x.figures[Number(n) as SectionNumber] ?? []).map((f) => f.src);
    out.push(
      anomaly(ctx, "TABLE_MISSING", {
        paths: [key],
        values: { number: n },
        evidence: { ...(span?.heading ? { text: span.heading } : {}), ...(images.length > 0 ? { images } : {}), ...headingPlace(span?.hit?.pos ?? null) },
      }),
    );
  }
  return out;
}

export function rowMissing(ctx: RuleContext): Anomaly[] {
  const out: Anomaly[] = [];
  const names = { activeDisclosure: ["表二", "table 2"], applications: ["表三", "table 3"], reviewLitigation: ["表四", "table 4"] } as const;
  for (const key of ["activeDisclosure", "applications", "reviewLitigation"] as const) {
    const missing = ctx.x.facts[key].missingRows;
    if (missing.length === 0) continue;
    out.push(anomaly(ctx, "ROW_MISSING", { paths: missing, values: { table: names[key][0], tableEn: names[key][1], rows: missing.join(", ") } }));
  }
  return out;
}

/**
 * SECTION_ORDER: the chosen headings stand out of the template's order, carry another section's
 * numeral, or share a numeral (上海科委 2024: 一…六 for prose parts, then 一、二、三、五 again).
 */
export function sectionOrder(ctx: RuleContext): Anomaly[] {
  const chosen = ctx.x.spans.filter((s) => s.hit !== null);
  const problems: string[] = [];
  const byPlace = [...chosen].sort((a, b) => a.hit!.at.block - b.hit!.at.block || a.hit!.at.offset - b.hit!.at.offset);
  if (byPlace.some((s, i) => s.number !== chosen[i]!.number)) problems.push("顺序颠倒 out of order");
  const numerals = chosen.map((s) => s.hit!.numeral);
  const dup = numerals.filter((n, i) => numerals.indexOf(n) !== i);
  if (dup.length > 0) problems.push(`编号重复 numbered twice: ${[...new Set(dup)].join("、")}`);
  const wrong = chosen.filter((s) => s.hit!.numeral !== NUMERALS[s.number - 1]);
  if (wrong.length > 0) problems.push(`编号不符 renumbered: ${wrong.map((s) => s.heading).join("；")}`);
  if (problems.length === 0) return [];
  return [anomaly(ctx, "SECTION_ORDER", { paths: ["sections"], values: { detail: problems.join("; ") }, evidence: { text: chosen.map((s) => s.heading).join(" | "), ...headingPlace(chosen[0]?.hit?.pos ?? null) } })];
}
