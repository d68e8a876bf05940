/** Shapes shared by the PDF reader's modules. All coordinates: page points, top-left origin. */
import type { Box } from "./geometry.js";

/** A piece of text as drawn: a pdf.js text item, or a run of glyphs in a vertical font. */
export interface TextRun extends Box {
  str: string;
  /** Font height in page points. */
  size: number;
  /** Written top to bottom (a vertical font): one glyph per line as far as lines are concerned. */
  vertical: boolean;
  /** Order of drawing on the page (pdf.js item order, vertical runs after), for stable sorts. */
  seq: number;
}

/** Text runs sharing a baseline, left to right, joined into one string. */
export interface Line extends Box {
  runs: TextRun[];
  text: string;
  size: number;
}

/** A horizontal (y fixed) or vertical (x fixed) ruling segment. */
export interface Segment {
  /** The fixed coordinate: y of a horizontal ruling, x of a vertical one. */
  at: number;
  /** The extent along the ruling: x0..x1 of a horizontal, y0..y1 of a vertical. */
  from: number;
  to: number;
}

/** What the operator list of a page draws, as far as reading needs it. */
export interface PageGraphics {
  horizontals: Segment[];
  verticals: Segment[];
  /** Boxes of painted images (scanned pages are images and nothing else). */
  images: Box[];
  /** Text in vertical fonts, rebuilt from the glyphs (see vertical-text.ts). */
  verticalRuns: TextRun[];
}

/** One page as read: size, text and graphics. */
export interface PageContent {
  /** 1-based page number. */
  page: number;
  width: number;
  height: number;
  runs: TextRun[];
  graphics: PageGraphics;
}
