/** Label text folded so that printing variants compare equal (template matching only; raw text is kept elsewhere). */
import { simplifyChars } from "../templates/variants.js";
import { toHalfWidth } from "./numbers.js";

export function foldLabel(s: string): string {
  return simplifyChars(toHalfWidth(s))
    .replace(/\s+/g, "")
    .replace(/\(/g, "（")
    .replace(/\)/g, "）")
    .replace(/["'“”‘’「」『』]/g, "\"")
    .replace(/(\d)[、．。,，]/g, "$1.")
    .replace(/：/g, ":");
}

/** Whitespace folded to single spaces, ends trimmed. */
export function squash(s: string): string {
  return s.replace(/[\s\u00a0\u3000]+/g, " ").trim();
}

/**
 * Prose folded for rules that read it (numbers stated in the text, dates, units): half-width
 * digits and simplified characters, one for one, so offsets still point into the printed text
 * (a page machine-converted to traditional characters says the same: 總計, 申請).
 */
export function plainText(s: string): string {
  return simplifyChars(toHalfWidth(s));
}
