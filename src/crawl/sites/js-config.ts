/**
 * JavaScript configuration read as data, never run: the object and array literals that pages
 * assign (`window._CONFIG = {"SID":"758019", …}`, `window._CONFIG.DETAIL = {…}`,
 * `var param_212860 = {columnid:33718, unitid:'212860'}`) or pass to a call
 * (`$('#212860').jpage({totalRecord:4895, perPage:19})`). Keys may be bare, single- or
 * double-quoted (issue 10: gkmlpt shells write `{"SID":"…"}`, other deployments `SID: '…'`);
 * strings may use either quote; trailing commas and comments are allowed. A value that is not a
 * literal (a call, a variable, an expression) is left out, and the rest of the literal is kept.
 *
 * Linear in the text and bounded in depth (a page nested 100 000 brackets deep is read as far as
 * MAX_DEPTH and skipped beyond it), like the other readers of scan.ts; no regular expression here
 * rescans what it has read.
 */
import { readString, scriptBodies } from "./scan.js";

/** What a literal can hold. */
export type JsValue = string | number | boolean | null | JsValue[] | { [key: string]: JsValue };
export type JsObject = { [key: string]: JsValue };

/** Objects and arrays nested deeper than this are skipped, not read. */
const MAX_DEPTH = 64;
const IDENT_START = /[A-Za-z_$]/;
const IDENT = /[\w$]/;

/** The literal at `at` (after whitespace and comments): its value (undefined when it is none) and where it ends. */
export function readLiteral(code: string, at: number): { value: JsValue | undefined; end: number } {
  return new LiteralReader(code).value(at, 0);
}

/** An assignment of a literal found in a script: `window._CONFIG.SID = "1"` → target ["_CONFIG", "SID"]. */
export interface LiteralAssignment {
  /** The assigned name, `window.`/`self.`/`globalThis.` and `var`/`let`/`const` dropped. */
  target: string[];
  value: JsValue;
}

/** Names a page may hang its globals on. */
const GLOBALS = new Set(["window", "self", "globalThis", "top", "parent"]);

/**
 * Every `name = literal` and `name.key = literal` (also `name["key"]`) in `code`, in order. The
 * scan skips string literals and comments, so code quoted in a string is not read as code.
 */
export function literalAssignments(code: string): LiteralAssignment[] {
  const out: LiteralAssignment[] = [];
  const reader = new LiteralReader(code);
  let i = 0;
  const n = code.length;
  while (i < n) {
    const c = code[i]!;
    if (c === "/" && (code[i + 1] === "/" || code[i + 1] === "*")) {
      i = skipComment(code, i);
      continue;
    }
    if (c === "'" || c === '"' || c === "`") {
      i = readString(code, i).end;
      continue;
    }
    if (!IDENT_START.test(c) || (i > 0 && (IDENT.test(code[i - 1]!) || code[i - 1] === "."))) {
      i++;
      continue;
    }
    const path = readPath(code, i);
    let j = skipSpace(code, path.end);
    if (code[j] === "=" && code[j + 1] !== "=" && code[j + 1] !== ">") {
      const target = path.names[0] && GLOBALS.has(path.names[0]) && path.names.length > 1 ? path.names.slice(1) : path.names;
      const { value, end } = reader.value(j + 1, 0);
      if (value !== undefined && target.length > 0 && !KEYWORDS.has(target[0]!)) {
        out.push({ target, value });
        i = end;
        continue;
      }
      j++;
    }
    i = Math.max(path.end, i + 1);
  }
  return out;
}

/** The literal arguments of every call of `.name(` or `name(` in `code` (undefined for those that are not literals). */
export function callArguments(code: string, name: string): (JsValue | undefined)[][] {
  const out: (JsValue | undefined)[][] = [];
  const reader = new LiteralReader(code);
  let from = 0;
  for (;;) {
    const at = code.indexOf(name, from);
    if (at < 0) break;
    from = at + name.length;
    if (at > 0 && IDENT.test(code[at - 1]!)) continue;
    let j = skipSpace(code, from);
    if (code[j] !== "(") continue;
    const args: (JsValue | undefined)[] = [];
    j = skipSpace(code, j + 1);
    while (j < code.length && code[j] !== ")") {
      const { value, end } = reader.value(j, 0);
      args.push(value);
      j = skipSpace(code, end);
      if (code[j] === ",") j = skipSpace(code, j + 1);
      else break;
    }
    out.push(args);
    from = Math.max(from, j);
  }
  return out;
}

