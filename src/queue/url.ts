/** The `--queue` URL's check, without loading the queue's modules (the CLI checks it while parsing options). */
export function checkQueueUrl(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `--queue takes a redis:// or rediss:// URL, not "${url}"`;
  }
  if (u.protocol !== "redis:" && u.protocol !== "rediss:") return `--queue takes a redis:// or rediss:// URL, not "${url}"`;
  return null;
}
