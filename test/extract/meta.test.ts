/**
 * Recognising a report, and its title, agency, year and template with where each came from
 * (issue 9), on pages shaped like the ones agencies and mirror sites publish.
 */
import { describe, expect, it } from "vitest";
import { readHtml as readHtmlResult } from "../../parsers/html.js";
import { readText as readTextResult } from "../../parsers/text.js";
import { buildReport } from "../../src/pipeline.js";

const readHtml = (input: Uint8Array) => readHtmlResult(input).value;
const readText = (input: Uint8Array) => readTextResult(input).value;
import { extract } from "../../src/extract/index.js";
import type { ParsedDocument } from "../../src/model/document.js";
import { NianbaoError } from "../../src/model/errors.js";

const source = { uri: "memory://page", format: "html" as const, sha256: "0".repeat(64), bytes: 0 };
const report = (doc: ParsedDocument, siteAgency?: string) => buildReport(doc, { ...source, format: doc.format }, {}, [], siteAgency ?? null);

/** The six sections of a report in the 2021 template's words, tables left out. */
const OUTLINE = [
  "<p>一、总体情况</p><p>本机关认真贯彻落实《条例》，全年主动公开信息120条。</p>",
  "<p>二、主动公开政府信息情况</p><p>详见下表。</p>",
  "<p>三、收到和处理政府信息公开申请情况</p><p>详见下表。</p>",
  "<p>四、政府信息公开行政复议、行政诉讼情况</p><p>详见下表。</p>",
  "<p>五、存在的主要问题及改进情况</p><p>公开内容还不够全面。</p>",
  "<p>六、其他需要报告的事项</p><p>本年度未收取信息处理费。</p>",
].join("");

function page(opts: { title?: string; head?: string; before?: string; body?: string; after?: string } = {}): ParsedDocument {
  const html = `<html><head><title>${opts.title ?? ""}</title>${opts.head ?? ""}</head><body><div class="TRS_Editor">${opts.before ?? ""}${opts.body ?? OUTLINE}${opts.after ?? ""}</div></body></html>`;
  return readHtml(Buffer.from(html));
}

