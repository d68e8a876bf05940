/**
 * tables/regions.csv (issue 12): one line per report, the division it belongs to (GB/T 2260
 * codes as six-digit text, so "010…"-style codes never lose a digit in a spreadsheet). A report
 * whose region could not be decided has a line with empty fields: the join keeps it.
 */
import type { AnnualReport } from "../model/report.js";
import { tableCsv, type CsvTable } from "./csv.js";

export const REGION_COLUMNS = ["report_id", "province_code", "province_name", "city_code", "city_name", "county_code", "county_name", "source"] as const;

export const REGIONS_TABLE: CsvTable = {
  header: REGION_COLUMNS,
  distinct: true, // the same bytes under two names: one report
  rows(r) {
    const g = r.region;
    return [[r.id, g?.provinceCode, g?.provinceName, g?.cityCode, g?.cityName, g?.countyCode, g?.countyName, g?.source]];
  },
};

export const regionsCsv = (reports: AnnualReport[]): string => tableCsv(REGIONS_TABLE, reports);
