/**
 * Reading named parts out of a ZIP package (OOXML's container, ECMA-376 Part 2 / PKWARE APPNOTE)
 * with hard limits, because the bytes come from the web.
 *
 * The central directory is read here rather than by fflate's `unzipSync`: that function inflates
 * every wanted entry into a buffer of the size the directory *declares*, and keeps decoding the
 * whole stream even when the declaration lies, so a few megabytes of crafted deflate cost seconds
 * of CPU. Here only the parts asked for are inflated, in chunks, and inflation stops as soon as
 * a part outgrows its declared size or the package outgrows its budget.
 */
import { Inflate } from "fflate";

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

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 5_000, maxTotalBytes: 200 * 1024 * 1024, maxPartBytes: 64 * 1024 * 1024 };

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
/** Input handed to the inflater per push: bounds one push's output to ~1032 × this (deflate's ceiling). */
const INFLATE_CHUNK = 16 * 1024;

export class ZipPackage {
  readonly entries: ReadonlyMap<string, ZipEntry>;
  private readonly view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.entries = this.readDirectory(limits);
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
    const v = this.view;
    if (e.localOffset + 30 > this.bytes.length || v.getUint32(e.localOffset, true) !== LOCAL) {
      throw new ZipError(`entry ${name} has no local header`, "damaged");
    }
    const start = e.localOffset + 30 + v.getUint16(e.localOffset + 26, true) + v.getUint16(e.localOffset + 28, true);
    const end = start + e.compressedSize;
    if (end > this.bytes.length) throw new ZipError(`entry ${name} runs past the end of the file`, "damaged");
    const data = this.bytes.subarray(start, end);
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

  private readDirectory(limits: ZipLimits): Map<string, ZipEntry> {
    const v = this.view;
    const n = this.bytes.length;
    // The end-of-central-directory record is the last 22 bytes plus a comment of at most 65535.
    let eocd = -1;
    for (let i = n - 22; i >= 0 && i >= n - 22 - 65535; i--) {
      if (v.getUint32(i, true) === EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new ZipError("no end-of-central-directory record (truncated or not a zip)", "damaged");
    let count = v.getUint16(eocd + 10, true);
    let dirOffset = v.getUint32(eocd + 16, true);
    if (eocd >= 20 && v.getUint32(eocd - 20, true) === EOCD64_LOCATOR) {
      const at = Number(v.getBigUint64(eocd - 12, true));
      if (at + 56 <= n && v.getUint32(at, true) === EOCD64) {
        count = Number(v.getBigUint64(at + 32, true));
        dirOffset = Number(v.getBigUint64(at + 48, true));
      }
    }
    if (count > limits.maxEntries) throw new ZipError(`the package lists ${count} entries (limit ${limits.maxEntries})`, "too-large");
    const entries = new Map<string, ZipEntry>();
    let total = 0;
    let p = dirOffset;
    for (let i = 0; i < count; i++) {
      if (p + 46 > n || v.getUint32(p, true) !== CENTRAL) throw new ZipError(`central directory entry ${i} is unreadable`, "damaged");
      const flags = v.getUint16(p + 8, true);
      const method = v.getUint16(p + 10, true);
      let compressedSize = v.getUint32(p + 20, true);
      let size = v.getUint32(p + 24, true);
      const nameLen = v.getUint16(p + 28, true);
      const extraLen = v.getUint16(p + 30, true);
      const commentLen = v.getUint16(p + 32, true);
      let localOffset = v.getUint32(p + 42, true);
      if (p + 46 + nameLen + extraLen > n) throw new ZipError(`central directory entry ${i} runs past the end of the file`, "damaged");
      const name = new TextDecoder("utf-8").decode(this.bytes.subarray(p + 46, p + 46 + nameLen));
      // Zip64 extended information (APPNOTE 4.5.3): present fields replace those set to 0xFFFFFFFF, in this order.
      let x = p + 46 + nameLen;
      const xEnd = x + extraLen;
      while (x + 4 <= xEnd) {
        const id = v.getUint16(x, true);
        const len = v.getUint16(x + 2, true);
        if (id === 0x0001) {
          let q = x + 4;
          const take = (): number => {
            const val = q + 8 <= x + 4 + len ? Number(v.getBigUint64(q, true)) : NaN;
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
