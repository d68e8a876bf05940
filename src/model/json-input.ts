/**
 * The JSON a user hands us (a sites, rules or reviews file): already parsed, or its text. One
 * wording for text that is not JSON, so every file's first error reads the same.
 */
export type JsonInput = { ok: true; data: unknown } | { ok: false; errors: string[] };

export function jsonInput(json: unknown): JsonInput {
  if (typeof json !== "string") return { ok: true, data: json };
  try {
    return { ok: true, data: JSON.parse(json) as unknown };
  } catch (e) {
    return { ok: false, errors: [`not valid JSON: ${(e as Error).message}`] };
  }
}
