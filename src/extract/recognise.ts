/**
 * Is this document an annual report? It is when it names itself — a title ending with the
 * report's name, the statutory preamble, "现公布…年度报告" — or prints the template's outline in
 * the report's words (three section headings or more) or its tables, even when it is incomplete:
 * then it is emitted with SECTION_MISSING / TABLE_MISSING (data-contract.md §1), never dropped.
 * Notices, 工作要点, 公开指南, 法治政府建设年度报告 and the like are not, unless they carry a report's
 * outline or tables (a notice publishing the report in its body).
 */
import type { ParsedDocument } from "../model/document.js";
import type { ReportBasis } from "../model/report.js";
import { ANNOUNCEMENT, OTHER_DOCUMENT_KINDS, PREAMBLE, TABLE3_MARKER, TITLE_ENDS_WITH_NAME, TITLE_SEPARATORS } from "../templates/index.js";
import { matchForm } from "./meta.js";
import { squash } from "./normalise.js";
import type { HeadingHit } from "./sections.js";

/** Headings in the report's words (not the loose patterns) of this many sections make an outline. */
const OUTLINE_SECTIONS = 3;
/** The preamble and the announcement stand at the start: this many characters of the body. */
const OPENING_CHARS = 1500;

export type Recognition = { isReport: true; basis: ReportBasis } | { isReport: false; reason: string };

/** The document's own name: its printed report title, else its page title's first segment, else its first short line. */
function ownTitle(doc: ParsedDocument, reportTitle: string | null): string {
  if (reportTitle) return reportTitle;
  const page = doc.metaTitle ? (doc.metaTitle.split(TITLE_SEPARATORS)[0] ?? "") : "";
  if (page.trim() !== "") return squash(page).replace(/\s+/g, "");
  const first = doc.blocks.find((b) => b.type === "paragraph");
  return first && first.type === "paragraph" && first.text.length <= 60 ? squash(first.text).replace(/\s+/g, "") : "";
}

/** How many different report titles stand as lines in the document's opening. */
function listedTitles(doc: ParsedDocument): number {
  const seen = new Set<string>();
  for (const b of doc.blocks.slice(0, 60)) {
    if (b.type !== "paragraph") continue;
    const t = matchForm(squash(b.text).replace(/\s+/g, "")).replace(/\d{4}-\d{2}-\d{2}$/, "");
    if (t.length <= 70 && TITLE_ENDS_WITH_NAME.test(t) && /\d{4}/.test(t)) seen.add(t);
  }
  return seen.size;
}

export function recogniseReport(doc: ParsedDocument, reportTitle: string | null, hits: readonly HeadingHit[], allText: string): Recognition {
  const outline = new Set(hits.filter((h) => h.score >= 2).map((h) => h.number)).size >= OUTLINE_SECTIONS;
  const tables = TABLE3_MARKER.test(matchForm(allText));
  const title = matchForm(ownTitle(doc, reportTitle));
  const namesItself = title !== "" && TITLE_ENDS_WITH_NAME.test(title);
  if (!namesItself) {
    const other = OTHER_DOCUMENT_KINDS.find((k) => k.match.test(title));
    if (other && !outline && !tables) return { isReport: false, reason: `the document is a ${other.kind} ("${title.slice(0, 40)}"), not an annual report` };
  }
  // A page whose opening lists several reports' titles is a list of reports (a column page), not one.
  const listed = listedTitles(doc);
  if (listed > 1 && !outline && !tables) return { isReport: false, reason: `the page lists ${listed} reports' titles: a list of reports, not a report` };
  if (namesItself) return { isReport: true, basis: "title" };
  const opening = matchForm(allText.slice(0, OPENING_CHARS)).replace(/\s+/g, "");
  if (PREAMBLE.some((re) => re.test(opening))) return { isReport: true, basis: "preamble" };
  if (ANNOUNCEMENT.some((re) => re.test(opening))) return { isReport: true, basis: "announcement" };
  if (tables) return { isReport: true, basis: "tables" };
  if (outline) return { isReport: true, basis: "outline" };
  return { isReport: false, reason: "no report title, statutory preamble, report outline or report table was found: this is not an annual report" };
}
