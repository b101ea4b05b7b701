import { describe, expect, it } from "vitest";
import { forwardLine } from "./forward-line.ts";

describe("forwardLine", () => {
  it("names every target in order, and where their counters are", () => {
    expect(forwardLine(["otlp-http://jaeger:4318/v1/traces", "udp:127.0.0.1:2100"])).toBe(
      "Forwarding to otlp-http://jaeger:4318/v1/traces, udp:127.0.0.1:2100  →  counters: GET /api/stats (forwards)",
    );
  });

  it("says nothing when not forwarding", () => {
    expect(forwardLine([])).toBeUndefined();
  });
});
