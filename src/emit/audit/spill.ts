/**
 * Values kept on disk as JSON lines while a run's audit page is built (issue 10: the anomalies of
 * 10,000 reports, with their cells, rows and source lines, were ~120 MB of heap held to the end of
 * the run, beside DuckDB writing the Parquet tables). Written and read synchronously, a line at a
 * time through a 1 MB buffer, so the page's generator can read them back as it writes.
 */
import { closeSync, openSync, readSync, writeSync } from "node:fs";

const BUFFER = 1 << 20;

export class SpillFile<T> {
  private fd: number | null = null;
  private chunks: string[] = [];
  private size = 0;
  private closed = false;
  count = 0;

  constructor(readonly path: string) {}

  push(value: T): void {
    if (this.closed) throw new Error(`spill file ${this.path}: written after it was closed`);
    const line = JSON.stringify(value) + "\n";
    this.chunks.push(line);
    this.size += line.length;
    this.count++;
    if (this.size > BUFFER) this.flush();
  }

  private flush(): void {
    this.fd ??= openSync(this.path, "w");
    if (this.chunks.length > 0) writeSync(this.fd, this.chunks.join(""));
    this.chunks = [];
    this.size = 0;
  }

  /** No more values: what is buffered goes to the file. */
  close(): void {
    if (this.closed) return;
    this.flush();
    closeSync(this.fd!);
    this.fd = null;
    this.closed = true;
  }

  /** The values in the order they were pushed (after close). */
  *values(): Generator<T> {
    if (!this.closed) throw new Error(`spill file ${this.path}: read before it was closed`);
    for (const line of readLines(this.path)) yield JSON.parse(line) as T;
  }
}

/** The lines of a UTF-8 file, read a buffer at a time (a line break byte is never inside a character). */
function* readLines(path: string): Generator<string> {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(BUFFER);
    let carry: Buffer = Buffer.alloc(0);
    for (;;) {
      const n = readSync(fd, buf, 0, BUFFER, null);
      if (n === 0) break;
      const chunk: Buffer = carry.length > 0 ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
      let start = 0;
      for (let nl = chunk.indexOf(10, start); nl >= 0; nl = chunk.indexOf(10, start)) {
        yield chunk.toString("utf8", start, nl);
        start = nl + 1;
      }
      carry = Buffer.from(chunk.subarray(start));
    }
    if (carry.length > 0) yield carry.toString("utf8");
  } finally {
    closeSync(fd);
  }
}
