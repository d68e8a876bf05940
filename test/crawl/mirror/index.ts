/**
 * A local mirror of several government sites for the crawler's tests (issue 5, crawling.md §2).
 *
 *   const mirror = await startMirror();            // one HTTP server per virtual host on 127.0.0.1
 *   const sites = mirror.sitesFile({ minIntervalMs: 20 });
 *   … crawl …
 *   expect(found).toEqual(mirror.expected.reports…); expect(mirror.violations()).toEqual([]);
 *   await mirror.close();
 *
 * See README.md next to this file for every host, trap and the limits a crawl test should set.
 */
import type { SiteConfig, SitesFile } from "../../../src/crawl/types.js";
import { HostSet, type LogEntry } from "./server.js";
import { readSamples } from "./files.js";
import { buildWorld } from "./sites.js";
import { HOST_NAMES, type HostName, type Mirror, type MirrorOptions, type RequestPattern } from "./types.js";

export * from "./types.js";
export type { LogEntry, RequestLog } from "./server.js";

export async function startMirror(options: MirrorOptions = {}): Promise<Mirror> {
  const resolved = {
    // Far above the timeout and the deadline of limits: the slow page and the trickle stay
    // failures even when a loaded machine delays the crawler's own timers by seconds (both
    // are cancelled when the crawler goes, so the margin costs a crawl nothing).
    slowMs: options.slowMs ?? 8000,
    stallMs: options.stallMs ?? 12000,
    crawlDelaySeconds: options.crawlDelaySeconds ?? 1,
    retryAfterSeconds: options.retryAfterSeconds ?? 1,
    oversizeBytes: options.oversizeBytes ?? 3 * 1024 * 1024,
  };
  const samples = readSamples(options.samplesDir);
  const set = new HostSet();
  try {
    for (const name of HOST_NAMES) await set.add(name, options.ports?.[name] ?? 0);
  } catch (err) {
    await set.close();
    throw err;
  }
  let world: ReturnType<typeof buildWorld>;
  try {
    world = buildWorld(set, samples, resolved);
  } catch (err) {
    await set.close();
    throw err;
  }
  const hosts = Object.fromEntries(HOST_NAMES.map((n) => [n, set.hosts.get(n)!.origin])) as Record<HostName, string>;
  const byOrigin = new Map(HOST_NAMES.map((n) => [hosts[n], n] as const));
  const { expected } = world;

  const matches = (e: LogEntry, p: RequestPattern): boolean => {
    if (e.host !== p.host) return false;
    if (p.method && e.method !== p.method) return false;
    const u = new URL(e.url);
    if (u.pathname !== p.pathname) return false;
    const form = new URLSearchParams(e.method === "POST" ? e.body : "");
    return Object.entries(p.params ?? {}).every(([k, v]) => u.searchParams.get(k) === v || form.get(k) === v);
  };

  const mirror: Mirror = {
    hosts,
    hostOf: (url) => {
      try {
        return byOrigin.get(new URL(url).origin);
      } catch {
        return undefined;
      }
    },
    sitesFile: (overrides = {}): SitesFile => ({
      sites: world.sites.map((s): SiteConfig => ({ ...s, ...overrides, start: [...s.start], ...(s.allowHosts || overrides.allowHosts ? { allowHosts: [...(s.allowHosts ?? []), ...(overrides.allowHosts ?? [])] } : {}) })),
    }),
    expected,
    log: set.log,
    requested: (p) => set.log.entries.filter((e) => matches(e, p)),
    violations: () => {
      const exact = new Set(expected.neverRequest.map((n) => n.url));
      return set.log.entries.filter((e) => {
        if (exact.has(e.url)) return true;
        const path = new URL(e.url).pathname;
        return expected.neverRequestPrefixes.some((r) => r.host === e.host && path.startsWith(r.pathPrefix) && !r.except.includes(path));
      });
    },
    requestsAfterFirstBlock: (host) => {
      const entries = set.log.forHost(host);
      const first = entries.findIndex((e) => e.trap === "challenge");
      return first < 0 ? [] : entries.slice(first + 1);
    },
    options: resolved,
    close: () => set.close(),
  };
  return mirror;
}
