/**
 * `npm run samples`: regenerate the HTML samples from samples/mengjin-czj-2022.txt.
 *
 * Run from the project root (npm does). The work is the pure makeSamples() of
 * scripts/samples/mengjin-page.ts; this file only reads and writes. Each file is written to a
 * temporary name and renamed, so a failed run never leaves half a sample.
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeSamples, SAMPLE_SOURCE } from "./samples/mengjin-page.js";

function main(): void {
  const dir = join(process.cwd(), "samples");
  const source = readFileSync(join(dir, SAMPLE_SOURCE), "utf8");
  for (const [name, bytes] of makeSamples(source)) {
    const path = join(dir, name);
    const tmp = `${path}.tmp-${process.pid}`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
    process.stdout.write(`wrote samples/${name} (${bytes.length} bytes)\n`);
  }
}

main();
