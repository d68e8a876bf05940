/**
 * Minimal DOCX packages built in memory (fflate's zipSync), named by the feature they test:
 * the smallest WordprocessingML that Word and LibreOffice open, with the table markup written
 * out by hand so each test says exactly which w:gridSpan / w:vMerge / w:hMerge / w:gridBefore it
 * exercises.
 */
import { strToU8, zipSync, type Zippable } from "fflate";

const W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
const REL_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering";
const REL_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A run of text; "\t" and "\n" become w:tab and w:br, as Word writes them. */
export function run(text: string, rPr = ""): string {
  const parts = text.split(/(\t|\n)/).filter((s) => s !== "");
  const inner = parts.map((s) => (s === "\t" ? "<w:tab/>" : s === "\n" ? "<w:br/>" : `<w:t xml:space="preserve">${esc(s)}</w:t>`)).join("");
  return `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ""}${inner}</w:r>`;
}

/** A paragraph; `text` may be a string or pre-built run XML (when it starts with "<"). */
export function p(text = "", pPr = ""): string {
  const content = text.startsWith("<") ? text : text === "" ? "" : run(text);
  return `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ""}${content}</w:p>`;
}

export interface CellSpec {
  /** Text, one paragraph per array item. */
  text?: string | string[];
  span?: number;
  /** "restart", "continue", or "" for the element without a value (continue). */
  vMerge?: "restart" | "continue" | "";
  hMerge?: "restart" | "continue" | "";
  /** Raw XML placed in the cell after its paragraphs (a nested table, say). */
  extra?: string;
}

function mergeXml(tag: string, v: "restart" | "continue" | "" | undefined): string {
  if (v === undefined) return "";
  return v === "" ? `<w:${tag}/>` : `<w:${tag} w:val="${v}"/>`;
}

export function tc(cell: CellSpec | string): string {
  const c: CellSpec = typeof cell === "string" ? { text: cell } : cell;
  const texts = Array.isArray(c.text) ? c.text : [c.text ?? ""];
  const tcPr = `${c.span && c.span > 1 ? `<w:gridSpan w:val="${c.span}"/>` : ""}${mergeXml("hMerge", c.hMerge)}${mergeXml("vMerge", c.vMerge)}`;
  return `<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/>${tcPr}</w:tcPr>${texts.map((t) => p(t)).join("")}${c.extra ?? ""}</w:tc>`;
}

export interface RowSpec {
  cells: (CellSpec | string)[];
  before?: number;
  after?: number;
}

export function tr(row: RowSpec | (CellSpec | string)[]): string {
  const r: RowSpec = Array.isArray(row) ? { cells: row } : row;
  const trPr = `${r.before ? `<w:gridBefore w:val="${r.before}"/>` : ""}${r.after ? `<w:gridAfter w:val="${r.after}"/>` : ""}`;
  return `<w:tr>${trPr ? `<w:trPr>${trPr}</w:trPr>` : ""}${r.cells.map(tc).join("")}</w:tr>`;
}

/** A table on a grid of `columns` equal columns. */
export function tbl(columns: number, rows: (RowSpec | (CellSpec | string)[])[]): string {
  const grid = Array.from({ length: columns }, () => `<w:gridCol w:w="1000"/>`).join("");
  return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>${grid}</w:tblGrid>${rows.map(tr).join("")}</w:tbl>`;
}

export function documentXml(body: string, prefix = "w"): string {
  const xml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<w:document xmlns:w="${W_NS}" xmlns:r="${R_NS}"><w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`;
  return prefix === "w" ? xml : xml.replace(/<(\/?)w:/g, `<$1${prefix}:`).replace(/ w:/g, ` ${prefix}:`).replace(`xmlns:w=`, `xmlns:${prefix}=`);
}

export interface PackageOptions {
  /** Where the main part lives (Word sometimes writes word/document2.xml). */
  mainPart?: string;
  numbering?: string;
  styles?: string;
  title?: string;
  /** Extra or replacement parts, by name; null removes a part. */
  parts?: Record<string, string | Uint8Array | null>;
}

export function docxPackage(documentPartXml: string, o: PackageOptions = {}): Uint8Array {
  const main = o.mainPart ?? "word/document.xml";
  const dir = main.slice(0, main.lastIndexOf("/") + 1);
  const name = main.slice(main.lastIndexOf("/") + 1);
  const docRels = [
    o.numbering ? `<Relationship Id="rId1" Type="${REL_NUMBERING}" Target="numbering.xml"/>` : "",
    o.styles ? `<Relationship Id="rId2" Type="${REL_STYLES}" Target="styles.xml"/>` : "",
  ].join("");
  const files: Record<string, string | Uint8Array | null> = {
    "[Content_Types].xml":
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/${main}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
      (o.numbering ? `<Override PartName="/${dir}numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>` : "") +
      (o.styles ? `<Override PartName="/${dir}styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` : "") +
      `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`,
    "_rels/.rels":
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${REL_DOC}" Target="${main}"/>` +
      `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
    [`${dir}_rels/${name}.rels`]: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${docRels}</Relationships>`,
    [main]: documentPartXml,
    "docProps/core.xml":
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
      `<dc:title>${esc(o.title ?? "")}</dc:title></cp:coreProperties>`,
  };
  if (o.numbering) files[`${dir}numbering.xml`] = o.numbering;
  if (o.styles) files[`${dir}styles.xml`] = o.styles;
  Object.assign(files, o.parts ?? {});
  const zippable: Zippable = {};
  for (const [k, v] of Object.entries(files)) if (v !== null) zippable[k] = typeof v === "string" ? strToU8(v) : v;
  return zipSync(zippable, { level: 6 });
}

