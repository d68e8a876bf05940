/**
 * The queue's conversions, without Redis: host ↔ queue name, a file's content there and back
 * (a crawled page's text exactly, lone surrogates included), the step's options as a job carries
 * them, and a worker thread's flags.
 */
import { describe, expect, it } from "vitest";
import { contentBytes, fetchQueueName, fileFromJob, fileMeta, hostOfQueue, isFetchQueue, jobOptions } from "../../src/queue/jobs.js";
import { threadFlags } from "../../src/queue/worker.js";
import { checkQueueUrl } from "../../src/queue/url.js";
import { bytesFile, type ReportFile } from "../../src/run/index.js";

describe("queue jobs", () => {
  it("names one queue per host:port, without the ':' BullMQ forbids, and reads the host back", () => {
    for (const host of ["www.gov.cn", "127.0.0.1:8080", "[::1]:443", "xn--fiqs8s.cn"]) {
      const name = fetchQueueName(host);
      expect(name).not.toContain(":");
      expect(isFetchQueue(name)).toBe(true);
      expect(hostOfQueue(name)).toBe(host);
    }
    expect(fetchQueueName("a:1")).not.toBe(fetchQueueName("a:2"));
    expect(isFetchQueue("parse")).toBe(false);
  });

  it("carries bytes and decoded text through Redis unchanged", () => {
    const bytes = bytesFile("a.pdf", Buffer.from([0, 1, 2, 255]), { publishedAt: "2024-01-02", attachments: ["x"] });
    const b = contentBytes(bytes);
    expect(b.encoding).toBeNull();
    expect(fileFromJob(fileMeta(bytes), b.bytes, b.encoding)).toEqual(bytes);

    const text = "政府信息公开\u{1F600} lone \uD800 surrogate";
    const page: ReportFile = { ...bytesFile("https://x/a.html", Buffer.from("<p>")), content: { text, encoding: "gb18030" } };
    const t = contentBytes(page);
    const back = fileFromJob(JSON.parse(JSON.stringify(fileMeta(page))) as ReturnType<typeof fileMeta>, t.bytes, t.encoding);
    expect(back.content).toEqual({ text, encoding: "gb18030" });
    expect(back).toEqual(page);
  });

  it("sends 'never LibreOffice', but not a path on the coordinator's machine", () => {
    expect(jobOptions({ soffice: null, timeoutMs: 5000 })).toEqual({ soffice: null, timeoutMs: 5000 });
    expect(jobOptions({ soffice: "/opt/lo/soffice", defaultFeePrecision: 4 })).toEqual({ defaultFeePrecision: 4 });
    expect(jobOptions({})).toEqual({});
  });

  it("gives a worker thread the heap limit as a resource limit, not as a flag it refuses", () => {
    expect(threadFlags(["--max-old-space-size=1536", "--enable-source-maps"])).toEqual({ execArgv: ["--enable-source-maps"], resourceLimits: { maxOldGenerationSizeMb: 1536 } });
    expect(threadFlags([])).toEqual({ execArgv: [] });
  });

  it("takes redis:// and rediss:// URLs only", () => {
    expect(checkQueueUrl("redis://127.0.0.1:6379")).toBeNull();
    expect(checkQueueUrl("rediss://:pw@queue.example.org:6380/2")).toBeNull();
    expect(checkQueueUrl("http://127.0.0.1:6379")).toMatch(/redis:\/\//);
    expect(checkQueueUrl("127.0.0.1:6379")).toMatch(/redis:\/\//);
  });
});
