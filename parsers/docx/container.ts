/**
 * What kind of container a Word file's bytes are, before any reader commits to one.
 *
 * A DOCX is a ZIP ("PK\3\4"). A Word 97–2003 DOC is an OLE compound file (MS-CFB, signature
 * D0 CF 11 E0 A1 B1 1A E1). A password-protected DOCX is *also* an OLE compound file: Office's
 * agile/standard encryption (MS-OFFCRYPTO §2.3.4) wraps the encrypted package in the streams
 * "EncryptionInfo" and "EncryptedPackage", whose names sit in the compound file's directory in
 * UTF-16LE. Agencies serve all three under either extension.
 */

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;
const ENCRYPTION_STREAMS = ["EncryptionInfo", "EncryptedPackage"].map((s) => Buffer.from(s, "utf16le"));

export type WordContainer = "zip" | "ole" | "ole-encrypted" | "other";

export function isZip(bytes: Uint8Array): boolean {
  // "PK\3\4" opens a package; "PK\5\6" is an empty archive.
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06);
}

export function isOle(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && OLE_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** An OLE compound file holding Office's encrypted-package streams (a password-protected DOCX/XLSX/PPTX). */
export function isEncryptedOoxml(bytes: Uint8Array): boolean {
  if (!isOle(bytes)) return false;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return ENCRYPTION_STREAMS.some((name) => buf.includes(name));
}

export function wordContainer(bytes: Uint8Array): WordContainer {
  if (isZip(bytes)) return "zip";
  if (isEncryptedOoxml(bytes)) return "ole-encrypted";
  if (isOle(bytes)) return "ole";
  return "other";
}
