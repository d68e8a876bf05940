import { describe, expect, it } from "vitest";
import { readText } from "../../parsers/text.js";
import { extract } from "../../src/extract/index.js";

const doc = (text: string) => readText(Buffer.from(text)).value;
const headings = (text: string) => extract(doc(text)).sections.map((s) => s.heading);

const BODY = [
  "一、总体情况",
  "本机关全年主动公开信息120条。",
  "二、主动公开政府信息情况",
  "（见下表）",
  "三、收到和处理政府信息公开申请情况",
  "全年收到申请3件。",
  "四、政府信息公开行政复议、行政诉讼情况",
  "无行政复议和行政诉讼。",
  "五、存在的主要问题及改进情况",
  "公开形式有待丰富。",
  "六、其他需要报告的事项",
  "未收取信息处理费。",
];

describe("finding the six sections", () => {
  it("is not fooled by a table of contents with dot leaders", () => {
    const toc = ["某县教育局2023年政府信息公开工作年度报告", "目录", "一、总体情况……………………1", "二、主动公开政府信息情况…………2", "三、收到和处理政府信息公开申请情况……3"];
    const x = extract(doc([...toc, ...BODY].join("\n")));
    expect(x.sections[0]!.heading).toBe("一、总体情况");
    expect(x.sections[0]!.text).toBe("本机关全年主动公开信息120条。");
    expect(x.sections[2]!.text).toBe("全年收到申请3件。");
  });

  it("takes the heading variants of templates.md", () => {
    const text = BODY.join("\n")
      .replace("一、总体情况", "一、总体概述")
      .replace("四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开工作被申请行政复议和提起行政诉讼情况")
      .replace("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况");
    expect(headings(text)).toEqual([
      "一、总体概述",
      "二、主动公开政府信息情况",
      "三、收到和处理政府信息公开申请情况",
      "四、因政府信息公开工作被申请行政复议和提起行政诉讼情况",
      "五、政府信息公开工作存在的主要问题及改进情况",
      "六、其他需要报告的事项",
    ]);
  });

  it("ignores a preamble that names the sections without numerals", () => {
    const pre = "本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况等六个部分。";
    const x = extract(doc([pre, ...BODY].join("\n")));
    expect(x.sections[1]!.heading).toBe("二、主动公开政府信息情况");
    expect(x.sections[0]!.text).toBe("本机关全年主动公开信息120条。");
  });

  it("finds headings inline in a page a crawler flattened to one line", () => {
    const flat = BODY.join("");
    const x = extract(doc(`某县2023年政府信息公开工作年度报告\n${flat}`));
    expect(x.sections.map((s) => s.heading)).toEqual([
      "一、总体情况",
      "二、主动公开政府信息情况",
      "三、收到和处理政府信息公开申请情况",
      "四、政府信息公开行政复议、行政诉讼情况",
      "五、存在的主要问题及改进情况",
      "六、其他需要报告的事项",
    ]);
    expect(x.sections[5]!.text).toBe("未收取信息处理费。");
  });

  it("leaves a section without heading null (its text runs on in the previous section)", () => {
    const x = extract(doc(BODY.filter((l) => !l.startsWith("五、")).join("\n")));
    expect(x.sections[4]).toEqual({ number: 5, key: "problems", heading: null, text: "" });
    expect(x.sections[3]!.text).toContain("公开形式有待丰富。");
  });

  it("prefers the template heading over a report's own prose part of similar name", () => {
    const own = ["一、总体情况", "概况。", "三、主动公开工作情况", "发布信息393件。", "四、政府信息公开申请情况", "收到34件。"];
    const tables = ["一、主动公开政府信息情况", "表。", "二、收到和处理政府信息公开申请情况", "表。", "三、政府信息公开行政复议、行政诉讼情况", "表。", "五、其他需要报告的事项", "无。"];
    const x = extract(doc([...own, ...tables].join("\n")));
    expect(x.sections.map((s) => s.heading)).toEqual([
      "一、总体情况",
      "一、主动公开政府信息情况",
      "二、收到和处理政府信息公开申请情况",
      "三、政府信息公开行政复议、行政诉讼情况",
      null,
      "五、其他需要报告的事项",
    ]);
  });
});

