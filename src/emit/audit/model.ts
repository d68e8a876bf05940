/**
 * What the auditors' page shows, built from the run's reports and anomalies: for every anomaly
 * its message, the cells involved (label, printed text, value, place), the row as printed, the
 * lines around it (text, HTML) or images of the page region with the cells outlined (PDF).
 * Disk reads (the source bytes) and pdf.js rendering happen here; the page itself is a pure fold.
 */
import { availableParallelism } from "node:os";
import type { Place } from "../../../parsers/model/message.js";
import type { AnnualReport, Anomaly, CellRecord, Evidence } from "../../model/report.js";
import { APPLICATION_COLUMNS, APPLICATION_ROWS, REVIEW_COLUMNS, REVIEW_GROUPS, TABLE2 } from "../../templates/index.js";
import type { ImageBudget, RegionImage, RegionRequest } from "./page-images.js";
import type { Review } from "./reviews.js";
import { decodeLines, snippetAt, type Snippet, type SourceLines } from "./snippets.js";
import { findSource, type SourceOptions } from "./sources.js";
import { SpillFile } from "./spill.js";
import { inOrder } from "../../ahead.js";

export interface AuditCell {
  doc: number;
  path: string;
  label: string;
  raw: string;
  value: number | null;
  place: string;
  uncertain: boolean;
}

export interface AuditItem {
  fp: string;
  doc: number;
  code: string;
  severity: string;
  status: string;
  responsibility: string;
  message: string;
  paths: string[];
  expected: string | number | null;
  actual: string | number | null;
  place: string;
  evidenceText: string;
  cells: AuditCell[];
  row: { label: string; printed: string[] } | null;
  lines: (Snippet & { doc: number }) | null;
  images: number[];
  notes: string[];
}

export interface AuditDoc {
  id: string;
  uri: string;
  title: string | null;
  agency: string | null;
  year: number | null;
  format: string;
  template: string;
  source: string;
}

/** A note of the reader or the crawler on how a document was read (not an anomaly), with its place. */
export interface AuditNote {
  doc: number;
  code: string;
  severity: string;
  stage: string;
  reason: string;
  place: string;
}

export interface AuditData {
  docs: AuditDoc[];
  /** Parser-side notes of every document, in document order (issue 8: they reach the audit page). */
  notes: AuditNote[];
  items: AuditItem[];
  images: { uri: string; w: number; h: number; doc: number; page: number }[];
  reviews: Record<string, { decision: string; note: string; at: string }>;
}

/** What the page's header and overview count of an item. */
export interface ItemHead {
  doc: number;
  code: string;
  severity: string;
  status: string;
}

/**
 * The model with its items given one at a time (`items()`, re-readable), and their heads in
 * memory: a run's audit page, whose items wait on disk until the page is written.
 */
export interface AuditStream extends Omit<AuditData, "items"> {
  heads: ItemHead[];
  items(): Iterable<AuditItem>;
}

/** A model held in memory, as a stream. */
export function streamOf(data: AuditData): AuditStream {
  const { items, ...rest } = data;
  return { ...rest, heads: items, items: () => items };
}

export interface AuditModelOptions extends SourceOptions {
  reviews?: Review[];
  /**
   * A file to keep the items in until the page is written (./spill.ts), instead of memory. The
   * caller removes it. @default items are kept in memory
   */
  spillTo?: string;
  /** Bytes of PNG the page may embed in all (default 24 MB); the first image past it closes it. */
  imageBudget?: number;
  /** Threads to render PDF page images in (default: the machine's cores; 1 renders in this thread). */
  renderThreads?: number;
  /** Told, once the images are made, how many PDF pages were rendered for them (for tests and logs). */
  onRendered?: (pages: number) => void;
}

