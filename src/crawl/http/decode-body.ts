/**
 * HTTP body bytes → text, in the order crawling.md §2.8 asks for web pages: byte-order mark, then
 * the Content-Type header, then a <meta> charset (or an XML declaration's encoding), then valid
 * UTF-8, then GB18030. The work is
 * parsers/decode.ts's `decodeText` (which, for files without a header, prefers <meta>); this module
 * only decides which evidence it is given, so the order differs without a second decoder.
 *
 * Two header values are not evidence: ISO-8859-1 / US-ASCII / windows-1252, which Tomcat and
 * old IIS send by default on pages that are GBK or UTF-8 (the "404 page labelled iso-8859-1" of
 * §2.8, and Python requests' default [I:firecrawl/firecrawl#547]). And a GB header over bytes that
 * are valid, non-ASCII UTF-8 loses to the bytes: GBK text is almost never valid UTF-8 by chance,
 * while a server-wide `charset=gbk` over a UTF-8 CMS template is common.
 */
import { decodeText, normaliseCharset } from "../../../parsers/decode.js";
import { note, type ReaderMessage } from "../../../parsers/model/notes.js";

export interface DecodedBody {
  text: string;
  /** Normalised name of the encoding used ("utf-8", "gb18030", …). */
  charset: string;
  evidence: "bom" | "header" | "meta" | "utf8-valid" | "guess";
  messages: ReaderMessage[];
}

/** Header charsets that servers send by default, whatever the page is. */
const DEFAULT_LABELS = new Set(["iso-8859-1", "latin1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252"]);

export function headerCharset(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType);
  if (!m?.[1]) return null;
  if (DEFAULT_LABELS.has(m[1].toLowerCase())) return null;
  return normaliseCharset(m[1]);
}

function hasUtf8BOM(b: Uint8Array): boolean {
  return (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) || (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff);
}

function nonAsciiUtf8(bytes: Uint8Array): boolean {
  let nonAscii = false;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i]! >= 0x80) {
      nonAscii = true;
      break;
    }
  }
  if (!nonAscii) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decode a page body. Throws NianbaoError BINARY_INPUT (from decodeText) when the bytes are not
 * text; the fetcher sniffs before calling, so that means a binary file it did not recognise.
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null | undefined): DecodedBody {
  if (hasUtf8BOM(bytes)) {
    const d = decodeText(bytes);
    return { text: d.text, charset: d.encoding, evidence: "bom", messages: d.messages };
  }
  const header = headerCharset(contentType);
  if (header) {
    if (header === "gb18030" && nonAsciiUtf8(bytes)) {
      const d = decodeText(bytes);
      return {
        text: d.text,
        charset: "utf-8",
        evidence: "utf8-valid",
        messages: [
          ...d.messages,
          note("CHARSET_MISMATCH", { declared: header, evidence: `Content-Type: ${contentType ?? ""}`, used: "utf-8" }),
        ],
      };
    }
    const d = decodeText(bytes, { contentType: `text/html; charset=${header}`, sniffMeta: false });
    return { text: d.text, charset: d.encoding, evidence: d.evidence, messages: d.messages };
  }
  // XML (Hanweb's dataproxy.jsp answers) declares its encoding in <?xml … encoding="…"?>.
  const xml = xmlDeclaredCharset(bytes);
  if (xml) {
    const d = decodeText(bytes, { contentType: `text/xml; charset=${xml}`, sniffMeta: false });
    return { text: d.text, charset: d.encoding, evidence: d.evidence === "header" ? "meta" : d.evidence, messages: d.messages };
  }
  const d = decodeText(bytes, { sniffMeta: true });
  return { text: d.text, charset: d.encoding, evidence: d.evidence, messages: d.messages };
}

/** The encoding of an XML declaration at the very start of the bytes. */
export function xmlDeclaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 200)).toString("latin1");
  const m = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  return normaliseCharset(m?.[1]);
}
