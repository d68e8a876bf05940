/**
 * Images of PDF page regions with the cells outlined: pdf.js renders the page into a canvas
 * (@napi-rs/canvas, the canvas pdf.js itself uses in Node), the band of the page around the
 * cells is cut out at full page width, each cell's box is outlined, and the band is encoded as
 * PNG for a data URI. Boxes are PDF points with the origin at the top-left (Position.bbox).
 *
 * Size caps: a band is at most 1100 px wide and 560 px high (scaled down to fit), and the page as a
 * whole holds at most `budget` bytes of images. The first band that does not fit closes the budget:
 * it and every region after it are left out, and the page says so. The PDFs after it are not read
 * or rendered at all: a run of 10,000 PDFs would otherwise render some 20,000 pages for images the
 * page has no room for (issue 10). Bands are rendered a PDF at a time, in a pool of threads when
 * there are several (./render-pool.ts); the budget is applied after, in document and page order,
 * so the page is the same whichever thread rendered what.
 */
import { createCanvas, type Canvas } from "@napi-rs/canvas";
import { withDocument } from "../../../parsers/pdf/load.js";

export interface RegionRequest {
  key: string;
  page: number;
  /** Boxes to outline, [x0, y0, x1, y1] in PDF points, top-left origin. */
  boxes: number[][];
}

export type RegionImage = { ok: true; dataUri: string; width: number; height: number } | { ok: false; reason: string };

export interface ImageBudget {
  /** Bytes of PNG (before base64) still allowed on the page. */
  remaining: number;
  /** Set by the first band that did not fit: nothing more is rendered. */
  closed?: boolean;
  /** Pages rendered so far (what the budget cost in work). */
  pagesRendered?: number;
}

const SPENT: RegionImage = { ok: false, reason: "left out: the page's image budget is spent" };

const MAX_W = 1100;
const MAX_H = 560;
const PAD = 48; // points above and below the cells
const MIN_BAND = 150; // points

/** A band rendered, before the budget is applied. */
export type RenderedBand = { ok: true; dataUri: string; width: number; height: number; bytes: number } | { ok: false; reason: string };

/**
 * The bands of one PDF's regions, rendered without regard to the budget (a pool thread does this,
 * ./render-pool.ts; the budget is applied after, in order, by `withinBudget`).
 */
export async function renderBands(pdf: Uint8Array, requests: RegionRequest[], timeoutMs = 60_000): Promise<{ bands: Map<string, RenderedBand>; pages: number }> {
  const out = new Map<string, RenderedBand>();
  let rendered = 0;
  const pages = [...new Set(requests.map((r) => r.page))].sort((a, b) => a - b);
  try {
    await withDocument(pdf, timeoutMs, async (doc) => {
      for (const n of pages) {
        if (n < 1 || n > doc.numPages) {
          for (const r of requests.filter((q) => q.page === n)) out.set(r.key, { ok: false, reason: `page ${n} is not in the PDF` });
          continue;
        }
        const page = await doc.getPage(n);
        const base = page.getViewport({ scale: 1 });
        const scale = Math.min(2, MAX_W / base.width);
        const viewport = page.getViewport({ scale });
        const canvas: Canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
        const ctx = canvas.getContext("2d");
        ctx.fillStyle = "#ffffff";
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        await page.render({ canvasContext: ctx as unknown as CanvasRenderingContext2D, canvas: canvas as unknown as HTMLCanvasElement, viewport }).promise;
        rendered++;
        for (const r of requests.filter((q) => q.page === n)) out.set(r.key, band(canvas, base.height, scale, r));
        page.cleanup();
      }
    });
  } catch (e) {
    for (const r of requests) if (!out.has(r.key)) out.set(r.key, { ok: false, reason: `the page could not be rendered: ${(e as Error).message}` });
  }
  return { bands: out, pages: rendered };
}

/** The budget applied to one PDF's bands, in page order: the first that does not fit closes it. */
export function withinBudget(requests: RegionRequest[], bands: ReadonlyMap<string, RenderedBand>, budget: ImageBudget): Map<string, RegionImage> {
  const out = new Map<string, RegionImage>();
  const pages = [...new Set(requests.map((r) => r.page))].sort((a, b) => a - b);
  for (const n of pages) {
    for (const r of requests.filter((q) => q.page === n)) {
      const b = bands.get(r.key) ?? { ok: false, reason: "not rendered" };
      if (budget.closed) out.set(r.key, SPENT);
      else if (!b.ok) out.set(r.key, b);
      else if (b.bytes > budget.remaining) {
        budget.closed = true;
        out.set(r.key, { ok: false, reason: `left out: the page's image budget is spent (${b.bytes} bytes needed)` });
      } else {
        budget.remaining -= b.bytes;
        out.set(r.key, { ok: true, dataUri: b.dataUri, width: b.width, height: b.height });
      }
    }
  }
  return out;
}

function band(page: Canvas, pageHeight: number, scale: number, r: RegionRequest): RenderedBand {
  const ys = r.boxes.flatMap((b) => [b[1]!, b[3]!]);
  let top = Math.max(0, Math.min(...ys) - PAD);
  let bottom = Math.min(pageHeight, Math.max(...ys) + PAD);
  if (bottom - top < MIN_BAND) {
    const mid = (top + bottom) / 2;
    top = Math.max(0, mid - MIN_BAND / 2);
    bottom = Math.min(pageHeight, top + MIN_BAND);
  }
  const sy = Math.floor(top * scale);
  const sh = Math.max(1, Math.ceil((bottom - top) * scale));
  const fit = Math.min(1, MAX_H / sh);
  const w = Math.round(page.width * fit);
  const h = Math.round(sh * fit);
  const c = createCanvas(w, h);
  const ctx = c.getContext("2d");
  ctx.drawImage(page, 0, sy, page.width, sh, 0, 0, w, h);
  ctx.strokeStyle = "#d40000";
  ctx.lineWidth = 2;
  const k = scale * fit;
  for (const b of r.boxes) ctx.strokeRect((b[0]! - 2) * k, (b[1]! - 2) * k - sy * fit, (b[2]! - b[0]! + 4) * k, (b[3]! - b[1]! + 4) * k);
  const png = c.toBuffer("image/png");
  return { ok: true, dataUri: `data:image/png;base64,${png.toString("base64")}`, width: w, height: h, bytes: png.length };
}
