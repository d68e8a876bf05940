import { describe, expect, it } from "vitest";
import { agencyKey, groupByAgency } from "../../src/validate/agency-key.js";

const key = (name: string) => agencyKey(name)?.key;

describe("the agency key", () => {
  it("makes 平潭综合实验区 / 平潭综合实验区管委会 / 平潭综合实验区管理委员会 / 平潭综合实验区(管委会) meet", () => {
    expect(new Set(["平潭综合实验区", "平潭综合实验区管委会", "平潭综合实验区管理委员会", "平潭综合实验区(管委会)", "平潭综合实验区（管委会）"].map(key))).toEqual(new Set(["平潭综合实验区"]));
    expect(agencyKey("平潭综合实验区管理委员会")).toMatchObject({ kind: "government", body: "", place: "平潭综合实验区", level: "county" });
  });

  it("makes XX区人民政府 / XX区政府 / 淮安市XX区人民政府 meet (洪泽区 2023 and 2024)", () => {
    expect(new Set(["洪泽区人民政府", "洪泽区政府", "淮安市洪泽区人民政府", "洪泽区"].map(key))).toEqual(new Set(["洪泽区"]));
    expect(agencyKey("淮安市洪泽区人民政府")).toMatchObject({ parents: ["淮安市"], kind: "government" });
  });

  it("keeps a government apart from its departments and its office", () => {
    const names = ["平潭综合实验区", "平潭综合实验区财政金融局", "平潭综合实验区公安局", "平潭综合实验区市场监督管理局", "平潭综合实验区海坛片区管理局", "洪泽区人民政府办公室"];
    expect(names.map(key)).toEqual(["平潭综合实验区", "平潭综合实验区财政金融局", "平潭综合实验区公安局", "平潭综合实验区市场监督管理局", "海坛片区管理局", "洪泽区政府办公室"]);
    expect(names.map((n) => agencyKey(n)!.kind)).toEqual(["government", "department", "department", "department", "department", "department"]);
  });

  it("does not read 城市 / 城乡 / 和 in a department's name as a place", () => {
    expect(agencyKey("某某县城市管理局")).toMatchObject({ key: "某某县城市管理局", place: "某某县", body: "城市管理局" });
    expect(agencyKey("某某县住房和城乡建设局")).toMatchObject({ place: "某某县", body: "住房和城乡建设局" });
    expect(agencyKey("江苏省淮安市财政局")).toMatchObject({ key: "淮安市财政局", parents: ["江苏省"], level: "prefecture" });
    expect(agencyKey("福州市鼓楼区人民政府")).toMatchObject({ key: "鼓楼区", parents: ["福州市"] });
    expect(agencyKey("北京市通州区人民政府")).toMatchObject({ key: "通州区", parents: ["北京市"] });
    expect(agencyKey("上海市人民政府办公厅")).toMatchObject({ key: "上海市政府办公厅", level: "province", kind: "department" });
    expect(agencyKey(null)).toBeNull();
    expect(agencyKey("  ")).toBeNull();
  });

  it("keeps two districts of one name under different cities apart; a bare name joins the only one", () => {
    const names = ["南京市鼓楼区人民政府", "福州市鼓楼区人民政府", "鼓楼区政府"];
    expect([...groupByAgency(names, agencyKey).entries()]).toEqual([
      ["南京市›鼓楼区", ["南京市鼓楼区人民政府"]],
      ["福州市›鼓楼区", ["福州市鼓楼区人民政府"]],
      ["›鼓楼区", ["鼓楼区政府"]],
    ]);
    expect([...groupByAgency(["淮安市洪泽区人民政府", "洪泽区人民政府"], agencyKey).entries()]).toEqual([["洪泽区", ["淮安市洪泽区人民政府", "洪泽区人民政府"]]]);
  });
});
