/**
 * The body text of a Word 97–2003 file, read by word-extractor (pure JavaScript) in a worker
 * thread with a memory cap and a deadline.
 *
 * word-extractor trusts the compound file's sector chains: on damaged or hostile bytes it can
 * allocate until the heap is gone, which would abort the whole batch, not just this file. In a
 * worker with resourceLimits the runaway is the worker's alone; it is terminated and the file
 * fails with PARSE_FAILED. The worker's code is evaluated from a string (it is plain CommonJS,
 * so it runs the same from the TypeScript sources under vitest and from dist/).
 *
 * word-extractor writes a table's cell marks as "\t" and row marks as "\n", so every table row
 * is a line of tab-separated cells ending in a tab. It finds a row mark by the paragraph's
 * sprmPFTtp (MS-DOC §2.6.2, 0x2417), but only in PAPX stored in the FKP pages: when a row's
 * properties are too large for the page (a wide table, e.g. table 三's ten columns and 四's
 * fifteen, as Word and LibreOffice both write them), the PAPX holds only sprmPHugePapx (0x6646),
 * an offset into the Data stream, and the row mark stays a tab: the rows of the table run
 * together and swallow the heading after it. The worker subclasses word-extractor's OLE
 * extractor to follow sprmPHugePapx (MS-DOC §2.6.2: a 2-byte size, then the grpprl) and turn
 * those row marks into "\n" too. It relies on word-extractor 1.0.4's internals (the piece table's
 * startFilePos/size/bpc/text); if they change, it skips the repair rather than break the read.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

export class DocTextError extends Error {
  constructor(
    message: string,
    readonly reason: "timeout" | "memory" | "unreadable",
  ) {
    super(message);
    this.name = "DocTextError";
  }
}

export interface DocTextOptions {
  timeoutMs: number;
  /** Heap cap of the worker, in MB. */
  maxHeapMb?: number;
}

const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const path = require("node:path");
const lib = path.dirname(workerData.modulePath);
const WordOleExtractor = require(path.join(lib, "word-ole-extractor.js"));
const BufferReader = require(path.join(lib, "buffer-reader.js"));

const SPRM_P_F_TTP = 0x2417; // the paragraph is a table row's end mark
const SPRM_P_HUGE_PAPX = 0x6646; // the paragraph's properties live in the Data stream
const SPRM_T_DEF_TABLE = 0xd608; // its operand size takes 2 bytes (MS-DOC 2.6.4)
const SPRM_P_CHG_TABS = 0xc615; // size 255 means "computed": not needed here, stop

// Each sprm of a grpprl (MS-DOC 2.2.5.1: the operand size follows from spra).
function eachSprm(buf, offset, fn) {
  while (offset + 2 <= buf.length) {
    const sprm = buf.readUInt16LE(offset);
    offset += 2;
    const spra = sprm >> 13;
    let size;
    if (spra === 0 || spra === 1) size = 1;
    else if (spra === 2 || spra === 4 || spra === 5) size = 2;
    else if (spra === 3) size = 4;
    else if (spra === 7) size = 3;
    else if (sprm === SPRM_T_DEF_TABLE) {
      if (offset + 2 > buf.length) return;
      size = buf.readUInt16LE(offset) + 1;
    } else {
      if (offset >= buf.length) return;
      const cb = buf.readUInt8(offset);
      if (sprm === SPRM_P_CHG_TABS && cb === 255) return;
      size = cb + 1;
    }
    if (offset + size > buf.length) return;
    if (fn(sprm, offset, size) === false) return;
    offset += size;
  }
}

// Overwrite the characters at file positions [start, end) of the piece table (as word-extractor's
// own replaceSelectedRangeByFilePos does; the piece lengths never change).
function fillByFilePos(pieces, start, end, ch) {
  for (const piece of pieces) {
    const ps = piece.startFilePos, pe = ps + piece.size;
    if (pe <= start || ps >= end) continue;
    const a = (Math.max(start, ps) - ps) / piece.bpc, b = (Math.min(end, pe) - ps) / piece.bpc;
    piece.text = piece.text.slice(0, a) + "".padStart(b - a, ch) + piece.text.slice(b);
  }
}

const piecesKnown = (pieces) =>
  Array.isArray(pieces) &&
  pieces.every((p) => typeof p.startFilePos === "number" && typeof p.size === "number" && typeof p.bpc === "number" && typeof p.text === "string");