/**
 * The configuration a page's scripts build under one global name (`_CONFIG` for
 * `window._CONFIG`): `_CONFIG = {…}` merged with every `_CONFIG.KEY = …` after it, in order.
 * Null when no script assigns it a literal.
 */
export function scriptConfig(html: string, name: string): JsObject | null {
  let config: JsObject | null = null;
  for (const body of scriptBodies(html)) {
    for (const a of literalAssignments(body)) {
      if (a.target[0] !== name || a.target.some((k) => UNSAFE_KEYS.has(k))) continue;
      config ??= {};
      if (a.target.length === 1) {
        if (isObject(a.value)) Object.assign(config, a.value);
        continue;
      }
      let o: JsObject = config;
      for (const k of a.target.slice(1, -1)) {
        const next = o[k];
        if (!isObject(next)) o[k] = {};
        o = o[k] as JsObject;
      }
      o[a.target.at(-1)!] = a.value;
    }
  }
  return config;
}

export function isObject(v: JsValue | undefined): v is JsObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A value as text, for form fields and ids: strings as they are, numbers and booleans printed, anything else null. */
export function asText(v: JsValue | undefined): string | null {
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v === "boolean") return String(v);
  return null;
}

/** The first value under any of `keys`, searched breadth-first through nested objects (not arrays). */
export function findKey(root: JsObject, keys: readonly string[], maxNodes = 10_000): JsValue | undefined {
  const queue: JsObject[] = [root];
  for (let next = 0; next < queue.length && next < maxNodes; next++) {
    const o = queue[next]!;
    for (const k of keys) if (o[k] !== undefined && o[k] !== null && o[k] !== "") return o[k];
    for (const v of Object.values(o)) if (isObject(v)) queue.push(v);
  }
  return undefined;
}

/** Keys that would reach Object.prototype if followed. */
const UNSAFE_KEYS = new Set(["__proto__", "prototype", "constructor"]);

const KEYWORDS = new Set(["var", "let", "const", "return", "typeof", "new", "if", "else", "for", "while", "function", "this"]);

/** `a.b["c"]` starting at `at`: its names and where it ends (`var`/`let`/`const` before it are skipped). */
function readPath(code: string, at: number): { names: string[]; end: number } {
  const names: string[] = [];
  let i = at;
  const ident = (): string | null => {
    if (!IDENT_START.test(code[i] ?? "")) return null;
    const s = i;
    while (i < code.length && IDENT.test(code[i]!)) i++;
    return code.slice(s, i);
  };
  const first = ident();
  if (first === null) return { names, end: at + 1 };
  if (first === "var" || first === "let" || first === "const") {
    const j = skipSpace(code, i);
    if (j === i) return { names: [first], end: i };
    i = j;
    return readPathAfterDeclaration(code, i);
  }
  names.push(first);
  for (;;) {
    const j = skipSpace(code, i);
    if (code[j] === "." && IDENT_START.test(code[skipSpace(code, j + 1)] ?? "")) {
      i = skipSpace(code, j + 1);
      names.push(ident()!);
      continue;
    }
    if (code[j] === "[") {
      const k = skipSpace(code, j + 1);
      const q = code[k];
      if (q === "'" || q === '"') {
        const s = readString(code, k);
        const close = skipSpace(code, s.end);
        if (s.value !== null && code[close] === "]") {
          names.push(s.value);
          i = close + 1;
          continue;
        }
      }
    }
    return { names, end: i };
  }
}

function readPathAfterDeclaration(code: string, at: number): { names: string[]; end: number } {
  if (!IDENT_START.test(code[at] ?? "")) return { names: [], end: at };
  let i = at;
  while (i < code.length && IDENT.test(code[i]!)) i++;
  return { names: [code.slice(at, i)], end: i };
}

function skipComment(code: string, i: number): number {
  if (code[i + 1] === "/") {
    const nl = code.indexOf("\n", i);
    return nl < 0 ? code.length : nl + 1;
  }
  const end = code.indexOf("*/", i + 2);
  return end < 0 ? code.length : end + 2;
}

/** Past whitespace and comments. */
function skipSpace(code: string, i: number): number {
  for (;;) {
    while (i < code.length && /\s/.test(code[i]!)) i++;
    if (code[i] === "/" && (code[i + 1] === "/" || code[i + 1] === "*")) {
      i = skipComment(code, i);
      continue;
    }
    return i;
  }
}

