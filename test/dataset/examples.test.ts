/**
 * The worked examples of docs/dataset.md, run as written: the DuckDB query and the pandas snippet
 * computing the grant rate (（一）予以公开 + （二）部分公开) / （七）总计 by year and province.
 *  - on the output of `npm start` (samples/) and of the whole shared corpus: DuckDB against the
 *    same figures computed here from reports.jsonl, pandas against DuckDB;
 *  - on the corpus reports whose labels give the three cells: DuckDB against the labels.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseBatch } from "../../src/batch.js";
import type { AnnualReport } from "../../src/model/report.js";
import { corpus, corpusPresent, root } from "../support/dataset-run.js";

const exec = promisify(execFile);
const doc = readFileSync(join(root, "docs/dataset.md"), "utf8");
const block = (marker: string, lang: string) => {
  const at = doc.indexOf(`<!-- example:${marker} -->`);
  const m = new RegExp("```" + lang + "\\n([\\s\\S]*?)```").exec(doc.slice(at));
  if (at < 0 || !m) throw new Error(`docs/dataset.md has no ${lang} example after <!-- example:${marker} -->`);
  return m[1]!;
};
const SQL = block("duckdb", "sql");
const PANDAS = block("pandas", "python");

const HEADER = "year,province_code,province_name,reports,granted,handled,grant_rate";
const num = (v: number | null) => (v === null ? "" : String(v));
const rate = (g: number, h: number) => (h > 0 ? (Math.round((g / h) * 10000) / 10000).toFixed(4) : "");

interface Group { year: number | null; code: string | null; name: string | null; reports: number; granted: number; handled: number }
function lines(groups: Group[]): string[] {
  return [...groups]
    .sort((a, b) => (a.year ?? Infinity) - (b.year ?? Infinity) || (a.code ?? "\uffff").localeCompare(b.code ?? "\uffff"))
    .map((g) => [num(g.year), g.code ?? "", g.name ?? "", String(g.reports), num(g.granted), num(g.handled), rate(g.granted, g.handled)].join(","));
}

/** The documented query, with its relative paths made to point into `out`. */
async function duckdb(out: string): Promise<string[]> {
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  try {
    const r = await con.runAndReadAll(SQL.replace(/'tables\//g, `'${out}/tables/`));
    return r.getRowObjects().map((o) =>
      [num(o.year === null ? null : Number(o.year)), o.province_code ?? "", o.province_name ?? "", String(Number(o.reports)), num(Number(o.granted)), num(Number(o.handled)), o.grant_rate === null ? "" : Number(o.grant_rate).toFixed(4)].join(","),
    );
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

/** The same figures from the records themselves (reports.jsonl), one report per id. */
function fromRecords(out: string): string[] {
  const reports = readFileSync(join(out, "reports.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as AnnualReport);
  const groups = new Map<string, Group>();
  const seen = new Set<string>();
  for (const r of reports) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    const t = (k: string) => r.applications?.rows[k as "granted"]?.total ?? null;
    const [g, p, total] = [t("granted"), t("partiallyGranted"), t("total")];
    if (g === null || p === null || total === null) continue;
    const key = `${r.year}|${r.region?.provinceCode ?? ""}`;
    const x = groups.get(key) ?? { year: r.year, code: r.region?.provinceCode ?? null, name: r.region?.provinceName ?? null, reports: 0, granted: 0, handled: 0 };
    x.reports++;
    x.granted += g + p;
    x.handled += total;
    groups.set(key, x);
  }
  return lines([...groups.values()]);
}

function findPandas(): string | null {
  for (const py of ["python3", "/usr/bin/python3"]) {
    try {
      execFileSync(py, ["-c", "import pandas"], { stdio: "ignore" });
      return py;
    } catch {
      /* next */
    }
  }
  return null;
}
const python = findPandas();
if (!python) console.warn("docs/dataset.md pandas example: skipped, no python3 with pandas (Debian: apt-get install python3-pandas; .ci/run installs it)");

async function pandas(out: string, dir: string): Promise<string[]> {
  const script = join(dir, "grant_rate.py");
  writeFileSync(script, PANDAS);
  const r = await exec(python!, [script, out]);
  return r.stdout.split("\n").filter(Boolean);
}

// Province of a labelled agency, written out here so the check does not lean on the resolver.
const PROVINCE: [RegExp, string, string][] = [
  [/孟津/, "410000", "河南省"],
  [/淮安|洪泽/, "320000", "江苏省"],
  [/上海/, "310000", "上海市"],
  [/平潭/, "350000", "福建省"],
];
interface Label { file: string; agency: string; year: number; applications?: { rows: Record<string, Record<string, number | null>> } | null }

describe("the worked examples of docs/dataset.md", () => {
  const dirs: string[] = [];
  const outs: Record<string, string> = {};
  let labelled: Label[] = [];
  beforeAll(async () => {
    const base = mkdtempSync(join(tmpdir(), "nianbao-examples-"));
    dirs.push(base);
    // `npm start`: its own command line, with the output folder moved out of the project.
    const start = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: { start: string } }).scripts.start;
    const m = /cli\.js parse (\S+) --out (\S+)/.exec(start)!;
    outs.start = join(base, "start");
    await parseBatch([join(root, m[1]!)], { out: outs.start });
    if (corpusPresent) {
      outs.corpus = join(base, "corpus");
      await parseBatch([corpus], { out: outs.corpus });
      labelled = readFileSync(join(corpus, "MANIFEST.tsv"), "utf8")
        .split("\n")
        .map((l) => l.split("\t")[0]!)
        .filter((f) => f.startsWith("labels/") && f.endsWith(".json"))
        .map((f) => JSON.parse(readFileSync(join(corpus, f), "utf8")) as Label)
        .filter((l) => ["granted", "partiallyGranted", "total"].every((k) => typeof l.applications?.rows[k]?.total === "number") && existsSync(join(corpus, l.file)));
      outs.labelled = join(base, "labelled");
      await parseBatch(labelled.map((l) => join(corpus, l.file)), { out: outs.labelled });
    }
  }, 300_000);
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("DuckDB gives, on the output of npm start, the figures of its records", async () => {
    const got = await duckdb(outs.start!);
    expect(got.length).toBeGreaterThan(0);
    expect(got).toEqual(fromRecords(outs.start!));
    expect(got).toContain("2022,410000,河南省,7,0,0,"); // the 孟津 report in seven renditions, no application
  });

  it.skipIf(!corpusPresent)("DuckDB gives, on the shared corpus, the figures of its records", async () => {
    const got = await duckdb(outs.corpus!);
    expect(got).toEqual(fromRecords(outs.corpus!));
    expect(new Set(got.map((l) => l.split(",")[1]))).toEqual(new Set(["310000", "320000", "350000", "410000"]));
  });

  it.skipIf(!corpusPresent)("DuckDB gives, on the labelled corpus reports, the figures computed from the labels", async () => {
    const groups = new Map<string, Group>();
    for (const l of labelled) {
      const [, code, name] = PROVINCE.find(([re]) => re.test(l.agency))!;
      const t = (k: string) => l.applications!.rows[k]!.total!;
      const x = groups.get(`${l.year}|${code}`) ?? { year: l.year, code, name, reports: 0, granted: 0, handled: 0 };
      x.reports++;
      x.granted += t("granted") + t("partiallyGranted");
      x.handled += t("total");
      groups.set(`${l.year}|${code}`, x);
    }
    expect(labelled.length).toBeGreaterThanOrEqual(10);
    expect(await duckdb(outs.labelled!)).toEqual(lines([...groups.values()]));
  });

  it.skipIf(!python)("pandas prints the same figures as DuckDB, on npm start's output and the corpus", async () => {
    for (const out of Object.values(outs)) {
      const printed = await pandas(out, dirs[0]!);
      expect(printed[0]).toBe(HEADER);
      expect(printed.slice(1), out).toEqual(await duckdb(out));
    }
  });
});
