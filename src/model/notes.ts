/**
 * The crawler's notes on a document it hands to the readers, catalogued like the readers'
 * (parsers/model/notes.ts): they ride on the unit of work (src/run/report-file.ts) into the
 * report's `messages`.
 */
import { fill, type Message, type Place, type TemplateValue } from "../../parsers/model/message.js";
import type { NoteDef } from "../../parsers/model/notes.js";

export const CRAWL_NOTES = {
  EMBEDDED_BODY: {
    severity: "info",
    zh: "页面正文只在脚本的window._CONFIG.DETAIL中：读取的是其中的content，sha256仍是所抓取页面的字节。",
    en: "the page keeps its body only in the script's window._CONFIG.DETAIL: its content is what was read; sha256 is still that of the page's bytes",
  },
} as const satisfies Record<string, NoteDef>;

export type CrawlNoteCode = keyof typeof CRAWL_NOTES;
export type CrawlMessage = Message<CrawlNoteCode>;

export function crawlNote(code: CrawlNoteCode, values: Readonly<Record<string, TemplateValue>> = {}, place: Place | null = null): CrawlMessage {
  const def: NoteDef = CRAWL_NOTES[code];
  return { ruleId: code, severity: def.severity, source: "fetch", place, reason: `${fill(def.zh, values, "zh")} ${fill(def.en, values, "en")}` };
}