const colLabel = new Map<string, string>([...APPLICATION_COLUMNS.map((c) => [c.key, c.label] as const), ...REVIEW_COLUMNS.map((c) => [c.key, c.label] as const)]);
const COL2 = { issued: "本年制发件数", repealed: "本年废止件数", inForce: "现行有效件数", decisions: "本年处理决定数量", amount: "本年收费金额", newlyMade: "本年新制作数量", newlyPublished: "本年新公开数量", totalPublished: "对外公开总数量", previousItems: "上一年项目数量", change: "本年增/减", items: "采购项目数量" } as Record<string, string>;

/** The template's name of a cell: "一、本年新收政府信息公开申请数量 · 总计". */
export function cellLabel(path: string): string {
  const dot = path.lastIndexOf(".");
  const [head, col] = [path.slice(0, dot), path.slice(dot + 1)];
  if (head.startsWith("applications.rows.")) {
    const row = APPLICATION_ROWS.find((r) => r.key === head.slice("applications.rows.".length));
    return `表三 ${row?.label ?? head} · ${colLabel.get(col) ?? col}`;
  }
  if (head.startsWith("reviewLitigation.")) return `表四 ${REVIEW_GROUPS.find((g) => g.key === head.slice(17))?.label ?? head} · ${colLabel.get(col) ?? col}`;
  if (head.startsWith("activeDisclosure.")) {
    const key = head.slice(17);
    for (const blocks of Object.values(TABLE2)) for (const b of blocks) for (const r of b.rows) if (r.key === key) return `表二 ${r.label} · ${COL2[col] ?? col}`;
  }
  return path;
}

/** Where to look: "p. 3 · box 86–100 × 412–420 pt", "line 36", "table 1, row 5, col 2" (1-based). */
export function locate(e: Evidence | CellRecord | Place): string {
  const parts: string[] = [];
  if (e.page !== undefined) parts.push(`p. ${e.page}`);
  if (e.bbox) parts.push(`box x ${e.bbox[0]?.toFixed(0)}–${e.bbox[2]?.toFixed(0)}, y ${e.bbox[1]?.toFixed(0)}–${e.bbox[3]?.toFixed(0)} pt`);
  if (e.line !== undefined) parts.push(`line ${e.line}`);
  if (e.table !== undefined) parts.push(`table ${e.table + 1}${e.row !== undefined ? `, row ${e.row + 1}` : ""}${e.col !== undefined ? `, col ${e.col + 1}` : ""}`);
  return parts.join(" · ") || "—";
}

/** What the builder keeps of a document once it is added: its cells (only while its anomalies are read). */
interface DocState {
  report: AnnualReport;
  cells: Map<string, CellRecord>;
  bytes: Uint8Array | null;
  lines: SourceLines | null | undefined;
}

const rowOf = (path: string): string => path.slice(0, path.lastIndexOf("."));

/** A cell an anomaly names in another document (`related`), resolved when every document is in. */
interface Pending {
  item: AuditItem;
  related: { doc: number | undefined; path: string }[];
  /** The item's own page boxes (evidence, then its cells'), before those of its related cells. */
  boxes: { doc: number; page: number | undefined; bbox: number[] | undefined }[];
}

/**
 * The audit page's model, built one document at a time (issue 10: a run's reports stream from its
 * store and are never all held). `addDocument` registers a report; `addAnomaly` reads an anomaly
 * of a registered report while its cells and source lines are at hand; `release` drops them.
 * Cells of other documents (`related`) and PDF page images are resolved by `finish`, which reads
 * the PDFs again from where their bytes were found. The result equals the one-pass model.
 */
export class AuditModelBuilder {
  private readonly docs: AuditDoc[] = [];
  private readonly states: (DocState | null)[] = [];
  private readonly notes: AuditNote[] = [];
  private readonly pending: Pending[] | SpillFile<Pending>;
  private readonly index = new Map<string, number>();
  /** Cells other documents' anomalies point at, kept after their document is released: "id|path". */
  private readonly kept = new Map<string, CellRecord>();
  private readonly formats: string[] = [];
  private readonly sources: { uri: string; sha256: string }[] = [];

