import type { RejectionSample } from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { mergeRejections, reasonCounts } from "./merge-rejections.ts";

function sample(second: number, reason = "not-json"): RejectionSample {
  return {
    receivedAt: new Date(Date.UTC(2026, 10, 26, 11, 0, second)).toISOString(),
    from: "127.0.0.1:5000",
    size: 10,
    reason,
    message: "m",
    preview: `p${second}`,
  };
}

describe("mergeRejections", () => {
  it("adds live rejections to the fetched ones, newest first, each once", () => {
    const fetched = [sample(3), sample(2), sample(1)];
    const live = [sample(5), sample(4), sample(3)];
    expect(mergeRejections(fetched, live, 10).map((s) => s.preview)).toEqual([
      "p5",
      "p4",
      "p3",
      "p2",
      "p1",
    ]);
  });

  it("keeps at most `max`, dropping the oldest", () => {
    const merged = mergeRejections([sample(1), sample(2)], [sample(3)], 2);
    expect(merged.map((s) => s.preview)).toEqual(["p3", "p2"]);
  });

  it("keeps two distinct rejections that arrived in the same millisecond", () => {
    const a = sample(1);
    const b = { ...sample(1), preview: "other" };
    expect(mergeRejections([a], [b], 10)).toHaveLength(2);
  });
});

describe("reasonCounts", () => {
  it("lists the reasons seen, most frequent first", () => {
    expect(reasonCounts({ "not-json": 2, "otlp-bad-base64": 5, "bad-header": 0 })).toEqual([
      ["otlp-bad-base64", 5],
      ["not-json", 2],
    ]);
  });
});
