import { describe, expect, it } from "vitest";
import { benchCells, DEFAULT_OPTIONS, parseBenchOptions } from "./options.ts";

describe("parseBenchOptions", () => {
  it("runs every default rate and size with no flags", () => {
    expect(parseBenchOptions([])).toEqual({ ok: true, options: DEFAULT_OPTIONS });
    expect(DEFAULT_OPTIONS).toMatchObject({
      rates: [10_000, 25_000, 50_000, 100_000],
      sizes: [800, 4_000],
      seconds: 3,
      reps: 3,
    });
  });

  it("reads lists, k suffixes, --flag=value and switches", () => {
    const parsed = parseBenchOptions([
      "--rates",
      "10k,50_000",
      "--sizes=800",
      "--seconds",
      "0.5",
      "--reps",
      "1",
      "--json",
      "--cpu-prof",
      "profiles",
      "--daemon-only",
      "--persist",
      "--wait-quiet",
    ]);
    expect(parsed).toEqual({
      ok: true,
      options: {
        rates: [10_000, 50_000],
        cells: undefined,
        sizes: [800],
        seconds: 0.5,
        reps: 1,
        json: true,
        cpuProfileDir: "profiles",
        daemonOnly: true,
        persist: true,
        waitQuiet: true,
      },
    });
  });

  it("runs the sustained scenario's cells, or the cells asked for, instead of the grid", () => {
    const sustained = parseBenchOptions(["--scenario", "sustained", "--reps", "1"]);
    expect(sustained.ok && sustained.options).toMatchObject({ seconds: 20, reps: 1 });
    expect(sustained.ok && benchCells(sustained.options)).toEqual([
      { sizeBytes: 800, rate: 100_000 },
      { sizeBytes: 4_000, rate: 25_000 },
    ]);
    const cells = parseBenchOptions(["--cells", "800@50k,4000@10000", "--sizes", "1"]);
    expect(cells.ok && benchCells(cells.options)).toEqual([
      { sizeBytes: 800, rate: 50_000 },
      { sizeBytes: 4_000, rate: 10_000 },
    ]);
    expect(benchCells({ ...DEFAULT_OPTIONS, rates: [1, 2], sizes: [800, 4_000] })).toEqual([
      { sizeBytes: 800, rate: 1 },
      { sizeBytes: 800, rate: 2 },
      { sizeBytes: 4_000, rate: 1 },
      { sizeBytes: 4_000, rate: 2 },
    ]);
  });

  it.each([
    [["--cells", "800"], '--cells: "800" is not SIZE@RATE'],
    [["--cells", "800@fast"], '--cells: "fast" is not a number'],
    [["--scenario", "burst"], '--scenario: "burst" is not a scenario'],
    [["--rates", "10000,fast"], '--rates: "fast" is not a number'],
    [["--rates"], "--rates needs a value"],
    [["--sizes", "70000"], "between 1 and 65507"],
    [["--reps", "1.5"], "--reps: "],
    [["--seconds", "1,2"], "--seconds takes one number"],
    [["--turbo"], 'unknown option "--turbo"'],
  ])("refuses %j", (argv, message) => {
    const parsed = parseBenchOptions(argv);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok === false && !parsed.help && parsed.error).toContain(message);
  });

  it("asks for help with -h and --help", () => {
    expect(parseBenchOptions(["--rates", "1", "-h"])).toEqual({ ok: false, help: true });
    expect(parseBenchOptions(["--help"])).toEqual({ ok: false, help: true });
  });
});