  constructor(
    private readonly options: AuditModelOptions = {},
    /** "reportId|path" of every cell a `related` entry names (the cross-document anomalies'). */
    private readonly wanted: ReadonlySet<string> = new Set(),
  ) {
    this.pending = options.spillTo === undefined ? [] : new SpillFile<Pending>(options.spillTo);
  }

  /** Register a report (the first of an id; later ones with the same id are the same document). Returns its index. */
  addDocument(r: AnnualReport): number {
    const known = this.index.get(r.id);
    if (known !== undefined) return known;
    const found = findSource(r.source, this.options);
    const doc = this.docs.length;
    this.index.set(r.id, doc);
    this.docs.push(structuredClone({ id: r.id, uri: r.source.uri, title: r.title, agency: r.agency, year: r.year, format: r.source.format, template: r.template, source: found.ok ? "found" : found.reason }));
    this.formats.push(r.source.format);
    this.sources.push({ uri: r.source.uri, sha256: r.source.sha256 });
    const cells = new Map(r.cells.map((c) => [c.path, c]));
    for (const c of r.cells) if (this.wanted.has(`${r.id}|${c.path}`)) this.kept.set(`${r.id}|${c.path}`, structuredClone(c));
    this.states.push({ report: r, cells, bytes: found.ok ? found.bytes : null, lines: undefined });
    for (const m of r.messages ?? []) this.notes.push(structuredClone({ doc, code: m.ruleId, severity: m.severity, stage: m.source, reason: m.reason, place: m.place ? locate(m.place) : "—" }));
    return doc;
  }

  /** Drop what was kept of a document to read its anomalies (its cells and bytes). */
  release(doc: number): void {
    this.states[doc] = null;
  }

  /** One anomaly of a registered document (still held: not released). */
  addAnomaly(a: Anomaly): void {
    const d = this.index.get(a.reportId);
    if (d === undefined) return;
    const st = this.states[d];
    if (!st) throw new Error(`audit model: the anomalies of ${a.reportId} come after its document was released`);
    const cells: AuditCell[] = [];
    const boxes: Pending["boxes"] = [{ doc: d, page: a.evidence.page, bbox: a.evidence.bbox }];
    for (const p of a.paths.slice(0, 40)) {
      const c = st.cells.get(p);
      if (!c) continue;
      cells.push(auditCell(d, p, c));
      boxes.push({ doc: d, page: c.page, bbox: c.bbox });
    }
    const first = a.paths[0] ?? "";
    const rowCells = [...st.cells.values()].filter((c) => rowOf(c.path) === rowOf(first) && c.path.includes("."));
    const row = rowCells.length > 1 ? { label: rowCells[0]!.rowLabel ?? cellLabel(first).split(" · ")[0]!, printed: rowCells.map((c) => (c.raw === "" ? "（空）" : c.raw)) } : null;
    const notes: string[] = [];
    if (!st.bytes) notes.push(`原文不可用 source not available: ${this.docs[d]!.source}`);
    const item: AuditItem = {
      fp: a.fingerprint ?? "",
      doc: d,
      code: a.code,
      severity: a.severity,
      status: a.status,
      responsibility: a.responsibility,
      message: a.message,
      paths: a.paths,
      expected: a.expected ?? null,
      actual: a.actual ?? null,
      place: locate(a.evidence),
      evidenceText: a.evidence.text ?? "",
      cells,
      row,
      lines: null,
      images: [],
      notes,
    };
    // The lines around it (text and HTML sources).
    const line = a.evidence.line ?? st.cells.get(first)?.line;
    if (st.bytes && line !== undefined && (st.report.source.format === "text" || st.report.source.format === "html")) {
      if (st.lines === undefined) st.lines = decodeLines(st.bytes, st.report.source.format === "html");
      const sn = st.lines ? snippetAt(st.lines, line, [rowCells[0]?.rowLabel ?? "", a.evidence.raw ?? "", a.evidence.text ?? ""], st.report.source.format === "html") : null;
      if (sn) item.lines = { ...sn, doc: d };
    }
    const entry: Pending = { item, related: (a.related ?? []).map((rel) => ({ doc: this.index.get(rel.reportId), path: rel.path })), boxes };
    // A copy (or JSON on disk): the strings taken from the source's lines and the report are slices
    // that would keep the whole decoded source and report alive for the length of the run (V8
    // sliced strings).
    if (Array.isArray(this.pending)) this.pending.push(structuredClone(entry));
    else this.pending.push(entry);
  }

