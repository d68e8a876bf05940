/**
 * Automatic list numbers, rendered as Word prints them.
 *
 * Government reports often number their headings with Word's list numbering ("一、总体情况" where
 * "一、" is w:numPr, not text). The number is printed, and headings are found by their printed text
 * (src/extract/sections.ts), so the reader writes it into the paragraph. ECMA-376 Part 1 §17.9
 * (numbering): a paragraph's w:numPr (or its style's) names a w:num, which names a w:abstractNum
 * whose w:lvl gives the start, the format (§17.18.59 ST_NumberFormat), the level text with %1…%9
 * placeholders, and the suffix after the number (§17.9.29 suff: tab by default).
 *
 * Counters are kept per abstract list, as Word does: two w:num that share an abstractNum continue
 * one sequence unless a w:lvlOverride/w:startOverride restarts it. Bullets print a symbol-font
 * glyph, not text: they are left out.
 */
import { child, children, intVal, isOn, path, root, val, type XNode } from "./xml.js";

interface Level {
  start: number;
  format: string;
  text: string;
  suffix: string;
  legal: boolean;
  style: string | null;
}

interface Num {
  abstractId: string;
  /** Level overrides: a new start (startOverride) and/or a whole new level definition. */
  overrides: Map<number, { start: number | null; level: Level | null }>;
}

interface StyleNumbering {
  numId: string | null;
  ilvl: number | null;
  basedOn: string | null;
}

const SUFFIX: Record<string, string> = { tab: "\t", space: " ", nothing: "" };

function readLevel(lvl: XNode): Level {
  return {
    start: intVal(child(lvl, "w:start"), 0),
    format: val(child(lvl, "w:numFmt")) ?? "decimal",
    text: val(child(lvl, "w:lvlText")) ?? "",
    suffix: SUFFIX[val(child(lvl, "w:suff")) ?? "tab"] ?? "\t",
    legal: isOn(child(lvl, "w:isLgl")),
    style: val(child(lvl, "w:pStyle")) ?? null,
  };
}

export class Numbering {
  private readonly abstracts = new Map<string, Map<number, Level>>();
  private readonly nums = new Map<string, Num>();
  private readonly styles = new Map<string, StyleNumbering>();
  private readonly counters = new Map<string, (number | undefined)[]>();
  private readonly seenNums = new Set<string>();

  /** From the parsed numbering and styles parts (either may be absent). */
  constructor(numbering: XNode[] | null, styles: XNode[] | null) {
    const n = numbering ? root(numbering) : undefined;
    if (n) {
      for (const a of children(n, "w:abstractNum")) {
        const levels = new Map<number, Level>();
        for (const l of children(a, "w:lvl")) levels.set(Number.parseInt(l.attrs["w:ilvl"] ?? "0", 10), readLevel(l));
        this.abstracts.set(a.attrs["w:abstractNumId"] ?? "", levels);
      }
      for (const num of children(n, "w:num")) {
        const overrides = new Map<number, { start: number | null; level: Level | null }>();
        for (const o of children(num, "w:lvlOverride")) {
          const so = child(o, "w:startOverride");
          const l = child(o, "w:lvl");
          overrides.set(Number.parseInt(o.attrs["w:ilvl"] ?? "0", 10), { start: so ? intVal(so, 0) : null, level: l ? readLevel(l) : null });
        }
        this.nums.set(num.attrs["w:numId"] ?? "", { abstractId: val(child(num, "w:abstractNumId")) ?? "", overrides });
      }
    }
    const s = styles ? root(styles) : undefined;
    if (s) {
      for (const st of children(s, "w:style")) {
        if ((st.attrs["w:type"] ?? "paragraph") !== "paragraph") continue;
        const numPr = path(st, "w:pPr", "w:numPr");
        this.styles.set(st.attrs["w:styleId"] ?? "", {
          numId: numPr ? (val(child(numPr, "w:numId")) ?? null) : null,
          ilvl: numPr && child(numPr, "w:ilvl") ? intVal(child(numPr, "w:ilvl"), 0) : null,
          basedOn: val(child(st, "w:basedOn")) ?? null,
        });
      }
    }
  }

  get empty(): boolean {
    return this.nums.size === 0;
  }

