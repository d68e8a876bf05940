/**
 * The key a request is remembered under. A GET is its URL as the walk gave it (the walk
 * canonicalises URLs before asking: crawling.md §2.10); a POST (Hanweb's dataproxy.jsp) is the
 * method, the URL and its form fields in sorted order, so page 2 and page 3 of one column differ.
 */
import type { PageRequest } from "../types.js";

export function requestKey(req: PageRequest): string {
  if ((req.method ?? (req.form ? "POST" : "GET")) === "GET") return req.url;
  const form = Object.entries(req.form ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `POST ${req.url} ${new URLSearchParams(form).toString()}`;
}
