import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { readDoc } from "../../parsers/doc.js";
import { readDocx } from "../../parsers/docx.js";
import { findSoffice } from "../../parsers/doc/soffice.js";
import { readHtml } from "../../parsers/html.js";
import { readText } from "../../parsers/text.js";
import { extract } from "../../src/extract/index.js";
import { rowsOf } from "../../src/extract/rows.js";
import type { Paragraph, ParsedDocument, Table } from "../../parsers/model/document.js";
import { NianbaoError } from "../../parsers/model/errors.js";
import { encryptedOoxml, garbageOle, mergedTablesReport } from "../support/docx-fixture.js";
import { modelOf } from "../support/model.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const FIXTURE = join(ROOT, "test", "fixtures", "doc", "merged-tables.doc");
const SAMPLES = join(ROOT, "samples");
const SOFFICE = findSoffice();
const LO_TIMEOUT = 120_000;

const tables = (doc: ParsedDocument): Table[] => doc.blocks.filter((b): b is Table => b.type === "table");
const paragraphs = (doc: ParsedDocument): string[] => doc.blocks.filter((b): b is Paragraph => b.type === "paragraph").map((b) => b.text);
/** Value rows as extraction reads them: label → printed values (a merged cell once). */
const valueRows = (doc: ParsedDocument): Record<string, string[]> =>
  Object.fromEntries(rowsOf(doc.blocks).filter((r) => r.source === "table" && r.label !== "").map((r) => [r.label, r.values.map((v) => v.text)]));

async function rejection(p: Promise<unknown>): Promise<NianbaoError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof NianbaoError) return e;
    throw e;
  }
  throw new Error("expected a NianbaoError");
}

/** A fresh folder for readDoc's temporary folders, to check that nothing is left behind. */
const scratch: string[] = [];
function tmpFolder(): string {
  const d = mkdtempSync(join(tmpdir(), "nianbao-doc-test-"));
  scratch.push(d);
  return d;
}
afterAll(() => {
  for (const d of scratch) rmSync(d, { recursive: true, force: true });
});

const model = modelOf;

const EXPECTED_ROWS = {
  规章: ["2", "1", "5"],
  行政规范性文件: ["10", "3", "40"],
  行政许可: ["97"],
  "三、本年度办理结果 （一）予以公开": ["5", "6"],
};

