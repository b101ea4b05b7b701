import { describe, expect, it } from "vitest";
import { edgePathData, truncate } from "./map-geometry.ts";

describe("edge paths", () => {
  it("draws two points as a straight line", () => {
    expect(
      edgePathData([
        { x: 0, y: 0 },
        { x: 10, y: 5 },
      ]),
    ).toBe("M0,0 L10,5");
  });

  it("rounds each corner with a curve through the midpoints, ending on the last point", () => {
    const path = edgePathData([
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 10 },
      { x: 20, y: 10 },
    ]);
    expect(path).toBe("M0,0 Q10,0 10,5 Q10,10 15,10 L20,10");
  });

  it("draws nothing without points", () => {
    expect(edgePathData([])).toBe("");
  });
});

describe("truncate", () => {
  it("keeps short text and cuts long text with an ellipsis, whole characters only", () => {
    expect(truncate("orders", 10)).toBe("orders");
    expect(truncate("a-very-long-service-name", 10)).toBe("a-very-lo…");
    expect(truncate("🙂🙂🙂🙂", 3)).toBe("🙂🙂…");
  });
});
