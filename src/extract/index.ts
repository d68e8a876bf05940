/**
 * Document → AnnualReport (without the checks' anomalies): sections, title, agency, year,
 * template, and tables 二/三/四 with a provenance record for every value.
 */
import type { Block, Figure, ParsedDocument, ReaderInfo } from "../model/document.js";
import { NianbaoError } from "../model/errors.js";
import type {
  ActiveDisclosure,
  AgencySource,
  Applications,
  ReportBasis,
  ReviewLitigation,
  Section,
  SectionNumber,
  Stat,
  TemplateBasis,
  TemplateId,
  TitleSource,
  YearSource,
} from "../model/report.js";
import { SECTION_DEFS, TABLE2, TABLE3_MARKER, TABLE4_KEYS } from "../templates/index.js";
import { missingRows, printedRows } from "./expected-rows.js";
import { emptyFacts, type FoundCell, type TableFacts } from "./found.js";
import { statOf } from "./numbers.js";
import { detectTemplate, findAgency, findSignature, findTitle, findYear } from "./meta.js";
import { recogniseReport } from "./recognise.js";
import { tablesInText } from "./text-tables.js";
import { allTexts, rowsOf } from "./rows.js";
import { before, chooseSections, findHeadingHits, proseOf, sliceBlocks, type SectionSpan } from "./sections.js";
import { extractTable2 } from "./table2.js";
import { extractTable3 } from "./table3.js";
import { extractTable4 } from "./table4.js";
import { readFlattened } from "./flattened-adapter.js";

export interface Extraction {
  title: string | null;
  titleSource: TitleSource | null;
  agency: string | null;
  agencySource: AgencySource | null;
  year: number | null;
  yearSource: YearSource | null;
  template: TemplateId;
  templateBasis: TemplateBasis | null;
  /** What made the document a report. */
  reportBasis: ReportBasis;
  /** The date of the signature closing the report (YYYY-MM-DD), when it has one. */
  signedAt: string | null;
  /** Images in each section's span, by section number (TABLE_MISSING names them as evidence). */
  figures: Partial<Record<SectionNumber, Figure[]>>;
  sections: Section[];
  spans: SectionSpan[];
  activeDisclosure: ActiveDisclosure | null;
  applications: Applications | null;
  reviewLitigation: ReviewLitigation | null;
  cells: FoundCell[];
  facts: { activeDisclosure: TableFacts; applications: TableFacts; reviewLitigation: TableFacts };
  feeHeader: { text: string; pos: import("../model/document.js").Position } | null;
  /** How the reader read the input (SCANNED_PAGES; its notes travel beside the document). */
  reader: ReaderInfo | null;
}

function blocksOf(doc: ParsedDocument, span: SectionSpan | undefined): Block[] {
  if (!span || !span.from || !span.to) return [];
  return sliceBlocks(doc, span.from, span.to);
}

function textOfBlocks(blocks: Block[]): string {
  return allTexts(blocks)
    .map((t) => t.text)
    .join("\n");
}

/** Tables that carry table 三's marker anywhere in the document: used when section 三 has no heading. */
function tablesWith(doc: ParsedDocument, marker: RegExp): Block[] {
  return doc.blocks.filter((b) => b.type === "table" && b.rows.some((r) => r.some((c) => marker.test(c.text))));
}

/** The body's images, each under the section whose span holds it. */
function figuresBySection(doc: ParsedDocument, spans: readonly SectionSpan[]): Extraction["figures"] {
  const out: Extraction["figures"] = {};
  for (const f of doc.figures ?? []) {
    const at = { block: f.before, offset: 0 };
    const span = spans.find((s) => s.from && s.to && !before(at, s.from) && !before(s.to, at));
    if (span) (out[span.number] ??= []).push(f);
  }
  return out;
}

/** A table's model from its cells: every template cell present (null until read), then each value by its key. */
function tableModel(cells: readonly FoundCell[], skeleton: readonly (readonly [string, string])[]): Record<string, Record<string, Stat>> {
  const out: Record<string, Record<string, Stat>> = {};
  for (const [row, col] of skeleton) (out[row] ??= {})[col] = null;
  for (const c of cells) (out[c.key.row] ??= {})[c.key.col] = statOf(c.value);
  return out;
}

/** What the caller knows of a document besides its bytes. */
export interface ExtractOptions {
  /** The agency of the crawler's site entry (sites.json `agency`): the agency's last resort. */
  siteAgency?: string | null;
}

