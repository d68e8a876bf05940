/** The JSON Schema of AnnualReport.region (issue 12), for emit/schema.ts; its words come from the field dictionary. */
const code = { type: ["string", "null"], pattern: "^[0-9]{6}$" } as const;
const name = { type: ["string", "null"], minLength: 1 } as const;

export function regionSchema(): object {
  return {
    oneOf: [
      { type: "null" },
      {
        type: "object",
        additionalProperties: false,
        required: ["provinceCode", "provinceName", "cityCode", "cityName", "countyCode", "countyName", "source"],
        properties: {
          provinceCode: code,
          provinceName: name,
          cityCode: code,
          cityName: name,
          countyCode: code,
          countyName: name,
          source: { enum: ["agency", "title", "site"] },
        },
      },
    ],
  };
}
