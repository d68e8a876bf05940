/** The tool's version, stamped on every output (read once from package.json). */
import { readFileSync } from "node:fs";

function findVersion(): string {
  for (const rel of ["../package.json", "../../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "nianbao" && pkg.version) return pkg.version;
    } catch {
      /* try the next location: src/ under ts, dist/src/ when compiled */
    }
  }
  return "0.0.0";
}

export const VERSION = findVersion();
