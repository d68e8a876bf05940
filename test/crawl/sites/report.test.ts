import { describe, expect, it } from "vitest";
import { classifyReport, readArticle } from "../../../src/crawl/sites/index.js";

const LONG_BODY = "本报告依据《中华人民共和国政府信息公开条例》编制。".repeat(10);
const verdict = (title: string | null, body = ""): ReturnType<typeof classifyReport> => classifyReport(title, body);

describe("classifyReport: titles that are reports", () => {
  it.each([
    "鄂尔多斯市2019年政府信息公开工作年度报告",
    "鄂尔多斯市2018年政府信息公开年度报告",
    "某县财政局政府信息公开工作年度报告（2022年）",
    "某区2022年度政府信息公开工作年度报告",
    "某市教育局2022年政府信息公开年报",
    "某市教育局2022年政府信息公开工作年报",
    "2009年政府信息公开工作报告",
    "某省2022年政府信息公开和政务公开工作年度报告",
    "某市干部培训中心2022年政府信息公开工作年度报告", // 培训 in the agency's name
    "某市审计局2022年政府信息公开工作年度报告（更正版）",
    "关于公布某区2022年政府信息公开工作年度报告的通知",
  ])("%s", (title) => {
    expect(verdict(title)).toEqual({ isReport: true });
  });
});

describe("classifyReport: titles about reports, with the reason", () => {
  it.each([
    ["关于做好2022年政府信息公开工作年度报告编制工作的通知", "preparing"],
    ["某区召开2022年度政府信息公开工作年报工作会议", "meeting"],
    ["全区政府信息公开工作年度报告编制培训会顺利举办", "preparing"],
    ["一图读懂某市2022年政府信息公开工作年度报告", "explainer"],
    ["图解：某市2022年政府信息公开工作年度报告", "explainer"],
    ["关于2022年度政府信息公开工作年度报告质量检查情况的通报", "assessment"],
    ["关于开展2021年政府信息公开工作年度报告评估的通知", "assessment"],
    ["关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知", "formatting"],
  ])("%s → %s", (title, why) => {
    const v = verdict(title);
    expect(v.isReport).toBe(false);
    expect(v.reason).toContain(why);
    expect(v.reason).toContain(title);
  });

  it.each(["恩格贝生态示范区召开2020年度工作会暨党风廉政建设会议", "2021年度政府网站年度工作报表", "定西市新冠肺炎疫情联防联控领导小组办公室通告"])(
    "%s does not name the report",
    (title) => {
      const v = verdict(title);
      expect(v.isReport).toBe(false);
      expect(v.reason).toContain("does not name");
    },
  );
});

describe("classifyReport: the body stands in for a missing or generic title", () => {
  it("a page titled with the site name whose body opens with the report's name is a report", () => {
    expect(verdict("鄂尔多斯恩格贝生态示范区", `鄂尔多斯市2019年政府信息公开工作年度报告\n${LONG_BODY}`)).toEqual({ isReport: true });
  });

  it("no title at all: the body's opening decides", () => {
    expect(verdict(null, `某局2022年政府信息公开工作年度报告 ${LONG_BODY}`).isReport).toBe(true);
    expect(verdict(null, LONG_BODY).reason).toMatch(/^no title/);
  });

  it("a body that names the report in a sentence, not as its heading, is not one", () => {
    const v = verdict("工作动态", "近日，我区召开2022年政府信息公开工作年度报告编制培训会，各部门参加。");
    expect(v.isReport).toBe(false);
    expect(v.reason).toContain("about preparing or formatting reports");
    const w = verdict("工作动态", "近日，我区发布了2022年政府信息公开工作年度报告");
    expect(w.isReport).toBe(false);
    expect(w.reason).toContain("running text");
  });

  it("a body heading that is news about a report is not one", () => {
    const v = verdict("工作动态", "关于做好2022年政府信息公开工作年度报告编制工作的通知\n各单位：");
    expect(v.isReport).toBe(false);
    expect(v.reason).toContain("about preparing");
  });

  it("a listing page read as an article (the Ordos column) is not a report: its body names several", () => {
    const body = "首页\t信息公开\n\t信息公开年报\n\t鄂尔多斯市2019年政府信息公开工作年度报告\t2020-09-03\n\t恩格贝生态示范区召开2020年度工作会\t2020-05-06\n\t鄂尔多斯市人民政府办公室2019年政府信息公开工作年度报告\t2020-03-11";
    const v = verdict("鄂尔多斯恩格贝生态示范区", body);
    expect(v.isReport).toBe(false);
    expect(v.reason).toContain("a list of reports");
  });

  it("the column's name in the navigation (信息公开年报, no year) does not make a page a report", () => {
    expect(verdict("鄂尔多斯恩格贝生态示范区", "首页\n信息公开年报\n您现在的位置是：首页 >> 信息公开年报\n恩格贝生态示范区：栽下梧桐引凤来").isReport).toBe(false);
  });

  it("the walk's listing title decides when the page is titled with the site's name", () => {
    expect(classifyReport("鄂尔多斯恩格贝生态示范区", "正文", "鄂尔多斯市2019年政府信息公开工作年度报告")).toEqual({ isReport: true });
    const v = classifyReport("鄂尔多斯恩格贝生态示范区", "正文", "关于做好2022年政府信息公开工作年度报告编制工作的通知");
    expect(v).toMatchObject({ isReport: false });
    expect(v.reason).toMatch(/^listing title/);
    expect(classifyReport("某局2021年政府信息公开工作年度报告", "", "关于做好…编制工作的通知").isReport).toBe(true);
  });

  it("a news title is not rescued by a report named deep in its body", () => {
    const body = `${LONG_BODY}${LONG_BODY}同时，我区发布了2022年政府信息公开工作年度报告。`;
    expect(verdict("恩格贝生态示范区：栽下梧桐引凤来", body).isReport).toBe(false);
  });

  it("readArticle gives the reason when it is not a report", () => {
    const text = `<html><head><meta name="ArticleTitle" content="关于做好2022年政府信息公开工作年度报告编制工作的通知"></head><body><div class="TRS_Editor"><p>${LONG_BODY}</p></div></body></html>`;
    const a = readArticle({ url: "http://x.example.gov.cn/t20230105_1.html", text, contentType: null });
    expect(a.isReport).toBe(false);
    expect(a.reason).toContain("about preparing or formatting reports");
  });
});
