/**
 * Prose shingles, kept small: a bottom-k sketch (the k smallest 32-bit hashes of a text's
 * character 6-grams) stands for the whole set, so that one report's prose costs about 1 KB
 * whatever its length, and two sketches estimate the share of shingles two texts have in common
 * (Broder 1997, "On the resemblance and containment of documents"). For sets smaller than k the
 * sketch is the whole set and the estimate is exact.
 *
 * Before shingling, digits, spaces and punctuation are dropped: a report copied from last year with
 * only its numbers and years brought up to date is still the same prose.
 */
export const SHINGLE = 6;
export const SKETCH_SIZE = 512;

export interface ProseSketch {
  /** Number of distinct shingles in the text. */
  size: number;
  /** The smallest hashes, ascending, at most SKETCH_SIZE. */
  mins: number[];
}

/** FNV-1a, 32 bits, over UTF-16 code units: deterministic and fast enough for 6-grams. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // A final avalanche (murmur3 fmix32) so that neighbouring grams spread over the range.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

export function normaliseProse(text: string): string {
  return text.normalize("NFKC").replace(/[\d\s\p{P}\p{S}]/gu, "");
}

export function sketch(text: string): ProseSketch {
  const t = normaliseProse(text);
  const set = new Set<number>();
  for (let i = 0; i + SHINGLE <= t.length; i++) set.add(fnv1a(t.slice(i, i + SHINGLE)));
  const all = [...set].sort((a, b) => a - b);
  return { size: set.size, mins: all.slice(0, SKETCH_SIZE) };
}

/** Estimated Jaccard resemblance |A∩B| / |A∪B| of the two shingle sets. */
export function resemblance(a: ProseSketch, b: ProseSketch): number {
  if (a.size === 0 || b.size === 0) return 0;
  const inB = new Set(b.mins);
  const inA = new Set(a.mins);
  const union = [...new Set([...a.mins, ...b.mins])].sort((x, y) => x - y).slice(0, SKETCH_SIZE);
  if (union.length === 0) return 0;
  const both = union.filter((h) => inA.has(h) && inB.has(h)).length;
  return both / union.length;
}

/** Estimated share of A's shingles that are also B's: |A∩B| / |A| (from the resemblance and the sizes). */
export function containment(a: ProseSketch, b: ProseSketch): number {
  const j = resemblance(a, b);
  if (j === 0) return 0;
  const intersection = (j * (a.size + b.size)) / (1 + j);
  return Math.min(1, intersection / a.size);
}
