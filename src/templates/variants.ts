/**
 * Printing variants that fold to one form before labels are compared: traditional characters,
 * which machine-converted mirror sites print (`總計`, `申請`, `總體情況`) and old CMS fonts too.
 *
 * The map is OpenCC's character table (TSCharacters, through opencc-js): every traditional
 * character to its first simplified form. Only one-to-one pairs of single UTF-16 units are kept,
 * so folding never changes a text's length and offsets found in folded text stay valid in the
 * printed one. The template's own words are simplified and never a key of this map
 * (test/templates/variants.test.ts), so folded text and patterns meet.
 */
import TS_CHARACTERS from "opencc-js/dict/TSCharacters";

function parse(dict: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of dict.split("|")) {
    const [from, to] = entry.split(" ");
    if (!from || !to || from === to || from.length !== 1 || to.length !== 1) continue;
    map.set(from, to);
  }
  return map;
}

export const TRADITIONAL_TO_SIMPLIFIED: ReadonlyMap<string, string> = parse(TS_CHARACTERS);

const ESCAPE = /[\\\]^-]/g;
const TRADITIONAL = new RegExp(`[${[...TRADITIONAL_TO_SIMPLIFIED.keys()].join("").replace(ESCAPE, "\\$&")}]`, "g");

/** Traditional characters to simplified ones, one for one (the text keeps its length). */
export function simplifyChars(s: string): string {
  return s.replace(TRADITIONAL, (ch) => TRADITIONAL_TO_SIMPLIFIED.get(ch) ?? ch);
}
