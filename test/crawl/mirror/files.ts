/**
 * The bytes the mirror serves as reports and attachments: the project's own sample renditions
 * (samples/, read at start), made distinct per report where the mirror needs several different
 * files of one format, and a few hand-built stand-ins (WPS, XLS, OFD) and trap files.
 *
 * Why variants: a correct crawler keys documents by content hash, so two agencies' reports must
 * not share bytes. A PDF variant appends one comment line after %%EOF (PDF readers, pdf.js and ours
 * included, read the last startxref and ignore trailing comments); a DOCX variant sets the zip
 * comment of the end-of-central-directory record (every zip reader accepts it). Both still parse
 * as the sample they came from.
 */
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { zipStore } from "../../support/zip.js";

export const DEFAULT_SAMPLES_DIR = fileURLToPath(new URL("../../../samples/", import.meta.url));

export interface Samples {
  mengjinHtml: string;
  mengjinPdf: Buffer;
  mengjinDocx: Buffer;
  mengjinDoc: Buffer;
  countyTxt: string;
  countyPdf: Buffer;
  countyDocx: Buffer;
  countyDoc: Buffer;
}

export function readSamples(dir = DEFAULT_SAMPLES_DIR): Samples {
  const d = dir.endsWith("/") ? dir : `${dir}/`;
  const read = (name: string): Buffer => readFileSync(`${d}${name}`);
  return {
    mengjinHtml: read("mengjin-czj-2022.html").toString("utf8"),
    mengjinPdf: read("mengjin-czj-2022.pdf"),
    mengjinDocx: read("mengjin-czj-2022.docx"),
    mengjinDoc: read("mengjin-czj-2022.doc"),
    countyTxt: read("sample-county-2023.txt").toString("utf8"),
    countyPdf: read("sample-county-2023.pdf"),
    countyDocx: read("sample-county-2023.docx"),
    countyDoc: read("sample-county-2023.doc"),
  };
}

export const sha256 = (b: Buffer): string => createHash("sha256").update(b).digest("hex");

/** The same PDF with one comment line after %%EOF: different bytes, same document. */
export function pdfVariant(pdf: Buffer, tag: string): Buffer {
  if (pdf.subarray(0, 5).toString("latin1") !== "%PDF-") throw new Error("pdfVariant: not a PDF");
  const tail = pdf.subarray(-8).toString("latin1");
  const sep = tail.endsWith("\n") ? "" : "\n";
  return Buffer.concat([pdf, Buffer.from(`${sep}%nianbao-mirror ${tag}\n`, "latin1")]);
}

/** The same zip (DOCX, OFD) with an archive comment: different bytes, same entries. */
export function zipVariant(zip: Buffer, tag: string): Buffer {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 !== zip.length) throw new Error("zipVariant: no bare end-of-central-directory record at the end");
  const comment = Buffer.from(`nianbao-mirror ${tag}`, "latin1");
  const out = Buffer.concat([zip, comment]);
  out.writeUInt16LE(comment.length, eocd + 20);
  return out;
}

/**
 * A minimal OLE compound file (CFB v3, 512-byte sectors) holding one stream: what .doc, .wps
 * and .xls files are made of. `streamName` says what it claims to be ("WordDocument" for a WPS
 * stand-in, "Workbook" for an XLS one). The stream is padded to 4096 bytes so it lives in the
 * regular FAT (no mini stream). A stand-in: the magic and the directory are real, the content is text.
 */
