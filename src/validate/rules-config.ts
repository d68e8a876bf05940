/**
 * The rules as data: every code of the catalogue can be switched off, given another severity, and
 * tuned through its parameters, from a JSON file (`--rules <file>`):
 *
 *   { "rules": {
 *       "REPORT_REUSED": { "threshold": 0.8 },
 *       "FEE_UNIT_SUSPECT": { "severity": "error", "maxWanCounty": 500000 },
 *       "SECTION_ORDER": false } }
 *
 * `false` / `true` is short for `{ "enabled": false }` / `{ "enabled": true }`. Keys starting with
 * "_" or "$" are comments. The file is validated once, at the boundary, with every error named by
 * its place ("rules.REPORT_REUSED.threshold: must be a number from 0 to 1"), as the sites file is;
 * after that the types are trusted. The effective configuration is written to manifest.json.
 */
import type { Severity } from "../model/report.js";
import { RULES, type RuleCode } from "./catalogue.js";
import { jsonInput } from "../model/json-input.js";

type ParamSpec =
  | { type: "number"; min: number; max: number; default: number; doc: string }
  | { type: "integer"; min: number; max: number; default: number; doc: string }
  | { type: "integer-or-null"; min: number; max: number; default: number | null; doc: string }
  | { type: "month-day"; default: string; doc: string };

/** The tunable parameters of each rule, with their defaults (docs/rules.md lists them). */
export const RULE_PARAMS = {
  FEE_PRECISION: {
    defaultPrecision: { type: "integer-or-null", min: 0, max: 8, default: null, doc: "decimals demanded when the fee header states none (the national template states none)" },
  },
  FEE_UNIT_SUSPECT: {
    // 万元. Counties' whole yearly administrative fees stay in the 亿元 (10^4 万元) range; a
    // prefecture's 淮安市 2024: 96171.6; a value beyond these is more likely printed in 元.
    maxWanProvince: { type: "number", min: 0, max: 1e12, default: 10_000_000, doc: "largest plausible fee in 万元 for a province (or a municipality directly under the central government) and its departments" },
    maxWanPrefecture: { type: "number", min: 0, max: 1e12, default: 2_000_000, doc: "… for a prefecture-level city and its departments" },
    maxWanCounty: { type: "number", min: 0, max: 1e12, default: 500_000, doc: "… for a county, district or county-level city and its departments" },
    maxWanTownship: { type: "number", min: 0, max: 1e12, default: 20_000, doc: "… for a township, town or sub-district" },
  },
  TEMPLATE_OUTDATED: {
    first2021Year: { type: "integer", min: 2019, max: 2100, default: 2021, doc: "first reported year that must use the 2021 template (国办公开办函〔2021〕30号)" },
    first2019Year: { type: "integer", min: 2008, max: 2100, default: 2019, doc: "first reported year that must use a 2019-or-later template (国办公开办函〔2019〕60号)" },
  },
  PUBLISHED_LATE: {
    departmentDeadline: { type: "month-day", default: "01-31", doc: "条例 第四十九条: departments of governments at county level and above, in the following year" },
    governmentDeadline: { type: "month-day", default: "03-31", doc: "条例 第四十九条: local governments' reports, in the following year" },
    legacyDeadline: { type: "month-day", default: "03-31", doc: "条例 (2007) 第三十一条: every report for 2018 or before" },
    graceDays: { type: "integer", min: 0, max: 366, default: 0, doc: "days after the deadline still taken as on time" },
  },
  REPORT_REUSED: {
    threshold: { type: "number", min: 0, max: 1, default: 0.8, doc: "share of this report's prose shingles found in the previous report's at which it is flagged" },
    maxYearGap: { type: "integer", min: 1, max: 20, default: 3, doc: "how many years back the previous report we have may lie (平潭综合实验区财政金融局 2025 is 84% the prose of its 2022 report; 2023 and 2024 are not in the corpus)" },
  },
  DUPLICATE_REPORT: {
    threshold: { type: "number", min: 0, max: 1, default: 0.95, doc: "prose similarity (both ways) at which two same-format documents of one agency and year, with equal cells, are the same report" },
  },
} as const satisfies Partial<Record<RuleCode, Record<string, ParamSpec>>>;

type ParamsOf<C extends RuleCode> = C extends keyof typeof RULE_PARAMS
  ? { -readonly [K in keyof (typeof RULE_PARAMS)[C]]: (typeof RULE_PARAMS)[C][K] extends { type: "month-day" } ? string : (typeof RULE_PARAMS)[C][K] extends { type: "integer-or-null" } ? number | null : number }
  : Record<string, never>;

export interface RuleSetting<C extends RuleCode = RuleCode> {
  enabled: boolean;
  severity: Severity;
  params: ParamsOf<C>;
}

export type RulesConfig = { [C in RuleCode]: RuleSetting<C> };

export type RulesConfigResult = { ok: true; value: RulesConfig } | { ok: false; errors: string[] };

const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];
const isComment = (key: string): boolean => key.startsWith("_") || key.startsWith("$");
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const CODES = Object.keys(RULES) as RuleCode[];

