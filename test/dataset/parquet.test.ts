import { createHash } from "node:crypto";
import { readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunSummary } from "../../src/run/index.js";
import { duckType, readCsvSql } from "../../src/emit/parquet.js";
import { isTabular, type DataPackage } from "../../src/emit/package-types.js";
import { datasetRun } from "../support/dataset-run.js";

const sha = (p: string) => createHash("sha256").update(readFileSync(p)).digest("hex");

describe("Parquet beside every CSV table", () => {
  let out: string;
  let again: string;
  let run: RunSummary;
  beforeAll(async () => {
    ({ out, run } = await datasetRun("nianbao-parquet-"));
    ({ out: again } = await datasetRun("nianbao-parquet-again-")); // a second run on the same inputs
  }, 180_000);
  afterAll(() => [out, again].forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("writes tables/<name>.parquet for every tables/<name>.csv, and the Data Package lists both", () => {
    const files = readdirSync(join(out, "tables")).sort();
    const csvs = files.filter((f) => f.endsWith(".csv"));
    expect(csvs).toContain("regions.csv");
    expect(files.filter((f) => f.endsWith(".parquet"))).toEqual(csvs.map((f) => f.replace(/\.csv$/, ".parquet")));
    const dp = JSON.parse(readFileSync(join(out, "datapackage.json"), "utf8")) as DataPackage;
    for (const f of csvs) {
      const csv = dp.resources.find((r) => r.path === `tables/${f}`)!;
      const pq = dp.resources.find((r) => r.path === `tables/${f.replace(/\.csv$/, ".parquet")}`)!;
      expect(pq, f).toMatchObject({ format: "parquet", mediatype: "application/vnd.apache.parquet", schema: csv.schema });
    }
  });

  it("gives byte-identical files, Parquet included, when run twice on the same inputs (manifest timings aside)", () => {
    let n = 0;
    for (const dir of ["", "tables", "reports", "schema"]) {
      for (const f of readdirSync(join(out, dir), { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name)) {
        n++;
        if (f === "manifest.json") continue;
        expect(sha(join(again, dir, f)), join(dir, f)).toBe(sha(join(out, dir, f)));
      }
    }
    expect(n).toBeGreaterThan(20);
    const manifest = (d: string) => {
      const m = JSON.parse(readFileSync(join(d, "manifest.json"), "utf8")) as Record<string, unknown>;
      delete m.timings; // the only bytes allowed to differ
      return m;
    };
    expect(manifest(again)).toEqual(manifest(out));
  });

  it("holds the CSV's columns with the Table Schema's types, and exactly its rows", async () => {
    const dp = JSON.parse(readFileSync(join(out, "datapackage.json"), "utf8")) as DataPackage;
    const db = await DuckDBInstance.create(":memory:");
    const con = await db.connect();
    try {
      for (const r of dp.resources.filter((x) => x.format === "csv").filter(isTabular)) {
        const pq = `'${join(out, r.path.replace(/\.csv$/, ".parquet"))}'`;
        const cols = await con.runAndReadAll(`DESCRIBE SELECT * FROM ${pq}`);
        expect(cols.getRowObjects().map((c) => [c.column_name, c.column_type]), r.name).toEqual(r.schema.fields.map((f) => [f.name, duckType(f.type)]));
        const csvRows = readFileSync(join(out, r.path), "utf8").split("\r\n").filter(Boolean).length - 1;
        const counts = await con.runAndReadAll(`SELECT (SELECT count(*) FROM ${pq}) AS p, (SELECT count(*) FROM ${readCsvSql(join(out, r.path), r.schema.fields)}) AS c`);
        const [p, c] = counts.getRows()[0]!.map(Number);
        // Physical lines equal records unless a field holds a line break (anomaly messages do not).
        expect([p, c], r.name).toEqual([csvRows, csvRows]);
        const diff = await con.runAndReadAll(
          `SELECT count(*) FROM ((SELECT * FROM ${pq} EXCEPT ALL SELECT * FROM ${readCsvSql(join(out, r.path), r.schema.fields)}) UNION ALL (SELECT * FROM ${readCsvSql(join(out, r.path), r.schema.fields)} EXCEPT ALL SELECT * FROM ${pq}))`,
        );
        expect(Number(diff.getRows()[0]![0]), r.name).toBe(0);
      }
      expect(run.reports).toBeGreaterThan(0);
    } finally {
      con.closeSync();
      db.closeSync();
    }
  });
});
