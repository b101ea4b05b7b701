import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { measureDrain } from "./measure-run.ts";

/** A receiver whose count grows by one on each of its first `steps` readings. */
function counter(steps: number, queued = () => 0) {
  let readings = 0;
  return async () => {
    readings++;
    return { received: Math.min(readings, steps), queued: queued() };
  };
}

describe("measureDrain", () => {
  it("lasts until the last reading that still showed progress", async () => {
    const sentAt = performance.now();
    const read = counter(5);
    const drain = await measureDrain(
      read,
      (a, b) => a.received !== b.received,
      () => true,
      sentAt,
    );
    const afterwards = performance.now() - sentAt;
    expect(drain).toBeGreaterThan(0);
    expect(drain).toBeLessThan(afterwards);
    expect((await read()).received).toBe(5);
  });

  it("waits for the receiver to be idle as well as still", async () => {
    let polls = 0;
    const drain = await measureDrain(
      counter(1, () => (++polls < 4 ? 1 : 0)),
      (a, b) => a.received !== b.received,
      (reading) => reading.queued === 0,
      performance.now(),
    );
    expect(drain).toBeDefined();
    expect(polls).toBeGreaterThanOrEqual(4);
  });
});
