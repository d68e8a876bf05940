/**
 * The field dictionary (issue 12), from one source: the labels the templates print
 * (src/templates) and the meanings of meanings.ts. It describes
 *   - every field of the JSON Schema (describeSchema: title = label, description = 中文。 English.),
 *   - every column of the Data Package's tables (describePackage),
 *   - and the dictionary of docs/dataset.md (fieldDictionary, written by scripts/dataset-doc.ts).
 */
import { APPLICATION_COLUMNS, APPLICATION_ROWS, REVIEW_COLUMNS, REVIEW_GROUPS, TABLE2 } from "../templates/index.js";
import { TABLE2_HEADERS } from "../templates/table2-headers.js";
import type { DataPackage } from "../emit/package-types.js";
import {
  CSV_MEANINGS,
  RECORD_MEANINGS,
  TABLE2_COLUMN_MEANINGS,
  TABLE2_ROW_MEANINGS,
  TABLE3_COLUMN_MEANINGS,
  TABLE3_ROW_MEANINGS,
  TABLE4_COLUMN_MEANINGS,
  TABLE4_GROUP_MEANINGS,
  type Meaning,
} from "./meanings.js";

export interface DictionaryEntry extends Meaning {
  /** The key as data holds it: a record path, a table path, or "<table>.csv: <column>". */
  key: string;
  /** Where the entry belongs in the dictionary. */
  group: "record" | "table2-2021" | "table2-2019" | "table3-rows" | "table3-columns" | "table4" | "csv";
}

const text = (x: { zh: string; en: string }) => `${x.zh}。 ${x.en}.`.replace(/([。.！？?])。 /, "$1 ").replace(/\.\.$/, ".");

function need<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new Error(`the field dictionary has no meaning for ${what} (src/dataset/meanings.ts)`);
  return v;
}

function table2Entries(template: "2021" | "2019"): DictionaryEntry[] {
  const out: DictionaryEntry[] = [];
  for (const block of TABLE2[template]) {
    for (const row of block.rows) {
      const rm = need(TABLE2_ROW_MEANINGS[row.key], `table 二 row ${row.key}`);
      out.push({ key: `activeDisclosure.${row.key}`, group: `table2-${template}`, label: `第二十条第${block.clause}项 ${row.label}`, ...rm });
      for (const col of block.columns) {
        const cm = need(TABLE2_COLUMN_MEANINGS[`${row.key}.${col}`] ?? TABLE2_COLUMN_MEANINGS[col], `table 二 column ${col}`);
        const header = need(TABLE2_HEADERS[template][block.clause]?.[col], `the printed header of ${template} ${block.clause} ${col}`);
        out.push({ key: `activeDisclosure.${row.key}.${col}`, group: `table2-${template}`, label: `${row.label} · ${header}`, zh: `${rm.zh}：${cm.zh}`, en: `${rm.en}: ${cm.en}` });
      }
    }
  }
  return out;
}

/** Every entry of the dictionary, in the order docs/dataset.md shows them. */
export function fieldDictionary(pkg?: DataPackage): DictionaryEntry[] {
  const out: DictionaryEntry[] = Object.entries(RECORD_MEANINGS).map(([key, mm]) => ({ key, group: "record", ...mm }));
  out.push(...table2Entries("2021"), ...table2Entries("2019"));
  for (const r of APPLICATION_ROWS) out.push({ key: `applications.rows.${r.key}`, group: "table3-rows", label: r.label, ...need(TABLE3_ROW_MEANINGS[r.key], `table 三 row ${r.key}`) });
  for (const c of APPLICATION_COLUMNS) out.push({ key: `applications.rows.<row>.${c.key}`, group: "table3-columns", label: c.label, ...need(TABLE3_COLUMN_MEANINGS[c.key], `table 三 column ${c.key}`) });
  for (const g of REVIEW_GROUPS) out.push({ key: `reviewLitigation.${g.key}`, group: "table4", label: g.label, ...need(TABLE4_GROUP_MEANINGS[g.key], `table 四 group ${g.key}`) });
  for (const c of REVIEW_COLUMNS) out.push({ key: `reviewLitigation.<group>.${c.key}`, group: "table4", label: c.label, ...need(TABLE4_COLUMN_MEANINGS[c.key], `table 四 column ${c.key}`) });
  if (pkg) {
    for (const r of pkg.resources) {
      if (r.format !== "csv" || typeof r.schema !== "object") continue;
      for (const f of r.schema.fields) out.push({ key: `${r.path}: ${f.name}`, group: "csv", ...csvMeaning(r.name, f.name) });
    }
  }
  return out;
}

function csvMeaning(resource: string, field: string): Meaning {
  return need(CSV_MEANINGS[`${resource}.${field}`] ?? CSV_MEANINGS[`*.${field}`], `column ${field} of ${resource}`);
}

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);

