import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
/** The real page samples (shared/reference/sites), outside the repository: tests skip when absent. */
export const REFERENCE = process.env.NIANBAO_REFERENCE_SITES ?? join(ROOT, "..", "shared", "reference", "sites");
export const FIXTURES = join(ROOT, "test", "fixtures", "crawl-sites");

export const hasReference = (name: string): boolean => existsSync(join(REFERENCE, name));
/** Read inside `it`: a skipped describe still runs its body. */
export const reference = (name: string): string => readFileSync(join(REFERENCE, name), "utf8");
export const fixture = (name: string): string => readFileSync(join(FIXTURES, name), "utf8");

export const html = (url: string, text: string): { url: string; text: string; contentType: string } => ({ url, text, contentType: "text/html" });
