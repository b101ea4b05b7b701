import type { TraceId } from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { ChangeLog } from "./change-log.ts";

const id = (name: string) => name as TraceId;

describe("ChangeLog", () => {
  it("reads changes in order from a cursor, each trace once at its newest change", () => {
    const log = new ChangeLog(100);
    const start = log.end;
    for (const name of ["a", "b", "a", "c"]) log.append(id(name));
    expect(log.size).toBe(3);
    const first = log.read(start, 2);
    expect(first.ids).toEqual(["b", "a"]);
    expect(log.read(first.cursor, 10)).toEqual({ ids: ["c"], cursor: log.end });
    expect(log.read(log.end, 10).ids).toEqual([]);
  });

  it("cuts off the oldest past maxTraces and tells a reader behind them it missed changes", () => {
    const log = new ChangeLog(2);
    const behind = log.end;
    for (const name of ["a", "b", "c"]) log.append(id(name));
    expect(log.size).toBe(2);
    expect(log.missed(behind)).toBe(true);
    expect(log.read(log.start, 10).ids).toEqual(["b", "c"]);
    expect(log.missed(log.start)).toBe(false);
  });

  it("forgets what every reader has taken; a trace changed many times is pending once", () => {
    const log = new ChangeLog(10);
    const reader = log.end;
    for (let n = 0; n < 100_000; n++) log.append(id(`t${n % 5}`));
    expect(log.size).toBe(5);
    expect(log.missed(reader)).toBe(false);
    expect(log.read(reader, 10).ids).toEqual(["t0", "t1", "t2", "t3", "t4"]);
    log.release(log.end);
    expect(log.size).toBe(0);
    expect(log.read(reader, 10)).toEqual({ ids: [], cursor: log.end });
  });
});
