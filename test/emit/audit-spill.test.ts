/**
 * A run's audit page keeps its items on disk until it is written (src/emit/audit/spill.ts): the
 * page built that way is the page built in memory, byte for byte, and the spill file reads back
 * every value whole, however the 1 MB read buffer cuts its lines.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AuditModelBuilder } from "../../src/emit/audit/model.js";
import { auditPage, auditPageChunks } from "../../src/emit/audit/page.js";
import { SpillFile } from "../../src/emit/audit/spill.js";
import { parseReport } from "../../src/pipeline.js";

const samples = new URL("../../samples/", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "nianbao-spill-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("audit items spilled to disk", () => {
  it("gives the same page as the model held in memory, and its items twice over", async () => {
    const reports = await Promise.all(
      ["sample-county-2023.txt", "mengjin-czj-2022.html", "mengjin-czj-2022.txt"].map((f) => parseReport(readFileSync(join(samples, f)), { uri: join(samples, f) })),
    );
    expect(reports.flatMap((r) => r.anomalies).length).toBeGreaterThan(2);
    const build = (spillTo?: string) => {
      const b = new AuditModelBuilder(spillTo ? { spillTo } : {});
      for (const r of reports) {
        const doc = b.addDocument(r);
        for (const a of r.anomalies) b.addAnomaly(a);
        b.release(doc);
      }
      return b;
    };
    const spill = join(dir, "items.jsonl");
    const streamed = await build(spill).finishStream();
    expect(existsSync(spill)).toBe(true);
    expect(readFileSync(spill, "utf8").trim().split("\n")).toHaveLength(streamed.heads.length);
    const page = [...auditPageChunks(streamed, { rulesVersion: "t" })].join("");
    expect(page).toBe(auditPage(await build().finish(), { rulesVersion: "t" }));
    expect([...streamed.items()]).toEqual([...streamed.items()]);
  });

  it("reads back values whose lines straddle the read buffer, multi-byte characters included", () => {
    const f = new SpillFile<{ i: number; s: string }>(join(dir, "big.jsonl"));
    const values = Array.from({ length: 7 }, (_, i) => ({ i, s: "政".repeat(300_000 + i * 77_777) + "x".repeat(i) }));
    for (const v of values) f.push(v);
    f.close();
    expect([...f.values()]).toEqual(values);
    expect(() => f.push(values[0]!)).toThrow(/after it was closed/);
  });
});
