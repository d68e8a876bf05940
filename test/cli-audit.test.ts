/** `nianbao parse --rules`, `nianbao audit <outdir> [--reviews]`, and reviews that outlive a run (compiled CLI). */
import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = new URL("..", import.meta.url).pathname;
const cli = join(root, "dist/src/cli.js");

async function nianbao(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [cli, ...args], { cwd: root });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
const jsonl = (p: string) => readFileSync(p, "utf8").split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as Record<string, unknown>);
const pageData = (p: string) => JSON.parse(/<script type="application\/json" id="data">(.*?)<\/script>/s.exec(readFileSync(p, "utf8"))![1]!) as { reviews: Record<string, { decision: string; note: string }>; items: { fp: string }[] };

describe.skipIf(!existsSync(cli))("nianbao --rules and nianbao audit (compiled CLI)", () => {
  let dir: string;
  let input: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "nianbao-cli-audit-"));
    input = join(dir, "in");
    mkdirSync(input);
    copyFileSync(join(root, "samples/mengjin-czj-2022.txt"), join(input, "mengjin.txt"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a bad rules file is exit 2, every error naming its field; nothing is written", async () => {
    const rules = join(dir, "bad-rules.json");
    writeFileSync(rules, JSON.stringify({ rules: { FEE_PRECISION: { defaultPrecision: 12 }, NOT_A_RULE: false } }));
    const r = await nianbao(["parse", input, "--out", join(dir, "never"), "--rules", rules]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("rules.FEE_PRECISION.defaultPrecision: must be a whole number from 0 to 8, or null, got 12");
    expect(r.stderr).toContain("rules.NOT_A_RULE: unknown rule code");
    expect(existsSync(join(dir, "never"))).toBe(false);
    expect((await nianbao(["parse", input, "--out", join(dir, "never"), "--rules", join(dir, "missing.json")])).code).toBe(2);
  });

  it("a rules file switches rules off and is recorded in manifest.json", async () => {
    const rules = join(dir, "rules.json");
    writeFileSync(rules, JSON.stringify({ _why: "test", rules: { FEE_PRECISION: false, ROW_SHAPE: { severity: "error" } } }));
    const out = join(dir, "out-rules");
    expect((await nianbao(["parse", input, "--out", out, "--rules", rules, "-q"])).code).toBe(0);
    const codes = jsonl(join(out, "anomalies.jsonl")).map((a) => [a.code, a.severity]);
    expect(codes.some(([c]) => c === "FEE_PRECISION")).toBe(false);
    expect(codes.filter(([c]) => c === "ROW_SHAPE").every(([, s]) => s === "error")).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as { rules: unknown };
    expect(manifest.rules).toEqual({ version: "1", changed: { FEE_PRECISION: { enabled: false }, ROW_SHAPE: { severity: "error" } } });
    // anomalies.csv beside anomalies.jsonl: the same anomalies, every field flat.
    const csv = readFileSync(join(out, "anomalies.csv"), "utf8").split("\r\n").filter(Boolean);
    expect(csv[0]).toBe("report_id,code,severity,status,responsibility,paths,message,fingerprint,expected,actual,evidence_raw,evidence_page,evidence_bbox,evidence_line,evidence_text,evidence_table,evidence_row,evidence_col,related");
    expect(csv.length - 1).toBe(codes.length);
    expect(readFileSync(join(out, "tables/anomalies.csv"), "utf8")).toBe(readFileSync(join(out, "anomalies.csv"), "utf8"));
  });

  it("nianbao audit rebuilds the page, folds reviews in, and a later run into the folder keeps them", async () => {
    const out = join(dir, "out");
    expect((await nianbao(["parse", input, "--out", out, "-q"])).code).toBe(0);
    const before = readFileSync(join(out, "audit.html"), "utf8");
    expect((await nianbao(["audit", out])).code).toBe(0);
    expect(readFileSync(join(out, "audit.html"), "utf8")).toBe(before);

    const target = jsonl(join(out, "anomalies.jsonl")).find((a) => a.code === "SECTION_EMPTY")!;
    const reviews = join(dir, "reviews.json");
    writeFileSync(reviews, JSON.stringify({ nianbao: "reviews/1", reviews: [{ fingerprint: target.fingerprint, decision: "dismissed", note: "六 says 无 on purpose", at: "2026-01-05T08:00:00.000Z" }] }));
    const r = await nianbao(["audit", out, "--reviews", reviews]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("1 review(s)");
    expect(pageData(join(out, "audit.html")).reviews).toEqual({ [target.fingerprint as string]: { decision: "dismissed", note: "六 says 无 on purpose", at: "2026-01-05T08:00:00.000Z" } });

    // Next year's run over the same files (another name, another order) into the same folder.
    copyFileSync(join(input, "mengjin.txt"), join(input, "renamed-mengjin.txt"));
    rmSync(join(input, "mengjin.txt"));
    expect((await nianbao(["parse", input, "--out", out, "-q"])).code).toBe(0);
    const data = pageData(join(out, "audit.html"));
    expect(data.items.some((i) => i.fp === target.fingerprint)).toBe(true);
    expect(data.reviews[target.fingerprint as string]?.decision).toBe("dismissed");
  });

  it("audit on a folder that is not an output folder, or with a damaged reviews file, is exit 2 naming the file", async () => {
    const r = await nianbao(["audit", join(dir, "in")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("reports.jsonl: not found");
    const bad = join(dir, "bad-reviews.json");
    writeFileSync(bad, JSON.stringify({ reviews: [{ fingerprint: "xyz", decision: "maybe" }] }));
    const r2 = await nianbao(["audit", join(dir, "out"), "--reviews", bad]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain(`${bad}: reviews[0].fingerprint: must be 16 hex digits`);
  });

  it("when the source is gone, the page says so and still shows the evidence it has", async () => {
    const out = join(dir, "out-gone");
    const copy = join(dir, "gone.txt");
    copyFileSync(join(root, "samples/mengjin-czj-2022.txt"), copy);
    expect((await nianbao(["parse", copy, "--out", out, "-q"])).code).toBe(0);
    rmSync(copy);
    const r = await nianbao(["audit", out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("1 source(s) not found");
    const html = readFileSync(join(out, "audit.html"), "utf8");
    expect(html).toContain("sources not available");
    expect(pageData(join(out, "audit.html")).items.length).toBe(jsonl(join(out, "anomalies.jsonl")).length);
  });
});
