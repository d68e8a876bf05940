/** Label text folded so that printing variants compare equal (template matching only; raw text is kept elsewhere). */
import { TRADITIONAL_TO_SIMPLIFIED } from "../templates/variants.js";
import { toHalfWidth } from "./numbers.js";

const TRADITIONAL = new RegExp(`[${Object.keys(TRADITIONAL_TO_SIMPLIFIED).filter((k) => k.length === 1).join("")}]`, "g");

export function foldLabel(s: string): string {
  return toHalfWidth(s)
    .replace(TRADITIONAL, (ch) => TRADITIONAL_TO_SIMPLIFIED[ch] ?? ch)
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
