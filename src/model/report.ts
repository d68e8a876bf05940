/**
 * The AnnualReport model of shared/spec/data-contract.md (schema v1). Key names are the contract:
 * researchers read our JSON by them, so nothing here is renamed without a new schemaVersion.
 */
import type { SourceFormat } from "./document.js";
import type { Message, Place } from "../../parsers/model/message.js";
import type { ReaderCode } from "../../parsers/model/notes.js";
import type { CrawlNoteCode } from "./notes.js";

export const SCHEMA_VERSION = "1" as const;

export type TemplateId = "2021" | "2019" | "legacy" | "unknown";

/** Where the agency was read (issue 9): the title, the preamble (现公布…), the signature, the page's info box (发布机构/来源), its meta tags (ContentSource/SiteName), or the crawler's site entry. */
export const AGENCY_SOURCES = ["title", "preamble", "signature", "infoBox", "meta", "site"] as const;
export type AgencySource = (typeof AGENCY_SOURCES)[number];
/** Where the reported year was read: the title, the statistics period, the preamble naming the report ("现公布…2022年政府信息公开工作年度报告"), the first lines ("2022年度，我局…"), the signature's date minus one, the publication date minus one. */
export const YEAR_SOURCES = ["title", "period", "preamble", "prose", "signature", "published"] as const;
export type YearSource = (typeof YEAR_SOURCES)[number];
/** What decided the template: the words of its tables (templates.md hints), the 2019/2021 outline and the year, or a pre-2019 outline. */
export const TEMPLATE_BASES = ["tables", "outlineAndYear", "outline"] as const;
export type TemplateBasis = (typeof TEMPLATE_BASES)[number];
/** Where the title was read: printed in the body, a 标题 metadata line or table, or the page's <title>. */
export type TitleSource = "printed" | "metadata" | "page";
/** What makes the document a report: its title, the statutory preamble, "现公布…年度报告", the template's tables, or its outline. */
export type ReportBasis = "title" | "preamble" | "announcement" | "tables" | "outline";

export type SectionKey = "overview" | "activeDisclosure" | "applications" | "reviewLitigation" | "problems" | "other";
export type SectionNumber = 1 | 2 | 3 | 4 | 5 | 6;

export interface Section {
  number: SectionNumber;
  key: SectionKey;
  heading: string | null;
  text: string;
}

export type ColumnKey =
  | "naturalPerson"
  | "commercialEnterprise"
  | "researchInstitution"
  | "socialOrganization"
  | "legalServiceAgency"
  | "otherOrganization"
  | "total";

export type RowKey =
  | "newReceived"
  | "carriedOver"
  | "granted"
  | "partiallyGranted"
  | "denied.stateSecret"
  | "denied.prohibitedByLaw"
  | "denied.endangersSecurity"
  | "denied.thirdPartyRights"
  | "denied.internalAffairs"
  | "denied.processInformation"
  | "denied.enforcementFiles"
  | "denied.queryMatters"
  | "unavailable.notHeld"
  | "unavailable.needsCreation"
  | "unavailable.unclear"
  | "notProcessed.complaint"
  | "notProcessed.repeated"
  | "notProcessed.publication"
  | "notProcessed.excessive"
  | "notProcessed.confirmation"
  | "otherDisposal.overdueCorrection"
  | "otherDisposal.overdueFee"
  | "otherDisposal.other"
  | "otherDisposal"
  | "total"
  | "carriedForward";

export type Stat = number | null;

export interface Applications {
  rows: Partial<Record<RowKey, Record<ColumnKey, Stat>>>;
}

export type ReviewGroupKey = "review" | "litigationDirect" | "litigationAfterReview";
export type ReviewColumnKey = "upheld" | "corrected" | "other" | "pending" | "total";
export type ReviewLitigation = Record<ReviewGroupKey, Record<ReviewColumnKey, Stat>>;

/** Table 二: block → column → value. Which blocks and columns depends on the template. */
export type ActiveDisclosure = Record<string, Record<string, Stat>>;

/** Provenance of a value (data-contract.md §3): the cell as printed, at its place (page + bbox, line, table/row/col). */
export interface CellRecord extends Place {
  path: string;
  value: Stat;
  raw: string;
  rowLabel?: string;
  /** Set when the value was read with less than full confidence (see PARSE_UNCERTAIN). */
  uncertain?: boolean;
  /** For amounts printed with a unit inside the cell ("251000元"): the unit as printed. */
  unit?: string;
}

export type Severity = "error" | "warning" | "info";

/** An anomaly's place in the source (the message's Place), with the text printed there (`raw`) or near it (`text`). */
export interface Evidence extends Place {
  raw?: string;
  /** Images standing where a table should (TABLE_MISSING): their addresses as the page wrote them. */
  images?: string[];
  text?: string;
}

