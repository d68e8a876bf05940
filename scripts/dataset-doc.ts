/** `npm run docs:dataset`: rewrite the field dictionary of docs/dataset.md from its one source. */
import { readFileSync, writeFileSync } from "node:fs";
import { withDictionary } from "../src/dataset/dictionary-md.js";
import { dataPackage } from "../src/emit/datapackage.js";

const file = new URL("../../docs/dataset.md", import.meta.url);
writeFileSync(file, withDictionary(readFileSync(file, "utf8"), dataPackage()));
process.stdout.write("docs/dataset.md: field dictionary rewritten\n");
