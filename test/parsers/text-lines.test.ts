/** textLines (parsers/decode.ts): the lines decodeText's text splits into, without decoding it whole. */
import iconv from "iconv-lite";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeText, textLines } from "../../parsers/decode.js";

const whole = (bytes: Uint8Array, sniffMeta = false) => decodeText(bytes, { sniffMeta }).text.split(/\r\n|\n|\r/);
const lazily = (bytes: Uint8Array, sniffMeta = false) => {
  const l = textLines(bytes, { sniffMeta });
  return Array.from({ length: l.count }, (_, i) => l.line(i + 1));
};
const text = "一、总体情况\r\n（一）主动公开\n本年制发件数 12\r\r\n末行";

describe("textLines", () => {
  it("gives decodeText's lines for UTF-8, GB18030, a BOM, UTF-16 and every kind of line break", () => {
    const inputs: Uint8Array[] = [
      Buffer.from(text, "utf8"),
      iconv.encode(text, "gb18030"),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]),
      Buffer.from(text + "\n", "utf8"),
    ];
    for (const b of inputs) expect(lazily(b)).toEqual(whole(b));
  });

  it("gives the sample pages' lines as decoded by their meta charset (GBK and UTF-8)", () => {
    for (const f of ["mengjin-czj-2022-gbk.html", "mengjin-czj-2022.html"]) {
      const b = readFileSync(new URL(`../../samples/${f}`, import.meta.url));
      expect(lazily(b, true)).toEqual(whole(b, true));
    }
  });

  it("refuses binary input as decodeText does", () => {
    expect(() => textLines(new Uint8Array([0, 1, 2, 3]))).toThrow(/binary/);
  });
});
