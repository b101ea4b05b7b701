import { describe, expect, it } from "vitest";
import { SpoolIndex } from "./spool-index.ts";

function indexOf(times: readonly (number | undefined)[]): SpoolIndex {
  const index = new SpoolIndex();
  times.forEach((time, n) => {
    index.add(n * 10, 9, n + 1, time);
  });
  return index;
}

describe("SpoolIndex", () => {
  it("keeps file order when the receive times already ascend or some are missing", () => {
    expect([...indexOf([1, 2, 2, 5]).order()]).toEqual([0, 1, 2, 3]);
    expect([...indexOf([5, undefined, 1]).order()]).toEqual([0, 1, 2]);
  });

  it("orders by receive time when every entry has one, ties in file order", () => {
    const index = indexOf([30, 10, 20, 10]);
    expect([...index.order()]).toEqual([1, 3, 2, 0]);
    expect(index.receivedAt(1)).toBe(10);
    expect([index.offset(2), index.length(2), index.line(2)]).toEqual([20, 9, 3]);
  });

  it("grows past its first capacity", () => {
    const times = Array.from({ length: 5_000 }, (_, n) => 5_000 - n);
    const index = indexOf(times);
    expect(index.size).toBe(5_000);
    const order = index.order();
    expect([order[0], order[4_999]]).toEqual([4_999, 0]);
    expect(index.line(4_999)).toBe(5_000);
  });
});
