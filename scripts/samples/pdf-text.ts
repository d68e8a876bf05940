/**
 * What the PDF samples must show, read with poppler's pdftotext when it is installed: used by the
 * generator to refuse a rendition whose page breaks fell elsewhere, and by the tests to check the
 * committed PDFs. Nothing here needs LibreOffice.
 */
import { execFileSync } from "node:child_process";

/** True when `pdftotext` runs. */
export function hasPdftotext(): boolean {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore", timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/** The text of each page (pdftotext -layout, split at form feeds). */
export function pdfPages(path: string): string[] {
  const out = execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", path, "-"], { encoding: "utf8", timeout: 60_000, maxBuffer: 64 << 20 });
  const pages = out.split("\f");
  if (pages.length > 0 && pages[pages.length - 1]!.trim() === "") pages.pop();
  return pages;
}

const squash = (s: string) => s.replace(/\s+/g, "");

/** 1-based pages whose text holds `probe` (spaces ignored). */
export function pagesWith(pages: string[], probe: string): number[] {
  const p = squash(probe);
  return pages.flatMap((text, i) => (squash(text).includes(p) ? [i + 1] : []));
}

/** The "- n -" page number printed as the last line of each page, or null. */
export function footerNumbers(pages: string[]): (number | null)[] {
  return pages.map((text) => {
    const lines = text.split("\n").filter((l) => l.trim() !== "");
    const m = /^-\s*(\d+)\s*-$/.exec(lines[lines.length - 1]?.trim() ?? "");
    return m ? Number(m[1]) : null;
  });
}

export interface PagebreakFacts {
  pages: number;
  /** Page of the first and of the last row of each table (by a probe text of each). */
  table2: [number, number];
  table3: [number, number];
  /** Pages on which table 三's header (申请人情况) is printed. */
  table3HeaderPages: number[];
  footers: (number | null)[];
}

const first = (xs: number[]) => xs[0] ?? 0;
const last = (xs: number[]) => xs[xs.length - 1] ?? 0;

/**
 * Where tables 二 and 三 of a 2021 report fall, by texts each prints once, in its first and its
 * last row: 第二十条第（一）项 … 行政事业性收费; 本年新收 … 四、结转下年度继续办理. (Table 四 has
 * no such pair: its labels are also the section heading's words and its last row is numbers.)
 */
export function pagebreakFacts(pages: string[]): PagebreakFacts {
  return {
    pages: pages.length,
    table2: [first(pagesWith(pages, "第二十条第（一）项")), last(pagesWith(pages, "行政事业性收费"))],
    table3: [first(pagesWith(pages, "本年新收")), last(pagesWith(pages, "四、结转下年度继续办理"))],
    table3HeaderPages: pagesWith(pages, "申请人情况"),
    footers: footerNumbers(pages),
  };
}

/** Why a pagebreaks rendition does not show what it is for; [] when it does. */
export function pagebreakProblems(f: PagebreakFacts): string[] {
  const problems: string[] = [];
  if (f.table3[0] === 0 || f.table3[0] === f.table3[1]) problems.push(`table 三 does not break across pages (pages ${f.table3.join("–")})`);
  if (f.table2[0] === 0 || f.table2[0] === f.table2[1]) problems.push(`table 二 does not break across pages (pages ${f.table2.join("–")})`);
  if (f.table3[0] !== 0 && f.table3HeaderPages.length < f.table3[1] - f.table3[0] + 1) {
    problems.push(`table 三's header is printed on pages ${f.table3HeaderPages.join(", ")}, not on every page it spans`);
  }
  const want = Array.from({ length: f.pages }, (_, i) => i + 1);
  if (f.footers.join() !== want.join()) problems.push(`page footers read ${JSON.stringify(f.footers)}, expected - 1 - … - ${f.pages} -`);
  return problems;
}