export function oleFile(streamName: string, content: string): Buffer {
  const SECTOR = 512;
  const END = 0xfffffffe;
  const FREE = 0xffffffff;
  const FATSECT = 0xfffffffd;
  const NOSTREAM = 0xffffffff;
  const data = Buffer.alloc(Math.max(4096, Math.ceil(Buffer.byteLength(content, "utf16le") / SECTOR) * SECTOR));
  data.write(content, 0, "utf16le");
  const dataSectors = data.length / SECTOR;
  if (dataSectors + 2 > 128) throw new Error("oleFile: content too large for one FAT sector");

  const header = Buffer.alloc(SECTOR, 0);
  Buffer.from("d0cf11e0a1b11ae1", "hex").copy(header, 0);
  header.writeUInt16LE(0x003e, 24); // minor version
  header.writeUInt16LE(0x0003, 26); // major version 3
  header.writeUInt16LE(0xfffe, 28); // byte order
  header.writeUInt16LE(9, 30); // sector shift: 512
  header.writeUInt16LE(6, 32); // mini sector shift: 64
  header.writeUInt32LE(0, 40); // directory sectors (0 in v3)
  header.writeUInt32LE(1, 44); // FAT sectors
  header.writeUInt32LE(1, 48); // first directory sector
  header.writeUInt32LE(0, 52); // transaction signature
  header.writeUInt32LE(4096, 56); // mini stream cutoff
  header.writeUInt32LE(END, 60); // first mini FAT sector
  header.writeUInt32LE(0, 64); // mini FAT sectors
  header.writeUInt32LE(END, 68); // first DIFAT sector
  header.writeUInt32LE(0, 72); // DIFAT sectors
  header.writeUInt32LE(0, 76); // DIFAT[0]: the FAT is sector 0
  for (let i = 1; i < 109; i++) header.writeUInt32LE(FREE, 76 + i * 4);

  const fat = Buffer.alloc(SECTOR, 0xff);
  fat.writeUInt32LE(FATSECT, 0);
  fat.writeUInt32LE(END, 4); // directory: one sector
  for (let i = 0; i < dataSectors; i++) fat.writeUInt32LE(i === dataSectors - 1 ? END : 2 + i + 1, (2 + i) * 4);

  const dir = Buffer.alloc(SECTOR, 0);
  const entry = (index: number, name: string, type: number, child: number, start: number, size: number): void => {
    const o = index * 128;
    dir.write(name, o, "utf16le");
    dir.writeUInt16LE((name.length + 1) * 2, o + 64);
    dir.writeUInt8(type, o + 66);
    dir.writeUInt8(1, o + 67); // black
    dir.writeUInt32LE(NOSTREAM, o + 68); // left sibling
    dir.writeUInt32LE(NOSTREAM, o + 72); // right sibling
    dir.writeUInt32LE(child, o + 76);
    dir.writeUInt32LE(start, o + 116);
    dir.writeUInt32LE(size, o + 120);
  };
  entry(0, "Root Entry", 5, 1, END, 0);
  entry(1, streamName, 2, NOSTREAM, 2, data.length);
  for (let i = 2; i < 4; i++) {
    const o = i * 128;
    dir.writeUInt32LE(NOSTREAM, o + 68);
    dir.writeUInt32LE(NOSTREAM, o + 72);
    dir.writeUInt32LE(NOSTREAM, o + 76);
  }
  return Buffer.concat([header, fat, dir, data]);
}

/** A minimal OFD package (a zip whose root holds OFD.xml), standing in for a 版式 document. */
export function ofdFile(title: string): Buffer {
  const enc = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, "utf8"));
  const ofdXml = `<?xml version="1.0" encoding="UTF-8"?>
<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>nianbao-mirror</ofd:DocID><ofd:Title>${title}</ofd:Title></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>
`;
  const docXml = `<?xml version="1.0" encoding="UTF-8"?>
<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData><ofd:MaxUnitID>1</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages/></ofd:Document>
`;
  return Buffer.from(
    zipStore([
      { name: "OFD.xml", data: enc(ofdXml) },
      { name: "Doc_0/Document.xml", data: enc(docXml) },
    ]),
  );
}

/** A file that starts like a PDF and is `bytes` long: over any sensible size cap. */
export function oversizePdf(bytes: number): Buffer {
  const head = Buffer.from("%PDF-1.4\n%nianbao-mirror oversize attachment: only its size matters\n", "latin1");
  const out = Buffer.alloc(Math.max(bytes, head.length), "% padding padding padding padding padding padding padding padding\n", "latin1");
  head.copy(out, 0);
  return out;
}
