import { describe, expect, it } from "vitest";
import { rawTraceFileName, rawTraceJson } from "./raw-trace.ts";

describe("raw trace JSON", () => {
  it("puts every document, as sent, in one JSON array", () => {
    const text = rawTraceJson([{ raw: '{"id":"a","name":"x"}' }, { raw: '{"id":"b"}' }]);
    expect(JSON.parse(text)).toEqual([{ id: "a", name: "x" }, { id: "b" }]);
    expect(text).toContain('{"id":"a","name":"x"}');
    expect(JSON.parse(rawTraceJson([]))).toEqual([]);
  });

  it("names the file by the trace id", () => {
    expect(rawTraceFileName("1-6b080246-96730d51abf3c08e1122f59e")).toBe(
      "1-6b080246-96730d51abf3c08e1122f59e.json",
    );
    expect(rawTraceFileName("../x")).toBe(".._x.json");
  });
});
