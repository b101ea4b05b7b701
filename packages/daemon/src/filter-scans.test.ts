import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { FilterScans } from "./filter-scans.ts";

/** Work that takes at least `ms` (never asserted on: it only makes slices fill up). */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}

describe("FilterScans", () => {
  it("visits each item in order with forEach, in slices, until abandoned", async () => {
    const scans = new FilterScans(2);
    const items = Array.from({ length: 40 }, (_, n) => n);
    const visited: number[] = [];
    await scans.forEach(items, (n) => {
      busy(0.5);
      visited.push(n);
    });
    expect(visited).toEqual(items);
    expect(scans.stats().yields).toBeGreaterThanOrEqual(5);

    const stopped: number[] = [];
    await scans.forEach(
      items,
      (n) => stopped.push(n),
      () => stopped.length === 7,
    );
    expect(stopped).toEqual(items.slice(0, 7));
    expect(scans.stats()).toMatchObject({ scans: 2, running: 0, tracesScanned: 47 });
  });

  it("keeps what select gives, in order, and lets timers run between slices", async () => {
    const scans = new FilterScans(2);
    let running = true;
    let ticks = 0;
    const tick = () => {
      ticks++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const items = Array.from({ length: 40 }, (_, n) => n);
    const kept = await scans.collect(items, (n) => {
      busy(0.5);
      return n % 3 === 0 ? `#${n}` : undefined;
    });
    running = false;
    expect(kept).toEqual(items.filter((n) => n % 3 === 0).map((n) => `#${n}`));
    const stats = scans.stats();
    // 40 items of at least 0.5 ms in slices of 2 ms: at least 5 pauses, each a turn of the loop.
    expect(stats.yields).toBeGreaterThanOrEqual(5);
    expect(ticks).toBeGreaterThanOrEqual(stats.yields);
    expect(stats).toMatchObject({
      scans: 1,
      running: 0,
      tracesScanned: 40,
      slices: stats.yields + 1,
      sliceMs: 2,
      refusedForSize: 0,
    });
  });

  it("sees items removed while it runs as select sees them", async () => {
    const scans = new FilterScans(1);
    const present = new Set(Array.from({ length: 20 }, (_, n) => n));
    const ids = [...present];
    const kept = await scans.collect(ids, (n) => {
      busy(0.3);
      // Another request removes the last items while the scan is under way.
      if (n === 5) for (let gone = 15; gone < 20; gone++) present.delete(gone);
      return present.has(n) ? n : undefined;
    });
    expect(kept).toEqual(ids.slice(0, 15));
  });

  it("stops an abandoned scan where it is", async () => {
    const scans = new FilterScans(1);
    let seen = 0;
    const run = scans.collectEager(
      Array.from({ length: 1_000 }, (_, n) => n),
      (n) => {
        seen++;
        busy(0.2);
        return n;
      },
      () => seen >= 30,
    );
    expect("pending" in run).toBe(true);
    const kept = "pending" in run ? await run.pending : run.done;
    expect(kept).toEqual(Array.from({ length: 30 }, (_, n) => n));
    expect(scans.stats()).toMatchObject({ running: 0, tracesScanned: 30 });
  });

  it("refuses a slice that is not above 0", () => {
    expect(() => new FilterScans(0)).toThrow("sliceMs must be above 0, got 0");
  });

  it("stops at the first matches wanted, as a full scan would give them, and counts the rest", async () => {
    const scans = new FilterScans(2);
    const items = Array.from({ length: 60 }, (_, n) => n);
    const select = (n: number) => {
      busy(0.2);
      return n % 4 === 1 ? `#${n}` : undefined;
    };
    const all = await scans.collect(items, select);
    const run = scans.firstEager(items, select, 5);
    const first = "done" in run ? run.done : await run.pending;
    expect(first.found).toEqual(all.slice(0, 5));
    // The fifth match is item 17: nothing past it was read.
    expect(first.scanned).toBe(18);
    const rest = await scans.count(items, first.scanned, (n) => select(n) !== undefined);
    expect(first.found.length + (rest ?? 0)).toBe(all.length);
    expect(
      await scans.count(
        items,
        0,
        () => true,
        () => true,
      ),
    ).toBeUndefined();
    expect(scans.stats()).toMatchObject({ running: 0, tracesScanned: 60 + 18 + 42 });
  });

  it("gives every match when fewer than wanted, having read every item", () => {
    const scans = new FilterScans(1000);
    const run = scans.firstEager([1, 2, 3, 4], (n) => (n % 2 === 0 ? n : undefined), 10);
    expect(run).toEqual({ done: { found: [2, 4], scanned: 4 } });
  });
});