  /**
   * The printed number (with its suffix) of a paragraph, advancing the list's counters; "" when
   * the paragraph is not numbered or is a bullet.
   */
  next(pPr: XNode | undefined): string {
    if (this.empty) return "";
    const styleId = val(child(pPr ?? emptyNode, "w:pStyle")) ?? null;
    const direct = child(pPr ?? emptyNode, "w:numPr");
    let numId = val(child(direct ?? emptyNode, "w:numId")) ?? null;
    let ilvl: number | null = direct && child(direct, "w:ilvl") ? intVal(child(direct, "w:ilvl"), 0) : null;
    // Inherit along the style chain (§17.7.4.3 basedOn) what the paragraph does not say itself.
    const seen = new Set<string>();
    for (let id = styleId; id && !seen.has(id) && (numId === null || ilvl === null); ) {
      seen.add(id);
      const st = this.styles.get(id);
      if (!st) break;
      if (numId === null) numId = st.numId;
      if (ilvl === null && st.ilvl !== null) ilvl = st.ilvl;
      id = st.basedOn;
    }
    if (numId === null || numId === "0") return "";
    const num = this.nums.get(numId);
    const levels = num ? this.abstracts.get(num.abstractId) : undefined;
    if (!num || !levels) return "";
    if (ilvl === null) {
      // A style-linked list: the level is the one that names the paragraph's style.
      ilvl = [...levels.entries()].find(([, l]) => styleId !== null && l.style === styleId)?.[0] ?? 0;
    }
    const levelOf = (k: number): Level | undefined => num.overrides.get(k)?.level ?? levels.get(k);
    const level = levelOf(ilvl);
    if (!level) return "";

    const counts = this.counters.get(num.abstractId) ?? [];
    this.counters.set(num.abstractId, counts);
    if (!this.seenNums.has(numId)) {
      this.seenNums.add(numId);
      for (const [k, o] of num.overrides) {
        if (o.start !== null || o.level !== null) counts[k] = undefined;
      }
    }
    const startOf = (k: number): number => num.overrides.get(k)?.start ?? levelOf(k)?.start ?? 0;
    const current = counts[ilvl];
    counts[ilvl] = current === undefined ? startOf(ilvl) : current + 1;
    counts.length = ilvl + 1; // deeper levels restart after a higher one (§17.9.10 lvlRestart default)
    if (level.format === "bullet") return "";

    const text = level.text.replace(/%([1-9])/g, (_, d: string) => {
      const k = Number(d) - 1;
      const value = counts[k] ?? startOf(k);
      const fmt = level.legal ? "decimal" : (levelOf(k)?.format ?? "decimal");
      return formatNumber(value, fmt);
    });
    return text === "" ? "" : text + level.suffix;
  }
}

const emptyNode: XNode = { tag: "", attrs: {}, children: [], text: "" };

const ZH_DIGITS = "〇一二三四五六七八九";
const ZH_LEGAL = "零壹贰叁肆伍陆柒捌玖";
const HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸";
const EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥";
const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";
const PARENTHESISED = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇";
const FULL_STOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛";

/** 1–9999 in Chinese counting (十一, 二十, 一百零五); "十" alone for 10–19, as Word prints. */
function chineseCounting(n: number, digits = ZH_DIGITS, units = ["", "十", "百", "千"]): string {
  if (n <= 0 || n > 9999) return String(n);
  const ds = String(n).split("").map(Number);
  let out = "";
  let zero = false;
  ds.forEach((d, i) => {
    const unit = units[ds.length - 1 - i] ?? "";
    if (d === 0) {
      zero = true;
      return;
    }
    if (zero && out !== "") out += digits[0];
    zero = false;
    out += (digits[d] ?? "") + unit;
  });
  return units === LEGAL_UNITS ? out : out.replace(/^一十/, "十");
}
const LEGAL_UNITS = ["", "拾", "佰", "仟"];

function letters(n: number, base: string): string {
  if (n <= 0) return String(n);
  const ch = base[(n - 1) % 26] ?? "";
  return ch.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [[1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"], [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"]];
  let out = "";
  for (const [v, s] of table) while (n >= v) (out += s), (n -= v);
  return out;
}

const pick = (set: string, n: number): string => [...set][n - 1] ?? String(n);

/** A counter in an ST_NumberFormat (§17.18.59); unknown formats print decimal. */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case "decimal":
      return String(n);
    case "decimalZero":
      return n >= 0 && n < 10 ? `0${n}` : String(n);
    case "decimalFullWidth":
    case "decimalFullWidth2":
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case "decimalEnclosedCircle":
    case "decimalEnclosedCircleChinese":
      return pick(CIRCLED, n);
    case "decimalEnclosedParen":
      return pick(PARENTHESISED, n);
    case "decimalEnclosedFullstop":
      return pick(FULL_STOP, n);
    case "chineseCounting":
    case "chineseCountingThousand":
    case "japaneseCounting":
    case "taiwaneseCounting":
    case "taiwaneseCountingThousand":
    case "koreanCounting":
      return chineseCounting(n);
    case "ideographDigital":
    case "taiwaneseDigital":
      return String(n).replace(/\d/g, (d) => ZH_DIGITS[Number(d)] ?? d);
    case "chineseLegalSimplified":
    case "ideographLegalTraditional":
    case "japaneseLegal":
      return chineseCounting(n, ZH_LEGAL, LEGAL_UNITS);
    case "ideographTraditional":
      return pick(HEAVENLY_STEMS, n);
    case "ideographZodiac":
      return pick(EARTHLY_BRANCHES, n);
    case "upperLetter":
      return letters(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    case "lowerLetter":
      return letters(n, "abcdefghijklmnopqrstuvwxyz");
    case "upperRoman":
      return roman(n);
    case "lowerRoman":
      return roman(n).toLowerCase();
    case "none":
      return "";
    default:
      return String(n);
  }
}
