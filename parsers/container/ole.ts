/**
 * The directory of an OLE compound file ([MS-CFB]): the names of the streams and storages it
 * holds. Word 97–2003 (.doc), Kingsoft WPS, Excel 97–2003 and Office's password-protected OOXML
 * packages ([MS-OFFCRYPTO] §2.3.4: "EncryptionInfo", "EncryptedPackage") are all compound files,
 * told apart only by these names.
 *
 * The header (§2.2) gives the sector size (2^u16 at 0x1E), the first directory sector (u32 at
 * 0x30) and the first 109 FAT sectors (the DIFAT, u32s from 0x4C); the directory is a chain of
 * sectors through the FAT, each holding 128-byte entries that start with a UTF-16LE name (its
 * length in bytes, terminator included, at 0x40). The first directory sector is always read; the
 * rest of the chain is followed while the FAT leads somewhere, bounded, so damaged or hostile
 * files cost a few sector reads.
 */
import { u16, u32, type ByteSource } from "./source.js";

export const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

/** Sector numbers at and above this are markers (free, end of chain, FAT, DIFAT), not sectors. */
const MAX_REGULAR_SECTOR = 0xfffffffa;
/** Most directory sectors followed (4 entries each at 512 bytes: 16,384 entries). */
const MAX_DIRECTORY_SECTORS = 4096;
/** Most DIFAT sectors followed beyond the header's 109 FAT sector numbers. */
const MAX_DIFAT_SECTORS = 64;

export function isOle(head: Uint8Array): boolean {
  return head.length >= 8 && OLE_SIGNATURE.every((b, i) => head[i] === b);
}

/** Names of the directory entries, in directory order ([] when the directory cannot be found). */
export function oleEntryNames(src: ByteSource): string[] {
  const header = src.read(0, 512);
  if (!isOle(header)) return [];
  const sectorSize = u16(header, 0x1e) === 12 ? 4096 : 512;
  const sectorAt = (s: number): Uint8Array => src.read((s + 1) * sectorSize, sectorSize);
  const fat = fatSectors(src, header, sectorSize, sectorAt);
  const perFatSector = sectorSize / 4;
  const next = (s: number): number | null => {
    const fs = fat[Math.floor(s / perFatSector)];
    if (fs === undefined) return null;
    const v = u32(sectorAt(fs), (s % perFatSector) * 4);
    return v < MAX_REGULAR_SECTOR ? v : null;
  };

  const names: string[] = [];
  const seen = new Set<number>();
  for (let s: number | null = u32(header, 0x30); s !== null && s < MAX_REGULAR_SECTOR && !seen.has(s) && seen.size < MAX_DIRECTORY_SECTORS; s = next(s)) {
    seen.add(s);
    const dir = sectorAt(s);
    if (dir.length < sectorSize) break;
    for (let e = 0; e + 128 <= dir.length; e += 128) {
      const nameBytes = Math.min(64, u16(dir, e + 0x40));
      if (nameBytes < 2) continue;
      names.push(Buffer.from(dir.subarray(e, e + nameBytes - 2)).toString("utf16le"));
    }
  }
  return names;
}

/** FAT sector numbers: the header's 109, then the DIFAT chain's (bounded). */
function fatSectors(src: ByteSource, header: Uint8Array, sectorSize: number, sectorAt: (s: number) => Uint8Array): number[] {
  const count = u32(header, 0x2c);
  const out: number[] = [];
  for (let i = 0; i < 109 && out.length < count; i++) {
    const s = u32(header, 0x4c + i * 4);
    if (s < MAX_REGULAR_SECTOR) out.push(s);
  }
  const seen = new Set<number>();
  for (let d = u32(header, 0x44); d < MAX_REGULAR_SECTOR && out.length < count && !seen.has(d) && seen.size < MAX_DIFAT_SECTORS; ) {
    seen.add(d);
    const sector = sectorAt(d);
    if (sector.length < sectorSize || (d + 1) * sectorSize >= src.size) break;
    const per = sectorSize / 4 - 1;
    for (let i = 0; i < per && out.length < count; i++) {
      const s = u32(sector, i * 4);
      if (s < MAX_REGULAR_SECTOR) out.push(s);
    }
    d = u32(sector, per * 4);
  }
  return out;
}
