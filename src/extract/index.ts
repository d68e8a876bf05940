/**
 * Document → AnnualReport (without the checks' anomalies): sections, title, agency, year,
 * template, and tables 二/三/四 with a provenance record for every value.
 */
import type { Block, ParsedDocument, ReaderInfo } from "../model/document.js";
import { NianbaoError } from "../model/errors.js";
import type {
  ActiveDisclosure,
  Applications,
  ColumnKey,
  ReviewLitigation,
  Section,
  Stat,
  TemplateId,
} from "../model/report.js";
import { SECTION_DEFS, TABLE2, TABLE3_MARKER, TABLE4_PATHS } from "../templates/index.js";
import { emptyFacts, type FoundCell, type TableFacts } from "./found.js";
import { agencyFromTitle, detectTemplate, findTitle, yearFrom } from "./meta.js";
import { allTexts, rowsOf } from "./rows.js";
import { chooseSections, findHeadingHits, proseOf, sliceBlocks, type SectionSpan } from "./sections.js";
import { extractTable2 } from "./table2.js";
import { extractTable3 } from "./table3.js";
import { extractTable4 } from "./table4.js";
import { readFlattened } from "./flattened-adapter.js";

export interface Extraction {
  title: string | null;
  agency: string | null;
  year: number | null;
  template: TemplateId;
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

function setPath(target: Record<string, Record<string, Stat>>, path: string, prefix: string, value: Stat): void {
  const rest = path.slice(prefix.length + 1);
  const dot = rest.lastIndexOf(".");
  const row = rest.slice(0, dot);
  const col = rest.slice(dot + 1);
  (target[row] ??= {})[col] = value;
}

export function extract(doc: ParsedDocument): Extraction {
  const hits = findHeadingHits(doc);
  const spans = chooseSections(doc, hits);
  const firstHeading = Math.min(...spans.filter((s) => s.hit).map((s) => s.hit!.at.block));
  const allText = textOfBlocks(doc.blocks);
  const title = findTitle(doc, Number.isFinite(firstHeading) ? firstHeading : -1);
  const foundSections = spans.filter((s) => s.hit).length;

  const sections: Section[] = SECTION_DEFS.map((def, i) => {
    const span = spans[i]!;
    return { number: def.number, key: def.key, heading: span.heading, text: proseOf(blocksOf(doc, span)) };
  });

  const b2 = blocksOf(doc, spans[1]);
  const b3 = blocksOf(doc, spans[2]);
  const b4 = blocksOf(doc, spans[3]);
  const template = detectTemplate(textOfBlocks(b2), allText, foundSections >= 4);

  if (foundSections < 2 && !TABLE3_MARKER.test(allText) && !title) {
    throw new NianbaoError("NOT_A_REPORT", "extract", "no section of the annual-report template and no report title were found: this is not an annual report");
  }

  const cells: FoundCell[] = [];
  let activeDisclosure: ActiveDisclosure | null = null;
  let applications: Applications | null = null;
  let reviewLitigation: ReviewLitigation | null = null;
  const facts = { activeDisclosure: emptyFacts(), applications: emptyFacts(), reviewLitigation: emptyFacts() };
  let feeHeader: Extraction["feeHeader"] = null;

  if (template === "2021" || template === "2019") {
    // Table 二: its blocks differ between the templates, so only a known template is read.
    const t2 = extractTable2(rowsOf(b2), b2, template);
    const flat2 = t2.facts.found ? null : readFlattened.table2(b2, template);
    const r2 = flat2 ?? t2;
    facts.activeDisclosure = r2.facts;
    feeHeader = t2.feeHeader;
    if (r2.facts.found) {
      const ad: Record<string, Record<string, Stat>> = {};
      for (const block of TABLE2[template]) for (const row of block.rows) for (const col of block.columns) (ad[row.key] ??= {})[col] = null;
      for (const c of r2.cells) setPath(ad, c.path, "activeDisclosure", c.value.kind === "number" ? c.value.value : null);
      activeDisclosure = ad;
      cells.push(...r2.cells);
    }
  }

  // Tables 三 and 四 are the same in both templates: read them unless the outline is pre-2019.
  if (template !== "legacy") {
    // Table 三
    const b3tables = b3.some((b) => b.type === "table") ? b3 : [...b3, ...tablesWith(doc, TABLE3_MARKER)];
    const t3 = extractTable3(rowsOf(b3tables), template);
    const flat3 = t3.facts.found ? null : readFlattened.table3(b3, template);
    if (flat3) {
      facts.applications = flat3.facts;
    } else facts.applications = t3.facts;
    const rowsFound = flat3 ? flat3.rows : t3.rows;
    if (facts.applications.found) {
      const rows: Applications["rows"] = {};
      for (const [key, rowCells] of rowsFound) {
        const rec = {} as Record<ColumnKey, Stat>;
        for (const c of rowCells) rec[c.path.slice(c.path.lastIndexOf(".") + 1) as ColumnKey] = c.value.kind === "number" ? c.value.value : null;
        rows[key] = rec;
        cells.push(...rowCells);
      }
      applications = { rows };
    }

    // Table 四
    const t4 = extractTable4(rowsOf(b4));
    const flat4 = t4.facts.found ? null : readFlattened.table4(b4);
    const r4 = flat4 ?? t4;
    facts.reviewLitigation = r4.facts;
    if (r4.facts.found) {
      const rl: Record<string, Record<string, Stat>> = {};
      for (const p of TABLE4_PATHS) setPath(rl, p, "reviewLitigation", null);
      for (const c of r4.cells) setPath(rl, c.path, "reviewLitigation", c.value.kind === "number" ? c.value.value : null);
      reviewLitigation = rl as ReviewLitigation;
      cells.push(...r4.cells);
    }
  }

  return {
    title,
    agency: agencyFromTitle(title),
    year: yearFrom(title, allText),
    template,
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
