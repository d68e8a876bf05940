/**
 * Where the audit page's PDF region bands are rendered: in this thread, or — when several PDFs
 * have regions and the machine has cores to spare — in a pool of worker threads (piscina), one PDF
 * per task. pdf.js and the canvas load only here, on first use, so text-only runs never load them.
 * 60 PDFs of 320 pages: their 90 images took 5.5 s on the main thread after the reading.
 */
import { Piscina } from "piscina";
import { compiledSibling } from "../../compiled.js";
import type { RegionRequest, RenderedBand } from "./page-images.js";
import type { RenderResult, RenderTask } from "./render-worker.js";

export interface BandRenderer {
  render(pdf: Uint8Array, requests: RegionRequest[]): Promise<{ bands: Map<string, RenderedBand>; pages: number }>;
  close(): Promise<void>;
}

/** Rendering in this thread. */
export async function renderHere(timeoutMs = 60_000): Promise<BandRenderer> {
  const { renderBands } = await import("./page-images.js");
  return { render: (pdf, requests) => renderBands(pdf, requests, timeoutMs), close: async () => undefined };
}

/** Rendering in `threads` worker threads. */
export function renderInPool(threads: number, timeoutMs = 60_000): BandRenderer {
  const pool = new Piscina<RenderTask, RenderResult>({ filename: compiledSibling(import.meta.url, "render-worker.js", "rendering the audit page's images in threads"), minThreads: threads, maxThreads: threads });
  pool.on("error", () => undefined); // a thread that dies is replaced; its task rejects and is told below
  return {
    async render(pdf, requests) {
      try {
        const r = await pool.run({ pdf, requests, timeoutMs });
        return { bands: new Map(r.bands), pages: r.pages };
      } catch (e) {
        const reason = `the page could not be rendered: ${(e as Error).message}`;
        return { bands: new Map(requests.map((q) => [q.key, { ok: false, reason }])), pages: 0 };
      }
    },
    close: () => pool.destroy(),
  };
}
