/** Output folders compared file by file: what a queue run writes against what a local run writes. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** Every file under `dir`, relative to it, sorted. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** manifest.json without its timings: the only bytes two runs of the same inputs may differ in. */
export function manifestWithoutTimings(dir: string): unknown {
  const m = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as { timings?: unknown };
  delete m.timings;
  return m;
}
