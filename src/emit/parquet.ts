/**
 * Parquet beside every tidy CSV (issue 12): tables/<name>.parquet holds the same columns, rows and
 * types as tables/<name>.csv. DuckDB reads the CSV we just wrote, with the column types of the
 * Data Package's Table Schema (never guessed), and writes Parquet: one thread and insertion order
 * kept, so the same CSV gives the same bytes (test/dataset/parquet.test.ts checks it).
 */
import { rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";

import { isTabular, type PackageField, type PackageResource } from "./package-types.js";

/** Table Schema type → DuckDB (and so Parquet) type. */
const DUCK_TYPES: Record<string, string> = { string: "VARCHAR", integer: "BIGINT", number: "DOUBLE", date: "DATE", boolean: "BOOLEAN" };

export function duckType(tableSchemaType: string): string {
  const t = DUCK_TYPES[tableSchemaType];
  if (!t) throw new Error(`no Parquet type for the Table Schema type "${tableSchemaType}"`);
  return t;
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

export const parquetPathOf = (csvPath: string) => csvPath.replace(/\.csv$/, ".parquet");

/** The CSV resources of a package, and after each its Parquet twin (same schema, other format). */
export function withParquetTwins(resources: PackageResource[]): PackageResource[] {
  return resources.flatMap((r): PackageResource[] =>
    r.format === "csv" && isTabular(r)
      ? [
          r,
          {
            name: `${r.name}-parquet`,
            path: parquetPathOf(r.path),
            description: `${String(r.description ?? r.name)} (Parquet: the same columns, rows and types as ${r.path})`,
            profile: "data-resource",
            format: "parquet",
            mediatype: "application/vnd.apache.parquet",
            schema: r.schema,
          },
        ]
      : [r],
  );
}

/**
 * The CSV reader's buffer: 1 MiB instead of DuckDB's default (16 × its 2 MiB line limit), which
 * held ~80 MB of a 100 MB applications.csv at once (issue 10: 10,000 reports peaked while Parquet
 * was written). A line is still bounded by max_line_size; the buffer only decides how much is read
 * at a time (and so the Parquet pages' layout: the same buffer gives the same bytes).
 */
const CSV_BUFFER_BYTES = 1 << 20;

/** SQL reading one of our CSV files with the types its Table Schema declares. */
export function readCsvSql(csvFile: string, fields: PackageField[]): string {
  const columns = fields.map((f) => `${sqlString(f.name)}: ${sqlString(duckType(f.type))}`).join(", ");
  return `read_csv(${sqlString(csvFile)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', new_line = '\\r\\n', nullstr = '', buffer_size = ${CSV_BUFFER_BYTES}, columns = {${columns}})`;
}

/** Write tables/<name>.parquet for every CSV resource, each to a temporary name and renamed. */
export async function writeParquetTables(outDir: string, resources: PackageResource[]): Promise<void> {
  const tables = resources.filter((r) => r.format === "csv").filter(isTabular);
  if (tables.length === 0) return;
  const db = await DuckDBInstance.create(":memory:", { threads: "1" });
  const con = await db.connect();
  try {
    for (const r of tables) {
      const target = join(outDir, parquetPathOf(r.path));
      const tmp = `${target}.${process.pid}.tmp`;
      await con.run(`COPY (SELECT * FROM ${readCsvSql(join(outDir, r.path), r.schema.fields)}) TO ${sqlString(tmp)} (FORMAT parquet, COMPRESSION zstd)`);
      await rename(tmp, target).catch(async (e: unknown) => {
        await rm(tmp, { force: true });
        throw e;
      });
    }
  } finally {
    con.closeSync();
    db.closeSync();
  }
}
