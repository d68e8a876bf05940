/**
 * The Word and PDF samples (scripts/make-office-samples.ts), as pure data: which .docx files are
 * written with which bytes, and which LibreOffice conversions are made from them.
 *
 * Pure and deterministic like mengjin-page.ts: text in, bytes out, so test/office-samples.test.ts
 * checks the committed .docx files against this module. The .doc and .pdf renditions are made by
 * LibreOffice from these .docx bytes and are committed as generated (they carry dates and ids).
 *
 * Table quirks per sample (report-docx.ts explains each):
 *  - mengjin-czj-2022.docx: table 二 rows start late (gridBefore), table 四's first header row
 *    uses the legacy hMerge for 行政复议/行政诉讼; table 三 has the template's vMerge/gridSpan and
 *    its header rows repeat (tblHeader).
 *  - sample-county-2023.docx: table 二 rows end early (gridAfter); tables 三 and 四 exactly as
 *    the template (gridSpan, vMerge), table 三's header rows repeat.
 *  - the pagebreaks layout (PDF only): the seed with the seed's quirks, in large type on a short
 *    page, so that tables 二 and 三 break across pages.
 */
import { writeDocx, type DocxDocument } from "../../test/support/docx-writer.js";
import { LARGE_TYPE_LAYOUT, OFFICIAL_LAYOUT, reportDocx, type OfficeLayout, type QuirkPlan } from "./report-docx.js";
import { reportParts, titleOf } from "./report-parts.js";
import { countyText, COUNTY_SOURCE } from "./sample-county-2023.js";
import { readTabText } from "./tab-text.js";

export const SEED_SOURCE = "mengjin-czj-2022.txt";

export const SEED_QUIRKS: QuirkPlan = { 二: ["gridBefore"], 三: ["repeatHeader"], 四: ["hMerge"] };
export const COUNTY_QUIRKS: QuirkPlan = { 二: ["gridAfter"], 三: ["repeatHeader"] };

export interface OfficeJob {
  /** Base name of the renditions (samples/<base>.docx, .doc, .pdf). */
  base: string;
  /** The tab text the document is built from. */
  source: string;
  document: DocxDocument;
  docx: Uint8Array;
  /** Commit the .docx itself (false: an intermediate only rendered to PDF). */
  writeDocx: boolean;
  /** LibreOffice renditions to make from the .docx. */
  convert: ("doc" | "pdf")[];
}

function job(base: string, source: string, text: string, layout: OfficeLayout, quirks: QuirkPlan, commitDocx: boolean, convert: OfficeJob["convert"]): OfficeJob {
  const blocks = readTabText(text);
  const document = reportDocx(reportParts(blocks), { title: titleOf(blocks), layout, quirks });
  return { base, source, document, docx: writeDocx(document), writeDocx: commitDocx, convert };
}

/** Everything the office generator makes, given the seed's text (samples/mengjin-czj-2022.txt). */
export function officeSamples(seedText: string): { texts: Map<string, string>; jobs: OfficeJob[] } {
  const county = countyText();
  return {
    texts: new Map([[COUNTY_SOURCE, county]]),
    jobs: [
      job("mengjin-czj-2022", SEED_SOURCE, seedText, OFFICIAL_LAYOUT, SEED_QUIRKS, true, ["doc", "pdf"]),
      job("mengjin-czj-2022-pagebreaks", SEED_SOURCE, seedText, LARGE_TYPE_LAYOUT, SEED_QUIRKS, false, ["pdf"]),
      job("sample-county-2023", COUNTY_SOURCE, county, OFFICIAL_LAYOUT, COUNTY_QUIRKS, true, ["doc", "pdf"]),
    ],
  };
}

/** Names of the committed files the office generator owns. */
export function officeSampleFiles(seedText: string): string[] {
  const { texts, jobs } = officeSamples(seedText);
  return [...texts.keys(), ...jobs.flatMap((j) => [...(j.writeDocx ? [`${j.base}.docx`] : []), ...j.convert.map((ext) => `${j.base}.${ext}`)])];
}
