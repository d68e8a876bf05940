/**
 * A pre-flight of a PDF's compressed streams, before pdf.js sees the file: every Flate stream is
 * inflated once, its output counted and dropped, and the file is refused (PARSE_FAILED,
 * too-large) when one stream or all of them together inflate past the limits (../limits.ts
 * maxPdfStreamBytes, maxPdfDecodedBytes).
 *
 * Why before: pdf.js decodes a stream whole into a typed array when a page asks for it, outside
 * the JavaScript heap, so neither a heap cap nor a worker's resourceLimits see it (issue 13: a
 * 4 MB file of one 4 GB deflate stream took 8.2 GB of RSS). Deflate expands at most ~1032:1, so
 * the bomb is in the inflating, and counting it costs what inflating costs: Node's zlib, with
 * its output capped at what the limits leave (a stream over it stops there).
 *
 * Streams are found by their keyword (PDF 32000-1 §7.3.8: a dictionary, "stream", an end of
 * line, the data), not through the cross-reference table, so a damaged table or a stream no page
 * uses is counted too (erring towards refusing). The data is read from the keyword to the end of
 * its deflate stream, not to "endstream" or /Length: either can lie. The filters are read from
 * the stream's dictionary when it is written out; a Flate stream inside ASCIIHex or ASCII85 is
 * unwrapped first, a Flate inside a Flate is inflated again. Not covered (docs/readers.md,
 * "Limits"): encrypted files (their streams inflate only after decryption), LZW streams, and the
 * rasters pdf.js makes from DCT/JPX/JBIG2 images.
 */
import zlib from "node:zlib";
import { NianbaoError } from "../model/errors.js";
import type { ReadLimits } from "../limits.js";

export interface StreamCount {
  /** Compressed streams inflated. */
  streams: number;
  /** Bytes they inflated to, all together. */
  decodedBytes: number;
}

const STREAM = Buffer.from("stream");
/** How far back from its keyword a stream's dictionary is looked for. */
const DICT_REACH = 64 * 1024;
/** Filters of one stream followed at most (a Flate inside a Flate inside …). */
const MAX_CHAIN = 4;
/**
 * Compressed streams inflated at most. Each costs a zlib call; a file of millions of tiny fake
 * streams would cost minutes of work no deadline can interrupt (the pre-flight is synchronous). A
 * 1,000-page report holds 5,000–20,000 streams.
 */
const MAX_STREAMS = 200_000;

type Filter = "flate" | "ahx" | "a85" | "other";

const FILTER_NAMES: Readonly<Record<string, Filter>> = {
  FlateDecode: "flate",
  Fl: "flate",
  ASCIIHexDecode: "ahx",
  AHx: "ahx",
  ASCII85Decode: "a85",
  A85: "a85",
};

export function preflightStreams(bytes: Uint8Array, limits: Pick<ReadLimits, "maxPdfStreamBytes" | "maxPdfDecodedBytes">): StreamCount {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let streams = 0;
  let total = 0;
  // Backward looks (the dictionary, the whitespace before a keyword) stop at the previous keyword,
  // so every byte is looked at a bounded number of times however the keywords are packed.
  let floor = 0;
  for (let at = buf.indexOf(STREAM); at >= 0; floor = at + STREAM.length, at = buf.indexOf(STREAM, floor)) {
    const start = dataStart(buf, at, floor);
    if (start < 0) continue;
    const filters = filtersOf(buf, at, floor);
    if (filters !== null && !filters.includes("flate")) continue; // written out, and nothing to inflate
    const budget = Math.min(limits.maxPdfStreamBytes, limits.maxPdfDecodedBytes - total);
    const decoded = decodedSize(buf.subarray(start), filters, budget + 1);
    if (decoded === null) continue;
    if (++streams > MAX_STREAMS) throw tooLarge(`the PDF holds more than ${MAX_STREAMS} compressed streams`, "streams", MAX_STREAMS, at);
    total += decoded;
    if (decoded > limits.maxPdfStreamBytes) throw tooLarge(`a stream at byte ${at} inflates to more than ${limits.maxPdfStreamBytes} bytes (limit maxPdfStreamBytes)`, "maxPdfStreamBytes", limits.maxPdfStreamBytes, at);
    if (total > limits.maxPdfDecodedBytes) throw tooLarge(`the PDF's streams inflate to more than ${limits.maxPdfDecodedBytes} bytes (limit maxPdfDecodedBytes)`, "maxPdfDecodedBytes", limits.maxPdfDecodedBytes, at);
  }
  return { streams, decodedBytes: total };
}

function tooLarge(message: string, limit: string, max: number, offset: number): NianbaoError {
  return new NianbaoError("PARSE_FAILED", "parse", `the PDF is too large to read safely: ${message}`, { reason: "too-large", limit, max, offset });
}

/** Where the data of a stream whose keyword is at `at` starts, or -1 when this is no stream keyword. */
function dataStart(buf: Buffer, at: number, floor: number): number {
  // "endstream" ends a stream; a keyword follows a dictionary's ">>" (whitespace between allowed).
  let p = at - 1;
  while (p > floor && isWhite(buf[p]!)) p--;
  if (p < floor + 1 || buf[p] !== 0x3e || buf[p - 1] !== 0x3e) return -1;
  const after = at + STREAM.length;
  if (buf[after] === 0x0d) return buf[after + 1] === 0x0a ? after + 2 : after + 1;
  if (buf[after] === 0x0a) return after + 1;
  return -1;
}

