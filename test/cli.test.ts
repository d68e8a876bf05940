import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = new URL("..", import.meta.url).pathname;
const cli = join(root, "dist/src/cli.js");
const seed = readFileSync(join(root, "samples/mengjin-czj-2022.txt"));

async function nianbao(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [cli, ...args], { cwd: root });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const lines = (p: string) =>
  readFileSync(p, "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe.skipIf(!existsSync(cli))("nianbao parse (compiled CLI)", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "nianbao-cli-"));
    const inputs = join(dir, "in");
    mkdirSync(inputs);
    writeFileSync(join(inputs, "a-seed.txt"), seed);
    writeFileSync(join(inputs, "b-empty.txt"), "");
    // A PNG named .html: binary bytes, whatever the name says.
    writeFileSync(join(inputs, "c-image.html"), Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex"));
    writeFileSync(
      join(inputs, "d-notice.html"),
      "<html><head><meta charset='utf-8'><title>关于召开防汛工作会议的通知</title></head><body><div class='TRS_Editor'><p>各有关单位：</p><p>定于2023年6月1日召开全区防汛工作会议，请准时参加。</p></div></body></html>",
    );
    // A PDF cut short, an HTML error page served as .pdf, a zip that is no Word file named .docx.
    writeFileSync(join(inputs, "f-truncated.pdf"), readFileSync(join(root, "samples/mengjin-czj-2022.pdf")).subarray(0, 20_000));
    writeFileSync(join(inputs, "g-error-page.pdf"), "<html><head><title>404 页面不存在</title></head><body><p>您访问的页面不存在</p></body></html>");
    writeFileSync(join(inputs, "h-broken.docx"), Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(200, 7)]));
    // The seed's sample page cut off mid-table.
    const page = existsSync(join(root, "samples/mengjin-czj-2022.html")) ? readFileSync(join(root, "samples/mengjin-czj-2022.html"), "utf8") : "";
    writeFileSync(join(inputs, "e-truncated.html"), page.slice(0, Math.floor(page.length * 0.55)));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes every good input, lists each bad one in failures.jsonl with its reason, and exits 1", async () => {
    const out = join(dir, "out");
    const r = await nianbao(["parse", join(dir, "in"), join(dir, "no-such-file.txt"), "--out", out, "--quiet"]);
    expect(r.code).toBe(1);
    const failures = lines(join(out, "failures.jsonl"));
    const byName = Object.fromEntries(failures.map((f) => [String(f.uri).split("/").pop(), f]));
    expect(byName["b-empty.txt"]).toMatchObject({ code: "EMPTY_INPUT" });
    expect(byName["c-image.html"]).toMatchObject({ code: "BINARY_INPUT" });
    expect(byName["d-notice.html"]).toMatchObject({ code: "NOT_A_REPORT", stage: "extract" });
    expect(byName["no-such-file.txt"]).toMatchObject({ code: "READ_FAILED", stage: "read" });
    expect(byName["f-truncated.pdf"]).toMatchObject({ code: "PARSE_FAILED", stage: "parse" });
    expect(byName["g-error-page.pdf"]).toMatchObject({ code: "NOT_A_REPORT" });
    expect(byName["h-broken.docx"]).toMatchObject({ code: "PARSE_FAILED" });
    for (const f of failures) expect(String(f.error)).toContain(String(f.uri));
    const reports = lines(join(out, "reports.jsonl"));
    const names = reports.map((x) => String((x.source as { uri: string }).uri).split("/").pop());
    expect(names).toContain("a-seed.txt");
    // A report cut short is still a report: what it holds, with what is missing flagged.
    if (existsSync(join(root, "samples/mengjin-czj-2022.html"))) {
      expect(names).toContain("e-truncated.html");
      const cut = reports.find((x) => String((x.source as { uri: string }).uri).endsWith("e-truncated.html"))!;
      const codes = (cut.anomalies as { code: string }[]).map((a) => a.code);
      expect(codes).toContain("SECTION_MISSING");
    }
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as { counts: { failures: number; reports: number } };
    expect(manifest.counts.failures).toBe(failures.length);
    expect(manifest.counts.reports).toBe(reports.length);
    expect(readdirSync(join(out, "reports")).length).toBe(reports.length);
  });

  // Two full runs over samples/, whose .doc files LibreOffice converts one cold start at a time.
  it("gives byte-identical output files on a re-run (timings aside)", { timeout: 180_000 }, async () => {
    const a = join(dir, "det-a");
    const b = join(dir, "det-b");
    expect((await nianbao(["parse", join(root, "samples"), "--out", a, "--quiet"])).code).toBe(0);
    expect((await nianbao(["parse", join(root, "samples"), "--out", b, "--quiet"])).code).toBe(0);
    for (const f of ["reports.jsonl", "anomalies.jsonl", "failures.jsonl", "audit.html", "tables/applications.csv", "datapackage.json", "schema/annual-report.schema.json"]) {
      expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
    }
    const strip = (p: string) => ({ ...JSON.parse(readFileSync(p, "utf8")), timings: null });
    expect(strip(join(b, "manifest.json"))).toEqual(strip(join(a, "manifest.json")));
  });

  it("exits 2 with a usage message when --out is missing", async () => {
    const r = await nianbao(["parse", "samples"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--out");
  });

  it("says what an option accepts when a value is bad, and exits 2 without a stack trace", async () => {
    for (const [args, says] of [
      [["parse", "samples", "--out", join(dir, "x"), "--timeout", "abc"], '--timeout takes milliseconds from 1000 to 86400000, not "abc"'],
      [["parse", "samples", "--out", join(dir, "x"), "--fee-precision", "-3"], '--fee-precision takes a whole number from 0 to 8, not "-3"'],
      [["parse", "samples", "--out", join(dir, "x"), "--log-level", "nope"], "Allowed choices are trace, debug, info, warn, error, fatal, silent"],
      [["parse", "samples", "--out", join(dir, "x"), "--concurrency", "two"], '--concurrency takes a whole number from 1 to 1024, not "two"'],
      [["crawl", "--sites", "s.json", "--out", join(dir, "x"), "--max-bytes", "10 parsecs"], "--max-bytes takes a size in bytes, optionally with a unit"],
      [["crawl", "--sites", "s.json", "--out", join(dir, "x"), "--min-rate", "fast"], '--min-rate takes bytes per second from 0 to 1000000000000, not "fast"'],
    ] as [string[], string][]) {
      const r = await nianbao(args);
      expect([r.code, r.stderr.includes(says)], args.join(" ")).toEqual([2, true]);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(join(dir, "x"))).toBe(false);
  });

  it("explains itself with --help", async () => {
    const r = await nianbao(["parse", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Exit status");
  });

  it("reports an unreadable path (a symlink loop: unreadable even for root) as a failure, and still writes the others", async () => {
    const p = join(dir, "loop.txt");
    symlinkSync(p, p);
    const out = join(dir, "out-loop");
    expect((await nianbao(["parse", p, join(root, "samples/mengjin-czj-2022.txt"), "--out", out, "--quiet"])).code).toBe(1);
    const [f] = lines(join(out, "failures.jsonl"));
    expect(f).toMatchObject({ code: "READ_FAILED", stage: "read" });
    expect(String(f!.error)).toContain("loop.txt");
    expect(lines(join(out, "reports.jsonl"))).toHaveLength(1);
  });
});
