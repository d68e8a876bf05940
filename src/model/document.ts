/** The format-neutral document is the parsers' model (parsers/model/document.ts); re-exported for src/. */
export * from "../../parsers/model/document.js";
