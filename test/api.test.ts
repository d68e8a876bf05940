import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

describe("the public API", () => {
  it("exports exactly these names (a change here is a change of contract)", () => {
    expect(Object.keys(api).sort()).toEqual([
      "DEFAULT_LIMITS",
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

  it("passes the readers' limits through parseReport (any subset; the rest keep their defaults)", async () => {
    const page = Buffer.from("<html><body><p>某局2023年政府信息公开工作年度报告</p></body></html>");
    await expect(api.parseReport(page, { uri: "a.html" }, { limits: { maxInputBytes: { html: 10 } } })).rejects.toMatchObject({ code: "PARSE_FAILED", context: { reason: "too-large" } });
    expect(api.DEFAULT_LIMITS.maxTableCells).toBe(200_000);
  });

  it("parses bytes into a report and rejects junk with a coded error", async () => {
    await expect(api.parseReport(new Uint8Array(), { uri: "empty.txt" })).rejects.toBeInstanceOf(api.NianbaoError);
    await expect(api.parseReport(Buffer.from("你好，世界。这只是一句话。"), { uri: "hello.txt" })).rejects.toMatchObject({ code: "NOT_A_REPORT" });
  });
});
