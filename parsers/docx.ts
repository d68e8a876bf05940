/**
 * DOCX (Office Open XML WordprocessingML) → the format-neutral document.
 *
 * The package is opened with hard limits (./container/zip.ts), the main document part is found through
 * the package relationships (ECMA-376 Part 2 §9.3: Word sometimes names it word/document2.xml),
 * and its body is walked in order for paragraphs and tables (./docx/body.ts), with list numbers
 * rendered (./docx/numbering.ts) and every table laid out on Word's own grid (./docx/grid.ts).
 *
 * Why not mammoth for the body: mammoth drops w:gridBefore/w:gridAfter and legacy w:hMerge, so
 * its tables do not sit on Word's grid, and it does not print automatic list numbers, which
 * number most reports' headings. Reading paragraphs and tables in one walk keeps them in body
 * order without matching two readers' outputs. mammoth stays available as a cross-check
 * (`crossCheck: true`): it reads the same file independently, and any paragraph of its raw text
 * this reader did not see becomes a DOCX_TEXT_UNREAD warning, with mammoth's own messages
 * passed on. It is off by default: it unzips and walks the file a second time, which makes a read
 * three to four times slower (a report reads in 30–45 ms alone), and its messages are mostly
 * about HTML conversion (unknown styles), not about what we extract. Known difference: mammoth
 * reads hidden (w:vanish) text, which Word does not print and this reader leaves out.
 */
import mammoth from "mammoth";
import type { Block } from "./model/document.js";
import { NianbaoError } from "./model/errors.js";
import { note, type ReaderMessage } from "./model/notes.js";
import { result, type ReadResult } from "./model/result.js";
import { normaliseLine, readBody } from "./docx/body.js";
import { Numbering } from "./docx/numbering.js";
import { child, parseXml, root, type XNode } from "./docx/xml.js";
import { ZipError, ZipPackage } from "./container/zip.js";
import { resolveLimits, type LimitOptions } from "./limits.js";
import { wordContainer } from "./sniff.js";

export interface ReadDocxOptions {
  /**
   * The readers' limits (./limits.ts). DOCX holds the zip-bomb guards (maxZipEntries,
   * maxZipTotalBytes, maxZipPartBytes: 5,000 entries, 200 MiB, 16 MiB), maxDepth for its XML
   * (too-deep) and maxTableCells for its tables (too-many-cells).
   */
  limits?: LimitOptions;
  /** Also read the file with mammoth and warn about text it saw that this reader did not. */
  crossCheck?: boolean;
}

const OFFICE_DOCUMENT = /\/officeDocument$/;
const NUMBERING = /\/numbering$/;
const STYLES = /\/styles$/;

/** Parts that say which other Office format a package is, for the "not a Word document" message. */
const OTHER_OFFICE_FORMATS: readonly [string, string][] = [
  ["xl/workbook.xml", "an Excel workbook"],
  ["ppt/presentation.xml", "a PowerPoint presentation"],
  ["content.xml", "an OpenDocument file"],
];

function fail(message: string, context: Record<string, unknown>): NianbaoError {
  return new NianbaoError("PARSE_FAILED", "parse", message, context);
}

