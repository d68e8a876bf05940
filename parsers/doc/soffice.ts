/**
 * One document converted by LibreOffice in headless mode, in a folder of its own, with a deadline.
 *
 * Every run gets a fresh temporary folder holding the input, the output and LibreOffice's user
 * profile (-env:UserInstallation): two conversions never share a profile, so parallel runs do not
 * collide, and a headless soffice never forwards its job to another user's running instance. The
 * import filter is named (--infilter): without it LibreOffice opens bytes it does not recognise
 * as plain text and "converts" them, successfully, into a document of garbage.
 *
 * LibreOffice exits 0 when it cannot load the source ("Error: source file could not be loaded"),
 * so success is judged by the output file. On timeout the whole process group is killed
 * (soffice is a shell script that starts oosplash, which starts soffice.bin). The folder is
 * removed in every case.
 */
import { spawn } from "node:child_process";
import { constants, accessSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";

export interface ConvertOptions {
  soffice: string;
  /** LibreOffice import filter name, e.g. "MS Word 97" or "Rich Text Format". */
  inFilter: string;
  /** Extension of the input file written for LibreOffice (it also looks at the name). */
  inExtension: string;
  /** The target, as --convert-to takes it, e.g. "docx:MS Word 2007 XML". */
  convertTo: string;
  outExtension: string;
  timeoutMs: number;
  tmpDir?: string;
}

export class ConvertError extends Error {
  constructor(
    message: string,
    readonly reason: "timeout" | "no-output" | "exit-status" | "spawn",
    readonly detail: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ConvertError";
  }
}

/** Most output kept from LibreOffice's stdout/stderr, for error messages. */
const MAX_LOG = 4096;

/** The soffice on PATH (or libreoffice), or null when none is installed. */
export function findSoffice(path = process.env["PATH"] ?? ""): string | null {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    for (const name of ["soffice", "libreoffice"]) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return null;
}

export async function convertWithSoffice(input: Uint8Array, o: ConvertOptions): Promise<Uint8Array> {
  const dir = await mkdtemp(join(o.tmpDir ?? tmpdir(), "nianbao-soffice-"));
  try {
    const inPath = join(dir, `input.${o.inExtension}`);
    const outDir = join(dir, "out");
    await writeFile(inPath, input);
    const args = [
      `-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`,
      "--headless",
      "--norestore",
      "--nologo",
      "--nodefault",
      "--nolockcheck",
      `--infilter=${o.inFilter}`,
      "--convert-to",
      o.convertTo,
      "--outdir",
      outDir,
      inPath,
    ];
    const log = await run(o.soffice, args, o.timeoutMs);
    try {
      return await readFile(join(outDir, `input.${o.outExtension}`));
    } catch {
      throw new ConvertError("LibreOffice could not open the document (it wrote no output)", "no-output", { log });
    }
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
  }
}

/** After a kill, how long to wait for the process to report its exit before giving up on it. */
const KILL_GRACE_MS = 2_000;

/** Run to completion or deadline; resolves with the process's (capped) output. */
function run(cmd: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let log = "";
    let settled = false;
    const settle = (f: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      clearTimeout(grace);
      f();
    };
    // detached: the child leads a new process group, which a timeout kills as a whole.
    const child = spawn(cmd, args, { detached: true, stdio: ["ignore", "pipe", "pipe"] });
    const collect = (b: Buffer): void => {
      if (log.length < MAX_LOG) log += b.toString("utf8").slice(0, MAX_LOG - log.length);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    const timeout = (): ConvertError => new ConvertError(`LibreOffice did not finish within ${timeoutMs} ms`, "timeout", { log: log.trim() });
    let grace: NodeJS.Timeout | undefined;
    const deadline = setTimeout(() => {
      killGroup(child.pid);
      // A helper that left the group could hold the pipes open: do not wait on it for ever.
      grace = setTimeout(() => settle(() => reject(timeout())), KILL_GRACE_MS);
    }, timeoutMs);
    child.on("error", (e) => settle(() => reject(new ConvertError(`LibreOffice could not be started: ${e.message}`, "spawn"))));
    child.on("close", (code, signal) => {
      // Helpers soffice.bin left behind share the group: take them down too.
      killGroup(child.pid);
      if (grace !== undefined) return settle(() => reject(timeout()));
      if (code !== 0) return settle(() => reject(new ConvertError(`LibreOffice exited with ${code ?? signal}`, "exit-status", { code, signal, log: log.trim() })));
      settle(() => resolve(log.trim()));
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // the group is gone already
  }
}
