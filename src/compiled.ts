/**
 * The compiled copy of a module that runs in a worker thread. Worker threads load JavaScript: from
 * the build (dist/) the module's sibling is itself compiled; under a TypeScript test runner the
 * build's copy of it is used, and its absence is an error that says what to run.
 */
import { existsSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), fileURLToPath(import.meta.url).endsWith(".js") ? "../.." : "..");

/** File URL of `file` (a .js name) beside the module at `moduleUrl`, compiled. */
export function compiledSibling(moduleUrl: string, file: string, what: string): string {
  const here = fileURLToPath(moduleUrl);
  if (here.endsWith(".js")) return pathToFileURL(join(dirname(here), file)).href;
  const built = join(root, "dist", relative(root, dirname(here)), file);
  if (!existsSync(built)) throw new Error(`${what} needs the compiled code: ${built} is missing (npm run build)`);
  return pathToFileURL(built).href;
}
