import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { withDictionary } from "../../src/dataset/dictionary-md.js";
import { fieldDictionary } from "../../src/dataset/dictionary.js";
import { dataPackage } from "../../src/emit/datapackage.js";
import { annualReportSchema } from "../../src/emit/schema.js";
import { APPLICATION_ROWS, TABLE2 } from "../../src/templates/index.js";

const root = new URL("../..", import.meta.url).pathname;
const bilingual = (s: unknown) => typeof s === "string" && /\p{Script=Han}/u.test(s) && /[A-Za-z]{3,}/.test(s);

type Node = Record<string, unknown>;
/** Every named field of a schema (properties, array items, oneOf branches, $defs), by path. */
function fields(node: Node, path: string, out: [string, Node][]): [string, Node][] {
  for (const b of (node.oneOf as Node[] | undefined) ?? []) fields(b, path, out);
  for (const [k, v] of Object.entries((node.properties as Record<string, Node> | undefined) ?? {})) {
    out.push([`${path}.${k}`, v]);
    fields(v, `${path}.${k}`, out);
  }
  if (node.items && typeof node.items === "object") fields(node.items as Node, `${path}[]`, out);
  for (const [i, v] of ((node.prefixItems as Node[] | undefined) ?? []).entries()) {
    out.push([`${path}[${i}]`, v]);
    fields(v, `${path}[${i}]`, out);
  }
  for (const [k, v] of Object.entries((node.$defs as Record<string, Node> | undefined) ?? {})) fields(v, `$defs.${k}`, out);
  return out;
}

describe("the field dictionary", () => {
  it("gives every field of the JSON Schema a title and a description in Chinese and English", () => {
    const all = fields(annualReportSchema() as Node, "", []);
    expect(all.length).toBeGreaterThan(300); // 26 rows × 7 columns of 三 alone are 208
    const missing = all.filter(([, n]) => !bilingual(n.description) || typeof n.title !== "string").map(([p]) => p);
    expect(missing).toEqual([]);
  });

  it("labels each row of table 三 as the template prints it, and table 二 by its own template", () => {
    const s = annualReportSchema() as Node;
    const rows = (((s.properties as Node).applications as Node).oneOf as Node[])[1]!;
    const props = ((rows.properties as Node).rows as Node).properties as Record<string, Node>;
    expect(Object.keys(props)).toEqual(APPLICATION_ROWS.map((r) => r.key));
    expect(props["denied.stateSecret"]!.title).toBe("1.属于国家秘密");
    expect((props.total!.properties as Record<string, Node>).naturalPerson!.title).toBe("（七）总计 · 自然人");
    const [, t2021, t2019] = ((s.properties as Node).activeDisclosure as Node).oneOf as Node[];
    const decisions = (t: Node) => (((t.properties as Record<string, Node>).licensing!.properties as Record<string, Node>).decisions!.title);
    expect([decisions(t2021!), decisions(t2019!)]).toEqual(["行政许可 · 本年处理决定数量", "行政许可 · 处理决定数量"]);
  });

  it("still validates what it did: the rows of 三 stay closed to keys the contract lacks", () => {
    const s = annualReportSchema() as Node;
    const rows = ((((s.properties as Node).applications as Node).oneOf as Node[])[1]!.properties as Node).rows as Node;
    expect((rows.propertyNames as { enum: string[] }).enum).toEqual(APPLICATION_ROWS.map((r) => r.key));
  });

  it("gives every column of every table a Chinese title and a bilingual description", () => {
    for (const r of dataPackage().resources) {
      if (typeof r.schema !== "object") continue;
      for (const f of r.schema.fields) {
        expect(bilingual(f.description), `${r.name}.${f.name}`).toBe(true);
        expect(f.title, `${r.name}.${f.name}`).toMatch(/\p{Script=Han}/u);
      }
    }
  });

  it("has an entry for every table 二 cell of both templates", () => {
    const keys = new Set(fieldDictionary().map((e) => e.key));
    for (const t of ["2021", "2019"] as const) for (const b of TABLE2[t]) for (const r of b.rows) for (const c of b.columns) expect(keys.has(`activeDisclosure.${r.key}.${c}`)).toBe(true);
  });

  it("is what docs/dataset.md prints (npm run docs:dataset rewrites it)", () => {
    const doc = readFileSync(join(root, "docs/dataset.md"), "utf8");
    expect(withDictionary(doc, dataPackage())).toBe(doc);
  });
});
