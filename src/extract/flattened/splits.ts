/**
 * Cutting a run of digits whose cell boundaries were lost ("640020470") into a fixed number of
 * cells. Every cut is enumerated; the caller decides which readings are admissible. Whitespace in
 * the run is a forced boundary ("230 000023" cannot put a cell across the space).
 */

/** What a cell may hold: a count (0, 12), a signed change (-15, +3, 0) or an amount (24252.311082). */
export type CellKind = "count" | "signed" | "amount";

const CELL_PATTERN: Record<CellKind, RegExp> = {
  // No leading zeros: "023" is two cells (0, 23), never the number 23.
  count: /^(?:0|[1-9]\d*)$/,
  signed: /^(?:0|[-+][1-9]\d*|[1-9]\d*)$/,
  amount: /^(?:0|[1-9]\d*)(?:\.\d+)?$/,
};

const MAX_COUNT_DIGITS = 12;

export function cellAdmissible(cell: string, kind: CellKind): boolean {
  return CELL_PATTERN[kind].test(cell);
}

export function cellNumber(cell: string): number {
  const n = Number(cell);
  return n === 0 ? 0 : n;
}

export interface SplitOptions {
  /**
   * Called after each completed cell with the cells so far: false prunes the branch; "stop" prunes
   * it and every longer version of the last cell too (values only grow with length).
   */
  partial?: (cells: readonly string[]) => boolean | "stop";
  /** Called on each complete reading; false rejects it. */
  accept?: (cells: readonly string[]) => boolean;
  /** Stop after this many accepted readings (the result is then marked truncated). */
  limit?: number;
  /** Treat whitespace as nothing instead of as a boundary. */
  ignoreSpaces?: boolean;
}

export interface SplitResult {
  readings: string[][];
  truncated: boolean;
}

/** The run as groups of non-space characters (each group holds at least one whole cell). */
export function runGroups(run: string, ignoreSpaces = false): string[] {
  const t = run.trim();
  if (t === "") return [];
  return ignoreSpaces ? [t.replace(/\s+/g, "")] : t.split(/\s+/);
}

/**
 * Every reading of `run` as `kinds.length` cells, cell i admissible for kinds[i]. A sign may only
 * open a cell, a decimal point only sit inside an amount: both follow from the cell patterns.
 */
export function enumerateSplits(run: string, kinds: readonly CellKind[], opts: SplitOptions = {}): SplitResult {
  const groups = runGroups(run, opts.ignoreSpaces);
  const n = kinds.length;
  const limit = opts.limit ?? Number.POSITIVE_INFINITY;
  const readings: string[][] = [];
  let truncated = false;
  if (groups.length === 0 || groups.length > n) return { readings, truncated };
  // Characters left from group g onwards (a cell takes at least one).
  const tail: number[] = new Array<number>(groups.length + 1).fill(0);
  for (let g = groups.length - 1; g >= 0; g--) tail[g] = (tail[g + 1] ?? 0) + (groups[g]?.length ?? 0);
  const cells: string[] = [];

  const walk = (g: number, p: number): void => {
    if (truncated) return;
    const group = groups[g];
    if (group === undefined) {
      if (cells.length === n && (!opts.accept || opts.accept(cells))) {
        readings.push([...cells]);
        if (readings.length >= limit) truncated = true;
      }
      return;
    }
    const k = cells.length;
    const kind = kinds[k];
    if (kind === undefined) return;
    const left = n - k; // cells still to place, this one included
    const groupsLeft = groups.length - g - 1; // whole groups after this one
    const charsLeft = group.length - p + (tail[g + 1] ?? 0);
    if (left > charsLeft || left < groupsLeft + 1) return;
    for (let e = p + 1; e <= group.length; e++) {
      const atGroupEnd = e === group.length;
      // After this cell: the cells still to place must fit the characters still there.
      const after = left - 1;
      const charsAfter = group.length - e + (tail[g + 1] ?? 0);
      if (after > charsAfter) break;
      if (after === 0 && !(atGroupEnd && groupsLeft === 0)) continue;
      if (!atGroupEnd && after < groupsLeft + 1) break;
      const cell = group.slice(p, e);
      if (!CELL_PATTERN[kind].test(cell)) {
        // A count or signed cell that starts with 0 can only be "0" itself.
        if (cell.length > 1 && /^[-+]?0/.test(cell) && kind !== "amount") break;
        // A count cannot grow past a sign or a decimal point.
        if (kind === "count" && /\D/.test(cell)) break;
        continue;
      }
      // Counts longer than this are not counts (and would lose precision as numbers).
      if (kind === "count" && cell.length > MAX_COUNT_DIGITS) break;
      cells.push(cell);
      const ok = opts.partial ? opts.partial(cells) : true;
      if (ok === true) {
        if (atGroupEnd) walk(g + 1, 0);
        else walk(g, e);
      }
      cells.pop();
      if (truncated || ok === "stop") return;
    }
  };
  walk(0, 0);
  return { readings, truncated };
}

/**
 * Readings of `run` as `n` counts where the last is the sum of the others (table 三's 总计 column,
 * a table-四 group). The last cell is taken first, so the others can be pruned by it.
 */
export function enumerateSumSplits(run: string, n: number, opts: { limit?: number; ignoreSpaces?: boolean } = {}): SplitResult {
  const groups = runGroups(run, opts.ignoreSpaces);
  const limit = opts.limit ?? Number.POSITIVE_INFINITY;
  const readings: string[][] = [];
  const last = groups.at(-1);
  if (!last || n < 2) return { readings, truncated: false };
  const kinds: CellKind[] = Array.from({ length: n - 1 }, () => "count");
  const sum = (cells: readonly string[]) => cells.reduce((a, c) => a + Number(c), 0);
  for (let t = 1; t <= Math.min(last.length, MAX_COUNT_DIGITS); t++) {
    const totalCell = last.slice(last.length - t);
    if (!CELL_PATTERN.count.test(totalCell)) continue;
    const total = Number(totalCell);
    const head = [...groups.slice(0, -1), ...(t < last.length ? [last.slice(0, last.length - t)] : [])];
    if (head.length === 0) continue;
    const headDigits = head.reduce((a, g) => a + g.length, 0);
    const sub = enumerateSplits(head.join(" "), kinds, {
      partial: (cells) => {
        const s = sum(cells);
        if (s > total) return "stop";
        // The cells still to come cannot make up the difference: skip (a longer cell may).
        const left = kinds.length - cells.length;
        const chars = headDigits - cells.reduce((a, c) => a + c.length, 0);
        const most = left === 0 ? 0 : 10 ** (chars - left + 1) + 9 * (left - 1);
        return s + most >= total;
      },
      accept: (cells) => sum(cells) === total,
      limit: limit - readings.length,
    });
    for (const r of sub.readings) readings.push([...r, totalCell]);
    if (sub.truncated || readings.length >= limit) return { readings, truncated: true };
  }
  return { readings, truncated: false };
}
