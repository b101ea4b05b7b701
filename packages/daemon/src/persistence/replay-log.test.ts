import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  epochMillis,
  formatRecord,
  isTraceId,
  type TraceId,
  XRAY_UDP_ORIGIN,
} from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { capturingLogger } from "../../test/support/capturing-logger.ts";
import { tempDir } from "../../test/support/temp-dir.ts";
import { replayLog } from "./replay-log.ts";

function traceId(n: number): TraceId {
  const id = `1-6a000000-${n.toString(16).padStart(24, "0")}`;
  if (!isTraceId(id)) throw new Error(id);
  return id;
}

function raw(n: number, trace = n): string {
  return JSON.stringify({
    name: `svc-${n}`,
    id: n.toString(16).padStart(16, "0"),
    trace_id: traceId(trace),
    start_time: 1_780_000_000 + n,
    end_time: 1_780_000_001 + n,
  });
}

function line(n: number, receivedAt = 1_000 + n, trace = n): string {
  return formatRecord({
    receivedAt: epochMillis(receivedAt),
    traceId: traceId(trace),
    raw: raw(n, trace),
    origin: XRAY_UDP_ORIGIN,
  });
}

function replay(content: string, keepSince?: number) {
  const path = join(tempDir(), "segments.ndjson");
  writeFileSync(path, content);
  const { logger, records } = capturingLogger();
  const ingested: { name: string; raw: string; bytes: number; receivedAt: number }[] = [];
  const result = replayLog({
    path,
    logger,
    ...(keepSince === undefined ? {} : { keepSince }),
    ingest: (index, raw, bytes, receivedAt) =>
      ingested.push({ name: index.name, raw, bytes, receivedAt }),
  });
  return {
    result,
    ingested,
    warnings: records.map((record) => record.msg),
    read: () => readFileSync(path, "utf8"),
  };
}

describe("replayLog", () => {
  it("hands every record over in order, with its text, size and receive time", () => {
    const { result, ingested } = replay(`${line(1)}\n${line(2)}\n`);
    expect(ingested).toEqual([
      { name: "svc-1", raw: raw(1), bytes: raw(1).length, receivedAt: 1_001 },
      { name: "svc-2", raw: raw(2), bytes: raw(2).length, receivedAt: 1_002 },
    ]);
    expect(result).toEqual({
      replayed: 2,
      skippedLines: 0,
      expired: 0,
      logBytes: line(1).length + line(2).length + 2,
    });
  });

  it("treats a missing log as empty", () => {
    const { logger } = capturingLogger();
    expect(
      replayLog({ path: join(tempDir(), "none.ndjson"), logger, ingest: () => undefined }),
    ).toEqual({ replayed: 0, skippedLines: 0, expired: 0, logBytes: 0 });
  });

  it("skips a corrupt line in the middle and names its line number", () => {
    const bad = formatRecord({
      receivedAt: epochMillis(5),
      traceId: traceId(9),
      raw: '{"name":"no-id","trace_id":"1-6a000000-000000000000000000000009","start_time":1,"end_time":2}',
      origin: XRAY_UDP_ORIGIN,
    });
    const { result, ingested, warnings } = replay(
      `${line(1)}\n{"v":1,"receivedAt":\n${bad}\n${line(4)}\n`,
    );
    expect(ingested.map((entry) => entry.name)).toEqual(["svc-1", "svc-4"]);
    expect(result).toMatchObject({ replayed: 2, skippedLines: 2 });
    expect(warnings).toEqual([
      "segment log line 2 skipped: the line is not JSON",
      expect.stringMatching(
        /^segment log line 3 skipped: the document is refused \(invalid-document\): "id" is missing/,
      ),
    ]);
  });

  it("cuts off a torn last line with a warning, so appending resumes on a clean line", () => {
    const whole = `${line(1)}\n${line(2)}\n`;
    const { result, ingested, warnings, read } = replay(`${whole}${line(3).slice(0, 40)}`);
    expect(ingested).toHaveLength(2);
    expect(result).toEqual({ replayed: 2, skippedLines: 1, expired: 0, logBytes: whole.length });
    expect(read()).toBe(whole);
    expect(warnings).toEqual([
      "segment log: the last line (3) was only partly written (the daemon stopped while writing it); it was cut off",
    ]);
  });

  it("keeps a whole last line that lost only its newline, and adds the newline", () => {
    const { result, read } = replay(`${line(1)}\n${line(2)}`);
    expect(result.replayed).toBe(2);
    expect(read()).toBe(`${line(1)}\n${line(2)}\n`);
  });

  it("leaves out traces whose newest document is older than keepSince, whole", () => {
    const content = [line(1, 100, 1), line(2, 100, 2), line(3, 900, 2), line(4, 950, 4)].join("\n");
    const { result, ingested } = replay(`${content}\n`, 500);
    expect(ingested.map((entry) => entry.name)).toEqual(["svc-2", "svc-3", "svc-4"]);
    expect(result).toMatchObject({ replayed: 3, expired: 1 });
  });
});
