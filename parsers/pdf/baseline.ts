/**
 * pdf.js alone on a file, opened with the reader's parameters: the operator list and the text
 * content of every page, nothing made of them. Issue 3 measures readPdf against this
 * (`npm run bench`: full parse time ÷ pdf.js time, target ≤ 1.5), so both must ask pdf.js for
 * the same work in the same way.
 */
import { documentParams, pdfjs } from "./load.js";

export async function pdfjsAlone(bytes: Uint8Array): Promise<{ pages: number }> {
  const lib = await pdfjs();
  const task = lib.getDocument(documentParams(new Uint8Array(bytes), lib));
  try {
    const doc = await task.promise;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      await page.getOperatorList({ annotationMode: lib.AnnotationMode.DISABLE });
      await page.getTextContent();
      page.cleanup();
    }
    return { pages: doc.numPages };
  } finally {
    await task.destroy();
  }
}
