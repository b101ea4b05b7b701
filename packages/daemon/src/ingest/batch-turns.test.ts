import { describe, expect, it } from "vitest";
import { BatchTurns } from "./batch-turns.ts";

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("BatchTurns", () => {
  it("applies the first waiting batch at once and the rest one a turn, in order", async () => {
    const applied: number[] = [];
    const turns = new BatchTurns<string>((_state, _buffer, length) => applied.push(length));
    turns.add("worker", new ArrayBuffer(8), 1, []);
    turns.add("worker", new ArrayBuffer(8), 2, []);
    turns.add("worker", new ArrayBuffer(8), 3, []);
    expect(applied).toEqual([1]);
    await nextTurn();
    expect(applied).toEqual([1, 2]);
    await nextTurn();
    expect(applied).toEqual([1, 2, 3]);
  });

  it("applies a batch at once when none waits", async () => {
    const applied: number[] = [];
    const turns = new BatchTurns<string>((_state, _buffer, length) => applied.push(length));
    turns.add("worker", new ArrayBuffer(8), 1, []);
    await nextTurn();
    await nextTurn();
    turns.add("worker", new ArrayBuffer(8), 2, []);
    expect(applied).toEqual([1, 2]);
  });
});
