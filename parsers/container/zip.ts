/**
 * The one ZIP reader (PKWARE APPNOTE; OOXML's container, ECMA-376 Part 2): the central directory
 * of a package, and named parts inflated with hard limits, because the bytes come from the web.
 * Sniffing (../sniff.ts) lists the directory of a file on disk through a ByteSource without
 * reading it whole; the DOCX reader opens its package from memory with ZipPackage.
 *
 * The central directory is read here rather than by fflate's `unzipSync`: that function inflates
 * every wanted entry into a buffer of the size the directory *declares*, and keeps decoding the
 * whole stream even when the declaration lies, so a few megabytes of crafted deflate cost seconds
 * of CPU. Here only the parts asked for are inflated (by fflate's streaming Inflate), in chunks,
 * and inflation stops as soon as a part outgrows its declared size or the package outgrows its
 * budget (the readers' limits, ../limits.ts: 5,000 entries, 16 MiB a part, 200 MiB a package).
 */
import { Inflate } from "fflate";
import { bufferSource, u16, u32, u64, type ByteSource } from "./source.js";

export interface ZipLimits {
  /** Most entries a package may list (Word writes 10–40; a few hundred with many images). */
  maxEntries: number;
  /** Most bytes the package may declare uncompressed, all entries together. */
  maxTotalBytes: number;
  /**
   * Most bytes of one part read out of it. The parts read are XML, which parses to several times
   * its size in memory; a real report's word/document.xml is 0.1–5 MB.
   */
  maxPartBytes: number;
}

