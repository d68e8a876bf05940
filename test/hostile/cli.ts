/**
 * What the hostile batteries share: the compiled CLI run as a child process with a preloaded hook
 * that writes its peak RSS (process.resourceUsage().maxRSS, in KB) to NIANBAO_RSS_FILE at exit, so
 * no system program is needed; its pino JSON log lines; the JSON Lines files it writes; and the
 * markdown closing table each battery prints.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const root = new URL("../..", import.meta.url).pathname;
export const cli = join(root, "dist/src/cli.js");
/** 1 GB, in the KB that maxRSS counts. */
export const RSS_LIMIT_KB = 1024 * 1024;

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
  maxRssKb: number | null;
  /** Its JSON log lines (stdout and stderr), in order. */
  log: Record<string, unknown>[];
  startedAt: number;
}

/** Writes the RSS hook into `dir`; its path, for `nianbao`. */
export function rssHook(dir: string): string {
  const hook = join(dir, "rss-hook.cjs");
  writeFileSync(hook, `process.on("exit", () => require("fs").writeFileSync(process.env.NIANBAO_RSS_FILE, String(process.resourceUsage().maxRSS)));\n`);
  return hook;
}

/** `node --require <hook> dist/src/cli.js …args`, its peak RSS written to `rssFile`. */
export function nianbao(args: string[], rssFile: string, hook: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const startedAt = Date.now();
    const child = spawn(process.execPath, ["--require", hook, cli, ...args], { cwd: root, env: { ...process.env, NIANBAO_RSS_FILE: rssFile }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      const log = out
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const rss = existsSync(rssFile) ? Number(readFileSync(rssFile, "utf8")) : null;
      resolve({ code, signal, ms: Date.now() - startedAt, maxRssKb: rss, log, startedAt });
    });
  });
}

/** The records of a JSON Lines file; none when it is missing. */
export const lines = (path: string): Record<string, unknown>[] =>
  existsSync(path)
    ? readFileSync(path, "utf8")
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => JSON.parse(l) as Record<string, unknown>)
    : [];

/** The closing table: a row per input, then a row per run (its exit status, time and peak RSS). */
export function closingTable(rows: { input: string; outcome: string; ms: number }[], runs: { label: string; run: Run }[]): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return [
    "| input | outcome | time |",
    "|---|---|---|",
    ...rows.map((r) => `| ${r.input} | ${r.outcome} | ${seconds(r.ms)} |`),
    ...runs.map(({ label, run }) => `| ${label} | exit ${run.code}, peak RSS ${run.maxRssKb === null ? "?" : Math.round(run.maxRssKb / 1024)} MB | ${seconds(run.ms)} |`),
  ].join("\n");
}