function kind(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

function paramsOf(code: RuleCode): Record<string, ParamSpec> {
  return ((RULE_PARAMS as Partial<Record<RuleCode, Record<string, ParamSpec>>>)[code] ?? {}) as Record<string, ParamSpec>;
}

/** Every rule on, at its catalogue severity, with its default parameters. */
export function defaultRulesConfig(): RulesConfig {
  const out = {} as Record<RuleCode, RuleSetting>;
  for (const code of CODES) {
    const params: Record<string, number | string | null> = {};
    for (const [name, spec] of Object.entries(paramsOf(code))) params[name] = spec.default;
    out[code] = { enabled: true, severity: RULES[code].severity, params: params as never };
  }
  return out as RulesConfig;
}

const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function checkParam(at: string, spec: ParamSpec, v: unknown, errors: string[]): number | string | null | undefined {
  switch (spec.type) {
    case "month-day":
      if (typeof v === "string" && MONTH_DAY.test(v)) return v;
      errors.push(`${at}: must be a month and day "MM-DD" (e.g. "${spec.default}"), got ${typeof v === "string" ? `"${v}"` : kind(v)}`);
      return undefined;
    case "integer-or-null":
      if (v === null) return null;
    // falls through
    case "integer":
    case "number": {
      const whole = spec.type !== "number";
      if (typeof v === "number" && Number.isFinite(v) && (!whole || Number.isInteger(v)) && v >= spec.min && v <= spec.max) return v;
      errors.push(`${at}: must be ${whole ? "a whole number" : "a number"} from ${spec.min} to ${spec.max}${spec.type === "integer-or-null" ? ", or null" : ""}, got ${typeof v === "number" ? v : kind(v)}`);
      return undefined;
    }
  }
}

/** Validate a rules file (parsed JSON, or its text) into the effective configuration. */
export function parseRulesConfig(json: unknown): RulesConfigResult {
  const input = jsonInput(json);
  if (!input.ok) return input;
  const data = input.data;
  if (!isObject(data)) return { ok: false, errors: [`the rules file must be an object { "rules": { … } }, got ${kind(data)}`] };
  const errors: string[] = [];
  for (const key of Object.keys(data)) if (key !== "rules" && !isComment(key)) errors.push(`${key}: unknown field (known: rules)`);
  const config = defaultRulesConfig();
  const rules = data.rules;
  if (rules === undefined) return errors.length ? { ok: false, errors } : { ok: true, value: config };
  if (!isObject(rules)) return { ok: false, errors: [...errors, `rules: must be an object keyed by rule code, got ${kind(rules)}`] };
  for (const [code, entry] of Object.entries(rules)) {
    if (isComment(code)) continue;
    const at = `rules.${code}`;
    if (!(CODES as string[]).includes(code)) {
      errors.push(`${at}: unknown rule code (known: ${CODES.join(", ")})`);
      continue;
    }
    const setting = config[code as RuleCode] as RuleSetting;
    if (typeof entry === "boolean") {
      setting.enabled = entry;
      continue;
    }
    if (!isObject(entry)) {
      errors.push(`${at}: must be true, false or an object { enabled, severity, …parameters }, got ${kind(entry)}`);
      continue;
    }
    const specs = paramsOf(code as RuleCode);
    for (const [key, v] of Object.entries(entry)) {
      if (isComment(key)) continue;
      if (key === "enabled") {
        if (typeof v === "boolean") setting.enabled = v;
        else errors.push(`${at}.enabled: must be true or false, got ${kind(v)}`);
      } else if (key === "severity") {
        if (typeof v === "string" && (SEVERITIES as string[]).includes(v)) setting.severity = v as Severity;
        else errors.push(`${at}.severity: must be one of ${SEVERITIES.join(", ")}, got ${typeof v === "string" ? `"${v}"` : kind(v)}`);
      } else if (key in specs) {
        const value = checkParam(`${at}.${key}`, specs[key]!, v, errors);
        if (value !== undefined) (setting.params as Record<string, unknown>)[key] = value;
      } else {
        const known = ["enabled", "severity", ...Object.keys(specs)];
        errors.push(`${at}.${key}: unknown field (known: ${known.join(", ")})`);
      }
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: config };
}

/** The settings that differ from the defaults, for manifest.json: {} when everything is default. */
export function changedSettings(config: RulesConfig): Record<string, Partial<RuleSetting>> {
  const base = defaultRulesConfig();
  const out: Record<string, Partial<RuleSetting>> = {};
  for (const code of CODES) {
    const a = config[code] as RuleSetting;
    const b = base[code] as RuleSetting;
    const diff: Partial<RuleSetting> & { params?: Record<string, unknown> } = {};
    if (a.enabled !== b.enabled) diff.enabled = a.enabled;
    if (a.severity !== b.severity) diff.severity = a.severity;
    const params: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(a.params)) if ((b.params as Record<string, unknown>)[k] !== v) params[k] = v;
    if (Object.keys(params).length) diff.params = params as never;
    if (Object.keys(diff).length) out[code] = diff;
  }
  return out;
}

/**
 * Apply the switches and severities to anomalies already built: rules look their defaults up in
 * the catalogue, and the configuration has the last word here, in one place.
 */
export function applySettings<A extends { code: string; severity: Severity }>(config: RulesConfig, anomalies: A[]): A[] {
  const out: A[] = [];
  for (const a of anomalies) {
    const s = config[a.code as RuleCode] as RuleSetting | undefined;
    if (s && !s.enabled) continue;
    out.push(s && s.severity !== a.severity ? { ...a, severity: s.severity } : a);
  }
  return out;
}