describe("the title in all its printed forms", () => {
  it.each([
    ["year after the report's name", "<p>涟水县应急管理局政府信息公开工作2024年度报告</p>", "涟水县应急管理局政府信息公开工作2024年度报告", "涟水县应急管理局", 2024],
    ["年度 twice", "<p>某市统计局2023年度政府信息公开工作年度报告</p>", "某市统计局2023年度政府信息公开工作年度报告", "某市统计局", 2023],
    ["a （2022年） suffix", "<p>某县民政局政府信息公开工作年度报告（2022年）</p>", "某县民政局政府信息公开工作年度报告（2022年）", "某县民政局", 2022],
    ["agency / year + name", "<p>孟津区财政局</p><p>2022年政府信息公开工作年度报告</p>", "孟津区财政局2022年政府信息公开工作年度报告", "孟津区财政局", 2022],
    ["agency / year / name", "<p>孟津区财政局</p><p>2022年</p><p>政府信息公开工作年度报告</p>", "孟津区财政局2022年政府信息公开工作年度报告", "孟津区财政局", 2022],
    ["the name broken over two lines", "<p>孟津区财政局2022年政府信息公开工作</p><p>年度报告</p>", "孟津区财政局2022年政府信息公开工作年度报告", "孟津区财政局", 2022],
    ["repeated", "<h1>某区司法局2021年政府信息公开工作年度报告</h1><p>某区司法局2021年政府信息公开工作年度报告</p>", "某区司法局2021年政府信息公开工作年度报告", "某区司法局", 2021],
    ["a customs office", "<p>中华人民共和国某某海关2023年政府信息公开工作年度报告</p>", "中华人民共和国某某海关2023年政府信息公开工作年度报告", "中华人民共和国某某海关", 2023],
    ["with stray spaces", "<p>某区司法局 2021 年政府信息公开工作年度报告</p>", "某区司法局2021年政府信息公开工作年度报告", "某区司法局", 2021],
    [
      "a flipbook's contents page",
      "<p>目录</p><p>某区教育局2023年政府信息公开工作年度报告……………1</p><p>一、总体情况………………1</p><p>二、主动公开政府信息情况…………2</p>",
      "某区教育局2023年政府信息公开工作年度报告",
      "某区教育局",
      2023,
    ],
  ])("%s", (_what, before, title, agency, year) => {
    const r = report(page({ title: "政府信息公开年报_某某网", before }));
    expect([r.title, r.agency, r.agencySource, r.year, r.yearSource]).toEqual([title, agency, "title", year, "title"]);
  });

  it.each([
    ["…_站点名", "某区商务局2022年政府信息公开工作年度报告_武陵区人民政府"],
    ["…-站点名", "某区商务局2022年政府信息公开工作年度报告-武陵区人民政府"],
    ["… - 站点名", "某区商务局2022年政府信息公开工作年度报告 - 武陵区人民政府"],
    ["a site name glued on", "某区商务局2022年政府信息公开工作年度报告武陵区人民政府"],
  ])("the page's <title> without its site suffix (%s), when nothing is printed", (_what, title) => {
    const r = report(page({ title }));
    expect([r.title, r.agency, r.agencySource]).toEqual(["某区商务局2022年政府信息公开工作年度报告", "某区商务局", "title"]);
  });

  it("drops a column name glued before the agency in the page's <title>", () => {
    const r = report(page({ title: "溪山市人民政府信息公开年报溪山市商务局2023年政府信息公开工作年度报告" }));
    expect([r.title, r.agency]).toEqual(["溪山市商务局2023年政府信息公开工作年度报告", "溪山市商务局"]);
  });

  it("takes the agency, not the site, when a site's name is glued before it", () => {
    const r = report(page({ before: "<p>武陵区人民政府武陵区教育局2023年政府信息公开工作年度报告</p>" }));
    expect(r.agency).toBe("武陵区教育局");
  });

  it("prefers the printed title to the page's <title>", () => {
    const r = report(page({ title: "乙局2022年政府信息公开工作年度报告_某网", before: "<p>甲局2022年政府信息公开工作年度报告</p>" }));
    expect(r.title).toBe("甲局2022年政府信息公开工作年度报告");
  });

  it("reads a 标题 metadata table", () => {
    const doc = readText(Buffer.from(["| 标题 | 某镇人民政府2022年政府信息公开工作年度报告 |", "| 发布日期 | 2023-01-10 |", "", ...OUTLINE.replace(/<\/p>/g, "\n").replace(/<p>/g, "").split("\n")].join("\n")));
    const r = report(doc);
    expect([r.title, r.agency]).toEqual(["某镇人民政府2022年政府信息公开工作年度报告", "某镇人民政府"]);
  });
});

