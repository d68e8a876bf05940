/**
 * Restartable and safe (issues 10, 13), through the compiled CLI:
 *   - a run killed with SIGKILL at points of its write phase leaves the previous complete folder
 *     or the new complete one — never a mix — and the next run ends with the same dataset as an
 *     uninterrupted one without reading anything again;
 *   - a run killed while it reads resumes to the identical dataset, reading only what it had not;
 *   - a second run on a folder a live run holds refuses with a clear message; a lock whose holder
 *     is dead does not block.
 */
import { execFile, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { folderPaths } from "../../src/emit/commit.js";
import { lockFolder } from "../../src/run/lock.js";
import { tempDir } from "../crawl/tmp.js";

const root = new URL("../..", import.meta.url).pathname;
const cli = join(root, "dist/src/cli.js");
const samples = join(root, "samples");
const exec = promisify(execFile);

async function nianbao(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  try {
    const r = await exec(process.execPath, [cli, ...args], { cwd: root, env: { ...process.env, ...env } });
    return { code: 0, signal: null, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number | null; signal: string | null; stderr: string };
    return { code: err.code ?? null, signal: err.signal ?? null, stderr: err.stderr };
  }
}

/** A folder's dataset: every file but the dot-entries, the manifest without its timings. */
function dataset(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const n of readdirSync(d, { withFileTypes: true })) {
      if (n.name.startsWith(".")) continue;
      const p = join(d, n.name);
      if (n.isDirectory()) walk(p);
      else out[relative(dir, p)] = n.name === "manifest.json" ? JSON.stringify({ ...JSON.parse(readFileSync(p, "utf8")), timings: null }) : readFileSync(p).toString("base64");
    }
  };
  walk(dir);
  return out;
}

const canon = (d: Record<string, string>) => JSON.stringify(Object.entries(d).sort(([x], [y]) => (x < y ? -1 : 1)));

/** The run's closing log line (its counts). */
const doneLine = (stderr: string) => stderr.split("\n").filter((l) => l.includes('"msg":"done:')).map((l) => JSON.parse(l) as { read: number; unchanged: number })[0];

