/** The module a rendering thread runs (./render-pool.ts): one PDF's region bands, nothing else. */
import { renderBands, type RegionRequest, type RenderedBand } from "./page-images.js";

export interface RenderTask {
  pdf: Uint8Array;
  requests: RegionRequest[];
  timeoutMs: number;
}

export interface RenderResult {
  bands: [string, RenderedBand][];
  pages: number;
}

export default async function render(task: RenderTask): Promise<RenderResult> {
  const { bands, pages } = await renderBands(task.pdf, task.requests, task.timeoutMs);
  return { bands: [...bands], pages };
}
