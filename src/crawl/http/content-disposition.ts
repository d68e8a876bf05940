/**
 * The file name a server suggests in Content-Disposition, for humans only (a StoredFile's identity
 * is its sha256). Three shapes occur on Chinese government sites:
 *   - RFC 6266 / RFC 5987 `filename*=UTF-8''%E6%94%BF…` (also with a GBK charset label);
 *   - a quoted `filename="…"` holding raw GBK or UTF-8 bytes, which Node's fetch hands over as
 *     one Latin-1 character per byte (HTTP header values are bytes, RFC 9110 §5.5);
 *   - a percent-encoded `filename=%E6%94%BF….pdf` without the `*`.
 * `filename*` wins over `filename` (RFC 6266 §4.3).
 */
import iconv from "iconv-lite";
import { normaliseCharset } from "../../../parsers/decode.js";

function decodeBytes(bytes: Buffer, charset: string | null): string {
  if (charset && charset !== "utf-8" && iconv.encodingExists(charset)) return iconv.decode(bytes, charset);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(bytes, "gb18030");
  }
}

function percentBytes(s: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25 && /^[0-9a-f]{2}$/i.test(s.slice(i + 1, i + 3))) {
      out.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      out.push(c & 0xff);
    }
  }
  return Buffer.from(out);
}

/** Keep the last path component and drop characters no file system likes. */
function clean(name: string): string | null {
  const base = name.split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const s = base.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return s === "" || s === "." || s === ".." ? null : s;
}

interface Params {
  filename?: string;
  filenameStar?: string;
}

function params(header: string): Params {
  const out: Params = {};
  const re = /;\s*([\w*-]+)\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]*)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(header))) {
    const key = m[1]!.toLowerCase();
    const value = m[3] !== undefined ? m[3].replace(/\\(.)/g, "$1") : (m[2] ?? "").trim();
    if (key === "filename*") out.filenameStar = value;
    else if (key === "filename") out.filename = value;
  }
  return out;
}

/** The suggested file name, decoded, or null when the header has none. */
export function filenameFromContentDisposition(header: string | null | undefined): string | null {
  if (!header) return null;
  const p = params(header);
  if (p.filenameStar) {
    const m = /^([\w!#$%&+^`{}~.-]*)'[^']*'(.*)$/.exec(p.filenameStar);
    if (m) {
      const name = clean(decodeBytes(percentBytes(m[2] ?? ""), normaliseCharset(m[1]) ?? null));
      if (name) return name;
    }
  }
  if (p.filename !== undefined) {
    let raw = p.filename;
    // MIME encoded-word (RFC 2047), which some Java servers send.
    const ew = /^=\?([\w-]+)\?([bq])\?([^?]*)\?=$/i.exec(raw);
    if (ew) {
      const bytes = ew[2]!.toLowerCase() === "b" ? Buffer.from(ew[3]!, "base64") : percentBytes(ew[3]!.replace(/_/g, " ").replace(/=/g, "%"));
      return clean(decodeBytes(bytes, normaliseCharset(ew[1])));
    }
    if (/%[0-9a-f]{2}/i.test(raw)) raw = Buffer.from(percentBytes(raw)).toString("latin1");
    // One Latin-1 character per header byte → the bytes → UTF-8 if valid, else GB18030.
    const isBytes = [...raw].every((ch) => ch.charCodeAt(0) <= 0xff);
    return clean(isBytes ? decodeBytes(Buffer.from(raw, "latin1"), null) : raw);
  }
  return null;
}
