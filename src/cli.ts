#!/usr/bin/env node
/** The `nianbao` command: a thin shell over the library (src/index.ts). */
import { Command, CommanderError } from "commander";
import { pino } from "pino";
import { parseBatch } from "./batch.js";
import { VERSION } from "./version.js";

export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  let status = 0;
  program
    .name("nianbao")
    .description(
      "Read China's government information-disclosure annual reports (政府信息公开工作年度报告)\n" +
        "into a typed JSON dataset, and flag where a report contradicts itself.",
    )
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command("parse")
    .description("parse local reports (html, htm, shtml, pdf, docx, doc, txt, md) into --out")
    .argument("<paths...>", "files or folders (folders are searched recursively)")
    .requiredOption("-o, --out <dir>", "output folder: reports.jsonl, reports/<id>.json, anomalies.jsonl, failures.jsonl, manifest.json")
    .option("--fee-precision <n>", "decimals to demand of the fee when its header states none (default: none)", (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 8) throw new CommanderError(2, "nianbao.option", `--fee-precision takes a whole number 0–8, not "${v}"`);
      return n;
    })
    .option("--soffice <path>", "LibreOffice executable for .doc files (default: soffice on PATH)")
    .option("--no-soffice", "read .doc files without LibreOffice (text only; tables marked PARSE_UNCERTAIN)")
    .option("--timeout <ms>", "give up on one PDF or DOC after this many milliseconds", (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1000) throw new CommanderError(2, "nianbao.option", `--timeout takes milliseconds (at least 1000), not "${v}"`);
      return n;
    })
    .option("-q, --quiet", "log only warnings and errors")
    .option("--log-level <level>", "pino log level (trace, debug, info, warn, error)", "info")
    .addHelpText(
      "after",
      "\nExit status: 0 every input became a report; 1 some input failed (see failures.jsonl; the others are still written);\n2 bad usage.\n\nExample:\n  nianbao parse samples/ --out output/",
    )
    .action(async (paths: string[], opts: { out: string; feePrecision?: number; quiet?: boolean; logLevel: string; soffice?: string | boolean; timeout?: number }) => {
      const logger = pino({ level: opts.quiet ? "warn" : opts.logLevel, base: undefined }, pino.destination(2));
      const run = await parseBatch(paths, {
        out: opts.out,
        logger,
        defaultFeePrecision: opts.feePrecision ?? null,
        // commander: --no-soffice gives false, --soffice <path> a string, neither true.
        ...(opts.soffice === false ? { soffice: null } : typeof opts.soffice === "string" ? { soffice: opts.soffice } : {}),
        ...(opts.timeout !== undefined ? { timeoutMs: opts.timeout } : {}),
      });
      logger.info(
        { reports: run.reports.length, failures: run.failures.length, anomalies: run.reports.reduce((n, r) => n + r.anomalies.length, 0), out: opts.out },
        `done: ${run.reports.length} report(s), ${run.failures.length} failure(s) → ${opts.out}`,
      );
      status = run.failures.length > 0 ? 1 : 0;
    });

  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return 0;
      return 2;
    }
    throw e;
  }
  return status;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`nianbao: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 2;
  },
);