/** The readers' defaults (../limits.ts maxZipEntries, maxZipTotalBytes, maxZipPartBytes), for callers without limits of their own. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 5_000, maxTotalBytes: 200 * 1024 * 1024, maxPartBytes: 16 * 1024 * 1024 };

/** Why a package could not be read: the caller words the error for its format. */
export class ZipError extends Error {
  constructor(
    message: string,
    readonly reason: "damaged" | "too-large" | "encrypted" | "unsupported",
  ) {
    super(message);
    this.name = "ZipError";
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** The end record is the last 22 bytes plus a comment of at most 65535. */
const EOCD_SEARCH = 22 + 65535;
/** Most bytes of central directory read (a directory of 5,000 long names is well under 1 MB). */
const MAX_DIRECTORY_BYTES = 16 * 1024 * 1024;
/** Input handed to the inflater per push: bounds one push's output to ~1032 × this (deflate's ceiling). */
const INFLATE_CHUNK = 16 * 1024;

/** "PK\3\4" opens a package; "PK\5\6" is an empty archive (some writers mix the two). */
export function isZip(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05) && (head[3] === 0x04 || head[3] === 0x06);
}

/** The central directory: entry name → entry. Throws ZipError when it is missing, damaged or over the limits. */
export function zipDirectory(src: ByteSource, limits: Pick<ZipLimits, "maxEntries" | "maxTotalBytes">): Map<string, ZipEntry> {
  const n = src.size;
  const tailStart = Math.max(0, n - EOCD_SEARCH);
  const tail = src.read(tailStart, n - tailStart);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (u32(tail, i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError("no end-of-central-directory record (truncated or not a zip)", "damaged");
  let count = u16(tail, eocd + 10);
  let dirOffset = u32(tail, eocd + 16);
  let dirEnd = tailStart + eocd;
  if (tailStart + eocd >= 20) {
    const locator = src.read(tailStart + eocd - 20, 20);
    if (u32(locator, 0) === EOCD64_LOCATOR) {
      const at = u64(locator, 8);
      const rec = at + 56 <= n ? src.read(at, 56) : new Uint8Array(0);
      if (u32(rec, 0) === EOCD64) {
        count = u64(rec, 32);
        dirOffset = u64(rec, 48);
        dirEnd = at;
      }
    }
  }
  if (count > limits.maxEntries) throw new ZipError(`the package lists ${count} entries (limit ${limits.maxEntries})`, "too-large");
  if (dirOffset > dirEnd) throw new ZipError("the central directory starts past its end record", "damaged");
  if (dirEnd - dirOffset > MAX_DIRECTORY_BYTES) throw new ZipError(`the central directory is over ${MAX_DIRECTORY_BYTES} bytes`, "too-large");
  const dir = src.read(dirOffset, dirEnd - dirOffset);
  const entries = new Map<string, ZipEntry>();
  let total = 0;
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > dir.length || u32(dir, p) !== CENTRAL) throw new ZipError(`central directory entry ${i} is unreadable`, "damaged");
    const flags = u16(dir, p + 8);
    const method = u16(dir, p + 10);
    let compressedSize = u32(dir, p + 20);
    let size = u32(dir, p + 24);
    const nameLen = u16(dir, p + 28);
    const extraLen = u16(dir, p + 30);
    const commentLen = u16(dir, p + 32);
    let localOffset = u32(dir, p + 42);
    if (p + 46 + nameLen + extraLen > dir.length) throw new ZipError(`central directory entry ${i} runs past the end of the file`, "damaged");
    const name = new TextDecoder("utf-8").decode(dir.subarray(p + 46, p + 46 + nameLen));
    // Zip64 extended information (APPNOTE 4.5.3): present fields replace those set to 0xFFFFFFFF, in this order.
    let x = p + 46 + nameLen;
    const xEnd = x + extraLen;
    while (x + 4 <= xEnd) {
      const id = u16(dir, x);
      const len = u16(dir, x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        const take = (): number => {
          const val = q + 8 <= x + 4 + len ? u64(dir, q) : NaN;
          q += 8;
          return val;
        };
        if (size === 0xffffffff) size = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localOffset === 0xffffffff) localOffset = take();
      }
      x += 4 + len;
    }
    if (![size, compressedSize, localOffset].every(Number.isFinite)) throw new ZipError(`entry ${name} has a broken zip64 record`, "damaged");
    total += size;
    if (total > limits.maxTotalBytes) {
      throw new ZipError(`the package declares more than ${limits.maxTotalBytes} bytes uncompressed`, "too-large");
    }
    entries.set(name, { name, method, flags, compressedSize, size, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * Names of the local file headers at the start of an archive: all a truncated download (no end
 * record) still tells of what it holds.
 */
export function localHeaderNames(head: Uint8Array): string[] {
  const names: string[] = [];
  let p = 0;
  while (p + 30 <= head.length && u32(head, p) === LOCAL) {
    const compressed = u32(head, p + 18);
    const nameLen = u16(head, p + 26);
    const extraLen = u16(head, p + 28);
    names.push(Buffer.from(head.subarray(p + 30, p + 30 + nameLen)).toString("utf8"));
    p += 30 + nameLen + extraLen + compressed;
  }
  return names;
}

/** A package whose parts are read by name, each inflated under the limits. */
export class ZipPackage {
  readonly entries: ReadonlyMap<string, ZipEntry>;
  private readonly src: ByteSource;

  constructor(
    bytes: Uint8Array | ByteSource,
    private readonly limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  ) {
    this.src = bytes instanceof Uint8Array ? bufferSource(bytes) : bytes;
    this.entries = zipDirectory(this.src, limits);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The part's bytes, or null when the package has no such part. */
  read(name: string): Uint8Array | null {
    const e = this.entries.get(name);
    if (!e) return null;
    if (e.flags & 0x1) throw new ZipError(`entry ${name} is encrypted`, "encrypted");
    if (e.size > this.limits.maxPartBytes) {
      throw new ZipError(`entry ${name} declares ${e.size} bytes (limit ${this.limits.maxPartBytes})`, "too-large");
    }
    const local = this.src.read(e.localOffset, 30);
    if (local.length < 30 || u32(local, 0) !== LOCAL) throw new ZipError(`entry ${name} has no local header`, "damaged");
    const start = e.localOffset + 30 + u16(local, 26) + u16(local, 28);
    const end = start + e.compressedSize;
    if (end > this.src.size) throw new ZipError(`entry ${name} runs past the end of the file`, "damaged");
    const data = this.src.read(start, e.compressedSize);
    if (e.method === 0) {
      if (e.compressedSize !== e.size) throw new ZipError(`stored entry ${name} has inconsistent sizes`, "damaged");
      return data;
    }
    if (e.method !== 8) throw new ZipError(`entry ${name} uses compression method ${e.method}`, "unsupported");
    return inflateBounded(data, e.size, name);
  }

  /** The part as UTF-8 text (OOXML parts are UTF-8 or UTF-16 with a BOM), or null when absent. */
  text(name: string): string | null {
    const b = this.read(name);
    if (!b) return null;
    if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder("utf-16le").decode(b.subarray(2));
    if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder("utf-16be").decode(b.subarray(2));
    return new TextDecoder("utf-8").decode(b);
  }
}

/** Inflate a raw deflate stream that must come to exactly `size` bytes, never holding more. */
function inflateBounded(data: Uint8Array, size: number, name: string): Uint8Array {
  const out = new Uint8Array(size);
  let got = 0;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    if (got + chunk.length > size) throw new ZipError(`entry ${name} inflates past its declared ${size} bytes`, "too-large");
    out.set(chunk, got);
    got += chunk.length;
    if (final) ended = true;
  });
  try {
    for (let i = 0; i < data.length; i += INFLATE_CHUNK) {
      inflater.push(data.subarray(i, i + INFLATE_CHUNK), i + INFLATE_CHUNK >= data.length);
    }
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (e) {
    if (e instanceof ZipError) throw e;
    throw new ZipError(`entry ${name} does not inflate (${(e as Error).message})`, "damaged");
  }
  if (!ended || got !== size) throw new ZipError(`entry ${name} inflates to ${got} bytes, not the declared ${size}`, "damaged");
  return out;
}
