/**
 * Bytes → text, for every text-bearing format (txt, md, html). Order of evidence, strongest first
 * (issue 2, shared/spec/crawling.md): a byte-order mark, then a charset declared in the document
 * (<meta>, for HTML), then the HTTP Content-Type header when the crawler has one, then valid UTF-8,
 * then GB18030. gb2312 and gbk are read as gb18030, their superset: pages that declare gb2312
 * routinely use characters outside it.
 */
import { isUtf8 } from "node:buffer";
import iconv from "iconv-lite";
import { NianbaoError } from "./model/errors.js";
import { note, type ReaderMessage } from "./model/notes.js";

export interface Decoded {
  text: string;
  /** The encoding used, normalised ("utf-8", "gb18030", "utf-16le", …). */
  encoding: string;
  /** How the encoding was chosen. */
  evidence: "bom" | "meta" | "header" | "utf8-valid" | "guess";
  messages: ReaderMessage[];
}

/**
 * Text a caller decoded already, with the encoding it used: the crawler decodes a page by the
 * HTTP evidence (src/crawl/http/decode-body.ts) before it judges it, and hands the readers that
 * text, so a page is decoded once.
 */
export interface DecodedText {
  text: string;
  encoding: string;
}

/** What the text readers take: the bytes, or text decoded already. */
export type TextInput = Uint8Array | DecodedText;

export interface DecodeOptions {
  /** The HTTP Content-Type header, when the bytes came from the web. */
  contentType?: string | null;
  /** Look for <meta charset> / <meta http-equiv> in the first bytes (HTML only). */
  sniffMeta?: boolean;
}

const ALIASES: Record<string, string> = {
  gb2312: "gb18030",
  gbk: "gb18030",
  "x-gbk": "gb18030",
  gb_2312: "gb18030",
  "gb_2312-80": "gb18030",
  cp936: "gb18030",
  "windows-936": "gb18030",
  gb18030: "gb18030",
  utf8: "utf-8",
  "utf-8": "utf-8",
  big5: "big5",
  "utf-16": "utf-16le",
  "utf-16le": "utf-16le",
  "utf-16be": "utf-16be",
};

export function normaliseCharset(name: string | null | undefined): string | null {
  if (!name) return null;
  const k = name.trim().toLowerCase().replace(/^["']|["']$/g, "");
  if (k in ALIASES) return ALIASES[k] ?? null;
  return iconv.encodingExists(k) ? k : null;
}

function charsetFromContentType(ct: string | null | undefined): string | null {
  if (!ct) return null;
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(ct);
  return normaliseCharset(m?.[1]);
}

/** A <meta> charset within the first 4 KiB, read as ASCII (all charsets we meet are ASCII-compatible). */
export function charsetFromMeta(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString("latin1");
  const m =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ?? /<meta[^>]+content\s*=\s*["'][^"']*charset=([\w.:-]+)/i.exec(head);
  return normaliseCharset(m?.[1]);
}

function bom(bytes: Uint8Array): { encoding: string; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", skip: 2 };
  return null;
}

/**
 * Share of control bytes (other than tab, CR, LF, FF, ESC) in the first 8 KiB: text has none,
 * images, archives and office files have many.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  if (n === 0) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 27) control++;
  }
  return control / n > 0.02;
}

/** How a text file is to be decoded (decodeText without the decoding): the encoding, the evidence, the BOM to skip. */
interface EncodingChoice {
  encoding: string;
  evidence: Decoded["evidence"];
  /** Bytes of byte-order mark before the text. */
  skip: number;
  messages: ReaderMessage[];
}

function chooseEncoding(bytes: Uint8Array, options: DecodeOptions = {}): EncodingChoice {
  const messages: ReaderMessage[] = [];
  const b = bom(bytes);
  if (b) return { encoding: b.encoding, evidence: "bom", skip: b.skip, messages };
  if (looksBinary(bytes)) {
    throw new NianbaoError("BINARY_INPUT", "read", "the file holds binary data, not text (control bytes in the first 8 KiB)");
  }
  const declared = options.sniffMeta ? charsetFromMeta(bytes) : null;
  const header = charsetFromContentType(options.contentType);
  const utf8 = isUtf8(bytes);
  // A declaration is trusted unless it says UTF-8 over bytes that are not: then the page lies,
  // which government CMS pages exported from old templates do.
  for (const [enc, evidence] of [
    [declared, "meta"],
    [header, "header"],
  ] as const) {
    if (!enc) continue;
    if (enc === "utf-8" && !utf8) {
      messages.push(note("CHARSET_MISMATCH", { declared: "utf-8", evidence, used: "gb18030" }));
      return { encoding: "gb18030", evidence: "guess", skip: 0, messages };
    }
    return { encoding: enc, evidence, skip: 0, messages };
  }
  if (utf8) return { encoding: "utf-8", evidence: "utf8-valid", skip: 0, messages };
  messages.push(note("CHARSET_GUESSED"));
  return { encoding: "gb18030", evidence: "guess", skip: 0, messages };
}

/** Bytes (no byte-order mark) in a chosen encoding → text. */
function decodeWith(bytes: Uint8Array, encoding: string): string {
  if (encoding === "utf-8") return new TextDecoder("utf-8").decode(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
}

export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): Decoded {
  const c = chooseEncoding(bytes, options);
  return { text: decodeWith(bytes.subarray(c.skip), c.encoding), encoding: c.encoding, evidence: c.evidence, messages: c.messages };
}

/** A text's lines, 1-based, each decoded when it is asked for. */
export interface TextLines {
  readonly count: number;
  line(n: number): string;
}

/**
 * The lines of a text as decodeText decodes it (the same encoding choice), split at CRLF, LF or
 * CR, without decoding it whole. In an ASCII-compatible encoding (UTF-8, GB18030 and the other CJK
 * ones) a line break byte is never part of a character, so the line starts are found in the bytes
 * and a line is decoded when it is asked for (the audit page's snippets want five lines of a
 * source; decoding each source whole again was a sixth of writing a run's dataset, issue 10).
 * UTF-16 is decoded whole. Throws as decodeText does.
 */
export function textLines(bytes: Uint8Array, options: DecodeOptions = {}): TextLines {
  const c = chooseEncoding(bytes, options);
  if (c.encoding.startsWith("utf-16") || c.encoding.startsWith("utf-32")) {
    const all = decodeWith(bytes.subarray(c.skip), c.encoding).split(/\r\n|\n|\r/);
    return { count: all.length, line: (n) => all[n - 1] ?? "" };
  }
  const body = bytes.subarray(c.skip);
  const starts: number[] = [0];
  const ends: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const b = body[i];
    if (b !== 0x0a && b !== 0x0d) continue;
    ends.push(i);
    if (b === 0x0d && body[i + 1] === 0x0a) i++;
    starts.push(i + 1);
  }
  ends.push(body.length);
  return { count: starts.length, line: (n) => decodeWith(body.subarray(starts[n - 1]!, ends[n - 1]!), c.encoding) };
}

/** Decode the input unless it is text already (then its encoding was the caller's evidence). */
export function decodeInput(input: TextInput, options: DecodeOptions = {}): Decoded {
  if (input instanceof Uint8Array) return decodeText(input, options);
  return { text: input.text.replace(/^\uFEFF/, ""), encoding: input.encoding, evidence: "header", messages: [] };
}
