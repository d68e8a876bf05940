/**
 * A long PDF written object by object (as test/fixtures/pdf/make-fixtures.mjs writes its
 * fixtures): `pages` pages, each a ruled table of numbers in Helvetica. It is no report — its
 * outcome is NOT_A_REPORT — but reading it keeps pdf.js and the table finder busy for seconds,
 * which is what the queue's lock test needs: a job that runs several times longer than its lock.
 * Same `pages`, same bytes.
 */
const latin1 = (s: string): Buffer => Buffer.from(s, "latin1");

export function longPdf(pages: number, rows = 40, cols = 8): Buffer {
  const objects: string[] = [];
  const add = (body: string): number => objects.push(body);
  const font = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  const pagesRef = objects.length + 1;
  objects.push(""); // the Pages node, written once the kids are known
  const kids: number[] = [];
  const W = 595;
  const H = 842;
  for (let p = 0; p < pages; p++) {
    const x0 = 50;
    const y0 = 60;
    const cw = (W - 2 * x0) / cols;
    const rh = (H - 2 * y0) / rows;
    let ops = "0.5 w 0 G\n";
    for (let r = 0; r <= rows; r++) ops += `${x0} ${H - y0 - r * rh} m ${W - x0} ${H - y0 - r * rh} l S\n`;
    for (let c = 0; c <= cols; c++) ops += `${x0 + c * cw} ${H - y0} m ${x0 + c * cw} ${y0} l S\n`;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const v = ((p + 1) * 7919 + r * 104729 + c * 1299709) % 100000;
        ops += `BT /F1 8 Tf 1 0 0 1 ${(x0 + c * cw + 3).toFixed(2)} ${(H - y0 - (r + 1) * rh + 4).toFixed(2)} Tm (${c === 0 ? `row ${p + 1}.${r + 1}` : String(v)}) Tj ET\n`;
      }
    }
    const content = add(`<< /Length ${Buffer.byteLength(ops, "latin1")} >>\nstream\n${ops}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent ${pagesRef} 0 R /MediaBox [0 0 ${W} ${H}] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`));
  }
  objects[pagesRef - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(" ")}] /Count ${kids.length} >>`;
  const catalog = add(`<< /Type /Catalog /Pages ${pagesRef} 0 R >>`);
  const chunks = [latin1("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")];
  let offset = chunks[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const buf = latin1(`${i + 1} 0 obj\n${body}\nendobj\n`);
    chunks.push(buf);
    offset += buf.length;
  });
  let table = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) table += `${String(o).padStart(10, "0")} 00000 n \n`;
  chunks.push(latin1(`${table}trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${offset}\n%%EOF\n`));
  return Buffer.concat(chunks);
}
