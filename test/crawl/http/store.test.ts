import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ContentStore } from "../../../src/crawl/http/store.js";
import { tempDir } from "../tmp.js";

describe("content-addressed store", () => {
  it("removes temporary files left by a dead process when opened, and keeps its own", () => {
    const dir = tempDir("nianbao-store-");
    new ContentStore(dir);
    // A pid that has certainly exited: a child that already ran.
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid!;
    const orphan = join(dir, ".tmp", `${dead}-1-deadbeef`);
    const mine = join(dir, ".tmp", `${process.pid}-99-cafebabe`);
    writeFileSync(orphan, "partial");
    writeFileSync(mine, "in progress");
    new ContentStore(dir);
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(mine)).toBe(true);
  });

  it("streams with a cap and commits by hash", async () => {
    const store = new ContentStore(tempDir("nianbao-store-"));
    async function* chunks() {
      yield Buffer.from("%PDF-1.4 ");
      yield Buffer.from("年报");
    }
    const over = await store.stream(chunks(), 5);
    expect(over).toEqual({ ok: false, reason: "too-large", bytes: 9 });
    const out = await store.stream(chunks(), 1000);
    if (!out.ok) throw new Error("expected a staged file");
    const path = await store.commit(out.staged);
    expect(path).toBe(store.pathFor(out.staged.sha256));
    expect(store.has(out.staged.sha256)).toBe(true);
    expect(store.tmpFiles()).toEqual([]);
  });
});