const NUMBER = /^-?(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/;
const WORDS: Readonly<Record<string, JsValue>> = { true: true, false: false, null: null };

class LiteralReader {
  constructor(private readonly code: string) {}

  /** The value at `at`; `depth` is how many objects/arrays it sits in. */
  value(at: number, depth: number): { value: JsValue | undefined; end: number } {
    const code = this.code;
    const i = skipSpace(code, at);
    const c = code[i];
    if (c === undefined) return { value: undefined, end: i };
    if (c === "{" || c === "[") {
      if (depth >= MAX_DEPTH) return { value: undefined, end: skipExpression(code, i) };
      return c === "{" ? this.object(i, depth + 1) : this.array(i, depth + 1);
    }
    if (c === "'" || c === '"' || c === "`") {
      const s = readString(code, i);
      // A template with substitutions is an expression, not a literal.
      const literal = s.value !== null && !(c === "`" && s.value.includes("${")) && isValueEnd(code, s.end);
      return literal ? { value: s.value, end: s.end } : { value: undefined, end: skipExpression(code, s.end) };
    }
    const num = NUMBER.exec(code.slice(i, i + 40));
    if (num && !IDENT.test(code[i + num[0].length] ?? "")) {
      const end = i + num[0].length;
      if (isValueEnd(code, end)) return { value: Number(num[0]), end };
    }
    if (IDENT_START.test(c)) {
      let j = i;
      while (j < code.length && IDENT.test(code[j]!)) j++;
      const word = code.slice(i, j);
      if (word in WORDS && isValueEnd(code, j)) return { value: WORDS[word]!, end: j };
    }
    return { value: undefined, end: skipExpression(code, i) };
  }

  private object(open: number, depth: number): { value: JsValue | undefined; end: number } {
    const code = this.code;
    const out: JsObject = {};
    let i = open + 1;
    for (;;) {
      i = skipSpace(code, i);
      const c = code[i];
      if (c === undefined) return { value: out, end: i }; // a page cut short: what was read
      if (c === "}") return { value: out, end: i + 1 };
      if (c === ",") {
        i++;
        continue;
      }
      // The key: a string, a name, or a number.
      let key: string | null = null;
      if (c === "'" || c === '"') {
        const s = readString(code, i);
        key = s.value;
        i = s.end;
      } else if (IDENT.test(c)) {
        const s = i;
        while (i < code.length && (IDENT.test(code[i]!) || code[i] === ".")) i++;
        key = code.slice(s, i);
      }
      i = skipSpace(code, i);
      if (key === null || code[i] !== ":") {
        // A method, a spread, a computed key, a shorthand: skip to the next property.
        i = skipExpression(code, i);
        continue;
      }
      const v = this.value(i + 1, depth);
      if (v.value !== undefined && !UNSAFE_KEYS.has(key)) out[key] = v.value;
      i = v.end;
    }
  }

  private array(open: number, depth: number): { value: JsValue | undefined; end: number } {
    const code = this.code;
    const out: JsValue[] = [];
    let i = open + 1;
    for (;;) {
      i = skipSpace(code, i);
      const c = code[i];
      if (c === undefined) return { value: out, end: i };
      if (c === "]") return { value: out, end: i + 1 };
      if (c === ",") {
        i++;
        continue;
      }
      const v = this.value(i, depth);
      if (v.value !== undefined) out.push(v.value);
      i = v.end;
    }
  }
}

/** After a value: the end of the text or a delimiter (so `1 + x` and `true && y` are expressions, not literals). */
function isValueEnd(code: string, i: number): boolean {
  const j = skipSpace(code, i);
  const c = code[j];
  return c === undefined || c === "," || c === "}" || c === "]" || c === ")" || c === ";" || c === "\n" || (j > i && /[\r\n]/.test(code.slice(i, j)));
}

/**
 * Past an expression that is not a literal: to the next `,` `;` or closing bracket at its own
 * depth, strings, template literals and comments skipped whole. Iterative: no nesting can
 * overflow the stack.
 */
function skipExpression(code: string, at: number): number {
  let depth = 0;
  let i = at;
  while (i < code.length) {
    const c = code[i]!;
    if (c === "'" || c === '"' || c === "`") {
      i = readString(code, i).end;
      continue;
    }
    if (c === "/" && (code[i + 1] === "/" || code[i + 1] === "*")) {
      i = skipComment(code, i);
      continue;
    }
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") {
      if (depth === 0) return i;
      depth--;
    } else if ((c === "," || c === ";") && depth === 0) return i;
    i++;
  }
  return i;
}
