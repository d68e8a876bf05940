/**
 * The JSON Schema (draft 2020-12) of AnnualReport, built from the template data so that the
 * schema, extraction and checks can never disagree on a key.
 */
import { APPLICATION_COLUMN_KEYS, APPLICATION_ROWS, REVIEW_COLUMNS, REVIEW_GROUPS, SECTION_DEFS, TABLE2 } from "../templates/index.js";
import { AGENCY_SOURCES, SCHEMA_VERSION, TEMPLATE_BASES, YEAR_SOURCES } from "../model/report.js";
import { READER_NOTES } from "../../parsers/model/notes.js";
import { CRAWL_NOTES } from "../model/notes.js";
import { RULES } from "../validate/catalogue.js";
import { regionSchema } from "../regions/schema.js";
import { describeSchema } from "../dataset/dictionary.js";

const stat = { type: ["number", "null"] } as const;

/** An anomaly's evidence: its place in the source, and what is printed there (raw) or near it (text). */
const EVIDENCE = {
  raw: { type: "string" },
  images: { type: "array", items: { type: "string" } },
  page: { type: "integer", minimum: 1 },
  bbox: { $ref: "#/$defs/bbox" },
  line: { type: "integer", minimum: 1 },
  text: { type: "string" },
  table: { type: "integer", minimum: 0 },
  row: { type: "integer", minimum: 0 },
  col: { type: "integer", minimum: 0 },
} as const;
const nonEmpty = { type: "string", minLength: 1 } as const;

function blockObject(columns: string[]) {
  return {
    type: "object",
    additionalProperties: false,
    required: columns,
    properties: Object.fromEntries(columns.map((c) => [c, { $ref: "#/$defs/stat" }])),
  };
}

function activeDisclosure(template: "2021" | "2019") {
  const props: Record<string, unknown> = {};
  for (const block of TABLE2[template]) for (const row of block.rows) props[row.key] = { ...blockObject(block.columns), description: `${row.label} (第二十条第${block.clause}项)` };
  return { type: "object", additionalProperties: false, required: Object.keys(props), properties: props, title: `table 二, ${template} template` };
}

