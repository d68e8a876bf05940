import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  readFlattenedTable2,
  readFlattenedTable3,
  readFlattenedTable4,
  type FlatCell,
  type FlatResult,
} from "../../src/extract/flattened.js";
import { enumerateSplits } from "../../src/extract/flattened/splits.js";
import { APPLICATION_COLUMN_KEYS, APPLICATION_ROWS } from "../../src/templates/index.js";

const corpusDir = process.env.NIANBAO_CORPUS ?? fileURLToPath(new URL("../../../shared/corpus", import.meta.url));

const byPath = (r: FlatResult | null) => new Map((r?.cells ?? []).map((c) => [c.path, c]));

// ------------------------------------------------------------------ synthetic

/** A flattened table 三 in the 2021 layout, with the given runs (default "0000000") per row. */
function table3Text(runs: Partial<Record<string, string>>, oneRowOther = false): string {
  const head =
    "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他";
  const rows = APPLICATION_ROWS.filter((d) =>
    oneRowOther ? d.alternativeOf === undefined : d.key !== "otherDisposal",
  );
  let s = head;
  for (const d of rows) {
    if (d.key === "granted") s += "三、本年度办理结果";
    if (d.key === "denied.stateSecret") s += "（三）不予公开";
    if (d.key === "unavailable.notHeld") s += "（四）无法提供";
    if (d.key === "notProcessed.complaint") s += "（五）不予处理";
    if (d.key === "otherDisposal.overdueCorrection") s += "（六）其他处理";
    s += d.label + (runs[d.key] ?? "0000000");
  }
  return s;
}

describe("enumerateSplits", () => {
  it("treats spaces as boundaries and refuses leading zeros", () => {
    const r = enumerateSplits("230 000023", Array(7).fill("count"), {
      accept: (c) => c.slice(0, 6).reduce((s, x) => s + Number(x), 0) === Number(c[6]),
    });
    expect(r.readings).toEqual([["23", "0", "0", "0", "0", "0", "23"]]);
  });
  it("lets a sign open only a signed cell", () => {
    const r = enumerateSplits("2648-18538", ["count", "signed", "count"]);
    expect(r.readings.map((x) => x[0])).toEqual(["2648", "2648", "2648", "2648"]);
    expect(r.readings).toHaveLength(4);
  });
});

describe("readFlattenedTable3 (synthetic)", () => {
  it("decides a row with two row-sum readings by the column checks", () => {
    // 予以公开 "330000033" reads 33/0/0/0/0/0/33 or 3/30/0/0/0/0/33; only the first fits the columns.
    const text = table3Text({
      newReceived: "340000034",
      granted: "330000033",
      "otherDisposal.other": "1000001",
      total: "340000034",
    });
    const r = readFlattenedTable3(text);
    expect(r).not.toBeNull();
    const cells = byPath(r);
    expect(r?.rows.find((x) => x.key === "granted")?.readings).toBe(2);
    expect(cells.get("applications.rows.granted.naturalPerson")).toMatchObject({ value: 33, uncertain: false });
    expect(cells.get("applications.rows.granted.commercialEnterprise")).toMatchObject({ value: 0, uncertain: false });
    expect(cells.get("applications.rows.otherDisposal.other.naturalPerson")?.value).toBe(1);
    expect(r?.notes.join(" ")).toContain("exactly one assignment");
    expect(r?.cells).toHaveLength(25 * 7);
    expect(r?.cells.every((c) => c.value !== null)).toBe(true);
  });

  it("keeps only the agreed cells when several assignments pass every check", () => {
    // 新收, 予以公开, 部分公开 and 总计 are all symmetric: (33,33 → 66) or (3,3 → 6 with 30,30 → 60).
    const text = table3Text({
      newReceived: "660000066",
      granted: "330000033",
      partiallyGranted: "330000033",
      total: "660000066",
    });
    const cells = byPath(readFlattenedTable3(text));
    const np = cells.get("applications.rows.granted.naturalPerson");
    expect(np).toMatchObject({ value: null, uncertain: true, alternatives: [3, 33] });
    expect(cells.get("applications.rows.total.naturalPerson")).toMatchObject({ value: null, uncertain: true });
    // Every reading agrees on the 总计 column and the columns after the first two.
    expect(cells.get("applications.rows.granted.total")).toMatchObject({ value: 33, uncertain: false });
    expect(cells.get("applications.rows.total.socialOrganization")).toMatchObject({ value: 0, uncertain: false });
  });

  it("cuts the next label's ordinal off a run, and reads the one-row （六）", () => {
    const text = table3Text({ "denied.stateSecret": "1000001", newReceived: "1000001", total: "1000001" }, true);
    expect(text).toContain("10000012.其他法律");
    const r = readFlattenedTable3(text);
    expect(r?.rows.find((x) => x.key === "denied.stateSecret")?.raw).toBe("1000001");
    expect(r?.rows.some((x) => x.key === "otherDisposal")).toBe(true);
    expect(r?.rows.some((x) => x.key === "otherDisposal.other")).toBe(false);
    expect(byPath(r).get("applications.rows.denied.stateSecret.total")?.value).toBe(1);
    expect(r?.notes.join(" ")).toContain("one row");
  });

  it("leaves a run that cannot be cut into seven cells undetermined", () => {
    const text = table3Text({ "denied.thirdPartyRights": "000" });
    const cells = byPath(readFlattenedTable3(text));
    const c = cells.get("applications.rows.denied.thirdPartyRights.total");
    expect(c).toMatchObject({ value: null, uncertain: true, raw: "000" });
    // The other rows are still read.
    expect(cells.get("applications.rows.granted.total")).toMatchObject({ value: 0, uncertain: false });
  });

  it("returns null when no label is there", () => {
    expect(readFlattenedTable3("三、收到和处理政府信息公开申请情况 本年度无申请。")).toBeNull();
  });
});