class RowEndsExtractor extends WordOleExtractor {
  extractWordDocument(document, buffer) {
    return Promise.resolve()
      .then(() => this.streamBuffer(document.stream("Data")))
      .catch(() => null)
      .then((data) => {
        this.dataStream = data && data.length > 0 ? data : null;
        return super.extractWordDocument(document, buffer);
      });
  }

  writeParagraphProperties(buffer, tableBuffer) {
    super.writeParagraphProperties(buffer, tableBuffer);
    if (!this.dataStream || !piecesKnown(this._pieces)) return;
    try {
      this.hugeRowEnds(buffer, tableBuffer, this.dataStream);
    } catch {
      // A repair, never a reason to fail: the text reads as word-extractor alone reads it.
    }
  }

  // The PlcBtePapx (FIB fcPlcfBtePapx/lcbPlcfBtePapx at 0x102/0x106) names the PAPX FKP pages;
  // in each, a BX points at the PAPX of one paragraph (MS-DOC 2.9.175 PapxFkp).
  hugeRowEnds(buffer, tableBuffer, data) {
    const fc = buffer.readUInt32LE(0x0102), lcb = buffer.readUInt32LE(0x0106);
    const plc = tableBuffer.subarray(fc, fc + lcb);
    const n = Math.floor((lcb - 4) / 8);
    for (let i = 0; i < n; i++) {
      const pn = plc.readUInt32LE((n + 1) * 4 + i * 4);
      const fkp = buffer.subarray(pn * 512, pn * 512 + 512);
      if (fkp.length < 512) continue;
      const crun = fkp.readUInt8(511);
      for (let j = 0; j < crun; j++) {
        const rgfc = fkp.readUInt32LE(j * 4), rgfcNext = fkp.readUInt32LE((j + 1) * 4);
        const bx = fkp.readUInt8((crun + 1) * 4 + j * 13) * 2;
        if (bx === 0) continue;
        const cb = fkp.readUInt8(bx);
        const papx = cb !== 0 ? fkp.subarray(bx + 1, bx + 2 * cb) : fkp.subarray(bx + 2, bx + 2 + 2 * fkp.readUInt8(bx + 1));
        let huge = -1;
        eachSprm(papx, 2, (sprm, at, size) => {
          if (sprm === SPRM_P_HUGE_PAPX && size === 4) {
            huge = papx.readUInt32LE(at);
            return false;
          }
        });
        if (huge < 0 || huge + 2 > data.length) continue;
        const grpprl = data.subarray(huge + 2, huge + 2 + data.readUInt16LE(huge));
        let rowEnd = false;
        eachSprm(grpprl, 0, (sprm, at) => {
          if (sprm === SPRM_P_F_TTP && grpprl.readUInt8(at) !== 0) {
            rowEnd = true;
            return false;
          }
        });
        if (rowEnd) fillByFilePos(this._pieces, rgfc, rgfcNext, "\\n");
      }
    }
  }
}

const reader = new BufferReader(Buffer.from(workerData.bytes));
reader
  .open()
  .then(() => new RowEndsExtractor().extract(reader))
  .then(
    // filterUnicode: false keeps the text as printed (by default curly quotes and dashes become ASCII).
    (doc) => parentPort.postMessage({ ok: true, body: doc.getBody({ filterUnicode: false }) }),
    (e) => parentPort.postMessage({ ok: false, error: String((e && e.message) || e) }),
  );
`;

const DEFAULT_HEAP_MB = 512;

type Reply = { ok: true; body: string } | { ok: false; error: string };

export function extractDocText(bytes: Uint8Array, o: DocTextOptions): Promise<string> {
  const modulePath = createRequire(import.meta.url).resolve("word-extractor");
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { bytes, modulePath },
    resourceLimits: { maxOldGenerationSizeMb: o.maxHeapMb ?? DEFAULT_HEAP_MB },
  });
  return new Promise<string>((resolve, reject) => {
    let settled = false;
    const settle = (f: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      void worker.terminate();
      f();
    };
    const deadline = setTimeout(() => settle(() => reject(new DocTextError(`word-extractor did not finish within ${o.timeoutMs} ms`, "timeout"))), o.timeoutMs);
    worker.on("message", (m: Reply) => settle(() => (m.ok ? resolve(m.body) : reject(new DocTextError(m.error, "unreadable")))));
    worker.on("error", (e: Error & { code?: string }) =>
      settle(() =>
        reject(
          e.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? new DocTextError("word-extractor ran out of memory on this file", "memory")
            : new DocTextError(e.message, "unreadable"),
        ),
      ),
    );
    worker.on("exit", (code) => settle(() => reject(new DocTextError(`word-extractor stopped (exit ${code}) without a result`, "unreadable"))));
  });
}
