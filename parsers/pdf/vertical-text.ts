/**
 * Text in vertical fonts (Identity-V CMaps), rebuilt from the glyphs of the operator list.
 *
 * pdf.js 5.6's getTextContent drops glyphs of vertical fonts that sit lower than the font's
 * size *in text-space units* above the page bottom: compareWithLastPosition() tests
 * `posY + glyphWidth < viewBox[1]` with glyphWidth unscaled by the text matrix (-199 for a
 * 9.95 pt glyph drawn with Tm 0.05). WPS prints the vertical group label of table 三
 * (三、本年度办理结果) in such a font, and getTextContent returns "三、本年" of it
 * (corpus: huaian-hongze-2023, page 3). So the reader takes every vertical font's text from
 * here instead: the text state of PDF 32000-1 §9.3 and §9.4.4 tracked over the operator list,
 * each glyph placed by its vertical metrics (§9.7.4.3: position vector v, displacement w1).
 */
import { apply, boxOfPoints, concat, IDENTITY, type Matrix } from "./geometry.js";
import type { TextRun } from "./types.js";

/** The glyph objects pdf.js puts in showText arguments (src/core/fonts.js Glyph). */
interface Glyph {
  unicode?: string;
  width?: number;
  vmetric?: number[] | null;
  isSpace?: boolean;
}

export interface TextParams {
  font: string | null;
  size: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
}

export const initialTextParams = (): TextParams => ({ font: null, size: 0, charSpacing: 0, wordSpacing: 0, hScale: 1, leading: 0, rise: 0 });

/** Default vertical metrics (§9.7.4.3 DW2): v = (w0/2, 880), w1 = −1000. */
const DEFAULT_VY = 880;
const DEFAULT_W1 = -1000;

/**
 * Text matrix and line matrix of one BT…ET, and the runs of vertical glyphs found so far.
 * Parameters (font, spacing…) belong to the graphics state and are passed in by the walker.
 */
export class TextTracker {
  private tm: Matrix = IDENTITY;
  private tlm: Matrix = IDENTITY;
  readonly runs: TextRun[] = [];
  private open: TextRun | null = null;

  constructor(private readonly verticalFonts: ReadonlySet<string>) {}

  beginText(): void {
    this.tm = IDENTITY;
    this.tlm = IDENTITY;
  }

  setMatrix(m: ArrayLike<number>): void {
    this.tm = this.tlm = [m[0] ?? 1, m[1] ?? 0, m[2] ?? 0, m[3] ?? 1, m[4] ?? 0, m[5] ?? 0];
  }

  moveText(tx: number, ty: number): void {
    this.tm = this.tlm = concat([1, 0, 0, 1, tx, ty], this.tlm);
  }

  nextLine(p: TextParams): void {
    this.moveText(0, -p.leading);
  }

  /**
   * Advance over the glyphs of one showText; in a vertical font, record each glyph's box.
   * `toPage` maps user space to page points (CTM, then the viewport).
   */
  show(glyphs: readonly unknown[], p: TextParams, toPage: Matrix, seq: number): void {
    const vertical = p.font !== null && this.verticalFonts.has(p.font);
    const fs = p.size;
    for (const g of glyphs) {
      if (typeof g === "number") {
        // TJ adjustment, thousandths of text space (§9.4.3).
        if (vertical) this.translate(0, (-g / 1000) * fs);
        else this.translate((-g / 1000) * fs * p.hScale, 0);
        continue;
      }
      if (!g || typeof g !== "object") continue;
      const glyph = g as Glyph;
      const w0 = (glyph.width ?? 1000) / 1000;
      const spacing = p.charSpacing + (glyph.isSpace ? p.wordSpacing : 0);
      if (!vertical) {
        this.translate((w0 * fs + spacing) * p.hScale, 0);
        continue;
      }
      const vm = glyph.vmetric;
      const w1 = (vm ? (vm[0] ?? DEFAULT_W1) : DEFAULT_W1) / 1000;
      const vx = (vm ? (vm[1] ?? w0 * 500) : w0 * 500) / 1000;
      const vy = (vm ? (vm[2] ?? DEFAULT_VY) : DEFAULT_VY) / 1000;
      const ch = (glyph.unicode ?? "").normalize("NFKC");
      if (ch.trim() !== "") this.place(ch, fs, w0, vx, vy, p.rise, toPage, seq);
      this.translate(0, w1 * fs + spacing);
    }
  }

  /** Close the run being built (end of text object). */
  flush(): void {
    if (this.open) this.runs.push(this.open);
    this.open = null;
  }

  private translate(tx: number, ty: number): void {
    this.tm = concat([1, 0, 0, 1, tx, ty], this.tm);
  }

  private place(ch: string, fs: number, w0: number, vx: number, vy: number, rise: number, toPage: Matrix, seq: number): void {
    // Glyph box in text space: the horizontal origin is the current point minus v; the glyph
    // spans its advance width across and one em down from the top (ascent ≈ vy).
    const ox = -vx * fs;
    const oy = -vy * fs + rise;
    const m = concat(this.tm, toPage);
    const b = boxOfPoints([...apply(m, ox, oy - 0.12 * fs), ...apply(m, ox + w0 * fs, oy - 0.12 * fs), ...apply(m, ox + w0 * fs, oy + 0.88 * fs), ...apply(m, ox, oy + 0.88 * fs)]);
    const size = Math.hypot(m[2] * fs, m[3] * fs);
    const run = this.open;
    // Glyphs of one column, one under the other, make one run.
    if (run && Math.abs(run.x0 - b.x0) < 0.3 * size && Math.abs(run.size - size) < 0.1 * size && b.y0 - run.y1 < 0.8 * size && b.y0 - run.y1 > -0.5 * size) {
      run.str += ch;
      run.y1 = Math.max(run.y1, b.y1);
      run.x1 = Math.max(run.x1, b.x1);
      return;
    }
    this.flush();
    this.open = { str: ch, x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1, size, vertical: true, seq };
  }
}
