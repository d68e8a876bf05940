/**
 * The hostile inputs of issue 13, generated at test time: each small to make (the large ones are
 * written in chunks, never held whole), each built to cost a reader far more than its size.
 */
import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { DEFAULT_LIMITS } from "../../parsers/limits.js";
import { docx } from "../support/docx-fixture.js";
import { onePagePdf, zlibBomb } from "../support/pdf-writer.js";

/** What the run must say about an input. */
export type Expected =
  | { status: "failed"; code: string; reason?: string; error?: RegExp }
  | { status: "parsed"; notes?: string[] };

export interface HostileInput {
  name: string;
  /** What it is, for the closing table. */
  what: string;
  expected: Expected;
  /** Writes the file into `dir`. */
  make: (dir: string) => Promise<void> | void;
  /** Named on the command line itself, not found by the walk of the input folder. */
  named?: boolean;
}

/** mkfifo(1) is on every Linux, not on every machine: without it the FIFO rows are left out, said by the test. */
export const hasMkfifo = ((): boolean => {
  try {
    execFileSync("mkfifo", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

const page = (body: string, charset = "utf-8"): string =>
  `<!DOCTYPE html>\n<html><head><meta charset="${charset}"><title>报告</title></head><body>\n${body}\n</body></html>\n`;
const escape = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** A file of `bytes` or more, written as `head`, `unit` repeated, `tail`, in 1 MiB writes. */
async function streamed(path: string, head: string, unit: string, tail: string, bytes: number): Promise<void> {
  const out = createWriteStream(path);
  const failed = new Promise<never>((_, reject) => out.once("error", reject));
  const write = async (s: string | Buffer): Promise<void> => {
    if (!out.write(s)) await Promise.race([once(out, "drain"), failed]);
  };
  await write(head);
  const chunk = Buffer.from(unit.repeat(Math.ceil((1024 * 1024) / Buffer.byteLength(unit))));
  for (let n = Buffer.byteLength(head); n < bytes; n += chunk.length) await write(chunk);
  await write(tail);
  out.end();
  await Promise.race([once(out, "finish"), failed]);
}

export function hostileInputs(samples: string): HostileInput[] {
  const mengjin = readFileSync(join(samples, "mengjin-czj-2022.txt"), "utf8");
  const county = readFileSync(join(samples, "sample-county-2023.txt"), "utf8");
  const overHtml = DEFAULT_LIMITS.maxInputBytes.html + 1024 * 1024;
  const overText = DEFAULT_LIMITS.maxInputBytes.text + 1024 * 1024;
  // Opening a FIFO blocks until a writer comes (issue 13: "a FIFO named on the command line blocks
  // forever"; inside a folder it was skipped with no line): each must be one failure line, unopened.
  const fifos: HostileInput[] = hasMkfifo
    ? [
        {
          name: "pipe.html",
          what: "a FIFO inside the input folder",
          expected: { status: "failed", code: "READ_FAILED", error: /FIFO.*refused without opening it/ },
          make: (dir) => void execFileSync("mkfifo", [join(dir, "pipe.html")]),
        },
        {
          name: "named.txt",
          what: "a FIFO named on the command line",
          expected: { status: "failed", code: "READ_FAILED", error: /FIFO.*refused without opening it/ },
          make: (dir) => void execFileSync("mkfifo", [join(dir, "named.txt")]),
          named: true,
        },
      ]
    : [];
  return [
    ...fifos,
    {
      name: "good-report.pdf",
      what: "a good report (samples/mengjin-czj-2022.pdf)",
      expected: { status: "parsed" },
      make: (dir) => writeFileSync(join(dir, "good-report.pdf"), readFileSync(join(samples, "mengjin-czj-2022.pdf"))),
    },
    {
      name: "wide-span.html",
      what: "a 64 KB table: 2,000 rows of colspan=1000 (2 million grid slots)",
      expected: { status: "failed", code: "PARSE_FAILED", reason: "too-many-cells" },
      make: (dir) => writeFileSync(join(dir, "wide-span.html"), page(`<table>${"<tr><td colspan=1000>1</td></tr>".repeat(2000)}</table>`)),
    },
    {
      name: "rowspan-flood.html",
      what: "65,000 one-cell rows of rowspan=65534 (2 billion slots)",
      expected: { status: "failed", code: "PARSE_FAILED", reason: "too-many-cells" },
      make: (dir) => writeFileSync(join(dir, "rowspan-flood.html"), page(`<table>${"<tr><td rowspan=65534>1</td></tr>".repeat(65_000)}</table>`)),
    },
    {
      name: "deep-nesting.html",
      what: "a report in a <pre>, then 100,000 nested <div>s (1.1 MB)",
      expected: { status: "parsed", notes: ["HTML_FLATTENED"] },
      make: (dir) =>
        writeFileSync(join(dir, "deep-nesting.html"), page(`<pre>${escape(county)}</pre>\n${"<div>".repeat(100_000)}页面底部${"</div>".repeat(100_000)}`)),
    },
    {
      name: "element-flood.html",
      what: "7.9 MB of 180,000 two-cell tables (900,000 elements; it peaked at 1.7 GB and took 21 s)",
      expected: { status: "failed", code: "PARSE_FAILED", reason: "too-large" },
      make: (dir) => writeFileSync(join(dir, "element-flood.html"), page("<table><tr><td>1</td><td>2</td></tr></table>".repeat(180_000))),
    },
    {
      name: "deflate-bomb.pdf",
      what: "a 4 MB PDF whose page stream inflates to 4 GB",
      expected: { status: "failed", code: "PARSE_FAILED", reason: "too-large" },
      make: (dir) => writeFileSync(join(dir, "deflate-bomb.pdf"), onePagePdf(zlibBomb(4 * 1024 ** 3), "/Filter /FlateDecode")),
    },
    {
      name: "huge-flat.html",
      what: `a flat page of paragraphs, ${Math.round(overHtml / 1024 / 1024)} MiB (over maxInputBytes.html)`,
      expected: { status: "failed", code: "PARSE_FAILED", reason: "too-large" },
      make: (dir) => streamed(join(dir, "huge-flat.html"), page("").replace(/\n<\/body>[\s\S]*$/, ""), "<p>本机关全年主动公开政府信息120条。</p>\n", "</body></html>\n", overHtml),
    },
    {
      name: "huge.txt",
      what: `a text of ${Math.round(overText / 1024 / 1024)} MiB (over maxInputBytes.text)`,
      expected: { status: "failed", code: "PARSE_FAILED", reason: "too-large" },
      make: (dir) => streamed(join(dir, "huge.txt"), "某局2023年政府信息公开工作年度报告\n", "本机关全年主动公开政府信息120条。\n", "", overText),
    },
    {
      name: "xml-bomb.docx",
      what: "a 215 KB DOCX whose word/document.xml inflates to 60 MB (it peaked at 1.9 GB)",
      expected: { status: "failed", code: "PARSE_FAILED", reason: "too-large" },
      make: (dir) => {
        const para = "<w:p><w:r><w:t>本机关全年主动公开政府信息。</w:t></w:r></w:p>";
        writeFileSync(join(dir, "xml-bomb.docx"), docx(para.repeat(Math.ceil((60 * 1024 * 1024) / Buffer.byteLength(para)))));
      },
    },
    {
      name: "short-lines.txt",
      what: "40,000 one-character lines, 80 KB (extraction took 92 s: each line a longer label tried)",
      expected: { status: "failed", code: "NOT_A_REPORT" },
      make: (dir) => writeFileSync(join(dir, "short-lines.txt"), "段\n".repeat(40_000)),
    },
    {
      name: "numerals-one-line.txt",
      what: "100,000 inline \"一、总体情况\" on one 1.9 MB line (each numeral read the rest of the line: minutes)",
      expected: { status: "failed", code: "NOT_A_REPORT" },
      make: (dir) => writeFileSync(join(dir, "numerals-one-line.txt"), "一、总体情况 ".repeat(100_000)),
    },
    {
      name: "many-blocks.txt",
      what: "2,000,000 one-character lines, 4 MB (over maxBlocks; it peaked at 1 GB)",
      expected: { status: "failed", code: "PARSE_FAILED", reason: "too-large" },
      make: (dir) => writeFileSync(join(dir, "many-blocks.txt"), "段\n".repeat(2_000_000)),
    },
    {
      name: "utf16.html",
      what: "a report page in UTF-16 with a byte-order mark",
      expected: { status: "parsed" },
      make: (dir) => writeFileSync(join(dir, "utf16.html"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(page(`<pre>${escape(county)}</pre>`, "utf-16"), "utf16le")])),
    },
    {
      name: "pre-gbk.html",
      what: "a GBK report printed in a <pre>",
      expected: { status: "parsed" },
      make: (dir) => writeFileSync(join(dir, "pre-gbk.html"), iconv.encode(page(`<pre>${escape(mengjin)}</pre>`, "gbk"), "gbk")),
    },
  ];
}
