/**
 * Fast start (issue 10): `--help` loads no reader, database or crawler module, and a thread reading
 * a text report loads no HTML, Word or PDF reader. Measured by which packages are resolved (a
 * module hook), not by a clock; the times are in `npm run bench`.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const root = new URL("../..", import.meta.url).pathname;
const hook = join(root, "test/fixtures/run/module-log.mjs");
const exec = promisify(execFile);

async function loaded(args: string[]): Promise<string[]> {
  const r = await exec(process.execPath, ["--import", hook, ...args], { cwd: root });
  return r.stderr
    .split("\n")
    .filter((l) => l.startsWith("LOADED "))
    .map((l) => l.slice(7))
    .sort();
}

const HEAVY = ["pdfjs-dist", "cheerio", "mammoth", "word-extractor", "@duckdb/node-api", "better-sqlite3", "undici", "ajv", "pino", "piscina", "@napi-rs/canvas"];

describe.skipIf(!existsSync(join(root, "dist/src/cli.js")))("fast start", () => {
  it("answers --help with commander alone", async () => {
    const packages = await loaded([join(root, "dist/src/cli.js"), "parse", "--help"]);
    expect(packages).toEqual(["commander"]);
  });

  it("reads a text report in a pool thread without the HTML, Word or PDF readers", async () => {
    const script = `
      const { default: step } = await import(${JSON.stringify(join(root, "dist/src/run/worker.js"))});
      const { bytesFile } = await import(${JSON.stringify(join(root, "dist/src/run/report-file.js"))});
      const { readFileSync } = await import("node:fs");
      const o = await step({ file: bytesFile("a.txt", readFileSync(${JSON.stringify(join(root, "samples/mengjin-czj-2022.txt"))})), options: {} });
      if (o.meta.status !== "parsed") throw new Error(o.meta.failure.error);`;
    const packages = await loaded(["--input-type=module", "-e", script]);
    for (const p of ["pdfjs-dist", "cheerio", "mammoth", "word-extractor", "@duckdb/node-api", "@napi-rs/canvas"]) expect(packages, p).not.toContain(p);
    expect(HEAVY.filter((p) => packages.includes(p))).toEqual([]);
  });
});
