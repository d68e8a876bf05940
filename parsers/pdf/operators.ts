/**
 * The operator list of a page → ruling segments, image boxes and vertical-font text.
 *
 * pdf.js 5.x hands paths over already batched: every painting operator becomes
 * `constructPath` with args `[paintOp, [Float32Array | null], minMax | null]`, the array holding
 * DrawOPS codes (moveTo 0 x y, lineTo 1 x y, curveTo 2 x1 y1 x2 y2 x y, quadraticCurveTo 3 …,
 * closePath 4) in user space; `re` arrives as moveTo/lineTo×3/closePath (a zero-width `re` as
 * moveTo/lineTo/closePath). The optimiser folds `q cm <path> S Q` with an unscaled cm into the
 * coordinates (pdf.worker.mjs, addState(InitialState, [save, transform, constructPath, restore])).
 * Tables are drawn either as stroked lines or as thin filled rectangles; both are collected.
 */
import { apply, concat, IDENTITY, scaleOf, transformBox, type Box, type Matrix } from "./geometry.js";
import type { PageGraphics, Segment } from "./types.js";
import { initialTextParams, TextTracker, type TextParams } from "./vertical-text.js";

/** The OPS table of pdf.js (src/shared/util.js), passed in from the loaded library. */
export type OpsTable = Record<string, number>;

/** A filled rectangle thinner than this (points) is a ruling drawn as a fill. */
const THIN_FILL = 2.5;
/** A stroke wider than this is a bar or a frame decoration, not a table ruling. */
const MAX_RULING_WIDTH = 6;
/** Segments off the axis by less than this (points) count as axis-aligned. */
const AXIS_TOLERANCE = 0.8;
/** Segments shorter than this are dots or caps. */
const MIN_SEGMENT = 1;
/** Draw codes of pdf.js's path buffers (src/shared/util.js DrawOPS). */
const DRAW = { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 } as const;

interface GState {
  ctm: Matrix;
  lineWidth: number;
  strokeVisible: boolean;
  fillVisible: boolean;
  text: TextParams;
}

/** "#ffffff" paints nothing visible on paper: white lines are used to hide borders. */
const isWhite = (c: unknown): boolean => typeof c === "string" && /^#?f{6}$/i.test(c);

export interface OperatorList {
  fnArray: ArrayLike<number>;
  argsArray: ArrayLike<unknown>;
}

/**
 * Walk a page's operator list. `toPage` maps PDF user space to page points (the viewport
 * transform at scale 1); `verticalFonts` are pdf.js font ids whose text is rebuilt here.
 */