describe("title, agency, year and template", () => {
  it("joins a title wrapped over two lines and drops inserted spaces", () => {
    const x = extract(doc(["2024 年上海市科委政府信息公开工作", "年度报告", ...BODY].join("\n")));
    expect(x.title).toBe("2024年上海市科委政府信息公开工作年度报告");
    expect(x.agency).toBe("上海市科委");
    expect(x.year).toBe(2024);
  });

  it("reads the agency before or after the year", () => {
    expect(extract(doc(["洪泽区人民政府2023年政府信息公开工作年度报告", ...BODY].join("\n"))).agency).toBe("洪泽区人民政府");
    expect(extract(doc(["2019年上海市人民政府办公厅政府信息公开工作年度报告", ...BODY].join("\n"))).agency).toBe("上海市人民政府办公厅");
  });

  it("takes the reported year from the statistics period when the title has none", () => {
    const x = extract(doc(["本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。", ...BODY].join("\n")));
    expect(x.title).toBeNull();
    expect(x.year).toBe(2021);
  });

  it("tells the 2019 tables from the 2021 tables by their columns, not the year", () => {
    const t2019 = BODY.join("\n").replace("（见下表）", "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t0\t0\t0");
    const t2021 = BODY.join("\n").replace("（见下表）", "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0");
    expect(extract(doc("某局2023年政府信息公开工作年度报告\n" + t2019)).template).toBe("2019");
    expect(extract(doc("某局2019年政府信息公开工作年度报告\n" + t2021)).template).toBe("2021");
  });
});

describe("the heading variants real reports print (issue 9)", () => {
  const cases: [number, string][] = [
    [4, "四、政府信息公开行政复议与行政诉讼情况"],
    [4, "四、政府信息公开行政法复议、行政诉讼情况"],
    [4, "四、政府信息公开行政复议和行政诉讼情况"],
    [5, "五、存在的主要问题和改进措施"],
    [5, "五、存在的主要问题及改进措施"],
    [5, "五、存在的主要问题及改进情况及下一年度工作计划"],
    [6, "六、其他需报告的事项"],
    [1, "一、总体公开情况"],
  ];
  for (const [n, heading] of cases) {
    it(`finds ${heading} standalone and inline`, () => {
      const canonical = BODY.find((l) => l.startsWith("一二三四五六"[n - 1]!))!;
      const standalone = BODY.join("\n").replace(canonical, heading);
      expect(headings(standalone)[n - 1]).toBe(heading);
      // A crawler dump: the whole page on one line, headings run into their content.
      const inline = standalone.replace(/\n/g, "");
      const x = extract(doc(inline));
      expect(x.sections[n - 1]!.heading).toBe(heading);
      expect(x.sections.every((s) => s.heading !== null)).toBe(true);
    });
  }
});

describe("SECTION_EMPTY and ROW_MISSING (issue 9)", () => {
  const withOther = (body: string) => BODY.join("\n").replace("未收取信息处理费。", body);
  const empty = async (body: string) => {
    const { parseReport } = await import("../../src/pipeline.js");
    const r = await parseReport(Buffer.from("某县教育局2023年政府信息公开工作年度报告\n" + withOther(body)), { uri: "memory://r.txt" });
    return r.anomalies.some((a) => a.code === "SECTION_EMPTY" && a.paths[0] === "sections.6");
  };
  for (const body of ["无", "无。", "暂无", "暂无。", "无其他需要报告的事项。", "本年度无其他需要报告的事项", "无 某县教育局 2024年1月17日", "无。\n某县教育局\n2024年1月17日"]) {
    it(`“${body.replace(/\n/g, "⏎")}” says nothing: SECTION_EMPTY`, async () => {
      expect(await empty(body)).toBe(true);
    });
  }
  for (const body of ["本年度未产生信息处理费。", "2022年，无收取信息处理费情况。", "我局未收取信息处理费。 某县教育局 2024年1月17日"]) {
    it(`“${body}” is content: no SECTION_EMPTY`, async () => {
      expect(await empty(body)).toBe(false);
    });
  }
});