describe("readFlattenedTable4 (synthetic)", () => {
  const head = "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉" + "结果维持结果纠正其他结果尚未审结总计".repeat(2);
  it("reads a run with exactly one reading", () => {
    const r = readFlattenedTable4(head + "10203120001200000");
    expect(r?.rows[0]?.readings).toBe(1);
    const v = r?.cells.map((c) => c.value);
    expect(v).toEqual([1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0]);
    expect(r?.cells.every((c) => !c.uncertain)).toBe(true);
  });
  it("keeps agreed cells and nulls the rest when several readings fit", () => {
    // "10010110000000000": 1/0/0/10/11 or 10/0/1/0/11 in 行政复议, zeros after.
    const r = readFlattenedTable4(head + "10010110000000000");
    expect(r?.rows[0]?.readings).toBe(2);
    const cells = byPath(r);
    expect(cells.get("reviewLitigation.review.upheld")).toMatchObject({ value: null, uncertain: true, alternatives: [1, 10] });
    expect(cells.get("reviewLitigation.review.pending")).toMatchObject({ value: null, uncertain: true, alternatives: [0, 10] });
    expect(cells.get("reviewLitigation.review.corrected")).toMatchObject({ value: 0, uncertain: false });
    expect(cells.get("reviewLitigation.review.total")).toMatchObject({ value: 11, uncertain: false });
    expect(cells.get("reviewLitigation.litigationAfterReview.total")).toMatchObject({ value: 0, uncertain: false });
  });
  it("takes the only reading with the fewest failing groups, marked uncertain", () => {
    // 15 single digits: one cut only; 行政复议 1+0+0+0 ≠ 0 (the publisher's error).
    const r = readFlattenedTable4(head + "100000000000000");
    const cells = byPath(r);
    expect(cells.get("reviewLitigation.review.upheld")).toMatchObject({ value: 1, uncertain: false });
    expect(cells.get("reviewLitigation.review.total")).toMatchObject({ value: 0, uncertain: false });
    expect(r?.notes.join(" ")).toContain("T4_SUM");
  });
  it("returns null without the header", () => {
    expect(readFlattenedTable4("四、无")).toBeNull();
  });
});

