import { describe, expect, it } from "vitest";
import { readWhenSettled } from "./settle.ts";

function reader(values: readonly number[]): { read: () => Promise<number>; reads: () => number } {
  let index = 0;
  return {
    read: async () => values[Math.min(index++, values.length - 1)] ?? 0,
    reads: () => index,
  };
}

const moved = (before: number, after: number) => after !== before;
const fast = { intervalMs: 0, quietReads: 2, timeoutMs: 10_000 };

describe("readWhenSettled", () => {
  it("returns the reading once it has stopped changing for quietReads polls", async () => {
    const counter = reader([1, 5, 9, 9, 12, 12, 12, 12]);
    const result = await readWhenSettled(counter.read, moved, fast);
    expect(result).toEqual({ reading: 12, settled: true });
    expect(counter.reads()).toBe(7);
  });

  it("gives up at the timeout and says the counter was still moving", async () => {
    let value = 0;
    const result = await readWhenSettled(async () => value++, moved, { ...fast, timeoutMs: 20 });
    expect(result.settled).toBe(false);
    expect(result.reading).toBeGreaterThan(0);
  });
});
