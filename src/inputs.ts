/** Inputs named on the command line → the files to read, sorted so every run visits them alike. */
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";

export const INPUT_EXTENSIONS = /\.(html?|shtml|pdf|docx?|txt|md)$/i;

/** Files a folder walk passes over: a folder's own documentation is not a report. */
const NOT_INPUTS = /^(readme|license|licence|changelog|notice)(\.[a-z]+)?$/i;

export interface InputEntry {
  /** The path as the user would recognise it (joined onto what was given). */
  uri: string;
  /** Set when the path itself could not be listed or read: it becomes a failure line. */
  problem?: string;
}

async function walk(dir: string, out: InputEntry[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith(".")) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (e.isFile() && INPUT_EXTENSIONS.test(e.name) && !NOT_INPUTS.test(e.name)) out.push({ uri: p });
  }
}

export async function collectInputs(paths: string[]): Promise<InputEntry[]> {
  const out: InputEntry[] = [];
  for (const p of paths) {
    try {
      const s = await stat(p);
      if (s.isDirectory()) await walk(p, out);
      else out.push({ uri: p });
    } catch (e) {
      out.push({ uri: p, problem: (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file or directory" : (e as Error).message });
    }
  }
  const seen = new Set<string>();
  return out.filter((x) => (seen.has(x.uri) ? false : (seen.add(x.uri), true)));
}
