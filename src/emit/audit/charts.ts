/**
 * The overview's charts: horizontal bars as inline SVG, drawn at build time (no script, no
 * library). Each bar carries the filter it stands for, so a click on it filters the list.
 */
import { esc } from "./html.js";

export interface Bar {
  label: string;
  count: number;
  /** Filter to set when clicked: [field, value]. */
  filter: [string, string];
  colour?: string;
}

const ROW = 18;
const LABEL_W = 190;
const BAR_W = 190;

export function barChart(title: string, bars: Bar[], max = 15): string {
  const shown = bars.slice(0, max);
  const rest = bars.length - shown.length;
  const top = Math.max(1, ...shown.map((b) => b.count));
  const h = shown.length * ROW + (rest > 0 ? ROW : 0) + 4;
  const rows = shown
    .map((b, i) => {
      const y = i * ROW;
      const w = Math.max(1, Math.round((b.count / top) * BAR_W));
      const label = b.label.length > 16 ? `${b.label.slice(0, 15)}…` : b.label;
      return `<g class="bar" role="button" tabindex="0" data-filter-field="${esc(b.filter[0])}" data-filter-value="${esc(b.filter[1])}" aria-label="${esc(`${b.label}: ${b.count}`)}"><title>${esc(`${b.label}: ${b.count}`)}</title><text x="${LABEL_W - 6}" y="${y + 13}" text-anchor="end">${esc(label)}</text><rect x="${LABEL_W}" y="${y + 3}" width="${w}" height="${ROW - 6}" fill="${b.colour ?? "#4a74b4"}"></rect><text x="${LABEL_W + w + 4}" y="${y + 13}">${b.count}</text></g>`;
    })
    .join("");
  const more = rest > 0 ? `<text x="${LABEL_W}" y="${shown.length * ROW + 13}" class="more">… +${rest}</text>` : "";
  return `<figure class="chart"><figcaption>${esc(title)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" width="${LABEL_W + BAR_W + 50}" height="${h}" viewBox="0 0 ${LABEL_W + BAR_W + 50} ${h}" role="img" aria-label="${esc(title)}">${rows}${more}</svg></figure>`;
}