export function annualReportSchema(): object {
  // issue 12: every field's title and bilingual description come from the field dictionary
  return describeSchema({
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://nianbao.invalid/schema/annual-report.schema.json",
    title: "AnnualReport",
    description: "One government information-disclosure annual report (政府信息公开工作年度报告) as read by nianbao; data contract v1.",
    type: "object",
    additionalProperties: false,
    required: ["schemaVersion", "id", "source", "title", "agency", "agencySource", "year", "yearSource", "template", "templateBasis", "sections", "activeDisclosure", "applications", "reviewLitigation", "region", "cells", "anomalies", "messages", "parser"],
    properties: {
      schemaVersion: { const: SCHEMA_VERSION },
      id: { type: "string", pattern: "^[0-9a-f]{16}$", description: "first 16 hex chars of sha256(source bytes)" },
      source: {
        type: "object",
        additionalProperties: false,
        required: ["uri", "format", "sha256", "bytes"],
        properties: {
          uri: nonEmpty,
          format: { enum: ["html", "pdf", "docx", "doc", "text"] },
          sha256: { type: "string", pattern: "^[0-9a-f]{64}$" },
          bytes: { type: "integer", minimum: 0 },
          retrievedAt: { type: "string" },
          publishedAt: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
          attachments: { type: "array", items: nonEmpty },
          urls: { type: "array", items: nonEmpty, minItems: 2, uniqueItems: true },
        },
      },
      title: { type: ["string", "null"] },
      agency: { type: ["string", "null"] },
      agencySource: { enum: [...AGENCY_SOURCES, null], description: "where agency was read; null when agency is null" },
      year: { type: ["integer", "null"], minimum: 1990, maximum: 2100 },
      yearSource: { enum: [...YEAR_SOURCES, null], description: "where year was read; null when year is null" },
      template: { enum: ["2021", "2019", "legacy", "unknown"] },
      templateBasis: { enum: [...TEMPLATE_BASES, null], description: "what decided template; null when it is unknown" },
      sections: {
        type: "array",
        minItems: 6,
        maxItems: 6,
        prefixItems: SECTION_DEFS.map((d) => ({
          type: "object",
          additionalProperties: false,
          required: ["number", "key", "heading", "text"],
          properties: { number: { const: d.number }, key: { const: d.key }, heading: { type: ["string", "null"] }, text: { type: "string" } },
          description: d.canonical,
        })),
        items: false,
      },
      activeDisclosure: { oneOf: [{ type: "null" }, activeDisclosure("2021"), activeDisclosure("2019")] },
      applications: {
        oneOf: [
          { type: "null" },
          {
            type: "object",
            additionalProperties: false,
            required: ["rows"],
            properties: {
              rows: {
                type: "object",
                propertyNames: { enum: APPLICATION_ROWS.map((r) => r.key) },
                additionalProperties: blockObject([...APPLICATION_COLUMN_KEYS]),
                description: "table 三: RowKey → ColumnKey → value",
              },
            },
          },
        ],
      },
      reviewLitigation: {
        oneOf: [
          { type: "null" },
          {
            type: "object",
            additionalProperties: false,
            required: REVIEW_GROUPS.map((g) => g.key),
            properties: Object.fromEntries(REVIEW_GROUPS.map((g) => [g.key, { ...blockObject(REVIEW_COLUMNS.map((c) => c.key)), description: g.label }])),
          },
        ],
      },
      region: regionSchema(),
      cells: { type: "array", items: { $ref: "#/$defs/cell" } },
      anomalies: { type: "array", items: { $ref: "#/$defs/anomaly" } },
      messages: {
        type: "array",
        items: { $ref: "#/$defs/message" },
        description: "notes on how the input was read (the reader's and the crawler's), not anomalies",
      },
      parser: {
        type: "object",
        additionalProperties: false,
        required: ["name", "version"],
        properties: { name: { const: "nianbao" }, version: nonEmpty },
      },
    },
    $defs: {
      stat: { ...stat, description: "a statistic; null = blank, absent or undetermined" },
      bbox: { type: "array", items: { type: "number" }, minItems: 4, maxItems: 4, description: "x0, y0, x1, y1 in PDF points, origin top-left, y down" },
      cell: {
        type: "object",
        additionalProperties: false,
        required: ["path", "value", "raw"],
        properties: {
          path: nonEmpty,
          value: { $ref: "#/$defs/stat" },
          raw: { type: "string" },
          rowLabel: { type: "string" },
          page: { type: "integer", minimum: 1 },
          bbox: { $ref: "#/$defs/bbox" },
          line: { type: "integer", minimum: 1 },
          table: { type: "integer", minimum: 0 },
          row: { type: "integer", minimum: 0 },
          col: { type: "integer", minimum: 0 },
          uncertain: { type: "boolean" },
          unit: { type: "string" },
        },
      },
      anomaly: {
        type: "object",
        additionalProperties: false,
        required: ["reportId", "code", "severity", "status", "responsibility", "message", "paths", "evidence"],
        properties: {
          reportId: { type: "string", pattern: "^[0-9a-f]{16}$" },
          code: { enum: Object.keys(RULES), description: "the rule (shared/spec/anomalies.md)" },
          severity: { enum: ["error", "warning", "info"] },
          status: { enum: ["fail", "uncertain"] },
          responsibility: { enum: ["source", "parser"] },
          message: nonEmpty,
          paths: { type: "array", items: nonEmpty, minItems: 1 },
          expected: { type: ["number", "string"] },
          actual: { type: ["number", "string"] },
          evidence: {
            type: "object",
            additionalProperties: false,
            properties: EVIDENCE,
          },
          related: {
            type: "array",
            description: "cells of other documents a cross-document anomaly compares with",
            items: {
              type: "object",
              additionalProperties: false,
              required: ["reportId", "uri", "path", "evidence"],
              properties: {
                reportId: { type: "string", pattern: "^[0-9a-f]{16}$" },
                uri: nonEmpty,
                path: nonEmpty,
                value: { $ref: "#/$defs/stat" },
                raw: { type: "string" },
                evidence: { type: "object" },
              },
            },
          },
          fingerprint: { type: "string", pattern: "^[0-9a-f]{16}$", description: "stable identity for auditors' reviews" },
        },
      },
      place: {
        type: "object",
        additionalProperties: false,
        description: "where in the source: page and box (PDF), line (text, HTML source), table/row/col (0-based grid)",
        properties: Object.fromEntries(Object.entries(EVIDENCE).filter(([k]) => k !== "raw" && k !== "text" && k !== "images")),
      },
      message: {
        type: "object",
        additionalProperties: false,
        required: ["ruleId", "severity", "source", "place", "reason"],
        properties: {
          ruleId: { enum: [...Object.keys(READER_NOTES), ...Object.keys(CRAWL_NOTES)], description: "the note's code (docs/readers.md)" },
          severity: { enum: ["warning", "info"] },
          source: { enum: ["fetch", "read"], description: "the stage that said it" },
          place: { oneOf: [{ type: "null" }, { $ref: "#/$defs/place" }] },
          reason: { ...nonEmpty, description: "one sentence in Chinese, then the same in English" },
          actual: { type: ["number", "string"] },
          expected: { type: ["number", "string"] },
          context: { type: "object", description: "facts for machines (e.g. the scanned pages)" },
        },
      },
    },
  });
}
