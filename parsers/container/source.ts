/**
 * Random access to the bytes of a container being read: a buffer in memory, or (through the
 * caller's adapter, e.g. src/crawl/http/file-kind.ts) a file on disk that is never read whole.
 * The ZIP and OLE directory readers take this, so sniffing a 50 MB download reads a few KiB.
 */
export interface ByteSource {
  /** Total length in bytes. */
  size: number;
  /** Up to `length` bytes from `position` (fewer at the end; none past it). */
  read(position: number, length: number): Uint8Array;
}

export function bufferSource(bytes: Uint8Array): ByteSource {
  return { size: bytes.length, read: (pos, len) => bytes.subarray(Math.max(0, pos), Math.max(0, Math.min(bytes.length, pos + len))) };
}

export function u16(b: Uint8Array, i: number): number {
  return (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
}

export function u32(b: Uint8Array, i: number): number {
  return ((b[i] ?? 0) | ((b[i + 1] ?? 0) << 8) | ((b[i + 2] ?? 0) << 16)) + (b[i + 3] ?? 0) * 0x1000000;
}

export function u64(b: Uint8Array, i: number): number {
  return u32(b, i) + u32(b, i + 4) * 0x100000000;
}
