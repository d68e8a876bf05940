/**
 * Markup as Word's "Save as Web Page" (filtered) writes it, which is what lands in a TRS_Editor
 * when a report is pasted from Word: `p.MsoNormal`, runs split by script (`<span lang=EN-US>` for
 * Latin and digits), unquoted attributes, `<o:p>` placeholders, source lines wrapped inside
 * Chinese text, `table.MsoNormalTable` with per-cell widths, and the zero-height sizing row inside
 * `<![if !supportMisalignedColumns]>`.
 */
import type { ParagraphStyle } from "./report-parts.js";
import type { SpanRow } from "./template-2021-tables.js";

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Wide characters between which a source line break disappears (CSS Text 3 §4.1.3). */
const WIDE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
const WRAP_AT = 38;

/**
 * Break a Chinese run into source lines of about WRAP_AT characters, only between two wide
 * characters: there a line break renders as nothing, elsewhere it would render as a space.
 */
export function wrapWide(text: string): string {
  const chars = [...text];
  let out = "";
  let since = 0;
  chars.forEach((ch, i) => {
    out += ch;
    since++;
    const next = chars[i + 1];
    if (since >= WRAP_AT && next !== undefined && WIDE.test(ch) && WIDE.test(next)) {
      out += "\n";
      since = 0;
    }
  });
  return out;
}

/** Runs by script, as Word writes them: Latin/digit runs carry lang=EN-US. */
export function runs(text: string, font: string, size: string): string {
  const parts = text.match(/[\x20-\x7e]+|[^\x20-\x7e]+/g) ?? [];
  return parts
    .map((p) =>
      /^[\x20-\x7e]+$/.test(p)
        ? `<span lang=EN-US style='font-size:${size};font-family:"Times New Roman"'>${escapeHtml(p)}</span>`
        : `<span style='font-size:${size};font-family:${font}'>${wrapWide(escapeHtml(p))}</span>`,
    )
    .join("");
}

export type { ParagraphStyle };

const PARAGRAPH_STYLES: Record<ParagraphStyle, { p: string; font: string; size: string; bold?: boolean }> = {
  title: { p: "align=center style='text-align:center;line-height:28.0pt'", font: "方正小标宋简体", size: "22.0pt", bold: true },
  heading: { p: "style='text-indent:32.0pt;line-height:28.0pt'", font: "黑体", size: "16.0pt" },
  subheading: { p: "style='text-indent:32.0pt;line-height:28.0pt'", font: "楷体_GB2312", size: "16.0pt" },
  body: { p: "style='text-indent:32.0pt;line-height:28.0pt'", font: "仿宋_GB2312", size: "16.0pt" },
};

export function paragraph(text: string, style: ParagraphStyle): string {
  const s = PARAGRAPH_STYLES[style];
  const inner = runs(text, s.font, s.size) + `<span lang=EN-US style='font-size:${s.size}'><o:p></o:p></span>`;
  return `<p class=MsoNormal ${s.p}>${s.bold ? `<b>${inner}</b>` : inner}</p>`;
}

/** The empty paragraph Word writes after a table. */
export const EMPTY_PARAGRAPH = "<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>";

const CELL_BORDER = "border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt";

function cellMarkup(text: string, width: number, rowSpan: number, colSpan: number): string {
  const spans = `${rowSpan > 1 ? ` rowspan=${rowSpan}` : ""}${colSpan > 1 ? ` colspan=${colSpan}` : ""}`;
  const content =
    text === ""
      ? `<span lang=EN-US style='font-size:10.5pt'><o:p>&nbsp;</o:p></span>`
      : runs(text, "宋体", "10.5pt") + `<span lang=EN-US style='font-size:10.5pt'><o:p></o:p></span>`;
  return [
    `  <td width=${width}${spans} valign=top style='width:${(width * 0.75).toFixed(1)}pt;${CELL_BORDER}'>`,
    `  <p class=MsoNormal align=center style='text-align:center'>${content}</p>`,
    `  </td>`,
  ].join("\n");
}

export interface WordTableOptions {
  /** Pixel width of each grid column (Word writes the merged width on a spanning cell). */
  columnWidths: number[];
  /** Write Word's zero-height sizing row (it does when rows' column edges differ). */
  sizingRow?: boolean;
}

export function wordTable(rows: SpanRow[], options: WordTableOptions): string {
  const widths = options.columnWidths;
  const total = widths.reduce((a, b) => a + b, 0);
  const taken: boolean[][] = rows.map(() => []);
  const out: string[] = [
    `<div align=center>`,
    `<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 width=${total} style='width:${(total * 0.75).toFixed(1)}pt;border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>`,
  ];
  rows.forEach((row, r) => {
    const attrs = [`mso-yfti-irow:${r}`, r === 0 ? "mso-yfti-firstrow:yes" : "", r === rows.length - 1 ? "mso-yfti-lastrow:yes" : ""]
      .filter(Boolean)
      .join(";");
    out.push(` <tr style='${attrs}'>`);
    let c = 0;
    for (const cell of row) {
      while (taken[r]![c]) c++;
      const rowSpan = cell.rowSpan ?? 1;
      const colSpan = cell.colSpan ?? 1;
      if (c + colSpan > widths.length) throw new Error(`row ${r + 1} runs past the ${widths.length} grid columns`);
      for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) (taken[r + dr] ??= [])[c + dc] = true;
      const width = widths.slice(c, c + colSpan).reduce((a, b) => a + b, 0);
      out.push(cellMarkup(cell.text, width, rowSpan, colSpan));
      c += colSpan;
    }
    if (!widths.every((_, i) => taken[r]![i])) throw new Error(`row ${r + 1} does not cover the ${widths.length} grid columns`);
    out.push(` </tr>`);
  });
  if (options.sizingRow) {
    out.push(` <![if !supportMisalignedColumns]>`, ` <tr height=0>`);
    for (const w of widths) out.push(`  <td width=${w} style='border:none'></td>`);
    out.push(` </tr>`, ` <![endif]>`);
  }
  out.push(`</table>`, `</div>`);
  return out.join("\n");
}