describe("the agency, with where it came from", () => {
  it("from the preamble (现公布…)", () => {
    const r = report(page({ before: "<p>现公布清远市清新区人民政府办公室（以下简称区政府办公室）2022年政府信息公开工作年度报告。本报告由总体情况等部分组成。</p>" }));
    expect([r.title, r.agency, r.agencySource, r.year]).toEqual([null, "清远市清新区人民政府办公室", "preamble", 2022]);
  });

  it("from the signature, which also dates the report", () => {
    const r = report(page({ after: "<p>平潭综合实验区公安局</p><p>2020年1月17日</p>" }));
    expect([r.agency, r.agencySource, r.year, r.yearSource, r.source.publishedAt]).toEqual(["平潭综合实验区公安局", "signature", 2019, "signature", "2020-01-17"]);
  });

  it("from the info box (发布机构), never from the breadcrumb", () => {
    // The report's own words are not its info box: "数据来源：…" in the body names no agency.
    const r = report(page({ after: "<p>数据来源：某市统计局</p>" }));
    expect(r.agency).toBeNull();
    const html = `<html><head><title>政府信息公开年报</title></head><body><div class="position">当前位置：首页 &gt; 政务公开 &gt; 某区教育局</div><div class="xxgk_info">索引号：001 发布机构：某区教育局 发布日期：2023-01-20 主题分类：年报</div><div class="TRS_Editor">${OUTLINE}</div></body></html>`;
    const r2 = report(readHtml(Buffer.from(html)));
    expect([r2.agency, r2.agencySource, r2.year, r2.yearSource]).toEqual(["某区教育局", "infoBox", 2022, "published"]);
  });

  it("from the ContentSource meta tag", () => {
    const r = report(page({ head: '<meta name="ContentSource" content="某县卫生健康委员会">' }));
    expect([r.agency, r.agencySource]).toEqual(["某县卫生健康委员会", "meta"]);
  });

  it("from the crawler's site entry as the last resort", () => {
    const r = report(page(), "孟津区财政局");
    expect([r.agency, r.agencySource]).toEqual(["孟津区财政局", "site"]);
  });

  it("never what a hijacked mirror injected in the agency's place", () => {
    for (const junk of ["澳门葡京娱乐城", "威尼斯人官网", "pg电子娱乐平台", "体育投注开户"]) {
      const r = report(page({ title: `${junk}2023年政府信息公开工作年度报告` }));
      expect(r.agency, junk).toBeNull();
      expect(r.agencySource).toBeNull();
      // Nor is such a page title the report's title.
      expect(r.title, junk).toBeNull();
    }
    const r = report(page({ title: "澳门葡京娱乐城2023年政府信息公开工作年度报告", after: "<p>某县交通运输局 2024年1月20日</p>" }));
    expect([r.agency, r.agencySource]).toEqual(["某县交通运输局", "signature"]);
  });
});

describe("the year, with where it came from", () => {
  it("from the statistics period", () => {
    const r = report(page({ before: "<p>本年度报告中所列数据统计期限为2022年1月1日至12月31日。</p>" }));
    expect([r.year, r.yearSource]).toEqual([2022, "period"]);
  });

  it("from the first lines (2022年度，我局…)", () => {
    const body = OUTLINE.replace("本机关认真贯彻落实", "2022年度，我局认真贯彻落实");
    expect([report(page({ body })).year, report(page({ body })).yearSource]).toEqual([2022, "prose"]);
  });

  it("from the publication date minus one, last", () => {
    const r = report(page({ head: '<meta name="PubDate" content="2024-01-25 10:00">' }));
    expect([r.year, r.yearSource]).toEqual([2023, "published"]);
  });
});

describe("the template, with what decided it", () => {
  it("a 2022 report whose tables are images: 2021 by outline and year, TABLE_MISSING naming the images", () => {
    const body = OUTLINE.replace("<p>二、主动公开政府信息情况</p><p>详见下表。</p>", '<p>二、主动公开政府信息情况</p><p><img src="/images/t2.png"></p>')
      .replace("<p>三、收到和处理政府信息公开申请情况</p><p>详见下表。</p>", '<p>三、收到和处理政府信息公开申请情况</p><p><img src="/images/t3a.png"><img src="/images/t3b.png"></p>');
    const r = report(page({ before: "<p>某县水利局2022年政府信息公开工作年度报告</p>", body }));
    expect([r.template, r.templateBasis]).toEqual(["2021", "outlineAndYear"]);
    // A section holding the table's picture is not empty.
    expect(r.anomalies.filter((a) => a.code === "SECTION_EMPTY").map((a) => a.paths[0])).toEqual([]);
    const missing = r.anomalies.filter((a) => a.code === "TABLE_MISSING");
    expect(missing.map((a) => [a.paths[0], a.evidence.images ?? []])).toEqual([
      ["activeDisclosure", ["/images/t2.png"]],
      ["applications", ["/images/t3a.png", "/images/t3b.png"]],
      ["reviewLitigation", []],
    ]);
  });

  it("a 2020 report without tables: 2019", () => {
    const r = report(page({ before: "<p>某县水利局2020年政府信息公开工作年度报告</p>" }));
    expect([r.template, r.templateBasis]).toEqual(["2019", "outlineAndYear"]);
  });

  it("from the tables when they are there", () => {
    const r = report(page({ before: "<p>某县水利局2022年政府信息公开工作年度报告</p>", after: "<table><tr><td>信息内容</td><td>本年新制作数量</td><td>本年新公开数量</td><td>对外公开总数量</td></tr><tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr></table>" }));
    expect([r.template, r.templateBasis]).toEqual(["2019", "tables"]);
  });
});

