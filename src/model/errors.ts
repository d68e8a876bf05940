/** Errors are the parsers' model (parsers/model/errors.ts); re-exported for src/. */
export * from "../../parsers/model/errors.js";