export async function readDocx(bytes: Uint8Array, options: ReadDocxOptions = {}): Promise<ReadResult> {
  if (bytes.length === 0) throw new NianbaoError("EMPTY_INPUT", "parse", "the DOCX is empty (no bytes)");
  const container = wordContainer(bytes);
  if (container === "ole-encrypted") throw fail("the document is password-protected", { reason: "encrypted" });
  if (container === "ole") {
    throw fail("not a DOCX: an OLE compound file (a Word 97–2003 .doc?)", { reason: "ole" });
  }

  const limits = resolveLimits(options.limits);
  const xml = (text: string) => parseXml(text, limits.maxDepth);
  let zip: ZipPackage;
  let docXml: string;
  let numbering: Numbering;
  let metaTitle: string | null = null;
  try {
    zip = new ZipPackage(bytes, { maxEntries: limits.maxZipEntries, maxTotalBytes: limits.maxZipTotalBytes, maxPartBytes: limits.maxZipPartBytes });
    const main = mainPart(zip, xml);
    const text = main ? zip.text(main) : null;
    if (!main || text === null) {
      const other = OTHER_OFFICE_FORMATS.find(([part]) => zip.has(part));
      throw fail(other ? `not a Word document: ${other[1]}` : "not a Word document", {
        reason: "not-word",
        entries: [...zip.entries.keys()].slice(0, 20),
      });
    }
    docXml = text;
    const rels = relationships(zip, relsPathOf(main), xml);
    const dir = main.slice(0, main.lastIndexOf("/") + 1);
    const partOf = (re: RegExp, fallback: string): string => {
      const t = rels.find((r) => re.test(r.type))?.target;
      return t ? resolvePart(dir, t) : `${dir}${fallback}`;
    };
    const numberingXml = zip.text(partOf(NUMBERING, "numbering.xml"));
    const stylesXml = zip.text(partOf(STYLES, "styles.xml"));
    numbering = new Numbering(numberingXml ? xml(numberingXml) : null, stylesXml ? xml(stylesXml) : null);
    metaTitle = coreTitle(zip, xml);
  } catch (e) {
    if (e instanceof NianbaoError) throw e;
    if (e instanceof ZipError) {
      if (e.reason === "too-large") throw fail(`the DOCX is too large to read safely: ${e.message}`, { reason: "too-large" });
      if (e.reason === "encrypted") throw fail("the document is password-protected", { reason: "encrypted" });
      throw fail(`the DOCX is damaged: ${e.message}`, { reason: e.reason });
    }
    throw fail(`the DOCX is damaged: ${(e as Error).message}`, { reason: "damaged" });
  }

  let document: XNode | undefined;
  try {
    document = root(xml(docXml));
  } catch (e) {
    if (e instanceof NianbaoError) throw e;
    throw fail(`the DOCX is damaged: its document part is not XML (${(e as Error).message})`, { reason: "damaged" });
  }
  if (!document || document.tag !== "w:document") {
    throw fail("not a Word document: the main part is not WordprocessingML", { reason: "not-word", root: document?.tag ?? null });
  }
  const body = child(document, "w:body");
  const { blocks, messages } = body ? readBody(body, numbering, limits) : { blocks: [] as Block[], messages: [] as ReaderMessage[] };
  if (options.crossCheck) messages.push(...(await crossCheck(bytes, blocks)));
  return result({ format: "docx", metaTitle, publishedAt: null, blocks, reader: { method: "ooxml" } }, messages);
}

interface Relationship {
  type: string;
  target: string;
}

function relsPathOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

type ParseXml = (text: string) => XNode[];

function relationships(zip: ZipPackage, relsPath: string, parse: ParseXml): Relationship[] {
  const xml = zip.text(relsPath);
  if (!xml) return [];
  const r = root(parse(xml));
  return (r?.children ?? [])
    .filter((n) => n.tag === "Relationship" && n.attrs["TargetMode"] !== "External")
    .map((n) => ({ type: n.attrs["Type"] ?? "", target: n.attrs["Target"] ?? "" }));
}

/** A relationship target, relative to the source part's folder or absolute from the package root. */
function resolvePart(dir: string, target: string): string {
  const parts = (target.startsWith("/") ? target.slice(1) : dir + target).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

/** The main document part named by the package relationships, else Word's usual name. */
function mainPart(zip: ZipPackage, parse: ParseXml): string | null {
  const target = relationships(zip, "_rels/.rels", parse).find((r) => OFFICE_DOCUMENT.test(r.type))?.target;
  const named = target ? resolvePart("", target) : null;
  if (named && zip.has(named)) return named;
  return zip.has("word/document.xml") ? "word/document.xml" : null;
}

/** dc:title of docProps/core.xml, when the author filled it in. */
function coreTitle(zip: ZipPackage, parse: ParseXml): string | null {
  const xml = zip.text("docProps/core.xml");
  if (!xml) return null;
  const title = child(root(parse(xml)) ?? { tag: "", attrs: {}, children: [], text: "" }, "dc:title");
  const text = normaliseLine((title?.children ?? []).map((c) => c.text).join(""));
  return text === "" ? null : text;
}

/** mammoth's raw text against ours: every paragraph it reads should be somewhere in our blocks. */
async function crossCheck(bytes: Uint8Array, blocks: Block[]): Promise<ReaderMessage[]> {
  const squeeze = (s: string): string => s.replace(/\s+/g, "");
  const ours = squeeze(
    blocks.map((b) => (b.type === "paragraph" ? b.text : b.rows.flatMap((row) => row.map((c) => c.text)).join("\n"))).join("\n"),
  );
  const messages: ReaderMessage[] = [];
  let result: Awaited<ReturnType<typeof mammoth.extractRawText>>;
  try {
    result = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  } catch (e) {
    return [note("MAMMOTH_FAILED", { error: (e as Error).message })];
  }
  for (const m of new Set(result.messages.map((m) => m.message))) {
    messages.push(note("MAMMOTH_MESSAGE", { detail: m }));
  }
  const unread = result.value
    .split(/\n+/)
    .map((p) => squeeze(p))
    .filter((p) => p !== "" && !ours.includes(p));
  if (unread.length > 0) {
    messages.push(note("DOCX_TEXT_UNREAD", { count: unread.length, samples: unread.slice(0, 5).map((t) => JSON.stringify(t.slice(0, 40))).join(", ") }));
  }
  return messages;
}