describe("readFlattenedTable2 (synthetic)", () => {
  it("emits only what every reading agrees on", () => {
    const text =
      "二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件693665" +
      "第二十条第（五）项信息内容本年处理决定数量行政许可2293 第二十条第（六）项信息内容本年处理决定数量行政处罚1282行政强制42" +
      "第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费24252.311082";
    const r = readFlattenedTable2(text, "2021");
    const cells = byPath(r);
    expect(cells.get("activeDisclosure.rules.issued")).toMatchObject({ value: 0, uncertain: false });
    const nd = cells.get("activeDisclosure.normativeDocuments.issued");
    expect(nd).toMatchObject({ value: null, uncertain: true, raw: "693665" });
    expect(nd?.alternatives).toEqual([6, 69, 693, 6936]);
    expect(cells.get("activeDisclosure.licensing.decisions")?.value).toBe(2293);
    expect(cells.get("activeDisclosure.fees.amount")).toMatchObject({ value: 24252.311082, raw: "24252.311082" });
    expect(r?.rows.find((x) => x.key === "normativeDocuments")?.readings).toBe(10);
  });
  it("reads a 2019 signed change and keeps the procurement unit", () => {
    const text =
      "第二十条第（八）项信息内容上一年项目数量本年增/减行政事业性收费35-15第二十条第（九）项信息内容采购项目数量采购总金额政府集中采购1251000元";
    const cells = byPath(readFlattenedTable2(text, "2019"));
    expect(cells.get("activeDisclosure.fees.previousItems")?.value).toBe(35);
    expect(cells.get("activeDisclosure.fees.change")?.value).toBe(-15);
    const amount = cells.get("activeDisclosure.procurement.amount");
    expect(amount).toMatchObject({ value: null, uncertain: true });
  });
});

// ------------------------------------------------------------------ corpus

interface Label {
  template: "2021" | "2019";
  activeDisclosure: Record<string, Record<string, number | null> | string>;
  applications: { rows: Record<string, Record<string, number | null>> };
  reviewLitigation: Record<string, Record<string, number | null>>;
  ambiguous: string[];
  raw?: Record<string, string>;
  candidates?: Record<string, { raw: string; keys: string[]; readings: number[][] }>;
}

const FILES = ["2019", "2020", "2021", "2024", "2025"].map((y) => `pingtan-${y}-flattened`);

function expected(label: Label, path: string): number | null | undefined {
  const p = path.split(".");
  if (p[0] === "applications") {
    const row = label.applications.rows[p.slice(2, -1).join(".")];
    return row ? row[p.at(-1) ?? ""] : undefined;
  }
  if (p[0] === "reviewLitigation") return label.reviewLitigation[p[1] ?? ""]?.[p[2] ?? ""];
  const block = label.activeDisclosure[p[1] ?? ""];
  return typeof block === "object" && block !== null ? block[p[2] ?? ""] : undefined;
}

function cut(line: string, from: string, to: string): string {
  const a = line.indexOf(from);
  const b = line.indexOf(to, a + from.length);
  if (a < 0 || b < 0) throw new Error(`section ${from} … ${to} not found`);
  return line.slice(a, b);
}

function bestOf<T>(n: number, f: () => T): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    f();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

