/**
 * The agency key: where two documents of one agency meet, whatever way each names it.
 *
 * A name is read as a chain of places, each ending in an administrative level (省, 自治区, 市, 州,
 * 地区, 盟, 县, 区, 旗, 镇, 乡, 街道), then a body (财政局, 政府办公室, …):
 *
 *   淮安市洪泽区人民政府        places 淮安市 › 洪泽区      body —        key 洪泽区
 *   洪泽区政府                 places 洪泽区              body —        key 洪泽区
 *   平潭综合实验区管理委员会     places 平潭综合实验区       body —        key 平潭综合实验区
 *   平潭综合实验区(管委会)      places 平潭综合实验区       body —        key 平潭综合实验区
 *   平潭综合实验区海坛片区管理局 places 平潭综合实验区 › 海坛片区 body 管理局 key 海坛片区管理局
 *   江苏省淮安市财政局          places 江苏省 › 淮安市      body 财政局    key 淮安市财政局
 *
 * The rule, in order: NFKC, no whitespace, asides in brackets dropped; 人民政府 → 政府 and
 * 管理委员会 → 管委会 anywhere; a body that is only 政府 or 管委会 is the place itself (a
 * government: its report is the local government's, due by 31 March); the key is the last place
 * and the body. The places above the last are kept as `parents`: two documents meet when their
 * keys are equal and their nearest parents do not contradict each other (南京市鼓楼区 and
 * 福州市鼓楼区 do not meet; 鼓楼区 alone meets either only when one of them is present). These
 * names came from the corpus (shared/corpus/MANIFEST.tsv: 平潭综合实验区(管委会), 淮安市洪泽区人民政府
 * vs the 2023 title 洪泽区人民政府).
 */

export type AgencyLevel = "province" | "prefecture" | "county" | "township" | "unknown";

export interface AgencyKey {
  key: string;
  /** Places above the last one, outermost first ("江苏省", "淮安市"). */
  parents: string[];
  /** The last place ("洪泽区"), or null when the name holds none. */
  place: string | null;
  /** What follows the places, normalised ("财政局", "政府办公室"); "" for the government itself. */
  body: string;
  /** The government of a place (条例 第四十九条: local government), or one of its departments. */
  kind: "government" | "department";
  /** Level of the last place, for checks that depend on it (fees). */
  level: AgencyLevel;
}

/** Level suffixes, longest first so that 自治州 is not read as 州. */
const LEVELS: readonly [string, AgencyLevel][] = [
  ["特别行政区", "province"],
  ["自治区", "province"],
  ["自治州", "prefecture"],
  ["自治县", "county"],
  ["自治旗", "county"],
  ["街道", "township"],
  ["地区", "prefecture"],
  ["省", "province"],
  ["盟", "prefecture"],
  ["州", "prefecture"],
  ["市", "prefecture"],
  ["县", "county"],
  ["旗", "county"],
  ["区", "county"],
  ["镇", "township"],
  ["乡", "township"],
];

/** The four municipalities are province-level though they end in 市. */
const MUNICIPALITIES = new Set(["北京市", "上海市", "天津市", "重庆市"]);

/** Two-character words that end in a level character but name no place (城市管理局, 城乡建设局, 社区…). */
const NOT_PLACES = new Set(["城市", "城乡", "社区", "小区", "园区", "景区", "辖区", "山区", "郊区", "市区", "乡镇", "都市", "新区", "地区", "校区", "港区", "矿区", "片区", "街区", "营区", "考区", "灾区", "库区", "林区", "牧区", "省市", "县区", "县市", "区县", "市县"]);

const HAN = /\p{Script=Han}/u;
const MAX_PLACE = 10;

/** The place that starts at `from`, as [text, level], or null. */
function placeAt(s: string, from: number): [string, AgencyLevel] | null {
  for (let len = 2; len <= MAX_PLACE && from + len <= s.length; len++) {
    const token = s.slice(from, from + len);
    if (!HAN.test(token[token.length - 1]!)) return null;
    if (/[和与及的、]/.test(token)) return null;
    for (const [suffix, level] of LEVELS) {
      if (!token.endsWith(suffix) || token.length <= suffix.length) continue;
      if (NOT_PLACES.has(token)) break;
      // A level character that is part of the name: 福州市, 通州区, 沙市区, 安乡县 (not 福州 › 市…).
      const next = s[from + len];
      if (next !== undefined && /[州乡市镇]$/.test(token) && /[市区县旗]/.test(next)) {
        const longer = token + next;
        return [longer, MUNICIPALITIES.has(longer) ? "province" : LEVELS.find(([suf]) => longer.endsWith(suf))![1]];
      }
      return [token, MUNICIPALITIES.has(token) ? "province" : level];
    }
  }
  return null;
}

/** The name as the key reads it: NFKC, no whitespace, no bracketed asides, 人民政府 → 政府, 管理委员会 → 管委会. */
export function normaliseAgencyName(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/[（(【〔[][^（()）【】〔〕[\]]*[)）】〕\]]/g, "")
    .replace(/人民政府/g, "政府")
    .replace(/管理委员会/g, "管委会");
}

export function agencyKey(name: string | null | undefined): AgencyKey | null {
  if (!name) return null;
  const s = normaliseAgencyName(name);
  if (s === "") return null;
  const places: [string, AgencyLevel][] = [];
  let at = 0;
  for (;;) {
    const p = placeAt(s, at);
    if (!p) break;
    places.push(p);
    at += p[0].length;
  }
  let body = s.slice(at);
  if (body === "政府" || body === "管委会") body = "";
  const last = places[places.length - 1] ?? null;
  const kind = last !== null && body === "" ? "government" : "department";
  return {
    key: `${last?.[0] ?? ""}${body}`,
    parents: places.slice(0, -1).map((p) => p[0]),
    place: last?.[0] ?? null,
    body,
    kind,
    level: last?.[1] ?? "unknown",
  };
}

/**
 * Group items by agency key, splitting a key whose members name different nearest parents; a member
 * without a parent joins the one parent its key has, and stays apart when there are several.
 * Groups and members keep the order of `items`; the group id is the key plus the parent when split.
 */
export function groupByAgency<T>(items: T[], keyOf: (t: T) => AgencyKey | null): Map<string, T[]> {
  const byKey = new Map<string, { item: T; parent: string }[]>();
  for (const item of items) {
    const k = keyOf(item);
    if (!k || k.key === "") continue;
    const list = byKey.get(k.key) ?? [];
    list.push({ item, parent: k.parents[k.parents.length - 1] ?? "" });
    byKey.set(k.key, list);
  }
  const out = new Map<string, T[]>();
  for (const [key, members] of byKey) {
    const parents = [...new Set(members.map((m) => m.parent).filter((p) => p !== ""))];
    for (const m of members) {
      const parent = m.parent !== "" ? m.parent : parents.length === 1 ? parents[0]! : "";
      const id = parents.length > 1 ? `${parent}›${key}` : key;
      const list = out.get(id) ?? [];
      list.push(m.item);
      out.set(id, list);
    }
  }
  return out;
}
