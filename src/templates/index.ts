/** Template knowledge lives here, as data; extraction, checks, schema and CSV all read it. */
export * from "./sections.js";
export * from "./table2.js";
export * from "./table3.js";
export * from "./table4.js";
export * from "./variants.js";
export * from "./report-name.js";
export * from "./metadata.js";
