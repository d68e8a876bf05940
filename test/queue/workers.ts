/**
 * `nianbao worker` processes for the queue tests: the compiled CLI (dist/), spawned with a name,
 * their pino lines on stderr kept and parsed, so a test can wait for "job started" and kill the
 * very worker that holds the job. Every worker started is stopped by `stopAll` (SIGTERM, then
 * SIGKILL), whatever the test's outcome.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

export const root = new URL("../..", import.meta.url).pathname;
export const cli = join(root, "dist/src/cli.js");
export const BUILT = existsSync(cli);

export interface LogLine {
  msg: string;
  queue?: string;
  job?: string;
  url?: string;
  uri?: string;
  worker?: string;
  [k: string]: unknown;
}

export interface WorkerProcess {
  name: string;
  child: ChildProcess;
  lines: LogLine[];
  /** Resolves with the first line (already seen or to come) that matches. */
  waitFor(match: (l: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<WorkerProcess>();

export async function spawnWorker(url: string, name: string, args: string[] = []): Promise<WorkerProcess> {
  // With the heap flag of the CLI's shebang, as the installed `nianbao` command runs.
  const child = spawn(process.execPath, ["--max-old-space-size=1536", cli, "worker", "--queue", url, "--name", name, ...args], { stdio: ["ignore", "ignore", "pipe"] });
  const lines: LogLine[] = [];
  const waiters: { match: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];
  let buf = "";
  child.stderr!.on("data", (b: Buffer) => {
    buf += b.toString();
    let i: number;
    while ((i = buf.indexOf("\n")) >= 0) {
      const text = buf.slice(0, i);
      buf = buf.slice(i + 1);
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        line = { msg: text };
      }
      lines.push(line);
      for (const w of [...waiters]) {
        if (w.match(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const proc: WorkerProcess = {
    name,
    child,
    lines,
    exited,
    waitFor(match, timeoutMs = 60_000) {
      const seen = lines.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`worker ${name}: no matching log line in ${timeoutMs} ms; last lines:\n${lines.slice(-5).map((l) => JSON.stringify(l)).join("\n")}`)), timeoutMs);
        waiters.push({
          match,
          resolve: (l) => {
            clearTimeout(timer);
            resolve(l);
          },
        });
        void exited.then(() => {
          clearTimeout(timer);
          reject(new Error(`worker ${name} exited; last lines:\n${lines.slice(-5).map((l) => JSON.stringify(l)).join("\n")}`));
        });
      });
    },
  };
  running.add(proc);
  void exited.then(() => running.delete(proc));
  await proc.waitFor((l) => /^worker .* ready$/.test(l.msg), 30_000);
  return proc;
}

/** Stop every worker still running: SIGTERM (finish the jobs in hand), SIGKILL after `graceMs`. */
export async function stopAll(graceMs = 10_000): Promise<void> {
  await Promise.all(
    [...running].map(async (w) => {
      w.child.kill("SIGTERM");
      const timer = setTimeout(() => w.child.kill("SIGKILL"), graceMs);
      await w.exited;
      clearTimeout(timer);
    }),
  );
}
