/**
 * A minimal zip writer for the samples and the tests' fixtures: STORE method only (no compression), fixed timestamps, entries
 * in the order given, so the same entries always give the same bytes. Enough for OOXML packages
 * (Word, LibreOffice and every zip reader accept stored entries); not a general-purpose zip library.
 *
 * Layout (APPNOTE.TXT 6.3): for each entry a local file header and its data; then the central
 * directory (one header per entry); then the end-of-central-directory record. No zip64, no data
 * descriptors, no extra fields, no comments. Reading goes through the project's one ZIP reader.
 * Test support, also used by the sample generators in scripts/.
 */
import { ZipPackage } from "../../parsers/container/zip.js";

export interface ZipEntry {
  /** Path inside the archive, "/"-separated, no leading slash (ASCII: the UTF-8 flag is not set). */
  name: string;
  data: Uint8Array;
}

/** 1980-01-01 00:00:00, the earliest MS-DOS date, as Word itself stamps the parts of a .docx. */
const DOS_TIME = 0x0000;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

const CRC_TABLE: Uint32Array = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (IEEE 802.3, reflected, as zip uses it). */
export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

class Writer {
  private chunks: Uint8Array[] = [];
  length = 0;
  bytes(b: Uint8Array): void {
    this.chunks.push(b);
    this.length += b.length;
  }
  u16(v: number): void {
    const b = new Uint8Array(2);
    new DataView(b.buffer).setUint16(0, v, true);
    this.bytes(b);
  }
  u32(v: number): void {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, v >>> 0, true);
    this.bytes(b);
  }
  result(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

export function zipStore(entries: readonly ZipEntry[]): Uint8Array {
  const seen = new Set<string>();
  const w = new Writer();
  const central: { name: Uint8Array; crc: number; size: number; offset: number }[] = [];
  for (const e of entries) {
    if (!/^[\x21-\x7e][\x20-\x7e]*$/.test(e.name) || e.name.startsWith("/")) throw new Error(`zip: bad entry name ${JSON.stringify(e.name)}`);
    if (seen.has(e.name)) throw new Error(`zip: duplicate entry ${e.name}`);
    seen.add(e.name);
    if (e.data.length > 0xfffffffe) throw new Error(`zip: ${e.name} is too large for a zip without zip64`);
    const name = new TextEncoder().encode(e.name);
    const crc = crc32(e.data);
    const offset = w.length;
    w.u32(0x04034b50); // local file header signature
    w.u16(10); // version needed to extract: 1.0 (stored)
    w.u16(0); // general purpose flags
    w.u16(0); // method: stored
    w.u16(DOS_TIME);
    w.u16(DOS_DATE);
    w.u32(crc);
    w.u32(e.data.length); // compressed size
    w.u32(e.data.length); // uncompressed size
    w.u16(name.length);
    w.u16(0); // extra field length
    w.bytes(name);
    w.bytes(e.data);
    central.push({ name, crc, size: e.data.length, offset });
  }
  const cdStart = w.length;
  for (const c of central) {
    w.u32(0x02014b50); // central directory header signature
    w.u16(20); // version made by: 2.0, MS-DOS
    w.u16(10); // version needed to extract
    w.u16(0);
    w.u16(0);
    w.u16(DOS_TIME);
    w.u16(DOS_DATE);
    w.u32(c.crc);
    w.u32(c.size);
    w.u32(c.size);
    w.u16(c.name.length);
    w.u16(0); // extra
    w.u16(0); // comment
    w.u16(0); // disk number start
    w.u16(0); // internal attributes
    w.u32(0); // external attributes
    w.u32(c.offset);
    w.bytes(c.name);
  }
  const cdSize = w.length - cdStart;
  if (central.length > 0xffff) throw new Error("zip: too many entries for a zip without zip64");
  w.u32(0x06054b50); // end of central directory
  w.u16(0); // this disk
  w.u16(0); // disk with the central directory
  w.u16(central.length);
  w.u16(central.length);
  w.u32(cdSize);
  w.u32(cdStart);
  w.u16(0); // comment length
  return w.result();
}

/** Every entry of a zip, read by the project's one ZIP reader (parsers/container/zip.ts): name → data. */
export function readZip(zip: Uint8Array): Map<string, Uint8Array> {
  const pkg = new ZipPackage(zip);
  return new Map([...pkg.entries.keys()].map((name) => [name, pkg.read(name)!]));
}
