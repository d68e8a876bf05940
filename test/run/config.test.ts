/**
 * `nianbao run --config` (issue 10): the config is checked at the boundary, every error naming its
 * field (exit 2); the sample config (samples/run/) crawls the test mirror and reads the local
 * seed into one output folder, and a second run over unchanged inputs reads and rewrites nothing.
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parseRunConfig } from "../../src/run/config.js";
import { startMirror } from "../crawl/mirror/index.js";
import { tempDir } from "../crawl/tmp.js";
import { reportsIn } from "../support/reports.js";

const root = new URL("../..", import.meta.url).pathname;
const cli = join(root, "dist/src/cli.js");
const exec = promisify(execFile);
const sampleDir = join(root, "samples/run");

async function nianbao(args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const r = await exec(process.execPath, [cli, ...args], { cwd: root });
    return { code: 0, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stderr: string };
    return { code: err.code, stderr: err.stderr };
  }
}

describe("the run config", () => {
  it("names every bad field and what it accepts", () => {
    const r = parseRunConfig(
      { out: "", inputs: [], concurrency: 0, limits: { timeoutMs: "abc", memory: 5 }, crawl: { maxBytes: "10MB" }, sitez: "x.json", soffice: 3 },
      "/etc/nianbao/config.json",
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual([
      "sitez: not a config field (accepted: out, inputs, sites, state, concurrency, rules, feePrecision, soffice, limits, crawl)",
      'out: must be a non-empty string (a path), not ""',
      "inputs: must be a non-empty list of paths, not []",
      "concurrency: must be a whole number from 1 to 1024, not 0",
      "soffice: must be the path of LibreOffice's soffice, or false (never use it), not 3",
      'limits.timeoutMs: must be a whole number from 1000 to 86400000, not "abc"',
      "limits.memory: not a field of limits (accepted: timeoutMs, memoryMb)",
      'crawl.maxBytes: must be a whole number from 1 to 10000000000000, not "10MB"',
    ]);
    const ok = parseRunConfig({ out: "out", inputs: ["a", "/abs/b"], state: "st" }, "/etc/nianbao/config.json");
    expect(ok.ok && [ok.value.out, ok.value.inputs, ok.value.state]).toEqual(["/etc/nianbao/out", ["/etc/nianbao/a", "/abs/b"], "/etc/nianbao/st"]);
    expect(parseRunConfig({ out: "o" }, "c.json")).toEqual({ ok: false, errors: ["inputs, sites: give at least one (local files and folders, or a sites file to crawl)"] });
  });

  it.skipIf(!existsSync(cli))("refuses a bad config file with exit status 2 and the field named, no stack trace", async () => {
    const dir = tempDir("nianbao-config-bad-");
    writeFileSync(join(dir, "c.json"), JSON.stringify({ out: "o", inputs: ["x"], limits: { timeoutMs: -3 } }));
    const r = await nianbao(["run", "--config", join(dir, "c.json")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("limits.timeoutMs: must be a whole number from 1000 to 86400000, not -3");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it.skipIf(!existsSync(cli))("runs the sample config: the mirror crawled and the seed read into one folder; the second run reads nothing and writes nothing", { timeout: 300_000 }, async () => {
    const m = await startMirror({ ports: { "trs-a": 47831 } });
    try {
      // The sample sites file is the mirror's TRS site as it serves it.
      const sites = JSON.parse(readFileSync(join(sampleDir, "mirror-sites.json"), "utf8")) as unknown;
      expect(sites).toEqual({ sites: m.sitesFile({ minIntervalMs: 20 }).sites.filter((s) => s.id === "trs-a") });
      const dir = tempDir("nianbao-config-run-");
      const sample = JSON.parse(readFileSync(join(sampleDir, "nianbao.config.json"), "utf8")) as Record<string, unknown>;
      const out = join(dir, "out");
      const config = { ...sample, out, inputs: (sample.inputs as string[]).map((p) => join(sampleDir, p)), sites: join(sampleDir, sample.sites as string) };
      writeFileSync(join(dir, "config.json"), JSON.stringify(config));
      const first = await nianbao(["run", "--config", join(dir, "config.json"), "--no-progress"]);
      expect([0, 1], first.stderr.slice(-2000)).toContain(first.code);
      const reports = reportsIn(out);
      const expected = m.expected.reports.filter((e) => e.siteId === "trs-a" || e.siteIds?.includes("trs-a"));
      expect(reports.filter((r) => r.source.uri.startsWith("http://")).length).toBe(expected.length);
      expect(reports.some((r) => r.source.uri === join(root, "samples/mengjin-czj-2022.txt"))).toBe(true);
      expect(existsSync(join(out, "crawl", "summary.json"))).toBe(true);
      expect((await nianbao(["validate", out])).code).toBe(0);
      const manifest = statSync(join(out, "manifest.json"));
      const second = await nianbao(["run", "--config", join(dir, "config.json"), "--no-progress"]);
      expect(second.code).toBe(first.code);
      const done = second.stderr.split("\n").find((l) => l.includes('"msg":"done:'))!;
      expect(JSON.parse(done)).toMatchObject({ read: 0, unchanged: reports.length });
      expect(second.stderr).toContain("already holds this run's dataset: nothing written");
      expect([statSync(join(out, "manifest.json")).ino, statSync(join(out, "manifest.json")).mtimeMs]).toEqual([manifest.ino, manifest.mtimeMs]);
    } finally {
      await m.close();
    }
  });
});
