/**
 * pdf.js, loaded once and run in-process, and the errors of opening a PDF as NianbaoErrors.
 *
 * In Node pdf.js always runs its worker code on the main thread (a "fake worker"); the worker
 * module is imported here and handed over as `globalThis.pdfjsWorker`, which pdf.js looks up
 * before importing `GlobalWorkerOptions.workerSrc` itself (api.js, PDFWorker
 * #mainThreadWorkerMessageHandler). CMaps and standard font data are read from the installed
 * package: Chinese PDFs that name a non-embedded font (STSong-Light + UniGB-UCS2-H) lose all
 * their text without the CMaps. pdf.js in Node wants these as paths ending in "/".
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type * as Pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import { NianbaoError, type FailureReason } from "../model/errors.js";

export type PdfjsModule = typeof Pdfjs;
export type PdfDocument = Pdfjs.PDFDocumentProxy;
export type PdfPage = Pdfjs.PDFPageProxy;

const PACKAGE_DIR = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
const asDir = (p: string): string => (p.endsWith("/") ? p : `${p}/`);

/** Where the reader takes pdf.js's data files from: the installed pdfjs-dist. */
export const PDFJS_DATA = {
  cMapUrl: asDir(join(PACKAGE_DIR, "cmaps")),
  standardFontDataUrl: asDir(join(PACKAGE_DIR, "standard_fonts")),
  wasmUrl: asDir(join(PACKAGE_DIR, "wasm")),
} as const;

let loading: Promise<PdfjsModule> | null = null;

/** The pdf.js legacy build (the one for Node), imported on first use. */
export function pdfjs(): Promise<PdfjsModule> {
  loading ??= (async () => {
    const natives = nativeBuiltins();
    try {
      const lib = await import("pdfjs-dist/legacy/build/pdf.mjs");
      const workerUrl = pathToFileURL(join(PACKAGE_DIR, "legacy", "build", "pdf.worker.mjs")).href;
      const g = globalThis as { pdfjsWorker?: unknown };
      g.pdfjsWorker ??= await import(workerUrl);
      lib.GlobalWorkerOptions.workerSrc ||= workerUrl;
      return lib;
    } finally {
      restoreBuiltins(natives);
    }
  })();
  return loading;
}

/**
 * The legacy build bundles core-js, which on Node 20 *replaces* built-ins it finds wanting on
 * some edge of the spec, for the whole process: Array.prototype.push (V8 issue 12681, the error
 * on a non-writable length), JSON.stringify and JSON.parse (JSON.rawJSON, "parse with source").
 * The replacements are plain JavaScript: JSON.stringify runs about 25 times slower after pdf.js
 * is imported, and every push of every stage slows down. pdf.js needs none of those edges (it
 * runs on the browsers' natives), so the natives it replaced are put back; the methods it adds
 * (Promise.withResolvers, Map.prototype.getOrInsertComputed, Uint8Array.prototype.toHex, …),
 * which pdf.js does need on Node 20, stay.
 */
const BUILTIN_HOLDERS: readonly object[] = [
  Array.prototype, JSON, Object, Promise, Map.prototype, Set.prototype, String.prototype, Number.prototype, Math,
  ArrayBuffer.prototype, Object.getPrototypeOf(Uint8Array.prototype) as object, Uint8Array.prototype, RegExp.prototype,
  Function.prototype, Error, globalThis,
];

type Snapshot = { holder: object; key: string; descriptor: PropertyDescriptor }[];

function nativeBuiltins(): Snapshot {
  const out: Snapshot = [];
  for (const holder of BUILTIN_HOLDERS) {
    for (const key of Object.getOwnPropertyNames(holder)) {
      const descriptor = Object.getOwnPropertyDescriptor(holder, key);
      if (descriptor && typeof descriptor.value === "function" && /\[native code\]/.test(Function.prototype.toString.call(descriptor.value))) {
        out.push({ holder, key, descriptor });
      }
    }
  }
  return out;
}

