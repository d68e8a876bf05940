/**
 * The sites file (data-contract.md §1): which agencies' 年报 columns to crawl.
 *
 *   { "sites": [ { "id": "mengjin-czj", "agency": "孟津区财政局",
 *                  "start": ["http://…/zfxxgknb/index.html"],
 *                  "adapter": "trs", "maxPages": 50, "minIntervalMs": 1500,
 *                  "allowHosts": ["files.example.gov.cn"] } ] }
 *
 * Only id, agency and start are required. Validated once, at the boundary, with every error
 * named by its place ("sites[2].start[0]: not an http(s) URL"); after that the types are trusted.
 * Keys starting with "_" or "$" are comments ("$schema", "_note") and are ignored; any other
 * unknown key is an error, so a misspelt "adaptor" does not pass silently.
 */
import type { AdapterName, SiteConfig, SitesFile } from "../types.js";
import { isHttpUrl } from "./urls.js";
import { jsonInput } from "../../model/json-input.js";

export type SitesFileResult = { ok: true; value: SitesFile } | { ok: false; errors: string[] };

const ADAPTERS: readonly AdapterName[] = ["trs", "hanweb", "gkmlpt", "plain", "generic"];
const SITE_KEYS = ["id", "agency", "start", "adapter", "maxPages", "minIntervalMs", "allowHosts"] as const;
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** A host name as allowHosts takes it: no scheme, no path (a port is allowed). */
const HOST = /^(?=.{1,253}(?::\d{1,5})?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$/i;

const isComment = (key: string): boolean => key.startsWith("_") || key.startsWith("$");
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function kind(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

/** Validate a sites file: the parsed JSON, or its text. */
export function parseSitesFile(json: unknown): SitesFileResult {
  const input = jsonInput(json);
  if (!input.ok) return input;
  const data = input.data;
  const errors: string[] = [];
  if (!isObject(data)) return { ok: false, errors: [`the sites file must be an object { "sites": [...] }, got ${kind(data)}`] };
  for (const key of Object.keys(data)) if (key !== "sites" && !isComment(key)) errors.push(`${key}: unknown field (known: sites)`);
  const sites = data.sites;
  if (!Array.isArray(sites)) {
    errors.push(sites === undefined ? "sites: missing (a list of sites)" : `sites: must be a list, got ${kind(sites)}`);
    return { ok: false, errors };
  }
  if (sites.length === 0) errors.push("sites: empty (no site to crawl)");

  const value: SiteConfig[] = [];
  const ids = new Map<string, number>();
  sites.forEach((entry, i) => {
    const at = `sites[${i}]`;
    if (!isObject(entry)) {
      errors.push(`${at}: must be an object with id, agency and start, got ${kind(entry)}`);
      return;
    }
    const before = errors.length;
    for (const key of Object.keys(entry)) {
      if (!(SITE_KEYS as readonly string[]).includes(key) && !isComment(key)) errors.push(`${at}.${key}: unknown field (known: ${SITE_KEYS.join(", ")})`);
    }

    const id = entry.id;
    if (typeof id !== "string" || id.trim() === "") errors.push(`${at}.id: ${id === undefined ? "missing" : "must be a non-empty string"}`);
    else if (!ID.test(id)) errors.push(`${at}.id: "${id}" may hold only letters, digits, ".", "_" and "-" (it names files and log lines)`);
    else if (ids.has(id)) errors.push(`${at}.id: "${id}" repeats sites[${ids.get(id)}].id`);
    else ids.set(id, i);

    const agency = entry.agency;
    if (typeof agency !== "string" || agency.trim() === "") errors.push(`${at}.agency: ${agency === undefined ? "missing" : "must be a non-empty string"}`);

    const start = entry.start;
    if (!Array.isArray(start)) errors.push(`${at}.start: ${start === undefined ? "missing" : `must be a list of URLs, got ${kind(start)}`}`);
    else if (start.length === 0) errors.push(`${at}.start: empty (at least one listing URL)`);
    else {
      const seen = new Map<string, number>();
      start.forEach((u, j) => {
        if (typeof u !== "string" || !isHttpUrl(u.trim())) errors.push(`${at}.start[${j}]: not an http(s) URL${typeof u === "string" ? ` ("${u}")` : ` (${kind(u)})`}`);
        else if (seen.has(u.trim())) errors.push(`${at}.start[${j}]: repeats start[${seen.get(u.trim())}]`);
        else seen.set(u.trim(), j);
      });
    }

    if (entry.adapter !== undefined && !(typeof entry.adapter === "string" && (ADAPTERS as readonly string[]).includes(entry.adapter))) {
      errors.push(`${at}.adapter: must be one of ${ADAPTERS.join(", ")}, got ${JSON.stringify(entry.adapter)}`);
    }
    if (entry.maxPages !== undefined && !(Number.isInteger(entry.maxPages) && (entry.maxPages as number) >= 1)) {
      errors.push(`${at}.maxPages: must be a whole number ≥ 1, got ${JSON.stringify(entry.maxPages)}`);
    }
    if (entry.minIntervalMs !== undefined && !(typeof entry.minIntervalMs === "number" && Number.isFinite(entry.minIntervalMs) && entry.minIntervalMs >= 0)) {
      errors.push(`${at}.minIntervalMs: must be a number of milliseconds ≥ 0, got ${JSON.stringify(entry.minIntervalMs)}`);
    }
    const allow = entry.allowHosts;
    if (allow !== undefined) {
      if (!Array.isArray(allow)) errors.push(`${at}.allowHosts: must be a list of host names, got ${kind(allow)}`);
      else allow.forEach((h, j) => {
        if (typeof h !== "string" || !HOST.test(h)) errors.push(`${at}.allowHosts[${j}]: not a host name (like "files.example.gov.cn", no scheme or path), got ${JSON.stringify(h)}`);
      });
    }

    if (errors.length !== before) return;
    const site: SiteConfig = { id: id as string, agency: (agency as string).trim(), start: (start as string[]).map((u) => u.trim()) };
    if (entry.adapter !== undefined) site.adapter = entry.adapter as AdapterName;
    if (entry.maxPages !== undefined) site.maxPages = entry.maxPages as number;
    if (entry.minIntervalMs !== undefined) site.minIntervalMs = entry.minIntervalMs as number;
    if (allow !== undefined) site.allowHosts = (allow as string[]).map((h) => h.toLowerCase());
    value.push(site);
  });
  return errors.length ? { ok: false, errors } : { ok: true, value: { sites: value } };
}
