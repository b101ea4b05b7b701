import { describe, expect, it } from "vitest";
import {
  countsBetween,
  countsPer,
  estimatedCycles,
  firstLevelMisses,
  lastLevelMisses,
  parseCachegrindOutput,
} from "./cachegrind-counts.ts";

/** The head and totals of a file `valgrind --tool=cachegrind --cache-sim=yes` wrote. */
const OUTPUT = `desc: I1 cache:         32768 B, 64 B, 8-way associative
desc: D1 cache:         32768 B, 64 B, 8-way associative
desc: LL cache:         8388608 B, 64 B, 16-way associative
cmd: /bin/true
events: Ir I1mr ILmr Dr D1mr DLmr Dw D1mw DLmw 
fl=???
fn=0x0000000000020290
0 1 1 1
summary: 130081 1091 1072 29832 1227 1021 10267 342 311
`;

describe("cachegrind counts", () => {
  it("reads the totals by the names on the events line", () => {
    expect(parseCachegrindOutput(OUTPUT)).toEqual({
      Ir: 130_081,
      I1mr: 1_091,
      ILmr: 1_072,
      Dr: 29_832,
      D1mr: 1_227,
      DLmr: 1_021,
      Dw: 10_267,
      D1mw: 342,
      DLmw: 311,
    });
    // Another order of events is read by name, not by place.
    const reordered = parseCachegrindOutput(
      "events: Dw Ir I1mr ILmr Dr D1mr DLmr D1mw DLmw\nsummary: 9 1 2 3 4 5 6 7 8\n",
    );
    expect(reordered.Dw).toBe(9);
    expect(reordered.Ir).toBe(1);
  });

  it("says what is missing from a file it cannot read", () => {
    expect(() => parseCachegrindOutput("Ir: 12\n")).toThrow(/no events: and summary: lines/);
    expect(() => parseCachegrindOutput("events: Ir\nsummary: 130081\n")).toThrow(
      /did not count I1mr \(was it run with --cache-sim=yes\?\)/,
    );
    expect(() =>
      parseCachegrindOutput("events: Ir I1mr ILmr Dr D1mr DLmr Dw D1mw DLmw\nsummary: 1 2 3\n"),
    ).toThrow(/did not count Dr/);
  });

  it("weighs first-level hits 1, last-level hits 5 and memory 35", () => {
    const counts = parseCachegrindOutput(OUTPUT);
    expect(firstLevelMisses(counts)).toBe(1_091 + 1_227 + 342);
    expect(lastLevelMisses(counts)).toBe(1_072 + 1_021 + 311);
    const accesses = 130_081 + 29_832 + 10_267;
    expect(estimatedCycles(counts)).toBe(accesses - 2_660 + 5 * (2_660 - 2_404) + 35 * 2_404);
    // Instructions that all hit the first-level cache cost one cycle each.
    const onlyHits = { ...counts, I1mr: 0, ILmr: 0, D1mr: 0, DLmr: 0, D1mw: 0, DLmw: 0 };
    expect(estimatedCycles(onlyHits)).toBe(accesses);
  });

  it("takes the cost of the rounds between two runs, a span", () => {
    const earlier = parseCachegrindOutput(OUTPUT);
    const later = { ...earlier, Ir: earlier.Ir + 4_000, Dr: earlier.Dr + 1_000, DLmw: 511 };
    const between = countsBetween(earlier, later);
    expect(between).toMatchObject({ Ir: 4_000, Dr: 1_000, DLmw: 200, I1mr: 0 });
    expect(countsPer(between, 100)).toMatchObject({ Ir: 40, Dr: 10, DLmw: 2, Dw: 0 });
  });
});
