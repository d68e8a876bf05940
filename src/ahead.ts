/**
 * Work started a few items ahead of the one being consumed, given back in the items' order: reads
 * or threads overlap the consumer's own work, and what it sees does not depend on which finished
 * first. Used where a dataset is written from the store (src/run/loop.ts) and where audit.html's
 * PDF images are rendered (src/emit/audit/model.ts).
 */

/**
 * `[item, await start(item)]` for each item in order, with up to `depth` started ahead. `stop()`
 * is asked before each start: once it says so, nothing more is started (what was started is still
 * given; a consumer that has had enough breaks out). A start that fails throws when its turn comes.
 */
export async function* inOrder<T, R>(items: readonly T[], depth: number, start: (item: T) => Promise<R>, stop: () => boolean = () => false): AsyncGenerator<[T, R]> {
  const ahead: { item: T; result: Promise<R> }[] = [];
  let next = 0;
  for (;;) {
    while (ahead.length < Math.max(1, depth) && next < items.length && !stop()) {
      const item = items[next++]!;
      const result = start(item);
      result.catch(() => undefined); // handled when its turn comes (or never wanted)
      ahead.push({ item, result });
    }
    const first = ahead.shift();
    if (!first) return;
    yield [first.item, await first.result];
  }
}
