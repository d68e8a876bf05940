/**
 * The AnnualReport model of shared/spec/data-contract.md (schema v1). Key names are the contract:
 * researchers read our JSON by them, so nothing here is renamed without a new schemaVersion.
 */
import type { SourceFormat } from "./document.js";

export const SCHEMA_VERSION = "1" as const;

export type TemplateId = "2021" | "2019" | "legacy" | "unknown";

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
  year: number | null;
  template: TemplateId;
  sections: Section[];
  activeDisclosure: ActiveDisclosure | null;
  applications: Applications | null;
  reviewLitigation: ReviewLitigation | null;
  cells: CellRecord[];
  anomalies: Anomaly[];
  parser: { name: "nianbao"; version: string };
}