export function readGraphics(list: OperatorList, OPS: OpsTable, toPage: Matrix, verticalFonts: ReadonlySet<string>): PageGraphics {
  const horizontals: Segment[] = [];
  const verticals: Segment[] = [];
  const images: Box[] = [];
  const text = new TextTracker(verticalFonts);
  const stack: GState[] = [];
  let gs: GState = { ctm: IDENTITY, lineWidth: 1, strokeVisible: true, fillVisible: true, text: initialTextParams() };
  let annotationDepth = 0;

  const op = (name: string): number => OPS[name] ?? -1;
  const SAVE = op("save"), RESTORE = op("restore"), TRANSFORM = op("transform");
  const CONSTRUCT_PATH = op("constructPath");
  const FORM_BEGIN = op("paintFormXObjectBegin"), FORM_END = op("paintFormXObjectEnd");
  const ANNOT_BEGIN = op("beginAnnotation"), ANNOT_END = op("endAnnotation");
  const LINE_WIDTH = op("setLineWidth"), GSTATE = op("setGState");
  const STROKE_RGB = op("setStrokeRGBColor"), FILL_RGB = op("setFillRGBColor");
  const BEGIN_TEXT = op("beginText"), END_TEXT = op("endText"), SET_FONT = op("setFont");
  const TEXT_MATRIX = op("setTextMatrix"), MOVE_TEXT = op("moveText"), LEADING_MOVE_TEXT = op("setLeadingMoveText");
  const NEXT_LINE = op("nextLine"), SET_LEADING = op("setLeading"), CHAR_SPACING = op("setCharSpacing");
  const WORD_SPACING = op("setWordSpacing"), H_SCALE = op("setHScale"), TEXT_RISE = op("setTextRise");
  const SHOW_TEXT = op("showText");
  const STROKES = new Set(["stroke", "closeStroke", "fillStroke", "eoFillStroke", "closeFillStroke", "closeEOFillStroke"].map(op));
  const FILLS = new Set(["fill", "eoFill", "fillStroke", "eoFillStroke", "closeFillStroke", "closeEOFillStroke"].map(op));
  const IMAGES = new Set(
    [
      "paintImageXObject", "paintInlineImageXObject", "paintInlineImageXObjectGroup", "paintImageXObjectRepeat",
      "paintImageMaskXObject", "paintImageMaskXObjectGroup", "paintImageMaskXObjectRepeat", "paintSolidColorImageMask",
    ].map(op),
  );

  const pushSegment = (x0: number, y0: number, x1: number, y1: number, width: number): void => {
    if (width > MAX_RULING_WIDTH) return;
    const dx = Math.abs(x1 - x0);
    const dy = Math.abs(y1 - y0);
    if (dy <= AXIS_TOLERANCE && dx >= MIN_SEGMENT) horizontals.push({ at: (y0 + y1) / 2, from: Math.min(x0, x1), to: Math.max(x0, x1) });
    else if (dx <= AXIS_TOLERANCE && dy >= MIN_SEGMENT) verticals.push({ at: (x0 + x1) / 2, from: Math.min(y0, y1), to: Math.max(y0, y1) });
  };

  const paintPath = (paint: number, buffer: ArrayLike<number> | null): void => {
    if (!buffer) return;
    const stroke = STROKES.has(paint) && gs.strokeVisible;
    const fill = FILLS.has(paint) && gs.fillVisible;
    if (!stroke && !fill) return; // clipping paths and invisible paint
    const m = concat(gs.ctm, toPage);
    const width = gs.lineWidth * scaleOf(m);
    // Subpaths as point lists in page points; `curved` marks subpaths that are not polygons.
    let pts: number[] = [];
    let curved = false;
    let closed = false;
    const finish = (): void => {
      if (pts.length >= 4) {
        if (stroke) {
          for (let i = 0; i + 3 < pts.length; i += 2) pushSegment(pts[i]!, pts[i + 1]!, pts[i + 2]!, pts[i + 3]!, width);
          if (closed) pushSegment(pts[pts.length - 2]!, pts[pts.length - 1]!, pts[0]!, pts[1]!, width);
        }
        if (fill && !curved) fillAsRuling(pts);
      }
      pts = [];
      curved = false;
      closed = false;
    };
    for (let i = 0; i < buffer.length; ) {
      const code = buffer[i++];
      if (code === DRAW.moveTo) {
        finish();
        pts.push(...apply(m, buffer[i]!, buffer[i + 1]!));
        i += 2;
      } else if (code === DRAW.lineTo) {
        pts.push(...apply(m, buffer[i]!, buffer[i + 1]!));
        i += 2;
      } else if (code === DRAW.curveTo) {
        // A curve is no ruling: keep its end as the current point only.
        curved = true;
        if (stroke) {
          finish();
        }
        pts.push(...apply(m, buffer[i + 4]!, buffer[i + 5]!));
        i += 6;
      } else if (code === DRAW.quadraticCurveTo) {
        curved = true;
        if (stroke) finish();
        pts.push(...apply(m, buffer[i + 2]!, buffer[i + 3]!));
        i += 4;
      } else if (code === DRAW.closePath) {
        closed = true;
        const sx = pts[0];
        const sy = pts[1];
        finish();
        // After closepath the current point is the subpath's start.
        if (sx !== undefined && sy !== undefined) pts.push(sx, sy);
      } else break; // unknown code: the rest cannot be decoded
    }
    finish();
  };

  /** A filled axis-aligned rectangle thinner than THIN_FILL is a ruling along its long side. */
  const fillAsRuling = (pts: number[]): void => {
    const n = pts.length / 2;
    if (n < 4 || n > 5) return;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let i = 0; i < pts.length; i += 2) {
      const x = pts[i]!, y = pts[i + 1]!;
      x0 = Math.min(x0, x); x1 = Math.max(x1, x);
      y0 = Math.min(y0, y); y1 = Math.max(y1, y);
    }
    // Every corner must sit on the box (an axis-aligned rectangle, not a rotated one).
    for (let i = 0; i < pts.length; i += 2) {
      const x = pts[i]!, y = pts[i + 1]!;
      const onX = Math.abs(x - x0) < AXIS_TOLERANCE || Math.abs(x - x1) < AXIS_TOLERANCE;
      const onY = Math.abs(y - y0) < AXIS_TOLERANCE || Math.abs(y - y1) < AXIS_TOLERANCE;
      if (!onX || !onY) return;
    }
    const w = x1 - x0;
    const h = y1 - y0;
    if (h <= THIN_FILL && w >= 2 * h && w >= MIN_SEGMENT) horizontals.push({ at: (y0 + y1) / 2, from: x0, to: x1 });
    else if (w <= THIN_FILL && h >= 2 * w && h >= MIN_SEGMENT) verticals.push({ at: (x0 + x1) / 2, from: y0, to: y1 });
  };

  const { fnArray, argsArray } = list;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i]!;
    const args = argsArray[i] as unknown[] | null;
    if (fn === ANNOT_BEGIN) {
      annotationDepth++;
      continue;
    }
    if (fn === ANNOT_END) {
      annotationDepth = Math.max(0, annotationDepth - 1);
      continue;
    }
    if (annotationDepth > 0) continue; // annotation appearances (stamps, widgets) are not page content
    switch (fn) {
      case SAVE:
        stack.push({ ...gs, text: { ...gs.text } });
        break;
      case RESTORE:
        gs = stack.pop() ?? gs;
        break;
      case TRANSFORM:
        if (args && args.length >= 6) gs.ctm = concat(args.slice(0, 6) as unknown as Matrix, gs.ctm);
        break;
      case FORM_BEGIN: {
        stack.push({ ...gs, text: { ...gs.text } });
        const matrix = args?.[0] as ArrayLike<number> | null | undefined;
        if (matrix && matrix.length >= 6) gs.ctm = concat(Array.from(matrix).slice(0, 6) as unknown as Matrix, gs.ctm);
        break;
      }
      case FORM_END:
        gs = stack.pop() ?? gs;
        break;
      case LINE_WIDTH:
        gs.lineWidth = Number(args?.[0] ?? gs.lineWidth);
        break;
      case GSTATE:
        for (const entry of (args?.[0] as [string, unknown][] | undefined) ?? []) {
          if (entry[0] === "LW" && typeof entry[1] === "number") gs.lineWidth = entry[1];
          if (entry[0] === "Font" && Array.isArray(entry[1])) {
            gs.text.font = String(entry[1][0]);
            gs.text.size = Number(entry[1][1]) || gs.text.size;
          }
        }
        break;
      case STROKE_RGB:
        gs.strokeVisible = !isWhite(args?.[0]);
        break;
      case FILL_RGB:
        gs.fillVisible = !isWhite(args?.[0]);
        break;
      case CONSTRUCT_PATH: {
        const paint = Number(args?.[0]);
        const data = args?.[1] as (ArrayLike<number> | null)[] | undefined;
        paintPath(paint, data?.[0] ?? null);
        break;
      }
      case BEGIN_TEXT:
        text.beginText();
        break;
      case END_TEXT:
        break;
      case SET_FONT:
        gs.text.font = String(args?.[0]);
        gs.text.size = Number(args?.[1]) || 0;
        break;
      case TEXT_MATRIX:
        text.setMatrix((args?.[0] as ArrayLike<number>) ?? []);
        break;
      case MOVE_TEXT:
        text.moveText(Number(args?.[0]) || 0, Number(args?.[1]) || 0);
        break;
      case LEADING_MOVE_TEXT:
        gs.text.leading = -(Number(args?.[1]) || 0);
        text.moveText(Number(args?.[0]) || 0, Number(args?.[1]) || 0);
        break;
      case NEXT_LINE:
        text.nextLine(gs.text);
        break;
      case SET_LEADING:
        gs.text.leading = Number(args?.[0]) || 0;
        break;
      case CHAR_SPACING:
        gs.text.charSpacing = Number(args?.[0]) || 0;
        break;
      case WORD_SPACING:
        gs.text.wordSpacing = Number(args?.[0]) || 0;
        break;
      case H_SCALE:
        gs.text.hScale = (Number(args?.[0]) || 100) / 100;
        break;
      case TEXT_RISE:
        gs.text.rise = Number(args?.[0]) || 0;
        break;
      case SHOW_TEXT:
        text.show((args?.[0] as unknown[]) ?? [], gs.text, concat(gs.ctm, toPage), i);
        break;
      default:
        if (IMAGES.has(fn)) images.push(transformBox(concat(gs.ctm, toPage), 0, 0, 1, 1));
    }
  }
  text.flush();
  return { horizontals, verticals, images, verticalRuns: text.runs };
}