/** The codes of the rule catalogue (shared/spec/anomalies.md) this version checks: src/validate/catalogue.ts. */
export type RuleCode =
  | "T3_BALANCE"
  | "T3_ROW_SUM"
  | "T3_RESULT_SUM"
  | "T4_SUM"
  | "FEE_PRECISION"
  | "CELL_MISSING"
  | "CELL_NOT_NUMBER"
  | "CELL_NOT_COUNT"
  | "ROW_SHAPE"
  | "SECTION_MISSING"
  | "SECTION_ORDER"
  | "SECTION_EMPTY"
  | "TABLE_MISSING"
  | "ROW_MISSING"
  | "SCANNED_PAGES"
  | "PARSE_UNCERTAIN"
  // within one report, beyond the arithmetic
  | "T2_INFORCE"
  | "FEE_UNIT_SUSPECT"
  | "TEMPLATE_OUTDATED"
  | "YEAR_MISMATCH"
  | "PUBLISHED_LATE"
  | "TEXT_TABLE_MISMATCH"
  // across documents
  | "CARRYOVER_MISMATCH"
  | "INFORCE_MISMATCH"
  | "REPORT_REUSED"
  | "DUPLICATE_REPORT"
  | "RENDITION_MISMATCH";

/**
 * An anomaly (data-contract.md §4) is a message (parsers/model/message.ts) of the rule
 * catalogue with the report's paths, written with the contract's names: `code` is its ruleId,
 * `message` its reason, `evidence` its place with the printed text (`raw`, `text`).
 */
export interface Anomaly {
  reportId: string;
  code: RuleCode;
  severity: Severity;
  status: "fail" | "uncertain";
  responsibility: "source" | "parser";
  message: string;
  paths: string[];
  expected?: number | string;
  actual?: number | string;
  evidence: Evidence;
  /** Cells of other documents the anomaly rests on (cross-document rules: last year's report, the other rendition). */
  related?: RelatedCell[];
  /** Stable identity for reviews (src/validate/fingerprint.ts): survives re-runs and new wording. */
  fingerprint?: string;
}

/** A cell of another report that a cross-document anomaly compares with. */
export interface RelatedCell {
  reportId: string;
  uri: string;
  path: string;
  value?: number | null;
  raw?: string;
  evidence: Evidence;
}

/**
 * What the stages said about how the input was read (the reader's notes, the crawler's notes), in
 * the one message shape: catalogued code, severity, the stage, the place in the source, the
 * bilingual sentence. An addition to data-contract v1 (`messages` of AnnualReport).
 */
export type ReportMessage = Message<ReaderCode | CrawlNoteCode>;

export interface ReportSource {
  uri: string;
  format: SourceFormat;
  sha256: string;
  bytes: number;
  retrievedAt?: string;
  publishedAt?: string;
  attachments?: string[];
  /**
   * Crawled inputs reached at more than one URL (a redirect, a copy of the same bytes in another
   * column): every such URL, sorted, `uri` among them (crawling.md §2.10). An addition to v1.
   */
  urls?: string[];
}

/** Which evidence fixed a report's region (src/regions/resolve.ts). */
export type RegionSource = "agency" | "title" | "site";

/**
 * The administrative division a report belongs to (GB/T 2260, six-digit codes as strings). A
 * level that cannot be decided is null; the levels below the one decided are null too.
 */
export interface Region {
  provinceCode: string | null;
  provinceName: string | null;
  cityCode: string | null;
  cityName: string | null;
  countyCode: string | null;
  countyName: string | null;
  source: RegionSource;
}

export interface AnnualReport {
  schemaVersion: typeof SCHEMA_VERSION;
  id: string;
  source: ReportSource;
  title: string | null;
  agency: string | null;
  /** Where `agency` was read; null when agency is null. */
  agencySource: AgencySource | null;
  year: number | null;
  /** Where `year` was read; null when year is null. */
  yearSource: YearSource | null;
  template: TemplateId;
  /** What decided `template`; null when it is "unknown". */
  templateBasis: TemplateBasis | null;
  sections: Section[];
  activeDisclosure: ActiveDisclosure | null;
  applications: Applications | null;
  reviewLitigation: ReviewLitigation | null;
  /** Issue 12: the division of the agency, from its name, the title and (crawled) the site. */
  region: Region | null;
  cells: CellRecord[];
  anomalies: Anomaly[];
  /** Notes on how the input was read (not anomalies: nothing the publisher did wrong). */
  messages: ReportMessage[];
  parser: { name: "nianbao"; version: string };
}
