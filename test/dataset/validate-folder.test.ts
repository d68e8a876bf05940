import { execFile } from "node:child_process";
import { appendFileSync, cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatProblem, validateFolder, type FolderProblem } from "../../src/dataset/validate-folder.js";
import { datasetRun, root } from "../support/dataset-run.js";

const exec = promisify(execFile);
const cli = join(root, "dist/src/cli.js");

/** Rewrite a CSV file line by line (header included). */
function editCsv(file: string, edit: (fields: string[], i: number) => string[] | null): void {
  const lines = readFileSync(file, "utf8").split("\r\n").filter(Boolean);
  const out = lines.map((l, i) => edit(l.split(","), i)).filter((x): x is string[] => x !== null);
  writeFileSync(file, out.map((f) => f.join(",") + "\r\n").join(""));
}

describe("nianbao validate", () => {
  let good: string;
  const broken: string[] = [];
  const copy = (name: string) => {
    const d = `${good}-${name}`;
    cpSync(good, d, { recursive: true });
    broken.push(d);
    return d;
  };
  const lines = (ps: FolderProblem[]) => ps.map(formatProblem);
  beforeAll(async () => {
    ({ out: good } = await datasetRun("nianbao-validate-"));
  }, 120_000);
  afterAll(() => [good, ...broken].forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("finds nothing wrong with a folder as nianbao wrote it", async () => {
    expect(await validateFolder(good)).toEqual([]);
  });

  it("names a column missing from a CSV table", async () => {
    const d = copy("missing-column");
    editCsv(join(d, "tables/applications.csv"), (f) => [f[0]!, f[1]!, f[3]!]);
    const ps = await validateFolder(d);
    expect(lines(ps)).toContain('tables/applications.csv:0: header is "report_id,row,value", the Table Schema asks "report_id,row,column,value" (missing column) [CSV_HEADER]');
    expect(ps.filter((p) => p.code === "HASH_MISMATCH").map((p) => p.file)).toEqual(["tables/applications.csv"]);
  });

  it("names a value of the wrong type, with its row", async () => {
    const d = copy("bad-type");
    editCsv(join(d, "tables/review_litigation.csv"), (f, i) => (i === 3 ? [f[0]!, f[1]!, f[2]!, "三"] : f));
    expect(lines(await validateFolder(d))).toContain('tables/review_litigation.csv:3: column value holds "三", which is not a number [CSV_TYPE]');
  });

  it("catches a foreign key without its row and a primary key that repeats", async () => {
    const d = copy("bad-key");
    editCsv(join(d, "tables/anomalies.csv"), (f, i) => (i === 1 ? ["ffffffffffffffff", ...f.slice(1)] : f));
    const regions = readFileSync(join(d, "tables/regions.csv"), "utf8").split("\r\n");
    writeFileSync(join(d, "tables/regions.csv"), [...regions.slice(0, 2), regions[1], ...regions.slice(2)].join("\r\n"));
    const ps = lines(await validateFolder(d));
    expect(ps).toContain("tables/anomalies.csv:1: report_id = ffffffffffffffff has no row in reports (id) [FOREIGN_KEY]");
    expect(ps.some((l) => /^tables\/regions\.csv:2: primary key \(report_id\) = \([0-9a-f]{16}\) repeats row 1 \[PRIMARY_KEY\]$/.test(l))).toBe(true);
  });

  it("names the record and the schema path of a record that breaks the schema", async () => {
    const d = copy("bad-record");
    const jsonl = readFileSync(join(d, "reports.jsonl"), "utf8").split("\n");
    const rec = JSON.parse(jsonl[0]!) as { id: string; year: unknown; source: { uri: string } };
    rec.year = "2022";
    jsonl[0] = JSON.stringify(rec);
    writeFileSync(join(d, "reports.jsonl"), jsonl.join("\n"));
    const ps = lines(await validateFolder(d));
    expect(ps).toContain(`reports.jsonl:1: report ${rec.id} (${rec.source.uri}) at /year: must be integer,null [#/properties/year/type] [RECORD_INVALID]`);
  });

  it("says once that a file of the package is missing", async () => {
    const d = copy("missing-file");
    rmSync(join(d, "tables/review_litigation.parquet"));
    const ps = await validateFolder(d);
    expect(ps.filter((p) => p.code === "FILE_MISSING").map(formatProblem)).toEqual([
      'tables/review_litigation.parquet: resource "review_litigation-parquet" is listed in datapackage.json but the file is missing [FILE_MISSING]',
    ]);
  });

  it("catches a file whose bytes are not those the manifest states", async () => {
    const d = copy("bad-hash");
    appendFileSync(join(d, "audit.html"), " ");
    const ps = await validateFolder(d);
    expect(ps).toHaveLength(1);
    expect(formatProblem(ps[0]!)).toMatch(/^audit\.html: sha256 is [0-9a-f]{16}…, manifest\.json says [0-9a-f]{16}… \(\d+ bytes, manifest says \d+\) \[HASH_MISMATCH\]$/);
  });

  it.skipIf(!existsSync(cli))("exits 0 on a good folder and 1, one line per problem, on a broken one (compiled CLI)", async () => {
    const ok = await exec(process.execPath, [cli, "validate", good]);
    expect(ok.stdout).toBe("");
    const d = copy("cli");
    rmSync(join(d, "tables/regions.csv"));
    const bad = await exec(process.execPath, [cli, "validate", d]).then(
      () => ({ code: 0, stdout: "" }),
      (e: { code: number; stdout: string }) => e,
    );
    expect(bad.code).toBe(1);
    expect(bad.stdout.split("\n").filter(Boolean)).toEqual(['tables/regions.csv: resource "regions" is listed in datapackage.json but the file is missing [FILE_MISSING]']);
  });
});
