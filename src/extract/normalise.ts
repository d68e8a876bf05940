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
