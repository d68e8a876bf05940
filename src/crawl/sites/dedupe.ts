/**
 * Items gathered over several listing pages or Hanweb groups are one list: the same URL (by
 * canonical form) is one item, as crawling.md §2.3–2.5 ask (boundary records, page 0 ≡ page 1,
 * pinned items on every page). Never by title: different notices share titles (§2.9).
 */
import type { ListingItem } from "../types.js";
import { canonicalUrl } from "./urls.js";

/** The first occurrence of each URL, in order; a later copy fills a missing listing date. */
export function dedupeItems(items: readonly ListingItem[], aliases: Readonly<Record<string, string>> = {}): ListingItem[] {
  const byKey = new Map<string, ListingItem>();
  const out: ListingItem[] = [];
  for (const item of items) {
    const key = canonicalUrl(item.url, aliases);
    const known = byKey.get(key);
    if (known) {
      if (!known.listingDate && item.listingDate) known.listingDate = item.listingDate;
      continue;
    }
    const copy = { ...item };
    byKey.set(key, copy);
    out.push(copy);
  }
  return out;
}
