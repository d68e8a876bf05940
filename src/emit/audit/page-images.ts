/**
 * Images of PDF page regions with the cells outlined: pdf.js renders the page into a canvas
 * (@napi-rs/canvas, the canvas pdf.js itself uses in Node), the band of the page around the
 * cells is cut out at full page width, each cell's box is outlined, and the band is encoded as
 * PNG for a data URI. Boxes are PDF points with the origin at the top-left (Position.bbox).
 *
 * Size caps: a band is at most 1100 px wide and 560 px high (scaled down to fit), and the page as a
 * whole holds at most `budget` bytes of images. The first band that does not fit closes the budget:
 * it and every region after it are left out, and the page says so. Those later pages are not
 * rendered at all: a run of 10,000 PDFs would otherwise render some 20,000 pages, a second or
 * two each on the main thread, for images the page has no room for (issue 10).
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

export async function renderRegions(pdf: Uint8Array, requests: RegionRequest[], budget: ImageBudget, timeoutMs = 60_000): Promise<Map<string, RegionImage>> {
  const out = new Map<string, RegionImage>();
  if (budget.closed) {
    for (const r of requests) out.set(r.key, SPENT);
    return out;
  }
  const pages = [...new Set(requests.map((r) => r.page))].sort((a, b) => a - b);
  try {
    await withDocument(pdf, timeoutMs, async (doc) => {
      for (const n of pages) {
        if (budget.closed) {
          for (const r of requests.filter((q) => q.page === n)) out.set(r.key, SPENT);
          continue;
        }
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
        budget.pagesRendered = (budget.pagesRendered ?? 0) + 1;
        for (const r of requests.filter((q) => q.page === n)) out.set(r.key, budget.closed ? SPENT : band(canvas, base.height, scale, r, budget));
        page.cleanup();
      }
    });
  } catch (e) {
    for (const r of requests) if (!out.has(r.key)) out.set(r.key, { ok: false, reason: `the page could not be rendered: ${(e as Error).message}` });
  }
  return out;
}

function band(page: Canvas, pageHeight: number, scale: number, r: RegionRequest, budget: ImageBudget): RegionImage {
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
  if (png.length > budget.remaining) {
    budget.closed = true;
    return { ok: false, reason: `left out: the page's image budget is spent (${png.length} bytes needed)` };
  }
  budget.remaining -= png.length;
  return { ok: true, dataUri: `data:image/png;base64,${png.toString("base64")}`, width: w, height: h };
}
