/**
 * The hostile-input battery of issue 13, through the compiled CLI: every input of
 * ./inputs.ts in one `nianbao parse` run, with a good report among them. For each: one
 * failures.jsonl line with its reason, or the documented partial reading (HTML nested past
 * maxDepth: read flattened, noted HTML_FLATTENED); the good reports written; each input done well
 * inside the 60 s default deadline (the deep page took 107 s and the deflate bomb 103 s before);
 * the whole run under 1 GB of peak RSS (the bomb alone reached 8.2 GB).
 *
 * The peak RSS is the CLI process's own (process.resourceUsage().maxRSS, written at exit by a
 * preloaded hook: ./cli.ts), so no system program is needed. An input's time is the interval
 * between its log line and the one before (the run's start for the first): the run reads one
 * input at a time.
 *
 * Two FIFOs are among the inputs (mkfifo; left out, with a message, where it is missing): one in
 * the folder, one named on the command line; each is one failure line, and the run does not wait
 * for a writer. Stalled servers (trickled bodies and headers, a silent server, a body under the
 * minimum rate, a host past its time) are the other half of the battery, through `nianbao crawl`:
 * ./servers.test.ts.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, closingTable, lines, nianbao, root, rssHook, RSS_LIMIT_KB, type Run } from "./cli.js";
import { hasMkfifo, hostileInputs, type HostileInput } from "./inputs.js";

const DEADLINE_MS = 60_000;

describe.skipIf(!existsSync(cli))("hostile inputs: one run, bounded work per document (issue 13)", () => {
  let dir: string;
  let inputs: HostileInput[];
  let run: Run;
  let failures: Record<string, unknown>[];
  let reports: Record<string, unknown>[];
  const out = () => join(dir, "out");
  const uriOf = (i: HostileInput) => join(dir, i.named ? "named" : "in", i.name);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "nianbao-hostile-"));
    mkdirSync(join(dir, "in"));
    mkdirSync(join(dir, "named"));
    inputs = hostileInputs(join(root, "samples"));
    if (!hasMkfifo) console.warn("hostile battery: mkfifo is not installed, so the FIFO inputs are left out");
    for (const i of inputs) await i.make(join(dir, i.named ? "named" : "in"));
    const hook = rssHook(dir);
    const named = inputs.filter((i) => i.named).map(uriOf);
    run = await nianbao(["parse", join(dir, "in"), ...named, "--out", out(), "--log-level", "info"], join(dir, "rss"), hook);
    failures = lines(join(out(), "failures.jsonl"));
    reports = lines(join(out(), "reports.jsonl"));
  }, 300_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("ends the run normally, some inputs failed (exit 1), within its deadlines, under 1 GB of peak RSS", () => {
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(run.maxRssKb).not.toBeNull();
    expect(run.maxRssKb!).toBeLessThan(RSS_LIMIT_KB);
    expect(run.ms).toBeLessThan(DEADLINE_MS * 2);
  });

  it("gives every hostile input one failure line with its reason, or its documented partial reading", () => {
    for (const i of inputs) {
      const mine = failures.filter((f) => f.uri === uriOf(i));
      const report = reports.find((r) => (r.source as { uri: string }).uri === uriOf(i));
      if (i.expected.status === "failed") {
        expect(mine, i.name).toHaveLength(1);
        expect(mine[0], i.name).toMatchObject({ code: i.expected.code, ...(i.expected.reason ? { reason: i.expected.reason } : {}) });
        if (i.expected.error) expect(mine[0]!.error, i.name).toMatch(i.expected.error);
        expect(report, i.name).toBeUndefined();
      } else {
        expect(mine, i.name).toEqual([]);
        expect(report, i.name).toBeDefined();
        const notes = ((report!.messages as { ruleId: string }[]) ?? []).map((m) => m.ruleId);
        for (const n of i.expected.notes ?? []) expect(notes, i.name).toContain(n);
      }
    }
  });

  it("writes the good reports of the same run whole: title, agency, year and table 三", () => {
    for (const i of inputs.filter((x) => x.expected.status === "parsed")) {
      const r = reports.find((x) => (x.source as { uri: string }).uri === uriOf(i))!;
      expect(r.title, i.name).toContain("政府信息公开工作年度报告");
      expect(r.agency, i.name).toBeTruthy();
      expect(r.year, i.name).toBeGreaterThan(2000);
      expect((r.applications as { rows: Record<string, unknown> } | null)?.rows, i.name).toBeTruthy();
      expect(existsSync(join(out(), "reports", `${r.id as string}.json`)), i.name).toBe(true);
    }
    const manifest = JSON.parse(readFileSync(join(out(), "manifest.json"), "utf8")) as { inputs: { uri: string; status: string }[] };
    expect(manifest.inputs.map((x) => x.uri).sort()).toEqual(inputs.map(uriOf).sort());
  });

  it("finishes each input well inside the default deadline, and prints the closing table", () => {
    const done = run.log.filter((l) => typeof l.progress === "string" && typeof l.uri === "string");
    expect(done.map((l) => l.uri).sort()).toEqual(inputs.map(uriOf).sort());
    let previous = run.startedAt;
    const rows: { input: string; outcome: string; ms: number }[] = [];
    for (const l of done) {
      const ms = (l.time as number) - previous;
      previous = l.time as number;
      const i = inputs.find((x) => uriOf(x) === l.uri)!;
      expect(ms, i.name).toBeLessThan(DEADLINE_MS);
      const outcome = l.code ? `${l.code as string}${l.reason ? ` (${l.reason as string})` : ""}` : `parsed${i.expected.status === "parsed" && i.expected.notes ? `, ${i.expected.notes.join(", ")}` : ""}`;
      rows.push({ input: `${i.name}: ${i.what}`, outcome, ms });
    }
    console.log(closingTable(rows, [{ label: "the whole run", run }]));
  });
});