  private entries(): Iterable<Pending> {
    return Array.isArray(this.pending) ? this.pending : this.pending.values();
  }

  /** An item with the cells of other documents it names (`related`), resolved now that all are in. */
  private resolved({ item, related, boxes }: Pending): { item: AuditItem; boxes: Pending["boxes"] } {
    const cells = [...item.cells];
    const all = [...boxes];
    for (const rel of related) {
      if (rel.doc === undefined) continue;
      const c = this.cellOf(rel.doc, rel.path);
      if (!c) continue;
      cells.push(auditCell(rel.doc, rel.path, c));
      all.push({ doc: rel.doc, page: c.page, bbox: c.bbox });
    }
    return { item: { ...item, cells }, boxes: all };
  }

  /** Related cells, page images, reviews: the model, every item in memory. */
  async finish(): Promise<AuditData> {
    const s = await this.finishStream();
    return { docs: s.docs, notes: s.notes, items: [...s.items()], images: s.images, reviews: s.reviews };
  }

  /**
   * Related cells, page images, reviews: the model, its items read again from where they wait
   * (memory or the spill file) each time `items()` is iterated. Two passes: the first finds the
   * page regions to render and the items' heads, the second (the page's) gives each item whole.
   */
  async finishStream(): Promise<AuditStream> {
    if (!Array.isArray(this.pending)) this.pending.close();
    const heads: ItemHead[] = [];
    const regions = new Map<number, RegionRequest[]>();
    /** Per item (by position), the page regions it shows. */
    const itemRegions: { k: number; doc: number; key: string }[] = [];
    let k = 0;
    for (const entry of this.entries()) {
      const { item, boxes } = this.resolved(entry);
      heads.push({ doc: item.doc, code: item.code, severity: item.severity, status: item.status });
      // Page regions (PDF sources): this document's cells, and a related PDF's.
      const wanted = new Map<number, { doc: number; page: number; boxes: number[][] }>();
      for (const b of boxes) {
        if (b.page === undefined || !b.bbox || this.formats[b.doc] !== "pdf") continue;
        const key = b.doc * 10_000 + b.page;
        const w = wanted.get(key) ?? { doc: b.doc, page: b.page, boxes: [] };
        w.boxes.push(b.bbox);
        wanted.set(key, w);
      }
      for (const w of [...wanted.values()].slice(0, 3)) {
        if (this.docs[w.doc]!.source !== "found") continue;
        const key = `${w.page}:${JSON.stringify(w.boxes)}`;
        const list = regions.get(w.doc) ?? [];
        if (!list.some((r) => r.key === key)) list.push({ key, page: w.page, boxes: w.boxes });
        regions.set(w.doc, list);
        itemRegions.push({ k, doc: w.doc, key });
      }
      k++;
    }

    const images: AuditData["images"] = [];
    const budget: ImageBudget = { remaining: this.options.imageBudget ?? 24_000_000 };
    const imageIndex = new Map<string, number | string>();
    const jobs = [...regions].sort(([a], [b]) => a - b);
    if (jobs.length > 0) {
      const { withinBudget } = await import("./page-images.js");
      const threads = Math.min(this.options.renderThreads ?? availableParallelism(), jobs.length);
      // Loaded only when a page image is wanted: pdf.js and the canvas stay out of text-only runs.
      const { renderHere, renderInPool } = await import("./render-pool.js");
      const renderer = threads > 1 ? renderInPool(threads) : await renderHere();
      const note = (doc: number, reqs: RegionRequest[], shown: Map<string, RegionImage>) => {
        for (const r of reqs) {
          const img = shown.get(r.key);
          if (img?.ok) {
            imageIndex.set(`${doc}|${r.key}`, images.length);
            images.push({ uri: img.dataUri, w: img.width, h: img.height, doc, page: r.page });
          } else imageIndex.set(`${doc}|${r.key}`, img ? img.reason : "not rendered");
        }
      };
      try {
        // PDFs are rendered up to two a thread ahead of the one whose budget is being applied; the
        // budget is applied in document order, so the page does not depend on which finished first.
        const render = ([doc, reqs]: (typeof jobs)[number]) => {
          const found = this.states[doc]?.bytes ?? (() => {
            const f = findSource(this.sources[doc]!, this.options);
            return f.ok ? f.bytes : null;
          })();
          return found ? renderer.render(found, reqs) : Promise.resolve(null);
        };
        let done = 0;
        for await (const [[doc, reqs], rendered] of inOrder(jobs, 2 * threads, render, () => budget.closed === true)) {
          if (budget.closed) break; // what was started after the budget closed is not wanted
          done++;
          if (rendered) budget.pagesRendered = (budget.pagesRendered ?? 0) + rendered.pages;
          note(doc, reqs, rendered ? withinBudget(reqs, rendered.bands, budget) : new Map());
        }
        // Spent: the rest are left out without reading their PDFs again (./page-images.ts).
        for (const [doc, reqs] of jobs.slice(done)) note(doc, reqs, withinBudget(reqs, new Map(), budget));
      } finally {
        await renderer.close();
      }
    }
    this.options.onRendered?.(budget.pagesRendered ?? 0);
    /** Per item, its images and the notes of those that could not be shown. */
    const shown = new Map<number, { images: number[]; notes: string[] }>();
    for (const { k: at, doc, key } of itemRegions) {
      const v = imageIndex.get(`${doc}|${key}`);
      const s = shown.get(at) ?? { images: [], notes: [] };
      if (typeof v === "number") s.images.push(v);
      else if (v) s.notes.push(`页面图像 page image: ${v}`);
      shown.set(at, s);
    }

    const reviews: AuditData["reviews"] = {};
    for (const r of this.options.reviews ?? []) reviews[r.fingerprint] = { decision: r.decision, note: r.note, at: r.at };
    const self = this;
    return {
      docs: this.docs,
      notes: this.notes,
      heads,
      *items() {
        let at = 0;
        for (const entry of self.entries()) {
          const { item } = self.resolved(entry);
          const s = shown.get(at++);
          yield s ? { ...item, images: [...item.images, ...s.images], notes: [...item.notes, ...s.notes] } : item;
        }
      },
      images,
      reviews,
    };
  }

  private cellOf(doc: number, path: string): CellRecord | undefined {
    return this.states[doc]?.cells.get(path) ?? this.kept.get(`${this.docs[doc]!.id}|${path}`);
  }
}

function auditCell(doc: number, path: string, c: CellRecord): AuditCell {
  return { doc, path, label: cellLabel(path), raw: c.raw, value: c.value, place: locate(c), uncertain: c.uncertain === true };
}

/** The model in one pass, every report held (nianbao audit, and runs held in memory). */
export async function buildAuditModel(reports: AnnualReport[], anomalies: Anomaly[], options: AuditModelOptions = {}): Promise<AuditData> {
  const b = new AuditModelBuilder(options);
  for (const r of reports) b.addDocument(r);
  for (const a of anomalies) b.addAnomaly(a);
  return b.finish();
}
