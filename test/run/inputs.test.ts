/**
 * Inputs that are not regular files (issue 13): refused without being opened, named in
 * failures.jsonl; symlinks followed, never skipped silently; a folder that cannot be listed is a
 * failure line and the walk goes on.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseBatch } from "../../src/batch.js";
import { collectInputs, type WalkFs } from "../../src/inputs.js";
import { tempDir } from "../crawl/tmp.js";
import { reportsIn } from "../support/reports.js";

const root = new URL("../..", import.meta.url).pathname;
const seed = join(root, "samples/mengjin-czj-2022.txt");

const failuresIn = (out: string) =>
  readFileSync(join(out, "failures.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { uri: string; stage: string; code: string; error: string });

describe("inputs that are not plain files", () => {
  it("refuses FIFOs and sockets without opening them, follows symlinks, names a dangling link", { timeout: 60_000 }, async () => {
    const dir = tempDir("nianbao-inputs-");
    const inputs = join(dir, "in");
    mkdirSync(join(inputs, "real"), { recursive: true });
    copyFileSync(seed, join(inputs, "real", "a.txt"));
    execFileSync("mkfifo", [join(inputs, "b-pipe.txt")]);
    execFileSync("mkfifo", [join(dir, "named-pipe.txt")]);
    const server = createServer();
    await new Promise<void>((r) => server.listen(join(inputs, "c-socket.txt"), r));
    try {
      symlinkSync(join(inputs, "real", "a.txt"), join(inputs, "d-link.txt")); // a link to a file: read
      symlinkSync(join(inputs, "real"), join(inputs, "z-linked-folder")); // a link to a folder already walked: once
      symlinkSync(join(dir, "nowhere.txt"), join(inputs, "f-dangling.txt"));
      const out = join(dir, "out");
      // Opening a FIFO would block this run for ever: it must not be opened.
      await parseBatch([inputs, join(dir, "named-pipe.txt")], { out });
      const failures = failuresIn(out);
      expect(failures.map((f) => [f.uri.slice(dir.length + 1), f.code, f.stage])).toEqual([
        ["in/b-pipe.txt", "READ_FAILED", "read"],
        ["in/c-socket.txt", "READ_FAILED", "read"],
        ["in/f-dangling.txt", "READ_FAILED", "read"],
        ["named-pipe.txt", "READ_FAILED", "read"],
      ]);
      expect(failures[0]!.error).toContain("a FIFO (named pipe), not a regular file: refused without opening it");
      expect(failures[1]!.error).toContain("a socket, not a regular file");
      expect(failures[2]!.error).toContain("symlink to nothing");
      const uris = reportsIn(out).map((r) => r.source.uri.slice(dir.length + 1));
      expect(uris).toEqual(["in/d-link.txt", "in/real/a.txt"]);
    } finally {
      server.close();
    }
  });

  it("names a folder it cannot list in a failure line and walks on", async () => {
    // Root reads every folder, so a folder that refuses is stood for by the walk's file-system calls.
    const real = await import("node:fs/promises");
    const dir = tempDir("nianbao-inputs-eacces-");
    mkdirSync(join(dir, "a-locked"));
    mkdirSync(join(dir, "b-open"));
    copyFileSync(seed, join(dir, "b-open", "x.txt"));
    const fs: WalkFs = {
      stat: (p) => real.stat(p),
      realpath: (p) => real.realpath(p),
      readdir: async (p) => {
        if (p.endsWith("a-locked")) throw Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
        return real.readdir(p);
      },
    };
    expect(await collectInputs([dir], fs)).toEqual([{ uri: join(dir, "a-locked"), problem: "the folder cannot be listed: permission denied" }, { uri: join(dir, "b-open", "x.txt") }]);
  });
});
