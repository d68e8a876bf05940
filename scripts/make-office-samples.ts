/**
 * `npm run samples:office`: write the Word and PDF samples.
 *
 *   samples/mengjin-czj-2022.docx, .doc, .pdf      the seed (from samples/mengjin-czj-2022.txt)
 *   samples/mengjin-czj-2022-pagebreaks.pdf        the seed in large type, tables across pages
 *   samples/sample-county-2023.txt, .docx, .doc, .pdf   a fictional second report
 *
 * The .txt and .docx files are pure functions of the sources (scripts/samples/office-samples.ts):
 * same bytes every run. The .doc and .pdf files are made from the .docx by LibreOffice
 * (`soffice --headless --convert-to`), which stamps dates and ids: they differ from run to run and
 * are committed as generated. LibreOffice runs in a temporary folder with its own profile (so it
 * never meets another soffice the user has open) and under a time limit.
 *
 * Before anything is written, the renditions are checked: the .doc is an OLE file, each .pdf a PDF,
 * and (when pdftotext is installed) the pagebreaks PDF breaks tables 二 and 三 across pages,
 * repeats table 三's header and prints "- n -" on every page. Each file is written to a temporary
 * name and renamed, so a failed run never leaves half a sample.
 *
 * Run from the project root (npm does). SOFFICE=/path/to/soffice overrides the binary.
 */
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { officeSamples, SEED_SOURCE } from "./samples/office-samples.js";
import { hasPdftotext, pagebreakFacts, pagebreakProblems, pdfPages, pagesWith } from "./samples/pdf-text.js";

const SOFFICE = process.env.SOFFICE ?? "soffice";
const TIMEOUT_MS = 180_000;
const FILTERS = { doc: "doc:MS Word 97", pdf: "pdf:writer_pdf_Export" } as const;
const OLE_SIGNATURE = Buffer.from("d0cf11e0a1b11ae1", "hex");

class GeneratorError extends Error {}

/** Run a command in its own process group; kill the whole group when the time runs out. */
function run(cmd: string, args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
      reject(new GeneratorError(`${cmd} did not finish within ${timeoutMs / 1000} s and was killed`));
    }, timeoutMs);
    child.on("error", (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        err.code === "ENOENT"
          ? new GeneratorError(
              `LibreOffice is not installed (no "${cmd}" on PATH). Install it (Debian: apt-get install libreoffice-writer-nogui) ` +
                `or set SOFFICE=/path/to/soffice; the committed .doc and .pdf samples are left as they are.`,
            )
          : err,
      );
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

async function convert(inputs: string[], to: keyof typeof FILTERS, outDir: string, profile: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const args = [`-env:UserInstallation=${pathToFileURL(profile).href}`, "--headless", "--norestore", "--nologo", "--convert-to", FILTERS[to], "--outdir", outDir, ...inputs];
  const { code, output } = await run(SOFFICE, args, TIMEOUT_MS);
  if (code !== 0) throw new GeneratorError(`soffice --convert-to ${FILTERS[to]} exited with ${code}:\n${output}`);
}

function writeAtomic(path: string, bytes: Uint8Array | string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}

async function main(): Promise<void> {
  const samples = join(process.cwd(), "samples");
  const seed = readFileSync(join(samples, SEED_SOURCE), "utf8");
  const { texts, jobs } = officeSamples(seed);

  const work = mkdtempSync(join(tmpdir(), "nianbao-office-"));
  try {
    const inputs = join(work, "in");
    mkdirSync(inputs);
    for (const j of jobs) writeFileSync(join(inputs, `${j.base}.docx`), j.docx);
    const profile = join(work, "profile");
    for (const to of ["doc", "pdf"] as const) {
      const files = jobs.filter((j) => j.convert.includes(to)).map((j) => join(inputs, `${j.base}.docx`));
      process.stdout.write(`soffice → ${to}: ${files.length} file(s)\n`);
      await convert(files, to, join(work, to), profile);
    }

    // Check every rendition before writing anything.
    const outputs: { name: string; from: string }[] = [];
    const pdftotext = hasPdftotext();
    for (const j of jobs) {
      for (const to of j.convert) {
        const from = join(work, to, `${j.base}.${to}`);
        if (!existsSync(from) || statSync(from).size === 0) throw new GeneratorError(`LibreOffice made no ${to} from ${j.base}.docx`);
        const head = readFileSync(from).subarray(0, 8);
        if (to === "doc" && !head.equals(OLE_SIGNATURE)) throw new GeneratorError(`${j.base}.doc is not an OLE compound file`);
        if (to === "pdf" && !head.subarray(0, 5).equals(Buffer.from("%PDF-"))) throw new GeneratorError(`${j.base}.pdf is not a PDF`);
        if (to === "pdf" && pdftotext) {
          const pages = pdfPages(from);
          const title = j.document.title ?? "";
          if (pagesWith(pages, title)[0] !== 1) throw new GeneratorError(`${j.base}.pdf does not print its title on page 1`);
          const facts = pagebreakFacts(pages);
          if (j.base.endsWith("-pagebreaks")) {
            const problems = pagebreakProblems(facts);
            if (problems.length > 0) throw new GeneratorError(`${j.base}.pdf: ${problems.join("; ")} — adjust LARGE_TYPE_LAYOUT in scripts/samples/report-docx.ts`);
          }
          process.stdout.write(`  ${j.base}.pdf: ${facts.pages} page(s); table 二 pages ${facts.table2.join("–")}, table 三 pages ${facts.table3.join("–")}, header on ${facts.table3HeaderPages.join(",")}\n`);
        }
        outputs.push({ name: `${j.base}.${to}`, from });
      }
    }
    if (!pdftotext) process.stdout.write("  (pdftotext not found: the PDFs' page breaks were not checked)\n");

    for (const [name, text] of texts) {
      writeAtomic(join(samples, name), text);
      process.stdout.write(`wrote samples/${name} (${Buffer.byteLength(text)} bytes)\n`);
    }
    for (const j of jobs.filter((x) => x.writeDocx)) {
      writeAtomic(join(samples, `${j.base}.docx`), j.docx);
      process.stdout.write(`wrote samples/${j.base}.docx (${j.docx.length} bytes)\n`);
    }
    for (const o of outputs) {
      const dest = join(samples, o.name);
      const tmp = `${dest}.tmp-${process.pid}`;
      copyFileSync(o.from, tmp);
      renameSync(tmp, dest);
      process.stdout.write(`wrote samples/${o.name} (${statSync(dest).size} bytes, LibreOffice)\n`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`make-office-samples: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
