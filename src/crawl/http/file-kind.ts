/**
 * What a downloaded file is (crawling.md §2.7): the sniffing is parsers/sniff.ts's, the one place
 * that knows magic bytes and the ZIP and OLE directories; this module only gives it random access
 * to a file on disk, so a 50 MB download is sniffed from a few KiB.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { sniffKind, type ByteSource, type FileKind } from "../../../parsers/sniff.js";

export { bufferSource, extensionOf, sniffKind, type ByteSource } from "../../../parsers/sniff.js";

/** Sniff a file on disk without reading it whole. */
export function sniffFile(path: string, nameHint = ""): FileKind {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    const src: ByteSource = {
      size,
      read(pos, len) {
        const n = Math.max(0, Math.min(len, size - pos));
        const buf = Buffer.alloc(n);
        if (n > 0) readSync(fd, buf, 0, n, pos);
        return buf;
      },
    };
    return sniffKind(src, nameHint);
  } finally {
    closeSync(fd);
  }
}
