import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { diffReports, formatDiff } from "../../src/dataset/diff.js";
import { emitAll } from "../../src/emit/index.js";
import type { AnnualReport } from "../../src/model/report.js";
import { parseReport } from "../../src/pipeline.js";
import { root } from "../support/dataset-run.js";

const exec = promisify(execFile);
const cli = join(root, "dist/src/cli.js");
const seed = await parseReport(readFileSync(join(root, "samples/mengjin-czj-2022.txt")), { uri: "samples/mengjin-czj-2022.txt" });
const other = await parseReport(readFileSync(join(root, "samples/sample-county-2023.txt")), { uri: "samples/sample-county-2023.txt" });
const clone = (r: AnnualReport) => JSON.parse(JSON.stringify(r)) as AnnualReport;

/** The seed, corrected by hand: one cell, the agency, and the FEE_PRECISION anomaly dropped. */
function handEdited(): AnnualReport {
  const r = clone(seed);
  r.applications!.rows.granted!.total = 5;
  r.agency = "洛阳市孟津区财政局";
  r.anomalies = r.anomalies.filter((a) => a.code !== "FEE_PRECISION");
  return r;
}

describe("diffReports", () => {
  it("finds nothing between a release and itself", () => {
    expect(diffReports([seed], [clone(seed)])).toEqual({ added: [], removed: [], changed: [], unchanged: 1 });
  });

  it("names the fields, cells and anomalies of a hand-made change", () => {
    const d = diffReports([seed], [handEdited()]);
    expect(d.unchanged).toBe(0);
    expect(d.changed).toHaveLength(1);
    const c = d.changed[0]!;
    expect(c.fields).toEqual([{ path: "agency", old: "孟津区财政局", new: "洛阳市孟津区财政局" }]);
    expect(c.cells).toEqual([{ path: "applications.rows.granted.total", old: seed.applications!.rows.granted!.total, new: 5 }]);
    expect(c.anomaliesAdded).toEqual([]);
    expect(c.anomaliesRemoved).toEqual([{ code: "FEE_PRECISION", paths: ["activeDisclosure.fees.amount"], severity: "warning", status: "fail" }]);
    expect(formatDiff(d)).toContain("    applications.rows.granted.total: 0 → 5\n");
  });

  it("matches reports by their source URI: another URI is a report added and one removed", () => {
    const moved = clone(seed);
    moved.source.uri = "samples/moved.txt";
    const d = diffReports([seed], [moved]);
    expect(d.added.map((r) => r.uri)).toEqual(["samples/moved.txt"]);
    expect(d.removed.map((r) => r.uri)).toEqual(["samples/mengjin-czj-2022.txt"]);
    expect(formatDiff(d).split("\n")[0]).toBe("1 added, 1 removed, 0 changed, 0 unchanged");
  });
});

describe("changes.json and nianbao diff", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("is written by a run that finds a previous output, and removed when there is none", async () => {
    const out = mkdtempSync(join(tmpdir(), "nianbao-changes-"));
    dirs.push(out);
    await emitAll(out, { reports: [seed], failures: [], inputs: [], timings: {} });
    expect(existsSync(join(out, "changes.json"))).toBe(false);
    const next = [handEdited(), other];
    await emitAll(out, { reports: next, failures: [], inputs: [], timings: {} });
    const ch = JSON.parse(readFileSync(join(out, "changes.json"), "utf8")) as ReturnType<typeof diffReports> & { from: { reports: number }; to: { reports: number } };
    expect(ch.from.reports).toBe(1);
    expect(ch.to.reports).toBe(next.length);
    expect(ch.changed.map((c) => c.cells.map((x) => x.path))).toEqual([["applications.rows.granted.total"]]);
    expect(ch.added.map((x) => x.uri)).toEqual(["samples/sample-county-2023.txt"]);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as { files: { path: string }[] };
    expect(manifest.files.map((f) => f.path)).toContain("changes.json");
  });

  it.skipIf(!existsSync(cli))("prints the release notes of two folders (compiled CLI)", async () => {
    const a = mkdtempSync(join(tmpdir(), "nianbao-diff-"));
    dirs.push(a, `${a}-b`);
    await emitAll(a, { reports: [seed], failures: [], inputs: [], timings: {} });
    cpSync(a, `${a}-b`, { recursive: true });
    writeFileSync(join(`${a}-b`, "reports.jsonl"), JSON.stringify(handEdited()) + "\n");
    const r = await exec(process.execPath, [cli, "diff", a, `${a}-b`]);
    expect(r.stdout).toBe(
      [
        "0 added, 0 removed, 1 changed, 0 unchanged",
        `~ samples/mengjin-czj-2022.txt (${seed.id})`,
        '    agency: "孟津区财政局" → "洛阳市孟津区财政局"',
        "    applications.rows.granted.total: 0 → 5",
        "    - FEE_PRECISION warning/fail activeDisclosure.fees.amount",
        "",
      ].join("\n"),
    );
    const j = await exec(process.execPath, [cli, "diff", a, `${a}-b`, "--json"]);
    expect((JSON.parse(j.stdout) as { changed: unknown[] }).changed).toHaveLength(1);
  });
});
