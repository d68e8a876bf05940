/**
 * Page furniture: page numbers ("-3-", "— 4 —", "第 3 页", "3 / 6") and running headers or
 * footers repeated on most pages. They sit in the top or bottom band of the page and are not
 * content; WPS prints the page number of a page that a table crosses right under the table,
 * where a reader of the text would otherwise take it for a row.
 */
import { centreX, centreY, contains, type Box } from "./geometry.js";
import type { Line } from "./types.js";

/** Share of the page height at the top and at the bottom where furniture lives. */
const BAND = 0.1;

/** Page numbers as Chinese documents print them (GB/T 9704-2012 §7.5: "— 1 —"). */
const PAGE_NUMBER = [
  /^[-－—–‐―~～]+\s*\d{1,4}\s*[-－—–‐―~～]+$/,
  /^第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?$/,
  /^\d{1,4}\s*[/／]\s*\d{1,4}$/,
  /^(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?$/i,
];
const BARE_NUMBER = /^\d{1,4}$/;

export interface FurniturePage {
  height: number;
  lines: Line[];
  /** Boxes of tables: a number inside one is a value, never a page number. */
  tables: Box[];
}

/** For each page, the lines that are furniture. */
export function findFurniture(pages: readonly FurniturePage[]): Set<Line>[] {
  const out = pages.map(() => new Set<Line>());
  const inBand = (l: Line, h: number): "top" | "bottom" | null => (l.y1 <= BAND * h ? "top" : l.y0 >= (1 - BAND) * h ? "bottom" : null);
  const inTable = (l: Line, tables: Box[]): boolean => tables.some((t) => contains(t, centreX(l), centreY(l), 1));

  // Page numbers.
  pages.forEach((p, i) => {
    const banded = p.lines.filter((l) => inBand(l, p.height));
    for (const l of banded) {
      const text = l.text.replace(/\s+/g, " ").trim();
      if (PAGE_NUMBER.some((re) => re.test(text)) && !inTable(l, p.tables)) out[i]!.add(l);
      else if (BARE_NUMBER.test(text) && !inTable(l, p.tables) && isOutermost(l, p.lines, inBand(l, p.height)!)) out[i]!.add(l);
    }
  });

  // Running headers and footers: the same text (digits aside) in the same band on most pages.
  if (pages.length >= 2) {
    const seen = new Map<string, Set<number>>();
    pages.forEach((p, i) => {
      for (const l of p.lines) {
        const band = inBand(l, p.height);
        if (!band || inTable(l, p.tables)) continue;
        const key = `${band}:${l.text.replace(/\d+/g, "#").replace(/\s+/g, "")}`;
        (seen.get(key) ?? seen.set(key, new Set()).get(key)!).add(i);
      }
    });
    const enough = Math.max(2, Math.ceil(pages.length / 2));
    pages.forEach((p, i) => {
      for (const l of p.lines) {
        const band = inBand(l, p.height);
        if (!band || inTable(l, p.tables)) continue;
        const key = `${band}:${l.text.replace(/\d+/g, "#").replace(/\s+/g, "")}`;
        if ((seen.get(key)?.size ?? 0) >= enough) out[i]!.add(l);
      }
    });
  }
  return out;
}

/** No other line lies nearer the page edge than this one (a bare page number is the last word). */
function isOutermost(l: Line, lines: readonly Line[], band: "top" | "bottom"): boolean {
  return lines.every((o) => o === l || (band === "bottom" ? o.y1 <= l.y1 + 0.5 : o.y0 >= l.y0 - 0.5));
}