describe.skipIf(!SOFFICE).concurrent("readDoc through LibreOffice (each run with its own profile, so these run in parallel)", () => {
  it("converts to DOCX and reads Word's grid: merged cells once, value rows readable", { timeout: LO_TIMEOUT }, async () => {
    const tmp = tmpFolder();
    const doc = (await readDoc(readFileSync(FIXTURE), { tmpDir: tmp })).value;
    expect(doc).toMatchObject({ format: "doc", reader: { method: "libreoffice→docx" }, metaTitle: "某某县某某局2023年政府信息公开工作年度报告" });
    expect(paragraphs(doc).slice(0, 4)).toEqual(["某某县某某局2023年政府信息公开工作年度报告", "一、总体情况", "本机关严格落实条例要求，全年主动公开信息120条。", "二、主动公开政府信息情况"]);
    const [t2, t3, t4] = tables(doc);
    expect(t2!.rows[6]!.map((c) => [c.text, c.originCol, c.colSpan])).toEqual([
      ["", 0, 1],
      ["行政许可", 1, 1],
      ["97", 2, 3],
      ["97", 2, 3],
      ["97", 2, 3],
    ]);
    expect(t3!.rows[3]![0]).toMatchObject({ text: "三、本年度办理结果", originRow: 2, rowSpan: 2 });
    expect(t4!.rows[0]!.map((c) => `${c.originCol}:${c.colSpan}`)).toEqual(["0:3", "0:3", "0:3", "3:3", "3:3", "3:3"]);
    expect(valueRows(doc)).toMatchObject(EXPECTED_ROWS);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it("gives the samples the same model as their HTML / text renditions", { timeout: LO_TIMEOUT }, async (ctx) => {
    if (!existsSync(join(SAMPLES, "mengjin-czj-2022.doc"))) ctx.skip();
    const [mengjin, county] = await Promise.all([readDoc(readFileSync(join(SAMPLES, "mengjin-czj-2022.doc"))), readDoc(readFileSync(join(SAMPLES, "sample-county-2023.doc")))]);
    expect(model(mengjin)).toEqual(model(readHtml(readFileSync(join(SAMPLES, "mengjin-czj-2022.html"))).value));
    expect(model(county)).toEqual(model(readText(readFileSync(join(SAMPLES, "sample-county-2023.txt"))).value));
  });

  it("rejects a DOC LibreOffice cannot open (an OLE file of garbage naming a WordDocument stream), within the timeout", { timeout: LO_TIMEOUT }, async () => {
    const tmp = tmpFolder();
    const t = performance.now();
    const e = await rejection(readDoc(garbageOle(16384, 7, true), { tmpDir: tmp, timeoutMs: 60_000 }));
    expect(e).toMatchObject({ code: "PARSE_FAILED", stage: "parse", context: { reason: "no-output", method: "libreoffice→docx" } });
    expect(e.message).toMatch(/^LibreOffice could not convert the DOC: LibreOffice could not open the document/);
    expect(performance.now() - t).toBeLessThan(60_000);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it("times out with PARSE_FAILED, kills LibreOffice and leaves no temporary folder behind", { timeout: LO_TIMEOUT }, async () => {
    const tmp = tmpFolder();
    const t = performance.now();
    const e = await rejection(readDoc(readFileSync(FIXTURE), { tmpDir: tmp, timeoutMs: 200 }));
    expect(e).toMatchObject({ code: "PARSE_FAILED", context: { reason: "timeout" } });
    expect(e.message).toContain("did not finish within 200 ms");
    expect(performance.now() - t).toBeLessThan(10_000);
    expect(readdirSync(tmp)).toEqual([]);
    expect(processesMentioning(tmp)).toEqual([]);
  });

  it("converts RTF named .doc", { timeout: LO_TIMEOUT }, async () => {
    const rtf = Buffer.from("{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}}\\f0 Annual report\\par 2023\\par}", "latin1");
    const doc = (await readDoc(rtf, { tmpDir: tmpFolder() })).value;
    expect(doc.reader?.method).toBe("libreoffice→docx");
    expect(paragraphs(doc)).toEqual(["Annual report", "2023"]);
  });
});

/** True while the process runs (a killed child not yet reaped is a zombie: dead). */
function alive(pid: number): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "")[0];
    return state !== "Z" && state !== "X";
  } catch {
    return false;
  }
}

/** Live processes whose command line names the folder (a LibreOffice left running). */
function processesMentioning(folder: string): string[] {
  const out: string[] = [];
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
      if (cmd.includes(folder)) out.push(`${pid}: ${cmd}`);
    } catch {
      // gone already
    }
  }
  return out;
}