/** A DOCX whose body is the given paragraphs and tables. */
export function docx(body: string, o: PackageOptions = {}): Uint8Array {
  return docxPackage(documentXml(body), o);
}

/** numbering.xml with one abstract list: one level per entry of `levels` (format, level text). */
export function numberingXml(levels: [format: string, text: string, suffix?: string][], numIds = ["1"]): string {
  const lvls = levels
    .map(([fmt, text, suff], i) => `<w:lvl w:ilvl="${i}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/>${suff ? `<w:suff w:val="${suff}"/>` : ""}<w:lvlText w:val="${text}"/></w:lvl>`)
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering xmlns:w="${W_NS}"><w:abstractNum w:abstractNumId="0">${lvls}</w:abstractNum>` +
    numIds.map((id) => `<w:num w:numId="${id}"><w:abstractNumId w:val="0"/></w:num>`).join("") +
    `</w:numbering>`
  );
}

export function numPr(numId: string, ilvl = 0): string {
  return `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`;
}

/**
 * The bytes of an OLE compound file (MS-CFB) as Office writes a password-protected OOXML file:
 * the signature, and directory entries naming the EncryptionInfo and EncryptedPackage streams in
 * UTF-16LE (MS-OFFCRYPTO §2.3.4.1). Only what a reader needs to recognise it is real.
 */
export function encryptedOoxml(): Uint8Array {
  const out = new Uint8Array(4096);
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  oleHeader(out, 1);
  const dirEntry = (name: string, at: number): void => {
    const b = Buffer.from(`${name}\0`, "utf16le");
    out.set(b, at);
    out[at + 64] = b.length; // name length in bytes, terminator included
    out[at + 66] = 2; // stream object
  };
  dirEntry("Root Entry", 1024);
  dirEntry("EncryptionInfo", 1024 + 128);
  dirEntry("EncryptedPackage", 1024 + 256);
  return out;
}

/**
 * An OLE compound file signature followed by random bytes: a "DOC" nothing can open. With
 * `wordStream`, the bytes also name a WordDocument stream, so the file passes the first check and
 * reaches the converter.
 */
export function garbageOle(size = 8192, seed = 7, wordStream = false): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  if (wordStream) {
    // A header that points at a directory sector naming the stream (the FAT stays garbage).
    oleHeader(out, 1);
    const name = Buffer.from("WordDocument\0", "utf16le");
    out.set(name, 1024);
    out[1024 + 64] = name.length;
    out[1024 + 65] = 0;
  }
  return out;
}

/** The header fields a reader of the directory needs (MS-CFB §2.2): 512-byte sectors, no FAT, the first directory sector. */
function oleHeader(out: Uint8Array, directorySector: number): void {
  const v = new DataView(out.buffer, out.byteOffset, out.byteLength);
  v.setUint16(0x1e, 9, true);
  v.setUint32(0x2c, 0, true);
  v.setUint32(0x30, directorySector, true);
}

/**
 * A small report in the shape of the 2021 template, one table per merge kind: table 二 with rows
 * that start late (gridBefore) under gridSpan headers, table 三 with vMerge, table 四 with a legacy
 * hMerge header. test/fixtures/doc/merged-tables.doc is this document saved by LibreOffice as
 * Word 97 (see test/fixtures/doc/README.md).
 */
export function mergedTablesReport(): Uint8Array {
  const body = [
    p("某某县某某局2023年政府信息公开工作年度报告"),
    p("一、总体情况"),
    p("本机关严格落实条例要求，全年主动公开信息120条。"),
    p("二、主动公开政府信息情况"),
    tbl(5, [
      [{ text: "第二十条第（一）项", span: 5 }],
      [{ text: "信息内容", span: 2 }, "本年制发件数", "本年废止件数", "现行有效件数"],
      { before: 1, cells: ["规章", "2", "1", "5"] },
      { before: 1, cells: ["行政规范性文件", "10", "3", "40"] },
      [{ text: "第二十条第（五）项", span: 5 }],
      [{ text: "信息内容", span: 2 }, { text: "本年处理决定数量", span: 3 }],
      { before: 1, cells: ["行政许可", { text: "97", span: 3 }] },
    ]),
    p("三、收到和处理政府信息公开申请情况"),
    tbl(4, [
      [{ text: "（本列数据的勾稽关系）", span: 2, vMerge: "restart" }, { text: "申请人情况", span: 2 }],
      [{ span: 2, vMerge: "continue" }, "自然人", "总计"],
      [{ text: "三、本年度办理结果", vMerge: "restart" }, "（一）予以公开", "5", "6"],
      [{ vMerge: "" }, "（二）部分公开", "1", "2"],
    ]),
    p("四、政府信息公开行政复议、行政诉讼情况"),
    tbl(6, [
      [
        { text: "行政复议", hMerge: "restart" },
        { hMerge: "continue" },
        { hMerge: "continue" },
        { text: "行政诉讼", hMerge: "restart" },
        { hMerge: "continue" },
        { hMerge: "continue" },
      ],
      ["结果维持", "结果纠正", "总计", "结果维持", "结果纠正", "总计"],
      ["3", "1", "4", "2", "0", "2"],
    ]),
    p("五、存在的主要问题及改进情况"),
    p("无。"),
  ].join("");
  return docx(body, { title: "某某县某某局2023年政府信息公开工作年度报告" });
}