describe("recognising a report", () => {
  const notReport = (doc: ParsedDocument) => {
    try {
      report(doc);
    } catch (e) {
      return e instanceof NianbaoError ? e.code : String(e);
    }
    return "a report";
  };

  it.each([
    ["opens with the statutory preamble, no title", "<p>本年度报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》要求编制。</p><p>一、总体情况</p><p>本年度主动公开信息20条。</p>", "preamble"],
    ["根据《条例》…特编制本报告", "<p>根据《中华人民共和国政府信息公开条例》规定，特编制本报告。</p><p>一、总体情况</p><p>本年度主动公开信息20条。</p>", "preamble"],
    ["announces itself (现公布…)", "<p>现公布本局2022年政府信息公开工作年度报告如下。</p><p>一、总体情况</p><p>内容。</p>", "announcement"],
    ["starts at 一、总体情况, incomplete", "<p>一、总体情况</p><p>内容。</p><p>二、主动公开政府信息情况</p><p>内容。</p><p>三、收到和处理政府信息公开申请情况</p><p>内容。</p>", "outline"],
  ])("is a report when it %s", (_what, body, basis) => {
    const doc = page({ body });
    expect(notReport(doc)).toBe("a report");
    expect(extract(doc).reportBasis).toBe(basis);
    // Incomplete, and said so: emitted with what is missing.
    expect(report(doc).anomalies.some((a) => a.code === "SECTION_MISSING" || a.code === "TABLE_MISSING")).toBe(true);
  });

  it.each([
    ["a 工作要点", "某区2023年政务公开工作要点", "<p>一、总体要求</p><p>坚持以人民为中心。</p><p>二、主要任务</p><p>（一）主动公开。</p><p>（二）依申请公开。</p>"],
    ["a 公开指南", "某区人民政府信息公开指南", "<p>一、主动公开</p><p>（一）公开范围。</p><p>二、依申请公开</p><p>（一）受理机构。</p>"],
    ["a 法治政府建设年度报告", "某区2022年法治政府建设年度报告", "<p>一、2022年推进法治政府建设的主要举措和成效</p><p>内容。</p><p>二、存在的不足</p><p>内容。</p>"],
    ["a notice about preparing reports", "关于做好2023年度政府信息公开工作年度报告编制发布工作的通知", "<p>各乡镇、各部门：</p><p>根据《中华人民共和国政府信息公开条例》规定，现就做好年度报告编制发布工作通知如下。</p>"],
    ["a column page listing reports", "政府信息公开年报", "<p>某局2023年政府信息公开工作年度报告 2024-01-20</p><p>某局2022年政府信息公开工作年度报告 2023-01-18</p><p>某局2021年政府信息公开工作年度报告 2022-01-25</p>"],
  ])("is not a report when it is %s", (_what, title, body) => {
    expect(notReport(page({ title, body }))).toBe("NOT_A_REPORT");
  });
});

describe("section 六 saying nothing on its heading's line", () => {
  it.each(["六、其他需要报告的事项无", "六、其他需要报告的事项：暂无。", "六、其他需要报告的事项 无其他需要报告的事项"])("%s → SECTION_EMPTY", (line) => {
    const r = report(page({ before: "<p>某局2022年政府信息公开工作年度报告</p>", body: OUTLINE.replace("<p>六、其他需要报告的事项</p><p>本年度未收取信息处理费。</p>", `<p>${line}</p>`) }));
    expect(r.sections[5]!.heading).toBe("六、其他需要报告的事项");
    expect(r.anomalies.filter((a) => a.code === "SECTION_EMPTY").map((a) => a.paths[0])).toEqual(["sections.6"]);
  });
});
