import { describe, expect, it } from "vitest";
import { spread } from "./spread.ts";

describe("spread", () => {
  it("gives the middle value of an odd count", () => {
    expect(spread([30, 10, 20])).toEqual({ median: 20, min: 10, max: 30, count: 3 });
  });
  it("averages the two middle values of an even count", () => {
    expect(spread([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4, count: 4 });
  });
  it("ignores values that are not finite and has nothing to say about none", () => {
    expect(spread([Number.NaN, 5])).toEqual({ median: 5, min: 5, max: 5, count: 1 });
    expect(spread([])).toBeUndefined();
  });
});
