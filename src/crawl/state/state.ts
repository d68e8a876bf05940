/**
 * What the crawler remembers between runs (issue 5, crawling.md §3 "Incremental re-crawl"): every
 * URL with its status, classification, final URL, validators (ETag/Last-Modified), content hash
 * and error history; every stored file; the text of every page, so a 304 can hand the walk the
 * page it already has; and what every URL of every redirect chain answered with its own
 * validators (`answers`), so a second run asks every hop conditionally, not only the chain's end.
 *
 * One SQLite database (better-sqlite3 12) in WAL mode with synchronous=FULL. Each fetch is written
 * in its own transaction the moment it completes: a run killed with SIGKILL loses nothing that
 * finished (SQLite's journal guarantees a committed transaction survives, an interrupted one
 * vanishes whole), and the restarted run skips what `done()` says is finished.
 */
import Database from "better-sqlite3";
import type { Classification, FetchErrorReason, FetchRequest, FetchResult, FileKind, RequestLabel, StoredFile } from "../types.js";
import { requestKey } from "./keys.js";

/** Classifications after which a URL needs no fetch again in the same run (or its resumption). */
export const FINISHED: ReadonlySet<Classification> = new Set(["ok", "not-modified", "not-found", "too-large", "wrong-type"]);

export interface ErrorEntry {
  at: string;
  classification: Classification;
  /** For "error" outcomes (absent in entries written before it existed). */
  reason?: FetchErrorReason | null;
  status: number | null;
  error: string;
}

export interface UrlRecord {
  key: string;
  url: string;
  method: "GET" | "POST";
  form: Record<string, string> | null;
  label: RequestLabel;
  siteId: string | null;
  status: number | null;
  classification: Classification;
  finalUrl: string | null;
  redirects: string[];
  etag: string | null;
  lastModified: string | null;
  contentType: string | null;
  charset: string | null;
  /** sha256 of the body bytes (pages) or of the stored file. */
  sha256: string | null;
  kind: FileKind | null;
  bytes: number | null;
  /** ISO 8601 of the last fetch (any outcome). */
  fetchedAt: string;
  /** ISO 8601 of the last fetch that found different content (or the first). */
  changedAt: string | null;
  error: string | null;
  /** The last 20 failures, oldest first. */
  errors: ErrorEntry[];
  runId: number | null;
}

export interface FileRecord extends StoredFile {
  firstUrl: string;
  firstSeen: string;
  /** Every URL this content was fetched from. */
  urls: string[];
}

/** What the fetcher knows besides the FetchResult. */
export interface RecordInput {
  result: FetchResult;
  etag?: string | null;
  lastModified?: string | null;
  /** For pages: the hash, kind and size of the body bytes (files carry theirs in result.file). */
  body?: { sha256: string; kind: FileKind; bytes: number } | null;
  siteId?: string | null;
  runId?: number | null;
  /** What each hop of the request's chain answered, written in the same transaction. */
  answers?: readonly AnswerInput[];
}

/** How the content compares with what was recorded before. */
export type Change = "new" | "changed" | "unchanged" | "none";

/**
 * What one URL answered the last time it was asked, whichever chain it was a hop of (issue 10):
 * its validators, and what the answer meant — one more hop (a 3xx `Location`, a `<meta refresh>`
 * stub) or the chain's end with its content. A later conditional request of that URL stands on
 * it: a 304 means "the same again", so the chain goes on to the same next hop, or ends the same.
 */
export interface Answer {
  /** The request key of the exact request sent at that hop (method, URL, form). */
  key: string;
  url: string;
  status: number;
  etag: string | null;
  lastModified: string | null;
  meaning: "redirect" | "refresh" | "end";
  /** The next hop, for "redirect" and "refresh". */
  next: string | null;
  /** For "end": how it ended, and its content (a stored file or a page body, by sha256). */
  classification: Classification | null;
  error: string | null;
  contentType: string | null;
  charset: string | null;
  sha256: string | null;
  fetchedAt: string;
}

/** An answer to remember; `text` is the page body to keep with it (for a 304 to hand back). */
export type AnswerInput = Answer & { text?: string | null };

export interface Run {
  id: number;
  startedAt: string;
  finishedAt: string | null;
}

