/**
 * The AnnualReport model of shared/spec/data-contract.md (schema v1). Key names are the contract:
 * researchers read our JSON by them, so nothing here is renamed without a new schemaVersion.
 */
import type { SourceFormat } from "./document.js";

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

export interface CellRecord {
  path: string;
  value: Stat;
  raw: string;
  rowLabel?: string;
  page?: number;
  bbox?: [number, number, number, number];
  line?: number;
  table?: number;
  row?: number;
  col?: number;
  /** Set when the value was read with less than full confidence (see PARSE_UNCERTAIN). */
  uncertain?: boolean;
  /** For amounts printed with a unit inside the cell ("251000元"): the unit as printed. */
  unit?: string;
}

export type Severity = "error" | "warning" | "info";

export interface Evidence {
  raw?: string;
  /** Images standing where a table should (TABLE_MISSING): their addresses as the page wrote them. */
  images?: string[];
  page?: number;
  bbox?: number[];
  line?: number;
  text?: string;
  table?: number;
  row?: number;
  col?: number;
}

export interface Anomaly {
  reportId: string;
  code: string;
  severity: Severity;
  status: "fail" | "uncertain";
  responsibility: "source" | "parser";
  message: string;
  paths: string[];
  expected?: number | string;
  actual?: number | string;
  evidence: Evidence;
}

export interface ReportSource {
  uri: string;
  format: SourceFormat;
  sha256: string;
  bytes: number;
  retrievedAt?: string;
  publishedAt?: string;
  attachments?: string[];
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
  cells: CellRecord[];
  anomalies: Anomaly[];
  parser: { name: "nianbao"; version: string };
}