/** Which template a branch of activeDisclosure's oneOf describes: the one whose row keys it has. */
function branchTemplate(props: Node): "2021" | "2019" | null {
  const keys = Object.keys(props).sort().join(",");
  for (const t of ["2021", "2019"] as const) {
    if (TABLE2[t].flatMap((b) => b.rows.map((r) => r.key)).sort().join(",") === keys) return t;
  }
  return null;
}

/**
 * The schema with a title (label) and a bilingual description on every field. A copy: the
 * builder shares sub-schemas between fields. The rows of table 三 become named properties (the
 * same validation as propertyNames + additionalProperties), so each row carries its label.
 */
export function describeSchema<T extends object>(schema: T): T {
  const copy = JSON.parse(JSON.stringify(schema)) as Node; // not structuredClone: it keeps shared sub-schemas shared
  const entries = new Map(fieldDictionary().map((e) => [e.key, e]));
  const set = (node: Node, key: string) => {
    const e = entries.get(key);
    if (!e) return;
    node.title = e.label;
    node.description = text(e);
  };
  const cols = (row: string, col: string) => {
    const r = entries.get(`applications.rows.${row}`);
    const c = entries.get(`applications.rows.<row>.${col}`);
    return r && c ? { label: `${r.label} · ${c.label}`, zh: `${r.zh}：${c.zh}`, en: `${r.en}: ${c.en}` } : null;
  };
  const walk = (node: Node, path: string, t2: "2021" | "2019" | null) => {
    for (const branch of (node.oneOf as unknown[] | undefined) ?? []) {
      if (isNode(branch)) walk(branch, path, path === "activeDisclosure" && isNode(branch.properties) ? branchTemplate(branch.properties) : t2);
    }
    if (path === "applications.rows" && isNode(node.propertyNames) && Array.isArray(node.propertyNames.enum) && isNode(node.additionalProperties)) {
      node.properties = Object.fromEntries((node.propertyNames.enum as string[]).map((k) => [k, JSON.parse(JSON.stringify(node.additionalProperties)) as Node]));
    }
    if (isNode(node.properties)) {
      for (const [k, child] of Object.entries(node.properties)) {
        if (!isNode(child)) continue;
        const p = path ? `${path}.${k}` : k;
        if (path.startsWith("applications.rows.")) {
          const c = cols(path.slice("applications.rows.".length), k);
          if (c) Object.assign(child, { title: c.label, description: text(c) });
        } else if (/^reviewLitigation\.[^.]+$/.test(path)) {
          const [g, c] = [entries.get(path), entries.get(`reviewLitigation.<group>.${k}`)];
          if (g && c) Object.assign(child, { title: `${g.label} · ${c.label}`, description: text({ zh: `${g.zh}：${c.zh}`, en: `${g.en}: ${c.en}` }) });
        } else set(child, p);
        walk(child, p, t2);
      }
    }
    if (isNode(node.items)) {
      set(node.items, `${path}[]`);
      walk(node.items, `${path}[]`, t2);
    }
    for (const item of (node.prefixItems as unknown[] | undefined) ?? []) {
      if (!isNode(item)) continue;
      const label = typeof item.description === "string" ? item.description : null;
      set(item, `${path}[]`);
      if (label) item.title = label; // the section's canonical heading (一、总体情况)
      walk(item, `${path}[]`, t2);
    }
  };
  walk(copy, "", null);
  // Table 二's keys mean different columns in 2021 and 2019: describe each branch by its own template.
  for (const branch of ((copy.properties as Node).activeDisclosure as Node).oneOf as Node[]) {
    if (!isNode(branch.properties)) continue;
    const t = branchTemplate(branch.properties);
    if (!t) continue;
    const own = new Map(table2Entries(t).map((e) => [e.key, e]));
    for (const [row, rs] of Object.entries(branch.properties)) {
      if (!isNode(rs)) continue;
      const e = own.get(`activeDisclosure.${row}`);
      if (e) Object.assign(rs, { title: e.label, description: text(e) });
      for (const [col, cs] of Object.entries((rs.properties as Node | undefined) ?? {})) {
        const c = own.get(`activeDisclosure.${row}.${col}`);
        if (c && isNode(cs)) Object.assign(cs, { title: c.label, description: text(c) });
      }
    }
  }
  const defs = copy.$defs as Node | undefined;
  if (defs && isNode(defs.cell)) walk(defs.cell, "cells[]", null);
  if (defs && isNode(defs.anomaly)) walk(defs.anomaly, "anomalies[]", null);
  if (defs && isNode(defs.message)) walk(defs.message, "messages[]", null);
  if (defs && isNode(defs.place)) walk(defs.place, "place", null);
  return copy as T;
}

/** The package with a Chinese title and a bilingual description on every column of every table. */
export function describePackage(pkg: DataPackage): DataPackage {
  const copy = JSON.parse(JSON.stringify(pkg)) as DataPackage;
  for (const r of copy.resources) {
    if (typeof r.schema !== "object") continue;
    const base = r.name.replace(/-parquet$/, "");
    for (const f of r.schema.fields) {
      const mm = csvMeaning(base, f.name);
      f.title = mm.label;
      f.description = text(mm);
    }
  }
  return copy;
}