function restoreBuiltins(natives: Snapshot): void {
  for (const { holder, key, descriptor } of natives) {
    const now = Object.getOwnPropertyDescriptor(holder, key);
    if (now && now.value !== descriptor.value && now.configurable) Object.defineProperty(holder, key, descriptor);
  }
}

/** The parameters every document is opened with. */
export function documentParams(data: Uint8Array, lib: PdfjsModule): Parameters<PdfjsModule["getDocument"]>[0] & object {
  return {
    data,
    ...PDFJS_DATA,
    cMapPacked: true,
    useSystemFonts: false,
    isEvalSupported: false,
    disableFontFace: true,
    // Fonts' glyph outlines are never needed, only their text: keep pdf.js from warning about them.
    verbosity: lib.VerbosityLevel.ERRORS,
  };
}

const FAIL = (message: string, reason: FailureReason, extra: Record<string, unknown> = {}): NianbaoError =>
  new NianbaoError("PARSE_FAILED", "parse", message, { reason, ...extra });

/** Checks on the bytes before pdf.js sees them: a PDF header, and an end-of-file marker. */
export function checkBytes(bytes: Uint8Array): void {
  if (bytes.length === 0) throw FAIL("the PDF is empty (0 bytes)", "empty");
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString("latin1");
  if (!head.includes("%PDF-")) throw FAIL("not a PDF: no %PDF- header in the first 1024 bytes", "not-pdf");
  // PDF 32000-1 §7.5.5: the last line of the file holds %%EOF. A download cut short loses it;
  // pdf.js would rebuild what it can and hand back part of the document without a word. (Some
  // servers pad files: a few KB after the marker are allowed.)
  const tailStart = Math.max(0, bytes.length - 4096);
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset + tailStart, bytes.length - tailStart).toString("latin1");
  if (!tail.includes("%%EOF")) throw FAIL("the PDF is truncated: it does not end with %%EOF", "truncated", { bytes: bytes.length });
}

/** Exceptions pdf.js reports its failures with (src/shared/util.js, BaseException subclasses). */
const PDFJS_EXCEPTIONS = new Set(["InvalidPDFException", "FormatError", "UnknownErrorException", "ResponseException", "MissingPDFException", "AbortException"]);

/**
 * A failure as a NianbaoError: a password, a file pdf.js cannot make sense of, or (reason
 * "reader-error") a failure of this reader itself, kept apart so that it is not blamed on the file.
 */
export function asParseError(e: unknown): NianbaoError {
  if (e instanceof NianbaoError) return e;
  const name = (e as { name?: string } | null)?.name ?? "";
  const message = e instanceof Error ? e.message : String(e);
  if (name === "PasswordException") return FAIL("the PDF is password-protected", "encrypted");
  if (PDFJS_EXCEPTIONS.has(name)) return FAIL(`the PDF is damaged: ${message}`, "damaged", { error: name });
  return FAIL(`the PDF reader failed: ${message}`, "reader-error", { error: name || typeof e });
}

/**
 * Run `work` on the opened document, then destroy it. Rejects with PARSE_FAILED when pdf.js
 * fails or when the work takes longer than `timeoutMs` (a damaged file must not hang a batch).
 * `check` runs on the bytes once they look like a PDF, before pdf.js sees them (the streams'
 * pre-flight, ./streams.ts).
 */
export async function withDocument<T>(bytes: Uint8Array, timeoutMs: number, work: (doc: PdfDocument, lib: PdfjsModule) => Promise<T>, check?: (bytes: Uint8Array) => void): Promise<T> {
  checkBytes(bytes);
  check?.(bytes);
  const lib = await pdfjs();
  // pdf.js transfers (detaches) the buffer it is given: hand it a copy.
  const task = lib.getDocument(documentParams(new Uint8Array(bytes), lib));
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(FAIL(`reading the PDF took longer than ${timeoutMs} ms`, "timeout")), timeoutMs);
    timer.unref?.();
  });
  try {
    const doc = await Promise.race([task.promise, deadline]);
    return await Promise.race([work(doc, lib), deadline]);
  } catch (e) {
    throw asParseError(e);
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => undefined);
  }
}
