/** The Data Package resource of tables/regions.csv (issue 12). */
import type { PackageResource } from "../emit/package-types.js";
import { divisionTable } from "./divisions.js";

const f = (name: string, type: string, description: string) => ({ name, type, description });

export function regionsResource(): PackageResource {
  return {
    name: "regions",
    path: "tables/regions.csv",
    description: `行政区划：每份报告一行（GB/T 2260，区划数据 ${divisionTable().source}，国家统计局 2023 年统计用区划代码）。The administrative division of each report, one line per report (GB/T 2260; divisions from ${divisionTable().source}, the statistics bureau's 2023 codes); empty fields where it could not be decided.`,
    profile: "tabular-data-resource",
    format: "csv",
    encoding: "utf-8",
    schema: {
      fields: [
        f("report_id", "string", "报告 id。the report's id"),
        f("province_code", "string", "省级区划代码，如 410000。province-level code, six digits"),
        f("province_name", "string", "省级名称，如 河南省。province-level name"),
        f("city_code", "string", "地级区划代码，如 410300；直辖市为 x10100；省直辖县为空。prefecture-level code; a municipality's is x10100; empty for a county directly under its province"),
        f("city_name", "string", "地级名称，如 洛阳市。prefecture-level name"),
        f("county_code", "string", "县级区划代码，如 410308。county-level code"),
        f("county_name", "string", "县级名称，如 孟津区。county-level name"),
        f("source", "string", "判定依据：agency（机关名称）、title（标题）或 site（采集站点）。the text that fixed the deepest level: agency, title or site"),
      ],
      missingValues: [""],
      primaryKey: ["report_id"],
      foreignKeys: [{ fields: ["report_id"], reference: { resource: "reports", fields: ["id"] } }],
    },
  };
}