describe.skipIf(!existsSync(cli))("a whole-folder commit, a lock, and restarts (compiled CLI)", () => {
  it("leaves the old folder or the new one when killed at any point of the write phase; the next run completes it reading nothing", { timeout: 300_000 }, async () => {
    const dir = tempDir("nianbao-commit-");
    const setA = [join(samples, "mengjin-czj-2022.txt"), join(samples, "sample-county-2023.txt")];
    const setB = [join(samples, "mengjin-czj-2022.txt"), join(samples, "mengjin-czj-2022.html"), join(samples, "mengjin-czj-2022-gbk.html")];
    const opts = ["--concurrency", "1", "--no-progress"];
    expect((await nianbao(["parse", ...setA, "--out", join(dir, "ref-a"), ...opts])).code).toBe(0);
    // The new dataset as a run over the old one writes it (with its changes.json).
    expect((await nianbao(["parse", ...setA, "--out", join(dir, "ref-b"), ...opts])).code).toBe(0);
    expect((await nianbao(["parse", ...setB, "--out", join(dir, "ref-b"), ...opts])).code).toBe(0);
    const [a, b] = [dataset(join(dir, "ref-a")), dataset(join(dir, "ref-b"))];
    expect(a).not.toEqual(b);
    for (const point of ["reports:2", "staged", "carried", "moved-out", "swapped"]) {
      const out = join(dir, `out-${point.replace(":", "-")}`);
      expect((await nianbao(["parse", ...setA, "--out", out, ...opts])).code).toBe(0);
      writeFileSync(join(out, "notes.txt"), "kept by the user");
      const killed = await nianbao(["parse", ...setB, "--out", out, ...opts], { NIANBAO_TEST_KILL_AT: point });
      expect(killed.signal, point).toBe("SIGKILL");
      // Whatever the point, a reader that settles the folder first finds one dataset whole.
      const v = await nianbao(["validate", out]);
      expect(v.code, `${point}: ${v.stderr}`).toBe(0);
      const found = dataset(out);
      delete found["notes.txt"];
      expect([canon(a), canon(b)], point).toContain(canon(found));
      expect(readFileSync(join(out, "notes.txt"), "utf8"), point).toBe("kept by the user");
      // No staging or previous folder is left beside it (the dead run's lock stays until a run takes it over).
      expect(readdirSync(dir).filter((n) => n.startsWith(`.out-${point.replace(":", "-")}.nianbao-`) && !n.endsWith("-lock")), point).toEqual([]);
      // The run again: the new dataset, every document taken from the store.
      const again = await nianbao(["parse", ...setB, "--out", out, ...opts]);
      expect(again.code, again.stderr).toBe(0);
      expect(doneLine(again.stderr), point).toMatchObject({ read: 0, unchanged: setB.length });
      const final = dataset(out);
      delete final["notes.txt"];
      expect(final, point).toEqual(b);
    }
  });

  it("resumes a run killed while it reads to the identical dataset, reading only what it had not", { timeout: 300_000 }, async () => {
    const dir = tempDir("nianbao-resume-");
    const inputs = join(dir, "in");
    mkdirSync(inputs);
    const names = ["mengjin-czj-2022.txt", "sample-county-2023.txt", "mengjin-czj-2022.html", "mengjin-czj-2022-gbk.html", "mengjin-czj-2022.docx", "sample-county-2023.docx", "mengjin-czj-2022.pdf", "sample-county-2023.pdf"];
    for (const n of names) copyFileSync(join(samples, n), join(inputs, n));
    const ref = join(dir, "ref");
    expect((await nianbao(["parse", inputs, "--out", ref, "--concurrency", "1", "--no-progress"])).code).toBe(0);
    const out = join(dir, "out");
    // Killed from outside once three documents are logged (each is stored before it is logged).
    const child = spawn(process.execPath, [cli, "parse", inputs, "--out", out, "--concurrency", "1", "--no-progress"], { cwd: root });
    await new Promise<void>((resolve) => {
      let seen = "";
      child.stderr.on("data", (d: Buffer) => {
        seen += d.toString();
        if (/"progress":"3\//.test(seen)) child.kill("SIGKILL");
      });
      child.on("exit", () => resolve());
    });
    expect(existsSync(join(out, "manifest.json"))).toBe(false); // nothing was committed
    const again = await nianbao(["parse", inputs, "--out", out, "--concurrency", "1", "--no-progress"]);
    expect(again.code, again.stderr).toBe(0);
    const done = doneLine(again.stderr)!;
    expect(done.unchanged).toBeGreaterThanOrEqual(3);
    expect(done.read + done.unchanged).toBe(names.length);
    expect(dataset(out)).toEqual(dataset(ref));
  });

  it("stops on SIGTERM: in-flight documents abandoned, nothing committed, lock released; the next run reads only the rest", { timeout: 300_000 }, async () => {
    const dir = tempDir("nianbao-sigterm-");
    const inputs = join(dir, "in");
    mkdirSync(inputs);
    const names = ["mengjin-czj-2022.txt", "sample-county-2023.txt", "mengjin-czj-2022.html", "mengjin-czj-2022-gbk.html", "mengjin-czj-2022.pdf", "sample-county-2023.pdf", "mengjin-czj-2022-pagebreaks.pdf"];
    for (const n of names) copyFileSync(join(samples, n), join(inputs, n));
    const out = join(dir, "out");
    const child = spawn(process.execPath, [cli, "parse", inputs, "--out", out, "--concurrency", "2", "--no-progress"], { cwd: root });
    let stderr = "";
    const code = await new Promise<number | null>((resolve) => {
      child.stderr.on("data", (d: Buffer) => {
        stderr += d.toString();
        if (/"progress":"2\//.test(stderr) && !child.killed) child.kill("SIGTERM");
      });
      child.on("exit", (c) => resolve(c));
    });
    expect(code, stderr.slice(-1000)).toBe(143);
    expect(stderr).toContain("SIGTERM: stopping");
    expect(existsSync(join(out, "manifest.json"))).toBe(false);
    expect(readdirSync(dir).filter((n) => n.startsWith(".out.nianbao-"))).toEqual([]);
    const again = await nianbao(["parse", inputs, "--out", out, "--concurrency", "2", "--no-progress"]);
    expect(again.code, again.stderr).toBe(0);
    const done = doneLine(again.stderr)!;
    expect(done.unchanged).toBeGreaterThanOrEqual(2);
    expect(done.read + done.unchanged).toBe(names.length);
  });

  it("refuses a second run on a folder a live run holds, and takes over a dead run's lock", { timeout: 120_000 }, async () => {
    const dir = tempDir("nianbao-lock-");
    const out = join(dir, "out");
    const seed = join(samples, "mengjin-czj-2022.txt");
    const held = await lockFolder(out, "test");
    try {
      const r = await nianbao(["parse", seed, "--out", out, "--no-progress"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${out} is in use by another nianbao run (pid ${process.pid}`);
      expect(r.stderr).not.toMatch(/\n\s+at /); // a message, no stack trace
      expect(existsSync(join(out, "reports.jsonl"))).toBe(false);
    } finally {
      held.release();
    }
    // A lock left by a process that is gone: the next run takes it.
    const dead = spawn(process.execPath, ["-e", ""]);
    const pid = dead.pid!;
    await new Promise((r) => dead.on("exit", r));
    writeFileSync(folderPaths(out).lock, JSON.stringify({ pid, host: (await import("node:os")).hostname(), startedAt: "2026-01-01T00:00:00.000Z", command: "parse" }));
    const r = await nianbao(["parse", seed, "--out", out, "--no-progress"]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(folderPaths(out).lock)).toBe(false);
    expect(existsSync(join(out, "reports.jsonl"))).toBe(true);
  });
});
