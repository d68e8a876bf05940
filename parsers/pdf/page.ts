/** One page of an open document → its text runs and graphics, in page points (top-left origin). */
import type { Matrix } from "./geometry.js";
import type { PdfDocument, PdfjsModule } from "./load.js";
import { readGraphics } from "./operators.js";
import { textRuns, verticalFonts, type PdfTextContent } from "./text-items.js";
import type { PageContent } from "./types.js";

export async function readPage(doc: PdfDocument, pageNumber: number, lib: PdfjsModule): Promise<PageContent> {
  const page = await doc.getPage(pageNumber);
  try {
    // Scale 1: viewport units are PDF points; the transform also applies /Rotate and the crop box.
    const viewport = page.getViewport({ scale: 1 });
    const toPage = viewport.transform as unknown as Matrix;
    // Annotations (stamps, form fields) are not the report: pdf.js need not draw their appearances.
    const operators = await page.getOperatorList({ annotationMode: lib.AnnotationMode.DISABLE });
    const content = await page.getTextContent();
    const text = content as unknown as PdfTextContent;
    const runs = textRuns(text, toPage);
    const graphics = readGraphics(operators, lib.OPS as unknown as Record<string, number>, toPage, verticalFonts(text));
    runs.push(...graphics.verticalRuns);
    return { page: pageNumber, width: viewport.width, height: viewport.height, runs, graphics };
  } finally {
    page.cleanup();
  }
}
