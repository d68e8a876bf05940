import { describe, expect, it } from "vitest";
import { readText as readTextResult } from "../../parsers/text.js";

const readText = (input: Uint8Array) => readTextResult(input).value;
import { readFlattened } from "../../src/extract/flattened-adapter.js";
import { missingRows } from "../../src/extract/expected-rows.js";
import { extract } from "../../src/extract/index.js";
import { pathOf } from "../../src/extract/found.js";
import { rowsOf } from "../../src/extract/rows.js";
import { position } from "../../src/model/document.js";

describe("a cell is read once, where its text is met", () => {
  it("rows carry each printed cell's value next to its text", () => {
    const doc = readText(Buffer.from("规章\t+19\t／\t1 2\n"));
    const [row] = rowsOf(doc.blocks);
    expect(row!.label).toBe("规章");
    expect(row!.values.map((v) => v.value.kind)).toEqual(["number", "placeholder", "number"]);
    expect(row!.values[0]!.value).toMatchObject({ kind: "number", value: 19 });
  });

  it("keys a cell by table, row and column, and writes the contract's path from them", () => {
    expect(pathOf({ table: "applications", row: "denied.stateSecret", col: "total" })).toBe("applications.rows.denied.stateSecret.total");
    expect(pathOf({ table: "activeDisclosure", row: "fees", col: "amount" })).toBe("activeDisclosure.fees.amount");
    expect(pathOf({ table: "reviewLitigation", row: "review", col: "upheld" })).toBe("reviewLitigation.review.upheld");
  });
});

describe("the flattened path gives the values every other reader gives", () => {
  const para = (text: string) => ({ type: "paragraph" as const, text, pos: position({ line: 1 }) });

  it("reads a solved cell with readCell (decimals kept) and an unsolvable one as undetermined", () => {
    // 2021 table 二 flattened: 规范性文件 "693665" has four readings; the fee is one amount.
    const text =
      "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件693665" +
      "第二十条第（五）项信息内容本年处理决定数量行政许可2293第二十条第（六）项信息内容本年处理决定数量行政处罚0行政强制0" +
      "第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费24252.311082";
    const r = readFlattened.table2([para(text)], "2021")!;
    const byPath = new Map(r.cells.map((c) => [c.path, c]));
    expect(byPath.get("activeDisclosure.fees.amount")!.value).toEqual({ kind: "number", value: 24252.311082, decimals: 6, unit: null, annotation: null });
    expect(byPath.get("activeDisclosure.normativeDocuments.issued")!.value).toEqual({ kind: "undetermined", alternatives: [6, 69, 693, 6936] });
    expect(byPath.get("activeDisclosure.rules.issued")!.key).toEqual({ table: "activeDisclosure", row: "rules", col: "issued" });
  });
});

describe("rows left out: one rule for tables 二 and 三, whatever read them", () => {
  it("a 2019 table 三 that prints neither form of （六） misses the one row", () => {
    const printed = new Set(["newReceived", "carriedOver", "granted", "total", "carriedForward"]);
    expect(missingRows("applications", "2019", printed)).toContain("applications.rows.otherDisposal");
    expect(missingRows("applications", "2019", printed)).not.toContain("applications.rows.otherDisposal.other");
    expect(missingRows("applications", "2021", printed)).toContain("applications.rows.otherDisposal.other");
  });

  it("a table 二 without its 规章 row gets ROW_MISSING, in a grid as in flattened text", () => {
    const grid = extract(
      readText(
        Buffer.from(
          ["某局2023年政府信息公开工作年度报告", "二、主动公开政府信息情况", "信息内容\t本年制发件数\t本年废止件数\t现行有效件数", "行政规范性文件\t2\t1\t9", "行政许可\t3", "三、收到和处理政府信息公开申请情况"].join("\n"),
        ),
      ),
    );
    expect(grid.facts.activeDisclosure.missingRows).toEqual([
      "activeDisclosure.rules",
      "activeDisclosure.punishment",
      "activeDisclosure.coercion",
      "activeDisclosure.fees",
    ]);
    const flat = extract(
      readText(Buffer.from("某局2023年政府信息公开工作年度报告 二、主动公开政府信息情况 第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数行政规范性文件2 1 9 第二十条第（五）项行政许可3 三、收到和处理政府信息公开申请情况 四、政府信息公开行政复议、行政诉讼情况")),
    );
    expect(flat.facts.activeDisclosure.missingRows).toEqual(grid.facts.activeDisclosure.missingRows);
  });
});
