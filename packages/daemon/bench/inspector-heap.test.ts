import { describe, expect, it } from "vitest";
import { parseInspectorUrl, parseRssBytes } from "./inspector-heap.ts";

describe("inspector heap readings", () => {
  it("finds the inspector's address in Node's stderr line", () => {
    expect(
      parseInspectorUrl(
        "Debugger listening on ws://127.0.0.1:40123/0f1e2d3c-aaaa-bbbb-cccc-123456789abc",
      ),
    ).toBe("ws://127.0.0.1:40123/0f1e2d3c-aaaa-bbbb-cccc-123456789abc");
    expect(
      parseInspectorUrl("For help, see: https://nodejs.org/en/docs/inspector"),
    ).toBeUndefined();
  });

  it("reads VmRSS from /proc/<pid>/status", () => {
    expect(parseRssBytes("Name:\tnode\nVmRSS:\t  123456 kB\nThreads:\t9\n")).toBe(123456 * 1024);
    expect(parseRssBytes("Name:\tnode\n")).toBeUndefined();
  });
});
