/** The JSON Schema of AnnualReport.region (issue 12), for emit/schema.ts. */
const code = { type: ["string", "null"], pattern: "^[0-9]{6}$" } as const;
const name = { type: ["string", "null"], minLength: 1 } as const;

export function regionSchema(): object {
  return {
    description: "the administrative division of the agency (GB/T 2260); null when no division is named; a level that cannot be decided is null",
    oneOf: [
      { type: "null" },
      {
        type: "object",
        additionalProperties: false,
        required: ["provinceCode", "provinceName", "cityCode", "cityName", "countyCode", "countyName", "source"],
        properties: {
          provinceCode: { ...code, description: "province-level code, e.g. \"410000\"" },
          provinceName: { ...name, description: "e.g. 河南省" },
          cityCode: { ...code, description: "prefecture-level code, e.g. \"410300\"; a municipality's is x10100" },
          cityName: { ...name, description: "e.g. 洛阳市; a municipality's city level bears its name" },
          countyCode: { ...code, description: "county-level code, e.g. \"410308\"" },
          countyName: { ...name, description: "e.g. 孟津区" },
          source: { enum: ["agency", "title", "site"], description: "the text that fixed the deepest level: the agency name, the title, or the crawled site's agency" },
        },
      },
    ],
  };
}
