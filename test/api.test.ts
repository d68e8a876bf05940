import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

describe("the public API", () => {
  it("exports exactly these names (a change here is a change of contract)", () => {
    expect(Object.keys(api).sort()).toEqual([
      "FolderLockedError",
      "NianbaoError",
      "RULES",
      "RULES_VERSION",
      "SCHEMA_VERSION",
      "VERSION",
      "agencyKey",
      "bytesFile",
      "createPool",
      "crossCheck",
      "defaultRulesConfig",
      "diffReports",
      "emitAll",
      "extract",
      "formatDiff",
      "formatProblem",
      "parseBatch",
      "parseReport",
      "parseRulesConfig",
      "parseRunConfig",
      "parseSitesFile",
      "readDocument",
      "readReport",
      "rebuildAudit",
      "resolveRegion",
      "runConfig",
      "runCrawl",
      "runLoop",
      "sha256Hex",
      "summarise",
      "validate",
      "validateAcross",
      "validateFolder",
    ]);
  });

  it("parses bytes into a report and rejects junk with a coded error", async () => {
    await expect(api.parseReport(new Uint8Array(), { uri: "empty.txt" })).rejects.toBeInstanceOf(api.NianbaoError);
    await expect(api.parseReport(Buffer.from("你好，世界。这只是一句话。"), { uri: "hello.txt" })).rejects.toMatchObject({ code: "NOT_A_REPORT" });
  });
});
