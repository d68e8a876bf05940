/** The cross-document rules: over summaries of real and built reports, each firing and not firing. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AnnualReport } from "../../src/model/report.js";
import { parseReport } from "../../src/pipeline.js";
import { crossCheck, summarise, validateAcross } from "../../src/validate/across/index.js";
import { containment, sketch } from "../../src/validate/across/shingles.js";
import { parseRulesConfig } from "../../src/validate/rules-config.js";
import { buildReport, type ReportSpec } from "../support/build-report.js";

const corpus = new URL("../../../shared/corpus/", import.meta.url).pathname;
const hasCorpus = existsSync(join(corpus, "txt")) && existsSync(join(corpus, "pdf"));
const samples = new URL("../../samples/", import.meta.url).pathname;

const built = (spec: ReportSpec, uri: string) => parseReport(Buffer.from(buildReport(spec)), { uri });
const codes = <A extends { code: string }>(as: A[], code: string): A[] => as.filter((a) => a.code === code);
const title = (y: number) => `某某区某局${y}年政府信息公开工作年度报告`;
const carry = (carriedOver: string, carriedForward: string): ReportSpec["t3"] => ({
  newReceived: ["2", "0", "0", "0", "0", "0", "2"],
  carriedOver: [carriedOver, "0", "0", "0", "0", "0", carriedOver],
  granted: ["2", "0", "0", "0", "0", "0", "2"],
  total: ["2", "0", "0", "0", "0", "0", "2"],
  carriedForward: [carriedForward, "0", "0", "0", "0", "0", carriedForward],
});

describe("CARRYOVER_MISMATCH", () => {
  it("fires per column when this year's 上年结转 is not last year's 结转下年度, naming last year's cell", async () => {
    const y2022 = await built({ title: title(2022), t3: carry("0", "3") }, "a/2022.txt");
    const y2023 = await built({ title: title(2023), t3: carry("1", "0") }, "a/2023.txt");
    const found = codes(validateAcross([y2022, y2023].map(summarise)), "CARRYOVER_MISMATCH");
    expect(found.map((a) => [a.reportId, a.paths[0], a.expected, a.actual])).toEqual([
      [y2023.id, "applications.rows.carriedOver.naturalPerson", 3, 1],
      [y2023.id, "applications.rows.carriedOver.total", 3, 1],
    ]);
    expect(found[0]!.related).toEqual([{ reportId: y2022.id, uri: "a/2022.txt", path: "applications.rows.carriedForward.naturalPerson", value: 3, raw: "3", evidence: expect.objectContaining({ raw: "3", line: expect.any(Number) }) }]);
  });

  it("does not fire when they agree, when a year is missing between them, or across agencies", async () => {
    const y2022 = await built({ title: title(2022), t3: carry("0", "1") }, "a/2022.txt");
    const same = await built({ title: title(2023), t3: carry("1", "0") }, "a/2023.txt");
    const gap = await built({ title: title(2024), t3: carry("5", "0") }, "a/2024.txt");
    const other = await built({ title: "某某区另一局2023年政府信息公开工作年度报告", t3: carry("7", "0") }, "b/2023.txt");
    expect(codes(validateAcross([y2022, same].map(summarise)), "CARRYOVER_MISMATCH")).toEqual([]);
    expect(codes(validateAcross([y2022, gap, other].map(summarise)), "CARRYOVER_MISMATCH")).toEqual([]);
  });
});

describe("INFORCE_MISMATCH", () => {
  it("fires when last year's 现行有效 + 制发 − 废止 is not this year's 现行有效; not when it is", async () => {
    const y2022 = await built({ title: title(2022), t2: { normativeDocuments: ["1", "0", "9"] } }, "a/2022.txt");
    const bad = await built({ title: title(2023), t2: { normativeDocuments: ["2", "1", "9"] } }, "a/2023.txt");
    const [a, ...rest] = codes(validateAcross([y2022, bad].map(summarise)), "INFORCE_MISMATCH");
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ paths: ["activeDisclosure.normativeDocuments.inForce", "activeDisclosure.normativeDocuments.issued", "activeDisclosure.normativeDocuments.repealed"], expected: 10, actual: 9, status: "fail" });
    const good = await built({ title: title(2023), t2: { normativeDocuments: ["2", "1", "10"] } }, "a/2023.txt");
    expect(codes(validateAcross([y2022, good].map(summarise)), "INFORCE_MISMATCH")).toEqual([]);
  });
});

describe("REPORT_REUSED", () => {
  it("estimates the share of prose in common from the sketches", () => {
    const a = "本机关认真贯彻落实政府信息公开条例，完善工作机制，加强平台建设，提升公开质量。".repeat(3);
    expect(containment(sketch(a), sketch(a))).toBe(1);
    expect(containment(sketch(a), sketch("完全不同的一段文字，讲的是另外一件事情，没有任何相同的内容可言。"))).toBe(0);
  });

  it("fires when this year's prose is last year's, not when it is new", async () => {
    const prose = "本局坚持以公开为常态、不公开为例外，围绕中心工作，扎实推进决策、执行、管理、服务、结果公开，主动回应社会关切，依法依规办理依申请公开，持续加强政府网站和政务新媒体建设，健全信息发布审核制度，强化监督考核，政务公开工作取得新成效。";
    const y2022 = await built({ title: title(2022), section1: prose }, "a/2022.txt");
    const copied = await built({ title: title(2023), section1: prose.replace("新成效", "明显成效") }, "a/2023.txt");
    const [a] = codes(validateAcross([y2022, copied].map(summarise)), "REPORT_REUSED");
    expect(a).toMatchObject({ reportId: copied.id, severity: "info", related: [{ reportId: y2022.id, path: "sections" }] });
    expect(a!.message).toMatch(/正文有9\d%/);
    const fresh = await built({ title: title(2023), section1: "今年我们把重点放在申请办理的规范化上，新建了答复文书模板库，组织了三次专题培训，并邀请律师参与疑难申请的会商，答复的准确性和及时性都有明显改善。" }, "a/2023.txt");
    expect(codes(validateAcross([y2022, fresh].map(summarise)), "REPORT_REUSED")).toEqual([]);
  });
});

describe("DUPLICATE_REPORT", () => {
  it("fires on the same bytes under two names, and on two copies with equal cells and prose", async () => {
    const bytes = Buffer.from(buildReport({ title: title(2023) }));
    const a = await parseReport(bytes, { uri: "x/one.txt" });
    const b = await parseReport(bytes, { uri: "y/two.txt" });
    const [d] = codes(validateAcross([a, b].map(summarise)), "DUPLICATE_REPORT");
    expect(d).toMatchObject({ reportId: a.id, related: [{ uri: "y/two.txt" }] });
    // The same report saved again with other line ends: other bytes, same cells, same prose.
    const c = await parseReport(Buffer.from(buildReport({ title: title(2023) }).replace(/\n/g, "\r\n")), { uri: "z/three.txt" });
    expect(codes(validateAcross([a, c].map(summarise)), "DUPLICATE_REPORT")).toHaveLength(1);
  });

  it("does not fire on two different reports of one agency and year", async () => {
    const a = await built({ title: title(2023) }, "x/one.txt");
    const b = await built({ title: title(2023), t3: carry("0", "1") }, "x/two.txt");
    expect(codes(validateAcross([a, b].map(summarise)), "DUPLICATE_REPORT")).toEqual([]);
  });
});

describe("RENDITION_MISMATCH", () => {
  const read = (f: string) => parseReport(readFileSync(join(samples, f)), { uri: `samples/${f}` });

  it("the samples' renditions of one report (txt, html, docx, pdf) agree: no anomaly", async () => {
    const reports = await Promise.all(["mengjin-czj-2022.txt", "mengjin-czj-2022.html", "mengjin-czj-2022.docx", "mengjin-czj-2022.pdf"].map(read));
    expect(codes(validateAcross(reports.map(summarise)), "RENDITION_MISMATCH")).toEqual([]);
  });

  it("fires on a cell the article page and its attachment print differently, with both printed values", async () => {
    const pdf = await read("mengjin-czj-2022.pdf");
    const text = readFileSync(join(samples, "mengjin-czj-2022.txt"), "utf8").replace("行政许可\t0", "行政许可\t3");
    expect(text).toContain("行政许可\t3");
    const page = await parseReport(Buffer.from(text), { uri: "http://x.gov.cn/art/2023/1/5/art_1.html" });
    page.source.attachments = [pdf.source.uri];
    const found = codes(validateAcross([page, pdf].map(summarise)), "RENDITION_MISMATCH");
    expect(found.map((a) => [a.reportId, a.paths[0], a.actual, a.expected, a.status])).toEqual([[page.id, "activeDisclosure.licensing.decisions", 3, 0, "fail"]]);
    expect(found[0]!.related![0]).toMatchObject({ reportId: pdf.id, raw: "0", evidence: { page: expect.any(Number), bbox: expect.any(Array) } });
  });
});

describe("PUBLISHED_LATE", () => {
  const dated = (r: AnnualReport, publishedAt: string) => ({ ...r, source: { ...r.source, publishedAt } });

  it("fires for a department after 31 January, a government after 31 March; not before", async () => {
    const dept = await built({ title: title(2023) }, "a.txt");
    expect(codes(validateAcross([summarise(dated(dept, "2024-02-01"))]), "PUBLISHED_LATE").map((a) => a.expected)).toEqual(["<= 2024-01-31"]);
    expect(codes(validateAcross([summarise(dated(dept, "2024-01-31"))]), "PUBLISHED_LATE")).toEqual([]);
    const gov = await built({ title: "某某区人民政府2023年政府信息公开工作年度报告" }, "b.txt");
    expect(codes(validateAcross([summarise(dated(gov, "2024-03-10"))]), "PUBLISHED_LATE")).toEqual([]);
    expect(codes(validateAcross([summarise(dated(gov, "2024-04-02"))]), "PUBLISHED_LATE")).toHaveLength(1);
    const graced = parseRulesConfig({ rules: { PUBLISHED_LATE: { graceDays: 5 } } });
    expect(graced.ok && codes(validateAcross([summarise(dated(gov, "2024-04-02"))], graced.value), "PUBLISHED_LATE")).toEqual([]);
  });

  it("reads the signature's date when no publication date is known", async () => {
    const late = await built({ title: title(2023), section6: "无。\n某某区某局\n2024年2月20日" }, "a.txt");
    // Extraction gives the report the signature's date as source.publishedAt when the page gives none.
    expect(late.source.publishedAt).toBe("2024-02-20");
    expect(codes(validateAcross([summarise(late)]), "PUBLISHED_LATE").map((a) => [a.paths[0], a.actual])).toEqual([["source.publishedAt", "2024-02-20"]]);
  });
});

describe.skipIf(!hasCorpus)("across years on the corpus: the 平潭 series and the two 洪泽区 PDFs", async () => {
  const files = [
    "txt/pingtan-2017-flattened.txt",
    "txt/pingtan-2019-flattened.txt",
    "txt/pingtan-2020-flattened.txt",
    "txt/pingtan-2021-flattened.txt",
    "txt/pingtan-guanweihui-2022-flattened.txt",
    "txt/pingtan-2024-flattened.txt",
    "txt/pingtan-2025-flattened.txt",
    "txt/pingtan-czj-2022-flattened.txt",
    "txt/pingtan-czj-2025-flattened.txt",
    "txt/pingtan-gaj-2019-flattened.txt",
    "txt/pingtan-haitan-2025-flattened.txt",
    "txt/pingtan-scj-2021-flattened.txt",
    "txt/pingtan-shs-2020-flattened.txt",
    "txt/pingtan-zrz-2019-flattened.txt",
    "pdf/huaian-hongze-2023-quzhengfu.pdf",
    "pdf/huaian-hongze-2024-quzhengfu.pdf",
  ];
  const reports = hasCorpus ? await Promise.all(files.map((f) => parseReport(readFileSync(join(corpus, f)), { uri: f }))) : [];
  const across = hasCorpus ? crossCheck(reports) : [];
  const byFile = (f: string) => reports[files.indexOf(f)]!;

  it("the 管委会's reports meet under one key, and 洪泽区人民政府 (2023) meets 淮安市洪泽区人民政府 (2024)", () => {
    const keys = new Set(files.filter((f) => /pingtan-(\d{4}|guanweihui)/.test(f)).map((f) => summarise(byFile(f)).agencyKey!.key));
    expect(keys).toEqual(new Set(["平潭综合实验区"]));
    expect(byFile("pdf/huaian-hongze-2023-quzhengfu.pdf").agency).not.toBe(byFile("pdf/huaian-hongze-2024-quzhengfu.pdf").agency);
    expect(summarise(byFile("pdf/huaian-hongze-2023-quzhengfu.pdf")).agencyKey!.key).toBe(summarise(byFile("pdf/huaian-hongze-2024-quzhengfu.pdf")).agencyKey!.key);
  });

  it("finds one cross-document anomaly: 财政金融局 2025 reuses its 2022 prose (≈84%)", () => {
    expect(across.map((a) => [a.code, reports.find((r) => r.id === a.reportId)!.source.uri, a.related?.[0]?.uri])).toEqual([["REPORT_REUSED", "txt/pingtan-czj-2025-flattened.txt", "txt/pingtan-czj-2022-flattened.txt"]]);
    expect(Number(/(\d+)%/.exec(String(across[0]!.actual))![1])).toBeGreaterThanOrEqual(80);
    // Attached to the report, so reports.jsonl and anomalies.jsonl carry it.
    expect(byFile("txt/pingtan-czj-2025-flattened.txt").anomalies.some((a) => a.code === "REPORT_REUSED")).toBe(true);
  });

  it("the carry-overs agree year to year (2021 carried 1 forward, 2022 took 1 over) and 洪泽区's 规范性文件 reconcile (5 + 3 − 0 = 8)", () => {
    const y2021 = byFile("txt/pingtan-2021-flattened.txt").applications!.rows;
    const y2022 = byFile("txt/pingtan-guanweihui-2022-flattened.txt").applications!.rows;
    expect([y2021.carriedForward!.total, y2022.carriedOver!.total]).toEqual([1, 1]);
    const h23 = byFile("pdf/huaian-hongze-2023-quzhengfu.pdf").activeDisclosure!.normativeDocuments!;
    const h24 = byFile("pdf/huaian-hongze-2024-quzhengfu.pdf").activeDisclosure!.normativeDocuments!;
    expect([h23.inForce, h24.issued, h24.repealed, h24.inForce]).toEqual([5, 3, 0, 8]);
    expect(across.filter((a) => a.code === "CARRYOVER_MISMATCH" || a.code === "INFORCE_MISMATCH")).toEqual([]);
  });

  it("every report was published on time (departments by 31 January, the 管委会 by 31 March)", () => {
    expect(across.filter((a) => a.code === "PUBLISHED_LATE")).toEqual([]);
    expect(reports.filter((r) => r.source.publishedAt).length).toBe(14);
  });
});

describe("the fingerprint", () => {
  it("is the same for the same bytes under another name and another run, and differs by cell", async () => {
    const bytes = Buffer.from(buildReport({ t3: { granted: ["", "", "0", "0", "0", "0", "0"] }, fee: "1,5" }));
    const a = await parseReport(bytes, { uri: "one.txt" });
    const b = await parseReport(bytes, { uri: "elsewhere/two.txt" });
    expect(a.anomalies.map((x) => x.fingerprint)).toEqual(b.anomalies.map((x) => x.fingerprint));
    const fps = a.anomalies.map((x) => x.fingerprint!);
    expect(new Set(fps).size).toBe(fps.length);
    expect(fps.every((f) => /^[0-9a-f]{16}$/.test(f))).toBe(true);
  });

  it("survives new bytes of the same report (a re-crawled page whose chrome changed), not another year or format", async () => {
    const text = buildReport({ t3: { granted: ["", "", "0", "0", "0", "0", "0"] }, fee: "1,5" });
    const a = await parseReport(Buffer.from(text), { uri: "one.txt" });
    const b = await parseReport(Buffer.from(text + "\n浏览次数：1024\n"), { uri: "one.txt" });
    expect(b.id).not.toBe(a.id);
    expect(b.agency).toBe(a.agency);
    expect(b.anomalies.map((x) => x.fingerprint)).toEqual(a.anomalies.map((x) => x.fingerprint));
    const other = await parseReport(Buffer.from(text.replace(/2023年/g, "2024年")), { uri: "one.txt" });
    expect(other.year).not.toBe(a.year);
    expect(other.anomalies.map((x) => x.fingerprint)).not.toEqual(a.anomalies.map((x) => x.fingerprint));
  });
});
