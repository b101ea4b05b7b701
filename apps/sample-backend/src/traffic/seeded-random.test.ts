import { describe, expect, it } from "vitest";
import { pickWeighted, seededRandom } from "./seeded-random.ts";

describe("seededRandom", () => {
  it("gives numbers in [0, 1), the same for the same seed", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(990);
  });
});

describe("pickWeighted", () => {
  it("picks in proportion to the weights and never a zero weight", () => {
    const random = seededRandom(3);
    const counts = { a: 0, b: 0, never: 0 };
    for (let i = 0; i < 4000; i += 1) {
      const key = pickWeighted(random, [
        [3, "a"],
        [1, "b"],
        [0, "never"],
      ] as const);
      counts[key] += 1;
    }
    expect(counts.never).toBe(0);
    expect(counts.a / counts.b).toBeGreaterThan(2.5);
    expect(counts.a / counts.b).toBeLessThan(3.5);
  });
});