describe.skipIf(!existsSync(corpusDir))("pingtan flattened pages against the labels", () => {
  const summary: string[] = [];

  for (const name of FILES) {
    it(name, () => {
      const label = JSON.parse(readFileSync(`${corpusDir}/labels/${name}.json`, "utf8")) as Label;
      const line = readFileSync(`${corpusDir}/txt/${name}.txt`, "utf8").split("\n")[9] ?? "";
      const s2 = cut(line, "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况");
      const s3 = cut(line, "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议");
      const s4 = cut(line, "四、政府信息公开行政复议", "五、存在的主要问题");
      const results = {
        t2: readFlattenedTable2(s2, label.template),
        t3: readFlattenedTable3(s3),
        t4: readFlattenedTable4(s4),
      };
      const inputs = { t2: s2, t3: s3, t4: s4 };
      for (const [t, r] of Object.entries(results)) {
        expect(r, t).not.toBeNull();
        // Offsets point at the printed run.
        for (const row of r?.rows ?? []) expect(inputs[t as keyof typeof inputs].slice(row.offset, row.offset + row.raw.length)).toBe(row.raw);
      }
      const cells: FlatCell[] = [...(results.t2?.cells ?? []), ...(results.t3?.cells ?? []), ...(results.t4?.cells ?? [])];

      // Every label cell of tables 二/三/四 has one of ours.
      const ours = new Map(cells.map((c) => [c.path, c]));
      const labelPaths = [
        ...Object.entries(label.applications.rows).flatMap(([row, cols]) => Object.keys(cols).map((c) => `applications.rows.${row}.${c}`)),
        ...Object.entries(label.reviewLitigation).flatMap(([g, cols]) => Object.keys(cols).map((c) => `reviewLitigation.${g}.${c}`)),
        ...Object.entries(label.activeDisclosure).flatMap(([b, cols]) =>
          typeof cols === "object" && cols !== null ? Object.keys(cols).map((c) => `activeDisclosure.${b}.${c}`) : [],
        ),
      ];
      expect(labelPaths.filter((p) => !ours.has(p)), "label cells we did not emit").toEqual([]);
      expect(cells.filter((c) => expected(label, c.path) === undefined).map((c) => c.path), "cells the label does not have").toEqual([]);

      let compared = 0;
      let correct = 0;
      let nulled = 0;
      const wrong: string[] = [];
      for (const path of labelPaths) {
        const c = ours.get(path);
        if (!c) continue;
        const exp = expected(label, path);
        if (label.ambiguous.includes(path)) {
          // Undecidable from the document: we must not guess, and the label's readings must be among ours.
          expect(c.value, path).toBeNull();
          expect(c.uncertain, path).toBe(true);
          continue;
        }
        compared++;
        if (c.value === exp) correct++;
        else if (c.value === null && c.uncertain) {
          nulled++;
          // Only where the document admits several values (the label used the prose): ours include it.
          expect(c.alternatives ?? [], path).toContain(exp);
          expect(path.startsWith("activeDisclosure."), path).toBe(true);
        } else wrong.push(`${path}: got ${c.value}, expected ${exp}`);
      }
      expect(wrong).toEqual([]);

      // The label's candidate readings are readings we admit too.
      for (const [block, cand] of Object.entries(label.candidates ?? {})) {
        cand.keys.forEach((key, k) => {
          const c = ours.get(`${block}.${key}`);
          if (!c || c.value !== null) return;
          for (const reading of cand.readings) expect(c.alternatives ?? [], `${block}.${key}`).toContain(reading[k]);
        });
      }
      // Printed runs recorded by the label match ours.
      const rowRaw = new Map<string, string>([
        ...(results.t3?.rows ?? []).map((r) => [`applications.rows.${r.key}`, r.raw] as [string, string]),
        ...(results.t2?.rows ?? []).map((r) => [`activeDisclosure.${r.key}`, r.raw] as [string, string]),
        ...(results.t4?.rows ?? []).map((r) => [r.key, r.raw] as [string, string]),
      ]);
      for (const [path, raw] of Object.entries({ ...label.raw })) {
        if (rowRaw.has(path)) expect(rowRaw.get(path), path).toBe(raw.trim());
      }
      for (const [block, cand] of Object.entries(label.candidates ?? {})) expect(rowRaw.get(block), block).toBe(cand.raw.trim());

      // Tables 三 and 四 are fully determined in all five pages.
      expect(cells.filter((c) => !c.path.startsWith("activeDisclosure.") && c.value === null)).toEqual([]);

      // Well under 50 ms each.
      const times = {
        t2: bestOf(3, () => readFlattenedTable2(s2, label.template)),
        t3: bestOf(3, () => readFlattenedTable3(s3)),
        t4: bestOf(3, () => readFlattenedTable4(s4)),
      };
      for (const [t, ms] of Object.entries(times)) expect(ms, t).toBeLessThan(50);

      const ambiguousNulls = label.ambiguous.length;
      summary.push(
        `${name}: ${correct}/${compared} correct, ${nulled} nulled as uncertain (+${ambiguousNulls} label-ambiguous cells null), ` +
          `${(APPLICATION_COLUMN_KEYS.length * (results.t3?.rows.length ?? 0))} table-3 cells; ` +
          `ms t2 ${times.t2.toFixed(2)} t3 ${times.t3.toFixed(2)} t4 ${times.t4.toFixed(2)}`,
      );
    });
  }

  it("summary", () => {
    console.log(summary.join("\n"));
    expect(summary).toHaveLength(FILES.length);
  });
});