const isWhite = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00;

/**
 * The filters named in the dictionary before the keyword at `at`, in order, or null when they
 * cannot be told (the dictionary out of reach, or /Filter an indirect reference).
 */
function filtersOf(buf: Buffer, at: number, floor: number): Filter[] | null {
  const dict = dictionaryBefore(buf, at, floor);
  if (dict === null) return null;
  const m = /\/Filter\s*(\[[^\]]*\]|\/[^\s/\[\]<>()]+|\d+\s+\d+\s+R)/.exec(dict);
  if (!m) return [];
  const value = m[1]!;
  if (/R$/.test(value)) return null;
  return [...value.matchAll(/\/([^\s/\[\]<>()]+)/g)].map((n) => FILTER_NAMES[n[1]!] ?? "other");
}

/** The text of the dictionary that ends just before `at` ("<< … >>", nested ones counted), looked for back to `floor`, or null. */
function dictionaryBefore(buf: Buffer, at: number, since: number): string | null {
  let p = at - 1;
  while (p > since && isWhite(buf[p]!)) p--;
  const end = p + 1;
  const floor = Math.max(since, end - DICT_REACH);
  let depth = 0;
  for (; p > floor; p--) {
    if (buf[p] === 0x3e && buf[p - 1] === 0x3e) {
      depth++;
      p--;
    } else if (buf[p] === 0x3c && buf[p - 1] === 0x3c) {
      depth--;
      p--;
      if (depth === 0) return buf.toString("latin1", p, end);
    }
  }
  return null;
}

/**
 * What the stream's data decodes to through its filter chain, in bytes (every stage counted:
 * pdf.js keeps each stage's buffer), or null when it holds no compressed data after all. Counts
 * stop past `cap`. Unknown filters: zlib headers are sniffed, stage after stage.
 */
function decodedSize(data: Buffer, filters: Filter[] | null, cap: number): number | null {
  let current: Buffer = data;
  let counted: number | null = null;
  for (let stage = 0; stage < MAX_CHAIN; stage++) {
    const filter = filters ? filters[stage] : isZlib(current) ? "flate" : undefined;
    if (filter === undefined || filter === "other") break; // an image or crypt filter: what follows is not ours to count
    if (filter === "ahx") current = asciiHex(current);
    else if (filter === "a85") current = ascii85(current);
    else {
      const out = inflate(current, cap - (counted ?? 0));
      if (out === null) break;
      if (out === "over") return cap;
      counted = (counted ?? 0) + out.length;
      current = out;
    }
  }
  return counted;
}

/** zlib's two-byte header (RFC 1950 §2.2): deflate, a window of at most 32 KiB, the check bits. */
function isZlib(b: Uint8Array): boolean {
  if (b.length < 2) return false;
  const cmf = b[0]!;
  const flg = b[1]!;
  return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && ((cmf << 8) | flg) % 31 === 0;
}

/** The inflated bytes (a stream cut short counts what it gave), null when not zlib data, "over" past `cap`. */
function inflate(data: Buffer, cap: number): Buffer | null | "over" {
  if (!isZlib(data)) return null;
  try {
    return zlib.inflateSync(data, { maxOutputLength: Math.max(1, cap), finishFlush: zlib.constants.Z_SYNC_FLUSH });
  } catch (e) {
    if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") return "over";
    return null; // damaged data: pdf.js will say so, or read what it can
  }
}

/** ASCIIHexDecode (§7.4.2) up to its ">" end marker. */
function asciiHex(data: Buffer): Buffer {
  const end = data.indexOf(0x3e);
  const hex = data.toString("latin1", 0, end < 0 ? data.length : end).replace(/[^0-9a-fA-F]/g, "");
  return Buffer.from(hex.length % 2 ? `${hex}0` : hex, "hex");
}

/** ASCII85Decode (§7.4.3) up to its "~>" end marker. */
function ascii85(data: Buffer): Buffer {
  const end = data.indexOf("~>");
  const stop = end < 0 ? data.length : end;
  const out = Buffer.allocUnsafe(stop * 4 + 8); // "z" is one character for four bytes; pages are touched only as written
  let n = 0;
  let v = 0;
  let k = 0;
  for (let i = 0; i < stop; i++) {
    const c = data[i]!;
    if (c === 0x7a && k === 0) {
      out.writeUInt32BE(0, n); // "z": four zero bytes
      n += 4;
      continue;
    }
    if (c < 33 || c > 117) continue; // whitespace and stray bytes
    v = v * 85 + (c - 33);
    if (++k === 5) {
      out.writeUInt32BE(v >>> 0, n);
      n += 4;
      v = 0;
      k = 0;
    }
  }
  if (k > 1) {
    const have = k;
    for (; k < 5; k++) v = v * 85 + 84;
    out.writeUInt32BE(v >>> 0, n);
    n += have - 1;
  }
  return out.subarray(0, n);
}
