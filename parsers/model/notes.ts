/**
 * The catalogue of what readers note about an input, kept like the rule catalogue
 * (src/validate/catalogue.ts): a code, a severity, one sentence in Chinese and one in English,
 * and what the note means for the report built from the input. Readers build their messages with
 * `note()` only, so every code is here and the union ReaderCode is closed.
 *
 * These notes travel with the document (Result.messages) to the report's `messages`, and to the
 * audit page; a note whose `uncertainTables` is set makes the report's tables PARSE_UNCERTAIN.
 */
import { fill, type Message, type Place, type Severity, type TemplateValue } from "./message.js";

export interface NoteDef {
  severity: Exclude<Severity, "error">;
  zh: string;
  en: string;
  /** Set when the way the input was read cannot vouch for its tables (the rule PARSE_UNCERTAIN says so). */
  uncertainTables?: true;
}

export const READER_NOTES = {
  // Decoding (parsers/decode.ts, and the crawler's decoding of HTTP bodies)
  CHARSET_MISMATCH: {
    severity: "warning",
    zh: "声明的字符集{declared}（{evidence}）与字节不符，按{used}读取。",
    en: "the declared charset {declared} ({evidence}) does not fit the bytes; read as {used}",
  },
  CHARSET_GUESSED: { severity: "info", zh: "未声明字符集，且不是UTF-8：按GB18030读取。", en: "no charset declared and not UTF-8: read as gb18030" },
  // Text (parsers/text.ts)
  CRAWLER_HEADER: { severity: "info", zh: "第1–{last}行是爬虫写入的文件头，作为元数据读取。", en: "lines 1–{last} are a crawler's header, read as metadata" },
  // HTML (parsers/html.ts)
  HTML_UNCLOSED: { severity: "warning", zh: "页面没有以</body>或</html>结尾，可能不完整。", en: "the page ends without </body> or </html>: it may be cut short" },
  CONTENT_SCORED: { severity: "info", zh: "未找到已知的正文容器，按文字密度选定正文：{root}。", en: "no known content container; body chosen by text density: {root}" },
  IMAGES_IN_BODY: { severity: "info", zh: "正文含{count}张图片，图片中的文字或表格未读取。", en: "the body holds {count} image(s); text or tables printed in images are not read" },
  ROWSPAN_CLIPPED: {
    severity: "warning",
    zh: "表{table}：有单元格跨行超出表格末行（页面可能不完整），已截短。",
    en: "table {table}: a rowspan reaches past the last row (page cut short?); clipped",
  },
  HTML_FLATTENED: {
    severity: "warning",
    zh: "页面元素嵌套超过{max}层：更深的{count}个元素并入第{max}层的元素读取，其文字保留，结构未保留。",
    en: "elements nest deeper than {max}: {count} deeper element(s) read as part of the element at depth {max}; their text is kept, their structure is not",
  },
  TABLE_RAGGED: { severity: "info", zh: "表{table}：各行宽度不一（{cause}），缺少的格位为空单元格。", en: "table {table}: rows of unequal width ({cause}); missing slots are blank cells" },
  // DOCX (parsers/docx.ts, docx/)
  DOCX_ALTCHUNK: {
    severity: "warning",
    zh: "正文嵌入了{count}个其他文档（w:altChunk，如粘贴的HTML），其内容未读取。",
    en: "the body embeds {count} other document(s) (w:altChunk, e.g. pasted HTML); their content is not read",
  },
  DOCX_ELEMENT_UNKNOWN: { severity: "info", zh: "未识别的元素，只读取其中的文字：{elements}。", en: "unrecognised element(s) read through for their text: {elements}" },
  VMERGE_UNMATCHED: {
    severity: "info",
    zh: "表{table}：{count}个纵向合并的续格上方没有可合并的单元格，按独立单元格读取。",
    en: "table {table}: {count} vertically merged continuation cell(s) with no matching cell above, read as cells of their own",
  },
  TABLE_CLIPPED: { severity: "warning", zh: "表{table}：单元格超出{max}个网格列，已截断。", en: "table {table}: cells reach past {max} grid columns; clipped" },
  MERGED_TEXT_DROPPED: {
    severity: "warning",
    zh: "表{table}：合并的续格中有Word不显示的文字，已舍去：{texts}。",
    en: "table {table}: merged continuation cells hold text Word does not show, dropped: {texts}",
  },
  MAMMOTH_FAILED: { severity: "info", zh: "mammoth无法读取该文件以作交叉核对：{error}", en: "mammoth could not read the file for the cross-check: {error}" },
  MAMMOTH_MESSAGE: { severity: "info", zh: "mammoth：{detail}", en: "mammoth: {detail}" },
  DOCX_TEXT_UNREAD: { severity: "warning", zh: "mammoth读到{count}段本读取器未读到的文字：{samples}", en: "mammoth read {count} paragraph(s) this reader did not: {samples}" },
  // DOC (parsers/doc.ts)
  DOC_IS_DOCX: { severity: "info", zh: "该文件是DOCX包，不是Word 97–2003文档：按DOCX读取。", en: "the file is a DOCX package, not a Word 97–2003 document: read as DOCX" },
  DOC_TEXT_ONLY: {
    severity: "warning",
    zh: "未经LibreOffice读取：表格由制表符分隔的文字恢复。",
    en: "read without LibreOffice: tables recovered from tab-separated text",
    uncertainTables: true,
  },
  // PDF (parsers/pdf/layout.ts)
  TABLE_ACROSS_PAGES: { severity: "info", zh: "表{table}跨第{from}–{to}页，作为一张表读取{repeated}。", en: "table {table} runs over pages {from}–{to} and is read as one table{repeated}" },
  TABLE_INFERRED: {
    severity: "warning",
    zh: "表{table}（第{page}页）没有列线：其列由文字的对齐推断。",
    en: "table {table} (page {page}) lacks column rulings: its columns were inferred from the alignment of its text",
  },
  SCANNED_PAGES: { severity: "warning", zh: "第{pages}页是扫描件（只有图像，没有文字层），其文字未读取。", en: "page(s) {pages} scanned (images without a text layer): their text is not read" },
} as const satisfies Record<string, NoteDef>;

export type ReaderCode = keyof typeof READER_NOTES;

/** A reader's message: a note of the catalogue, said at the read stage. */
export type ReaderMessage = Message<ReaderCode>;

/** The catalogue's sentence for a note, in both languages ("…。 …"). */
export function noteText(code: ReaderCode, values: Readonly<Record<string, TemplateValue>> = {}): { zh: string; en: string } {
  const def: NoteDef = READER_NOTES[code];
  return { zh: fill(def.zh, values, "zh"), en: fill(def.en, values, "en") };
}

/** Build a reader's message from the catalogue. */
export function note(code: ReaderCode, values: Readonly<Record<string, TemplateValue>> = {}, place: Place | null = null, context?: Record<string, unknown>): ReaderMessage {
  const text = noteText(code, values);
  const m: ReaderMessage = { ruleId: code, severity: READER_NOTES[code].severity, source: "read", place, reason: `${text.zh} ${text.en}` };
  if (context && Object.keys(context).length > 0) m.context = context;
  return m;
}
