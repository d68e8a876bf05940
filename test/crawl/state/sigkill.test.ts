/**
 * A crawl killed with SIGKILL at any moment loses nothing it finished: a child process writes
 * records as fast as it can, printing each key once `record()` has returned (stdout to a pipe is
 * synchronous on Linux, so a printed key was committed); the test kills it with SIGKILL mid-loop,
 * reopens the database, and checks every printed record is there, whole.
 */
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { openState } from "../../../src/crawl/state/state.js";
import { tempDir } from "../tmp.js";

const ROOT = resolve(import.meta.dirname, "../../..");
// Under the project, so the child resolves better-sqlite3 from its node_modules.
const BUILD = join(ROOT, "node_modules", ".cache", `nianbao-sigkill-${process.pid}`);

/** The state module as plain JavaScript the child can import (Node 20 runs no TypeScript). */
function buildStateModule(): void {
  mkdirSync(BUILD, { recursive: true });
  const dir = join(ROOT, "src", "crawl", "state");
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".ts"))) {
    const out = ts.transpileModule(readFileSync(join(dir, name), "utf8"), {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    writeFileSync(join(BUILD, name.replace(/\.ts$/, ".js")), out.outputText);
  }
  writeFileSync(join(BUILD, "package.json"), '{"type":"module"}');
  writeFileSync(
    join(BUILD, "writer.js"),
    `import { openState } from "./state.js";
const st = openState(process.argv[2]);
const filler = "政府信息公开工作年度报告".repeat(2000);
for (let i = 0; ; i++) {
  const url = "http://trs-a.test/p/" + i + ".html";
  st.record({
    result: { request: { url, label: "article" }, finalUrl: url, redirects: [], status: 200, classification: "ok",
      text: "<p>" + i + "</p>" + filler, charset: "utf-8", contentType: "text/html", file: null,
      fetchedAt: new Date().toISOString(), error: null },
    etag: '"e' + i + '"',
    body: { sha256: i.toString(16).padStart(64, "0"), kind: "html", bytes: 100 + i },
    siteId: "site-" + (i % 7),
  });
  process.stdout.write(i + "\\n");
}
`,
  );
}

afterAll(() => rmSync(BUILD, { recursive: true, force: true }));

describe("crawl state under SIGKILL", () => {
  it("keeps every record committed before the kill, whole, and the database sound", async () => {
    buildStateModule();
    const db = join(tempDir("nianbao-sigkill-"), "state.sqlite");
    const child = spawn(process.execPath, [join(BUILD, "writer.js"), db], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    const exited = new Promise<NodeJS.Signals | null>((res) => child.on("exit", (_code, signal) => res(signal)));
    await new Promise<void>((res, rej) => {
      child.stdout.on("data", (c: Buffer) => {
        out += c.toString();
        // Kill after a few hundred commits, in the middle of whatever write is under way.
        if (out.split("\n").length > 300) {
          child.kill("SIGKILL");
          res();
        }
      });
      child.on("exit", () => rej(new Error(`writer exited early: ${err}`)));
    });
    expect(await exited).toBe("SIGKILL");

    const acknowledged = out.split("\n").filter((l) => /^\d+$/.test(l)).map(Number);
    expect(acknowledged.length).toBeGreaterThanOrEqual(300);

    const raw = new Database(db);
    expect(raw.pragma("integrity_check", { simple: true })).toBe("ok");
    const rows = (raw.prepare("SELECT count(*) AS n FROM urls").get() as { n: number }).n;
    raw.close();
    expect(rows).toBeGreaterThanOrEqual(acknowledged.length);

    const st = openState(db);
    for (const i of acknowledged) {
      const url = `http://trs-a.test/p/${i}.html`;
      const rec = st.get(url);
      expect(rec, url).toMatchObject({ classification: "ok", etag: `"e${i}"`, bytes: 100 + i, siteId: `site-${i % 7}` });
      expect(st.done(url)).toBe(true);
      expect(st.text(rec!.sha256!)!.startsWith(`<p>${i}</p>`)).toBe(true);
    }
    // Whatever got in after the last acknowledgement is whole too: a record and its body together.
    const extra = st.get(`http://trs-a.test/p/${acknowledged.length}.html`);
    if (extra) expect(st.text(extra.sha256!)).not.toBeNull();
    st.close();
  });
});
