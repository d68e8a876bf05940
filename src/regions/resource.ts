/** The Data Package resource of tables/regions.csv (issue 12). */
import type { PackageResource } from "../emit/package-types.js";
import { REGION_COLUMNS } from "../emit/regions-csv.js";
import { divisionTable } from "./divisions.js";

export function regionsResource(): PackageResource {
  return {
    name: "regions",
    path: "tables/regions.csv",
    description: `行政区划：每份报告一行（GB/T 2260，区划数据 ${divisionTable().source}，国家统计局 2023 年统计用区划代码）。The administrative division of each report, one line per report (GB/T 2260; divisions from ${divisionTable().source}, the statistics bureau's 2023 codes); empty fields where it could not be decided.`,
    profile: "tabular-data-resource",
    format: "csv",
    encoding: "utf-8",
    schema: {
      // Titles and descriptions: the field dictionary (src/dataset/meanings.ts), via describePackage.
      fields: REGION_COLUMNS.map((name) => ({ name, type: "string" })),
      missingValues: [""],
      primaryKey: ["report_id"],
      foreignKeys: [{ fields: ["report_id"], reference: { resource: "reports", fields: ["id"] } }],
    },
  };
}