export interface CrawlState {
  /** Write one fetch, in one transaction. Returns how its content compares with the last record. */
  record(input: RecordInput): Change;
  get(key: string): UrlRecord | null;
  /**
   * True when `key` was fetched to a finished outcome (ok, not-modified, not-found, too-large,
   * wrong-type) at or after `since` (ISO 8601; any time when omitted). Errors, blocks and robots
   * denials are never done: they are tried again.
   */
  done(key: string, since?: string): boolean;
  /** The stored text of a page body, by the body's sha256. */
  text(sha256: string): string | null;
  /** Remember what one hop of a chain answered (replacing what it answered before). */
  answer(input: AnswerInput): void;
  /** What the exact request `key` answered last, or null. */
  answerFor(key: string): Answer | null;
  file(sha256: string): FileRecord | null;
  /** A FetchResult rebuilt from the record (text and file included), for work skipped on resume. */
  storedResult(req: FetchRequest): FetchResult | null;
  beginRun(at?: string): Run;
  finishRun(id: number, at?: string): void;
  /**
   * The run to resume: of the runs since the last finished one, all killed, the first (a run
   * killed, resumed and killed again resumes from the first one's start). Null after a finished
   * run. Ask before `beginRun()`.
   */
  unfinishedRun(): Run | null;
  close(): void;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  started_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE TABLE IF NOT EXISTS urls (
  key TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  method TEXT NOT NULL,
  form TEXT,
  label TEXT NOT NULL,
  site_id TEXT,
  status INTEGER,
  classification TEXT NOT NULL,
  final_url TEXT,
  redirects TEXT NOT NULL DEFAULT '[]',
  etag TEXT,
  last_modified TEXT,
  content_type TEXT,
  charset TEXT,
  sha256 TEXT,
  kind TEXT,
  bytes INTEGER,
  fetched_at TEXT NOT NULL,
  changed_at TEXT,
  error TEXT,
  errors TEXT NOT NULL DEFAULT '[]',
  run_id INTEGER
);
CREATE INDEX IF NOT EXISTS urls_site ON urls (site_id);
CREATE INDEX IF NOT EXISTS urls_sha ON urls (sha256);
CREATE TABLE IF NOT EXISTS files (
  sha256 TEXT PRIMARY KEY,
  bytes INTEGER NOT NULL,
  kind TEXT NOT NULL,
  path TEXT NOT NULL,
  suggested_name TEXT,
  first_url TEXT NOT NULL,
  first_seen TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS file_urls (
  sha256 TEXT NOT NULL,
  url TEXT NOT NULL,
  seen_at TEXT NOT NULL,
  PRIMARY KEY (sha256, url)
);
CREATE TABLE IF NOT EXISTS bodies (
  sha256 TEXT PRIMARY KEY,
  text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS answers (
  key TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  status INTEGER NOT NULL,
  etag TEXT,
  last_modified TEXT,
  meaning TEXT NOT NULL,
  next TEXT,
  classification TEXT,
  error TEXT,
  content_type TEXT,
  charset TEXT,
  sha256 TEXT,
  fetched_at TEXT NOT NULL
);
`;

interface AnswerRow {
  key: string;
  url: string;
  status: number;
  etag: string | null;
  last_modified: string | null;
  meaning: string;
  next: string | null;
  classification: string | null;
  error: string | null;
  content_type: string | null;
  charset: string | null;
  sha256: string | null;
  fetched_at: string;
}

interface UrlRow {
  key: string;
  url: string;
  method: string;
  form: string | null;
  label: string;
  site_id: string | null;
  status: number | null;
  classification: string;
  final_url: string | null;
  redirects: string;
  etag: string | null;
  last_modified: string | null;
  content_type: string | null;
  charset: string | null;
  sha256: string | null;
  kind: string | null;
  bytes: number | null;
  fetched_at: string;
  changed_at: string | null;
  error: string | null;
  errors: string;
  run_id: number | null;
}

interface FileRow {
  sha256: string;
  bytes: number;
  kind: string;
  path: string;
  suggested_name: string | null;
  first_url: string;
  first_seen: string;
}

const MAX_ERRORS = 20;

/** Outcomes that say the content we had is gone (its validators no longer apply). */
const CONTENT_GONE: ReadonlySet<Classification> = new Set(["not-found", "too-large", "wrong-type"]);

function toRecord(r: UrlRow): UrlRecord {
  return {
    key: r.key,
    url: r.url,
    method: r.method === "POST" ? "POST" : "GET",
    form: r.form ? (JSON.parse(r.form) as Record<string, string>) : null,
    label: r.label as RequestLabel,
    siteId: r.site_id,
    status: r.status,
    classification: r.classification as Classification,
    finalUrl: r.final_url,
    redirects: JSON.parse(r.redirects) as string[],
    etag: r.etag,
    lastModified: r.last_modified,
    contentType: r.content_type,
    charset: r.charset,
    sha256: r.sha256,
    kind: r.kind as FileKind | null,
    bytes: r.bytes,
    fetchedAt: r.fetched_at,
    changedAt: r.changed_at,
    error: r.error,
    errors: JSON.parse(r.errors) as ErrorEntry[],
    runId: r.run_id,
  };
}

export interface StateOptions {
  /** SQLite `synchronous`: FULL survives power loss too; NORMAL survives a killed process. @default "FULL" */
  synchronous?: "FULL" | "NORMAL";
}

class SqliteCrawlState implements CrawlState {
  private readonly db: Database.Database;
  private readonly stmts;
  private readonly recordTx: (input: RecordInput) => Change;
  private readonly answerTx: (input: AnswerInput) => void;

  constructor(path: string, options: StateOptions = {}) {
    this.db = new Database(path);
    if (path !== ":memory:") this.db.pragma("journal_mode = WAL");
    this.db.pragma(`synchronous = ${options.synchronous ?? "FULL"}`);
    this.db.pragma("busy_timeout = 5000");
    this.db.exec(SCHEMA);
    const db = this.db;
    this.stmts = {
      get: db.prepare<[string], UrlRow>("SELECT * FROM urls WHERE key = ?"),
      upsert: db.prepare(`INSERT INTO urls (key, url, method, form, label, site_id, status, classification, final_url, redirects,
          etag, last_modified, content_type, charset, sha256, kind, bytes, fetched_at, changed_at, error, errors, run_id)
        VALUES (@key, @url, @method, @form, @label, @site_id, @status, @classification, @final_url, @redirects,
          @etag, @last_modified, @content_type, @charset, @sha256, @kind, @bytes, @fetched_at, @changed_at, @error, @errors, @run_id)
        ON CONFLICT (key) DO UPDATE SET url = excluded.url, method = excluded.method, form = excluded.form, label = excluded.label,
          site_id = excluded.site_id, status = excluded.status, classification = excluded.classification, final_url = excluded.final_url,
          redirects = excluded.redirects, etag = excluded.etag, last_modified = excluded.last_modified, content_type = excluded.content_type,
          charset = excluded.charset, sha256 = excluded.sha256, kind = excluded.kind, bytes = excluded.bytes, fetched_at = excluded.fetched_at,
          changed_at = excluded.changed_at, error = excluded.error, errors = excluded.errors, run_id = excluded.run_id`),
      insertFile: db.prepare(`INSERT OR IGNORE INTO files (sha256, bytes, kind, path, suggested_name, first_url, first_seen)
        VALUES (?, ?, ?, ?, ?, ?, ?)`),
      insertFileUrl: db.prepare("INSERT OR IGNORE INTO file_urls (sha256, url, seen_at) VALUES (?, ?, ?)"),
      getFile: db.prepare<[string], FileRow>("SELECT * FROM files WHERE sha256 = ?"),
      fileUrls: db.prepare<[string], { url: string }>("SELECT url FROM file_urls WHERE sha256 = ? ORDER BY seen_at, url"),
      insertBody: db.prepare("INSERT OR IGNORE INTO bodies (sha256, text) VALUES (?, ?)"),
      getBody: db.prepare<[string], { text: string }>("SELECT text FROM bodies WHERE sha256 = ?"),
      upsertAnswer: db.prepare(`INSERT INTO answers (key, url, status, etag, last_modified, meaning, next, classification, error, content_type, charset, sha256, fetched_at)
        VALUES (@key, @url, @status, @etag, @last_modified, @meaning, @next, @classification, @error, @content_type, @charset, @sha256, @fetched_at)
        ON CONFLICT (key) DO UPDATE SET url = excluded.url, status = excluded.status, etag = excluded.etag, last_modified = excluded.last_modified,
          meaning = excluded.meaning, next = excluded.next, classification = excluded.classification, error = excluded.error,
          content_type = excluded.content_type, charset = excluded.charset, sha256 = excluded.sha256, fetched_at = excluded.fetched_at`),
      getAnswer: db.prepare<[string], AnswerRow>("SELECT * FROM answers WHERE key = ?"),
      beginRun: db.prepare("INSERT INTO runs (started_at) VALUES (?)"),
      finishRun: db.prepare("UPDATE runs SET finished_at = ? WHERE id = ?"),
      unfinished: db.prepare<[], { id: number; started_at: string; finished_at: string | null }>(
        `SELECT * FROM runs WHERE finished_at IS NULL
           AND id > COALESCE((SELECT MAX(id) FROM runs WHERE finished_at IS NOT NULL), 0)
         ORDER BY id ASC LIMIT 1`,
      ),
    };
    this.recordTx = this.db.transaction((input: RecordInput) => this.write(input));
    this.answerTx = this.db.transaction((a: AnswerInput) => this.writeAnswer(a));
  }

  private writeAnswer(a: AnswerInput): void {
    if (a.text != null && a.sha256) this.stmts.insertBody.run(a.sha256, a.text);
    this.stmts.upsertAnswer.run({
      key: a.key,
      url: a.url,
      status: a.status,
      etag: a.etag,
      last_modified: a.lastModified,
      meaning: a.meaning,
      next: a.next,
      classification: a.classification,
      error: a.error,
      content_type: a.contentType,
      charset: a.charset,
      sha256: a.sha256,
      fetched_at: a.fetchedAt,
    });
  }

  record(input: RecordInput): Change {
    return this.recordTx(input);
  }

  private write(input: RecordInput): Change {
    const { result } = input;
    const req = result.request;
    const key = requestKey(req);
    const prev = this.stmts.get.get(key);
    const method = req.method ?? (req.form ? "POST" : "GET");

    // The content this result carries, if any.
    const content =
      result.classification === "ok"
        ? result.file
          ? { sha256: result.file.sha256, kind: result.file.kind as string, bytes: result.file.bytes }
          : input.body
            ? { sha256: input.body.sha256, kind: input.body.kind as string, bytes: input.body.bytes }
            : null
        : null;

    let change: Change = "none";
    let sha256 = prev?.sha256 ?? null;
    let kind = prev?.kind ?? null;
    let bytes = prev?.bytes ?? null;
    let etag = prev?.etag ?? null;
    let lastModified = prev?.last_modified ?? null;
    let contentType = prev?.content_type ?? null;
    let charset = prev?.charset ?? null;
    let changedAt = prev?.changed_at ?? null;

    if (content) {
      change = !prev?.sha256 ? "new" : prev.sha256 === content.sha256 ? "unchanged" : "changed";
      if (change !== "unchanged") changedAt = result.fetchedAt;
      ({ sha256, kind, bytes } = content);
      etag = input.etag ?? null;
      lastModified = input.lastModified ?? null;
      contentType = result.contentType;
      charset = result.charset;
    } else if (result.classification === "not-modified") {
      change = "unchanged";
      if (input.etag) etag = input.etag;
      if (input.lastModified) lastModified = input.lastModified;
    } else if (CONTENT_GONE.has(result.classification)) {
      sha256 = kind = null;
      bytes = null;
      contentType = charset = null;
      // The validators of what answered in its place (a 页面不存在 page, an HTML error page at a
      // .pdf URL) are kept, so the next run asks conditionally and a 304 repeats the outcome.
      etag = input.etag ?? null;
      lastModified = input.lastModified ?? null;
    }

    const errors = prev ? (JSON.parse(prev.errors) as ErrorEntry[]) : [];
    if (result.error) {
      errors.push({ at: result.fetchedAt, classification: result.classification, ...(result.reason ? { reason: result.reason } : {}), status: result.status, error: result.error });
      errors.splice(0, Math.max(0, errors.length - MAX_ERRORS));
    }

    if (content && result.file) {
      const f = result.file;
      this.stmts.insertFile.run(f.sha256, f.bytes, f.kind, f.path, f.suggestedName, result.finalUrl, result.fetchedAt);
      this.stmts.insertFileUrl.run(f.sha256, result.finalUrl, result.fetchedAt);
      if (result.finalUrl !== req.url) this.stmts.insertFileUrl.run(f.sha256, req.url, result.fetchedAt);
    } else if (content && result.text !== null) {
      this.stmts.insertBody.run(content.sha256, result.text);
    }

    this.stmts.upsert.run({
      key,
      url: req.url,
      method,
      form: req.form ? JSON.stringify(req.form) : null,
      label: req.label,
      site_id: input.siteId ?? prev?.site_id ?? null,
      status: result.status,
      classification: result.classification,
      final_url: result.finalUrl,
      redirects: JSON.stringify(result.redirects),
      etag,
      last_modified: lastModified,
      content_type: contentType,
      charset,
      sha256,
      kind,
      bytes,
      fetched_at: result.fetchedAt,
      changed_at: changedAt,
      error: result.error,
      errors: JSON.stringify(errors),
      run_id: input.runId ?? null,
    });
    for (const a of input.answers ?? []) this.writeAnswer(a);
    return change;
  }

  get(key: string): UrlRecord | null {
    const row = this.stmts.get.get(key);
    return row ? toRecord(row) : null;
  }

  done(key: string, since?: string): boolean {
    const row = this.stmts.get.get(key);
    if (!row || !FINISHED.has(row.classification as Classification)) return false;
    return since === undefined || row.fetched_at >= since;
  }

  text(sha256: string): string | null {
    return this.stmts.getBody.get(sha256)?.text ?? null;
  }

  answer(input: AnswerInput): void {
    this.answerTx(input);
  }

  answerFor(key: string): Answer | null {
    const r = this.stmts.getAnswer.get(key);
    if (!r) return null;
    return {
      key: r.key,
      url: r.url,
      status: r.status,
      etag: r.etag,
      lastModified: r.last_modified,
      meaning: r.meaning === "redirect" || r.meaning === "refresh" ? r.meaning : "end",
      next: r.next,
      classification: r.classification as Classification | null,
      error: r.error,
      contentType: r.content_type,
      charset: r.charset,
      sha256: r.sha256,
      fetchedAt: r.fetched_at,
    };
  }

  file(sha256: string): FileRecord | null {
    const row = this.stmts.getFile.get(sha256);
    if (!row) return null;
    return {
      sha256: row.sha256,
      bytes: row.bytes,
      kind: row.kind as FileKind,
      path: row.path,
      suggestedName: row.suggested_name,
      firstUrl: row.first_url,
      firstSeen: row.first_seen,
      urls: this.stmts.fileUrls.all(sha256).map((r) => r.url),
    };
  }

  storedResult(req: FetchRequest): FetchResult | null {
    const rec = this.get(requestKey(req));
    if (!rec) return null;
    const f = rec.sha256 ? this.file(rec.sha256) : null;
    const file: StoredFile | null = f
      ? { sha256: f.sha256, bytes: f.bytes, kind: f.kind, path: f.path, suggestedName: f.suggestedName }
      : null;
    return {
      request: req,
      finalUrl: rec.finalUrl ?? rec.url,
      redirects: rec.redirects,
      status: rec.status,
      classification: rec.classification,
      text: !file && rec.sha256 ? this.text(rec.sha256) : null,
      charset: rec.charset,
      contentType: rec.contentType,
      file,
      fetchedAt: rec.fetchedAt,
      error: rec.error,
      reason: rec.classification === "error" ? (rec.errors.at(-1)?.reason ?? "internal") : null,
    };
  }

  beginRun(at = new Date().toISOString()): Run {
    const info = this.stmts.beginRun.run(at);
    return { id: Number(info.lastInsertRowid), startedAt: at, finishedAt: null };
  }

  finishRun(id: number, at = new Date().toISOString()): void {
    this.stmts.finishRun.run(at, id);
  }

  unfinishedRun(): Run | null {
    const r = this.stmts.unfinished.get();
    return r ? { id: r.id, startedAt: r.started_at, finishedAt: r.finished_at } : null;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** Open (or create) the state database at `path`; `":memory:"` for tests. */
export function openState(path: string, options: StateOptions = {}): CrawlState {
  return new SqliteCrawlState(path, options);
}

/** A state that lives only as long as the process (unit tests). */
export function memoryState(): CrawlState {
  return new SqliteCrawlState(":memory:");
}
