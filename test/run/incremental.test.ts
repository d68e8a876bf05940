/**
 * Incremental runs (issue 10): outcomes are kept per document in the output folder's result store;
 * a second run over unchanged inputs reads nothing and rewrites nothing; a changed input is read
 * again and only it; a removed input takes its report (and reports/<id>.json) with it; a new
 * parser version or other rules read everything again.
 */
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseBatch } from "../../src/batch.js";
import { readReport, type ReportFile } from "../../src/run/index.js";
import { setCodeVersionForTests } from "../../src/run/store.js";
import { parseRulesConfig } from "../../src/validate/rules-config.js";
import { tempDir } from "../crawl/tmp.js";
import { reportsIn } from "../support/reports.js";

const root = new URL("../..", import.meta.url).pathname;
const samples = join(root, "samples");
const TEXTS = ["mengjin-czj-2022.txt", "sample-county-2023.txt", "mengjin-czj-2022.html", "mengjin-czj-2022-gbk.html", "sample-county-2023.docx"];

/** Every file of a folder (dot-folders aside) with its bytes and its inode and mtime. */
function snapshot(dir: string): Map<string, { bytes: Buffer; ino: number; mtimeMs: number }> {
  const out = new Map<string, { bytes: Buffer; ino: number; mtimeMs: number }>();
  const walk = (d: string) => {
    for (const n of readdirSync(d, { withFileTypes: true })) {
      if (n.name.startsWith(".")) continue;
      const p = join(d, n.name);
      if (n.isDirectory()) walk(p);
      else {
        const s = statSync(p);
        out.set(relative(dir, p), { bytes: readFileSync(p), ino: s.ino, mtimeMs: s.mtimeMs });
      }
    }
  };
  walk(dir);
  return out;
}

/** The step, counting what it is asked to read. */
function countingStep() {
  const seen: string[] = [];
  return {
    seen,
    step: async (f: ReportFile, o: Parameters<typeof readReport>[1]) => {
      seen.push(f.uri.split("/").pop()!);
      return readReport(f, o);
    },
  };
}

afterEach(() => setCodeVersionForTests(undefined));

describe("incremental runs over a result store", () => {
  it("reads nothing and rewrites nothing the second time; reads only what changed; drops what was removed", { timeout: 120_000 }, async () => {
    const dir = tempDir("nianbao-incr-");
    const inputs = join(dir, "in");
    mkdirSync(inputs);
    for (const f of TEXTS) copyFileSync(join(samples, f), join(inputs, f));
    const out = join(dir, "out");

    const first = countingStep();
    const r1 = await parseBatch([inputs], { out, step: first.step });
    expect(first.seen.sort()).toEqual([...TEXTS].sort());
    expect([r1.read, r1.reused]).toEqual([TEXTS.length, 0]);
    const before = snapshot(out);

    const second = countingStep();
    const r2 = await parseBatch([inputs], { out, step: second.step });
    expect(second.seen).toEqual([]);
    expect([r2.read, r2.reused]).toEqual([0, TEXTS.length]);
    const after = snapshot(out);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [p, a] of after) expect([p, a.ino, a.mtimeMs, a.bytes.equals(before.get(p)!.bytes)]).toEqual([p, before.get(p)!.ino, before.get(p)!.mtimeMs, true]);

    // One input changed (its agency renamed), one removed.
    const seed = readFileSync(join(inputs, "mengjin-czj-2022.txt"), "utf8");
    writeFileSync(join(inputs, "mengjin-czj-2022.txt"), seed.replaceAll("孟津区财政局", "孟津区审计局"));
    const gone = reportsIn(out).find((r) => r.source.uri.endsWith("sample-county-2023.docx"))!;
    rmSync(join(inputs, "sample-county-2023.docx"));
    const third = countingStep();
    const r3 = await parseBatch([inputs], { out, step: third.step });
    expect(third.seen).toEqual(["mengjin-czj-2022.txt"]);
    expect([r3.read, r3.reused]).toEqual([1, TEXTS.length - 2]);
    const reports = reportsIn(out);
    expect(reports.map((r) => r.source.uri.split("/").pop()).sort()).toEqual(TEXTS.filter((f) => f !== "sample-county-2023.docx").sort());
    expect(reports.find((r) => r.source.uri.endsWith("mengjin-czj-2022.txt"))!.agency).toBe("孟津区审计局");
    const files = readdirSync(join(out, "reports"));
    expect(files).not.toContain(`${gone.id}.json`);
    expect(files.sort()).toEqual([...new Set(reports.map((r) => `${r.id}.json`))].sort());
    // The store keeps what this run used, no more.
    const stored = readdirSync(join(out, ".nianbao", "results")).flatMap((s) => readdirSync(join(out, ".nianbao", "results", s)));
    expect(stored).toHaveLength(TEXTS.length - 1);
    // changes.json says what the release changed.
    const changes = JSON.parse(readFileSync(join(out, "changes.json"), "utf8")) as { removed: { uri: string }[]; changed: { uri: string }[] };
    expect(changes.removed.map((r) => r.uri)).toEqual([join(inputs, "sample-county-2023.docx")]);
    // The renamed report changed; so may its renditions, whose cross-document anomalies named it.
    expect(changes.changed.map((r) => r.uri)).toContain(join(inputs, "mengjin-czj-2022.txt"));
  });

  it("reads everything again under a new parser version, and under other rules", { timeout: 120_000 }, async () => {
    const dir = tempDir("nianbao-incr-version-");
    const out = join(dir, "out");
    const inputs = TEXTS.slice(0, 3).map((f) => join(samples, f));
    await parseBatch(inputs, { out });
    const bumped = countingStep();
    setCodeVersionForTests("0.0.0-test+bumped");
    const r = await parseBatch(inputs, { out, step: bumped.step });
    expect(bumped.seen.sort()).toEqual(TEXTS.slice(0, 3).sort());
    expect(r.reused).toBe(0);
    // The same version again: nothing.
    const same = countingStep();
    await parseBatch(inputs, { out, step: same.step });
    expect(same.seen).toEqual([]);
    // Another rules file changes outcomes: everything is read again, and the folder says so.
    const rules = parseRulesConfig({ rules: { FEE_PRECISION: false } });
    if (!rules.ok) throw new Error(rules.errors.join("; "));
    const other = countingStep();
    await parseBatch(inputs, { out, step: other.step, rules: rules.value });
    expect(other.seen).toHaveLength(3);
    expect(reportsIn(out).flatMap((x) => x.anomalies.map((a) => a.code))).not.toContain("FEE_PRECISION");
  });

  it("reads the same bytes again under a new name (the outcome holds the name)", { timeout: 60_000 }, async () => {
    const dir = tempDir("nianbao-incr-name-");
    const out = join(dir, "out");
    copyFileSync(join(samples, "mengjin-czj-2022.txt"), join(dir, "a.txt"));
    await parseBatch([join(dir, "a.txt")], { out });
    copyFileSync(join(dir, "a.txt"), join(dir, "b.txt"));
    rmSync(join(dir, "a.txt"));
    const step = countingStep();
    await parseBatch([join(dir, "b.txt")], { out, step: step.step });
    expect(step.seen).toEqual(["b.txt"]);
    expect(reportsIn(out).map((r) => r.source.uri)).toEqual([join(dir, "b.txt")]);
  });
});
