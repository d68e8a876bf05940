import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

describe("the public API", () => {
  it("exports exactly these names (a change here is a change of contract)", () => {
    expect(Object.keys(api).sort()).toEqual([
      "NianbaoError",
      "RULES",
      "RULES_VERSION",
      "SCHEMA_VERSION",
      "VERSION",
      "emitAll",
      "extract",
      "parseBatch",
      "parseReport",
      "readDocument",
      "sha256Hex",
      "validate",
    ]);
  });

  it("parses bytes into a report and throws a coded error on junk", () => {
    expect(() => api.parseReport(new Uint8Array(), { uri: "empty.txt" })).toThrowError(api.NianbaoError);
    try {
      api.parseReport(Buffer.from("你好，世界。这只是一句话。"), { uri: "hello.txt" });
      expect.unreachable();
    } catch (e) {
      expect((e as api.NianbaoError).code).toBe("NOT_A_REPORT");
    }
  });
});