describe("readDoc through a stand-in soffice (deadline and exit handling, without LibreOffice)", () => {
  const dir = tmpFolder();
  const script = (name: string, body: string): string => {
    const path = join(dir, name);
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, 0o755);
    return path;
  };
  const doc = readFileSync(FIXTURE);

  it("kills the whole process group at the deadline, children included", async () => {
    const pids = join(dir, "pids");
    const hang = script("hang-soffice", `sleep 30 & echo $! > ${pids}\ntrap '' TERM\nsleep 30`);
    const tmp = tmpFolder();
    const t = performance.now();
    const e = await rejection(readDoc(doc, { soffice: hang, timeoutMs: 300, tmpDir: tmp }));
    expect(e).toMatchObject({ code: "PARSE_FAILED", context: { reason: "timeout" } });
    expect(performance.now() - t).toBeLessThan(5_000);
    const child = Number(readFileSync(pids, "utf8").trim());
    expect(alive(child)).toBe(false);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it("fails with the exit status when soffice exits non-zero", async () => {
    const e = await rejection(readDoc(doc, { soffice: script("failing-soffice", "echo broken >&2\nexit 3"), tmpDir: tmpFolder() }));
    expect(e).toMatchObject({ code: "PARSE_FAILED", context: { reason: "exit-status", code: 3, log: "broken" } });
  });

  it("fails when soffice exits 0 without writing the DOCX (LibreOffice's way of saying it could not load the file)", async () => {
    const e = await rejection(readDoc(doc, { soffice: script("silent-soffice", "echo 'Error: source file could not be loaded'\nexit 0"), tmpDir: tmpFolder() }));
    expect(e).toMatchObject({ code: "PARSE_FAILED", context: { reason: "no-output", log: "Error: source file could not be loaded" } });
  });

  it("fails when soffice cannot be started", async () => {
    const e = await rejection(readDoc(doc, { soffice: join(dir, "no-such-soffice"), tmpDir: tmpFolder() }));
    expect(e).toMatchObject({ code: "PARSE_FAILED", context: { reason: "spawn" } });
  });
});

describe("readDoc without LibreOffice (word-extractor, forced with soffice: null)", () => {
  it("recovers the tables from tab-separated text, marks the read PARSE_UNCERTAIN and says how it read", async () => {
    const { value: doc, messages: docMessages } = await readDoc(readFileSync(FIXTURE), { soffice: null });
    expect(doc).toMatchObject({ format: "doc", reader: { method: "word-extractor" }, metaTitle: null, publishedAt: null });
    expect(docMessages).toContainEqual({
      ruleId: "DOC_TEXT_ONLY",
      severity: "warning",
      source: "read",
      place: null,
      reason: "未经LibreOffice读取：表格由制表符分隔的文字恢复。 read without LibreOffice: tables recovered from tab-separated text",
    });
    expect(paragraphs(doc)).toEqual([
      "某某县某某局2023年政府信息公开工作年度报告",
      "一、总体情况",
      "本机关严格落实条例要求，全年主动公开信息120条。",
      "二、主动公开政府信息情况",
      "三、收到和处理政府信息公开申请情况",
      "四、政府信息公开行政复议、行政诉讼情况",
      "五、存在的主要问题及改进情况",
      "无。",
    ]);
    expect(tables(doc).map((t) => t.rows.map((r) => r.map((c) => c.text)))).toEqual([
      [["第二十条第（一）项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["", "规章", "2", "1", "5"], ["", "行政规范性文件", "10", "3", "40"], ["第二十条第（五）项"], ["信息内容", "本年处理决定数量"], ["", "行政许可", "97"]],
      [["（本列数据的勾稽关系）", "申请人情况"], ["", "自然人", "总计"], ["三、本年度办理结果", "（一）予以公开", "5", "6"], ["", "（二）部分公开", "1", "2"]],
      [["行政复议", "行政诉讼"], ["结果维持", "结果纠正", "总计", "结果维持", "结果纠正", "总计"], ["3", "1", "4", "2", "0", "2"]],
    ]);
    expect(valueRows(doc)).toMatchObject(EXPECTED_ROWS);
  });

  it("gives every cell its table position and no line (the lines of extracted text are nowhere in the file)", async () => {
    const doc = (await readDoc(readFileSync(FIXTURE), { soffice: null })).value;
    const cell = tables(doc)[0]!.rows[2]![2]!;
    expect(cell.pos).toEqual({ line: null, page: null, bbox: null, table: 0, row: 2, col: 2 });
    expect(doc.blocks.every((b) => b.pos.line === null)).toBe(true);
  });

  it("keeps the rows of wide tables apart (row marks stored in huge PAPX), so the heading after a table stays a heading", async (ctx) => {
    if (!existsSync(join(SAMPLES, "mengjin-czj-2022.doc"))) ctx.skip();
    const doc = (await readDoc(readFileSync(join(SAMPLES, "mengjin-czj-2022.doc")), { soffice: null })).value;
    expect(tables(doc).map((t) => t.rows.length)).toEqual([14, 28, 4]);
    expect(paragraphs(doc)).toContain("四、政府信息公开行政复议、行政诉讼情况");
    expect(paragraphs(doc)).toContain("五、存在的主要问题及改进情况");
    expect(tables(doc)[2]!.rows[3]!.map((c) => c.text)).toEqual(Array(15).fill("0"));
  });

  it("gives the samples the same model as their HTML / text renditions, quotes as printed, the report marked PARSE_UNCERTAIN", async (ctx) => {
    if (!existsSync(join(SAMPLES, "mengjin-czj-2022.doc"))) ctx.skip();
    // The text-only route is flagged once for the whole report; apart from that flag, nothing differs.
    const unflagged = (m: ReturnType<typeof model>) => ({ ...m, anomalies: m.anomalies.filter((a) => !(a.code === "PARSE_UNCERTAIN" && a.paths[0] === "activeDisclosure")) });
    const mengjin = model(await readDoc(readFileSync(join(SAMPLES, "mengjin-czj-2022.doc")), { soffice: null }));
    expect(mengjin.anomalies.filter((a) => a.code === "PARSE_UNCERTAIN")).toHaveLength(1);
    expect(unflagged(mengjin)).toEqual(model(readHtml(readFileSync(join(SAMPLES, "mengjin-czj-2022.html"))).value));
    const county = model(await readDoc(readFileSync(join(SAMPLES, "sample-county-2023.doc")), { soffice: null }));
    expect(unflagged(county)).toEqual(model(readText(readFileSync(join(SAMPLES, "sample-county-2023.txt"))).value));
  });

  it("rejects an unreadable DOC with PARSE_FAILED, the batch unharmed (word-extractor runs in a worker)", async () => {
    const e = await rejection(readDoc(garbageOle(16384, 7, true), { soffice: null }));
    expect(e).toMatchObject({ code: "PARSE_FAILED", context: { method: "word-extractor", reason: "unreadable" } });
    expect(e.message).toMatch(/^word-extractor could not read the DOC: /);
  });

  it("stops word-extractor at the deadline", async () => {
    const e = await rejection(readDoc(readFileSync(FIXTURE), { soffice: null, timeoutMs: 1 }));
    expect(e).toMatchObject({ code: "PARSE_FAILED", context: { reason: "timeout" } });
  });

  it("refuses RTF: it needs LibreOffice", async () => {
    const e = await rejection(readDoc(Buffer.from("{\\rtf1\\ansi hello\\par}"), { soffice: null }));
    expect(e).toMatchObject({ code: "PARSE_FAILED", context: { reason: "needs-libreoffice" } });
  });
});

describe("readDoc: what the bytes are, checked before any conversion", () => {
  it("reads a DOCX named .doc as DOCX, and says so", async () => {
    const { value: doc, messages: docMessages } = await readDoc(mergedTablesReport(), { soffice: null });
    expect(doc).toMatchObject({ format: "docx", reader: { method: "ooxml" } });
    expect(docMessages[0]).toMatchObject({ severity: "info", ruleId: "DOC_IS_DOCX", place: null });
    expect(tables(doc)).toEqual(tables((await readDocx(mergedTablesReport())).value));
  });

  it("rejects a password-protected DOCX named .doc", async () => {
    const e = await rejection(readDoc(encryptedOoxml()));
    expect(e).toMatchObject({ code: "PARSE_FAILED", message: "the document is password-protected", context: { reason: "encrypted" } });
  });

  it("rejects an OLE file without a WordDocument stream (random bytes with the OLE signature) at once", async () => {
    const t = performance.now();
    const e = await rejection(readDoc(garbageOle()));
    expect(e).toMatchObject({ code: "PARSE_FAILED", context: { reason: "not-word" } });
    expect(performance.now() - t).toBeLessThan(500);
  });

  it("rejects bytes that are no OLE file at all, and an empty file", async () => {
    expect(await rejection(readDoc(new TextEncoder().encode("<html>error page</html>")))).toMatchObject({ code: "PARSE_FAILED", context: { reason: "not-doc" } });
    expect(await rejection(readDoc(new Uint8Array(0)))).toMatchObject({ code: "EMPTY_INPUT" });
  });
});