export function extract(read: ParsedDocument, options: ExtractOptions = {}): Extraction {
  // Tables the page printed as text (pipe rows, one cell per line) are read as the tables they are.
  const doc = tablesInText(read);
  const hits = findHeadingHits(doc);
  const spans = chooseSections(doc, hits);
  const firstHeading = Math.min(...spans.filter((s) => s.hit).map((s) => s.hit!.at.block));
  const allText = textOfBlocks(doc.blocks);
  const title = findTitle(doc, Number.isFinite(firstHeading) ? firstHeading : -1);
  const foundSections = spans.filter((s) => s.hit).length;

  const recognition = recogniseReport(doc, title?.value ?? null, hits, allText);
  if (!recognition.isReport) throw new NianbaoError("NOT_A_REPORT", "extract", recognition.reason);

  const sections: Section[] = SECTION_DEFS.map((def, i) => {
    const span = spans[i]!;
    return { number: def.number, key: def.key, heading: span.heading, text: proseOf(blocksOf(doc, span)) };
  });

  const signature = findSignature(doc);
  const agency = findAgency(doc, { title: title?.value ?? null, signature, siteAgency: options.siteAgency ?? null });
  const openingEnd = Number.isFinite(firstHeading) ? firstHeading : Math.min(doc.blocks.length, 12);
  const openings = [
    ...doc.blocks.slice(0, openingEnd).flatMap((b) => (b.type === "paragraph" ? [b.text] : [])),
    ...(sections[0]?.text.split("\n").slice(0, 2) ?? []),
  ];
  const year = findYear({ title: title?.value ?? null, allText, openings, signature, publishedAt: doc.publishedAt });

  const b2 = blocksOf(doc, spans[1]);
  const b3 = blocksOf(doc, spans[2]);
  const b4 = blocksOf(doc, spans[3]);
  const { template, basis: templateBasis } = detectTemplate({ sectionTwoText: textOfBlocks(b2), wholeText: allText, foundSections, year: year?.value ?? null });

  const cells: FoundCell[] = [];
  let activeDisclosure: ActiveDisclosure | null = null;
  let applications: Applications | null = null;
  let reviewLitigation: ReviewLitigation | null = null;
  const facts = { activeDisclosure: emptyFacts(), applications: emptyFacts(), reviewLitigation: emptyFacts() };
  let feeHeader: Extraction["feeHeader"] = null;

  if (template === "2021" || template === "2019") {
    // Table 二: its blocks differ between the templates, so only a known template is read.
    const t2 = extractTable2(rowsOf(b2), b2, template);
    const r2 = t2.facts.found ? t2 : (readFlattened.table2(b2, template) ?? t2);
    facts.activeDisclosure = r2.facts;
    feeHeader = t2.feeHeader;
    if (r2.facts.found) {
      activeDisclosure = tableModel(r2.cells, TABLE2[template].flatMap((b) => b.rows.flatMap((r) => b.columns.map((c) => [r.key, c] as const))));
      cells.push(...r2.cells);
    }
  }

  // Tables 三 and 四 are the same in both templates: read them unless the outline is pre-2019.
  if (template !== "legacy") {
    // Table 三
    const b3tables = b3.some((b) => b.type === "table") ? b3 : [...b3, ...tablesWith(doc, TABLE3_MARKER)];
    const t3 = extractTable3(rowsOf(b3tables), template);
    const r3 = t3.facts.found ? t3 : (readFlattened.table3(b3) ?? t3);
    facts.applications = r3.facts;
    if (r3.facts.found) {
      applications = { rows: tableModel(r3.cells, []) as Applications["rows"] };
      cells.push(...r3.cells);
    }

    // Table 四
    const t4 = extractTable4(rowsOf(b4));
    const r4 = t4.facts.found ? t4 : (readFlattened.table4(b4) ?? t4);
    facts.reviewLitigation = r4.facts;
    if (r4.facts.found) {
      reviewLitigation = tableModel(r4.cells, TABLE4_KEYS) as ReviewLitigation;
      cells.push(...r4.cells);
    }
  }

  // Rows a found table left out: one rule for every table and reader (expected-rows.ts).
  for (const table of ["activeDisclosure", "applications"] as const) {
    if (facts[table].found) facts[table].missingRows = missingRows(table, template, printedRows(cells, table));
  }

  return {
    title: title?.value ?? null,
    titleSource: title?.source ?? null,
    agency: agency?.value ?? null,
    agencySource: agency?.source ?? null,
    year: year?.value ?? null,
    yearSource: year?.source ?? null,
    template,
    templateBasis,
    reportBasis: recognition.basis,
    signedAt: signature?.date ?? null,
    figures: figuresBySection(doc, spans),
    sections,
    spans,
    activeDisclosure,
    applications,
    reviewLitigation,
    cells,
    facts,
    feeHeader,
    reader: doc.reader ?? null,
  };
}
