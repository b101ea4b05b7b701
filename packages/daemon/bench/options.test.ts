import { describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS, parseBenchOptions } from "./options.ts";

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

  it.each([
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
