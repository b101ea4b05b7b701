import type { TraceId } from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { type OrderedEntry, type TraceIdList, TraceOrder } from "./trace-order.ts";

const id = (name: string) => name as TraceId;
const entry = (name: string, key: number): OrderedEntry => ({ id: id(name), key });

function listOf(view: TraceIdList): string[] {
  const ids: string[] = [];
  for (let i = 0; i < view.length; i++) ids.push(view.at(i) ?? "?");
  return ids;
}

function orderOf(...entries: OrderedEntry[]): TraceOrder {
  const order = new TraceOrder();
  order.insert(entries);
  return order;
}

describe("TraceOrder", () => {
  it("lists ids newest first by key, whatever order they were given in", () => {
    const order = orderOf(entry("b", 2), entry("c", 3), entry("a", 1));
    expect(listOf(order.view())).toEqual(["c", "b", "a"]);
    expect(order.indexOf(id("c"))).toBe(0);
    expect(order.indexOf(id("a"))).toBe(2);
    expect(order.indexOf(id("zzz"))).toBe(-1);
  });

  it("puts newer traces on top and keeps ids it already holds where they are", () => {
    const order = orderOf(entry("a", 1), entry("b", 2));
    order.insert([entry("a", 50), entry("c", 3)]);
    expect(listOf(order.view())).toEqual(["c", "b", "a"]);
  });

  it("places a late id between others by its key, after ids with the same key", () => {
    const order = orderOf(entry("a", 1), entry("b", 2), entry("d", 4));
    order.insert([entry("c", 2)]);
    expect(listOf(order.view())).toEqual(["d", "c", "b", "a"]);
  });

  it("merges many late ids in one pass", () => {
    const order = orderOf(...Array.from({ length: 10 }, (_, i) => entry(`even${i}`, i * 2)));
    order.insert(Array.from({ length: 10 }, (_, i) => entry(`odd${i}`, i * 2 + 1)));
    const keys = listOf(order.view()).map((name) =>
      name.startsWith("even") ? Number(name.slice(4)) * 2 : Number(name.slice(3)) * 2 + 1,
    );
    expect(keys).toEqual(Array.from({ length: 20 }, (_, i) => 19 - i));
  });

  it("removes the oldest and ids in the middle, ignoring ids it never held", () => {
    const order = orderOf(entry("a", 1), entry("b", 2), entry("c", 3), entry("d", 4));
    order.remove([id("a"), id("nope")]);
    expect(listOf(order.view())).toEqual(["d", "c", "b"]);
    order.remove([id("c")]);
    expect(listOf(order.view())).toEqual(["d", "b"]);
    expect(order.indexOf(id("b"))).toBe(1);
    expect(order.oldestKey()).toBe(2);
    expect(order.newestKey()).toBe(4);
  });

  it("removes the oldest, the newest and ones between in a single call", () => {
    const order = orderOf(...Array.from({ length: 10 }, (_, i) => entry(`t${i}`, i)));
    order.remove([id("t9"), id("t0"), id("t1"), id("t5"), id("t7")]);
    expect(listOf(order.view())).toEqual(["t8", "t6", "t4", "t3", "t2"]);
    order.insert([entry("t10", 10)]);
    expect(order.indexOf(id("t2"))).toBe(5);
  });

  it("stays correct through many evictions of the oldest", () => {
    const order = new TraceOrder();
    for (let round = 0; round < 50; round++) {
      order.insert(
        Array.from({ length: 100 }, (_, i) => entry(`t${round * 100 + i}`, round * 100 + i)),
      );
      if (round >= 5) {
        order.remove(Array.from({ length: 100 }, (_, i) => id(`t${(round - 5) * 100 + i}`)));
      }
    }
    const view = order.view();
    expect(view.length).toBe(500);
    expect(view.at(0)).toBe("t4999");
    expect(view.at(499)).toBe("t4500");
    expect(view.at(500)).toBeUndefined();
    expect(order.indexOf(id("t4500"))).toBe(499);
    expect(order.indexOf(id("t4499"))).toBe(-1);
  });

  it("hands out a new view after each change and answers nothing past its length", () => {
    const order = orderOf(entry("a", 1));
    const before = order.view();
    order.insert([entry("b", 2)]);
    const after = order.view();
    expect(after).not.toBe(before);
    expect(after.length).toBe(2);
    expect(before.length).toBe(1);
    expect(before.at(1)).toBeUndefined();
    order.clear();
    expect(order.view().length).toBe(0);
    expect(order.newestKey()).toBeUndefined();
  });
});
