/**
 * Inputs named on the command line → the files to read, sorted so every run visits them alike.
 *
 * Nothing is passed over in silence (issue 13): a path that is not a regular file — a FIFO, a
 * socket, a device — is refused without being opened (opening a FIFO blocks until a writer comes);
 * a symlink is followed (to a file or a folder; a folder reached twice, e.g. by a link loop, is
 * walked once); a link that leads nowhere, and a folder that cannot be listed, are failure lines
 * and the walk goes on. Only what is not a report by its name is skipped: other extensions, hidden
 * entries, a folder's README/LICENSE.
 */
import { readdir, realpath, stat } from "node:fs/promises";
import type { Stats } from "node:fs";
import { join } from "node:path";

export const INPUT_EXTENSIONS = /\.(html?|shtml|pdf|docx?|txt|md)$/i;

/** Files a folder walk passes over: a folder's own documentation is not a report. */
const NOT_INPUTS = /^(readme|license|licence|changelog|notice)(\.[a-z]+)?$/i;

export interface InputEntry {
  /** The path as the user would recognise it (joined onto what was given). */
  uri: string;
  /** Set when the path itself could not be listed or read, or is not a file: it becomes a failure line. */
  problem?: string;
}

/** The file-system calls the walk makes (a test gives its own to stand for a folder it cannot make). */
export interface WalkFs {
  stat(path: string): Promise<Stats>;
  readdir(path: string): Promise<string[]>;
  realpath(path: string): Promise<string>;
}

const nodeFs: WalkFs = { stat: (p) => stat(p), readdir: (p) => readdir(p), realpath: (p) => realpath(p) };

/** What a path is, in words, when it is neither a file nor a folder. */
function notAFile(s: Stats): string | null {
  if (s.isFile() || s.isDirectory()) return null;
  if (s.isFIFO()) return "a FIFO (named pipe), not a regular file: refused without opening it";
  if (s.isSocket()) return "a socket, not a regular file: refused without opening it";
  if (s.isCharacterDevice() || s.isBlockDevice()) return "a device, not a regular file: refused without opening it";
  return "not a regular file: refused without opening it";
}

function problemOf(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case "ENOENT":
      return "no such file or directory (or a symlink to nothing)";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ELOOP":
      return "a symlink loop";
    case "ENOTDIR":
      return "a path through something that is not a folder";
    default:
      return err.message;
  }
}

async function walk(dir: string, out: InputEntry[], fs: WalkFs, seen: Set<string>): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (e) {
    out.push({ uri: dir, problem: `the folder cannot be listed: ${problemOf(e)}` });
    return;
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    if (name.startsWith(".")) continue;
    const p = join(dir, name);
    let s: Stats;
    try {
      s = await fs.stat(p); // follows symlinks
    } catch (e) {
      if (INPUT_EXTENSIONS.test(name)) out.push({ uri: p, problem: problemOf(e) });
      else out.push({ uri: p, problem: `cannot be read (${problemOf(e)}): neither walked nor read` });
      continue;
    }
    if (s.isDirectory()) {
      await walkOnce(p, out, fs, seen);
      continue;
    }
    if (!INPUT_EXTENSIONS.test(name) || NOT_INPUTS.test(name)) continue;
    const bad = notAFile(s);
    out.push(bad ? { uri: p, problem: bad } : { uri: p });
  }
}

async function walkOnce(dir: string, out: InputEntry[], fs: WalkFs, seen: Set<string>): Promise<void> {
  let real: string;
  try {
    real = await fs.realpath(dir);
  } catch (e) {
    out.push({ uri: dir, problem: `the folder cannot be listed: ${problemOf(e)}` });
    return;
  }
  if (seen.has(real)) return; // reached again through a link: walked once
  seen.add(real);
  await walk(dir, out, fs, seen);
}

export async function collectInputs(paths: string[], fs: WalkFs = nodeFs): Promise<InputEntry[]> {
  const out: InputEntry[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    try {
      const s = await fs.stat(p);
      if (s.isDirectory()) await walkOnce(p, out, fs, seen);
      else {
        const bad = notAFile(s);
        out.push(bad ? { uri: p, problem: bad } : { uri: p });
      }
    } catch (e) {
      out.push({ uri: p, problem: problemOf(e) });
    }
  }
  const unique = new Set<string>();
  return out.filter((x) => (unique.has(x.uri) ? false : (unique.add(x.uri), true)));
}
