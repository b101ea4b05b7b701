import { epochMillis } from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { PREVIEW_CHARS, RejectionLog, renderPreview } from "./rejection-log.ts";

const encoder = new TextEncoder();

function reject(log: RejectionLog, n: number, reason: "not-json" | "bad-header" = "not-json") {
  log.record({
    receivedAt: epochMillis(Date.UTC(2026, 0, 1, 0, 0, n)),
    from: `127.0.0.1:${5000 + n}`,
    bytes: encoder.encode(`payload ${n}`),
    reason,
    message: `message ${n}`,
  });
}

describe("RejectionLog", () => {
  it("keeps the last N, newest first, with every field a user needs", () => {
    const log = new RejectionLog(3);
    for (let n = 1; n <= 5; n++) reject(log, n);
    expect(log.kept).toBe(3);
    expect(log.entries()).toEqual([
      {
        receivedAt: "2026-01-01T00:00:05.000Z",
        from: "127.0.0.1:5005",
        size: 9,
        reason: "not-json",
        message: "message 5",
        preview: "payload 5",
        code: "malformed-datagram",
      },
      expect.objectContaining({ from: "127.0.0.1:5004" }),
      expect.objectContaining({ from: "127.0.0.1:5003" }),
    ]);
  });

  it("counts every rejection by reason, beyond what it keeps", () => {
    const log = new RejectionLog(2);
    for (let n = 1; n <= 4; n++) reject(log, n, "not-json");
    reject(log, 5, "bad-header");
    expect(log.byReason()).toEqual({ "not-json": 4, "bad-header": 1 });
    expect(log.total).toBe(5);
  });

  it("with a bound of 0 keeps nothing but still counts", () => {
    const log = new RejectionLog(0);
    reject(log, 1);
    expect(log.entries()).toEqual([]);
    expect(log.kept).toBe(0);
    expect(log.byReason()).toEqual({ "not-json": 1 });
  });

  it("does not hold on to the caller's buffer", () => {
    const log = new RejectionLog(1);
    const bytes = encoder.encode("original");
    log.record({ receivedAt: epochMillis(0), from: "x", bytes, reason: "not-json", message: "" });
    bytes.fill(0x41);
    expect(log.entries()[0]?.preview).toBe("original");
  });

  it("clear() forgets entries and counts", () => {
    const log = new RejectionLog(2);
    reject(log, 1);
    log.clear();
    expect(log.entries()).toEqual([]);
    expect(log.byReason()).toEqual({});
    reject(log, 2);
    expect(log.entries().map((entry) => entry.from)).toEqual(["127.0.0.1:5002"]);
  });
});

describe("renderPreview", () => {
  it("shows invalid UTF-8 as U+FFFD and control characters as escapes, on one line", () => {
    const bytes = new Uint8Array([0x7b, 0x0a, 0xff, 0xfe, 0x00, 0x09, 0x1b, 0x41]);
    expect(renderPreview(bytes, bytes.length)).toBe("{\\n\uFFFD\uFFFD\\x00\\t\\x1bA");
  });

  it("keeps multi-byte characters whole", () => {
    const bytes = encoder.encode('{"name":"café ☕ 𝄞"}');
    expect(renderPreview(bytes, bytes.length)).toBe('{"name":"café ☕ 𝄞"}');
  });

  it("cuts long payloads at PREVIEW_CHARS characters and marks the cut", () => {
    const bytes = encoder.encode("x".repeat(5000));
    const preview = renderPreview(bytes.slice(0, 800), bytes.length);
    expect(preview).toBe(`${"x".repeat(PREVIEW_CHARS)}…`);
  });

  it("does not show a character split by the byte cut as U+FFFD", () => {
    const bytes = encoder.encode("𝄞".repeat(300));
    const preview = renderPreview(bytes.slice(0, 799), bytes.length);
    expect(preview).toBe(`${"𝄞".repeat(199)}…`);
  });
});
