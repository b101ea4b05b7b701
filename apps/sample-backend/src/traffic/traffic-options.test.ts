import { describe, expect, it } from "vitest";
import { parseDuration } from "./parse-duration.ts";
import { DEFAULT_TARGET, parseTrafficArgs } from "./traffic-options.ts";

describe("parseTrafficArgs", () => {
  it("runs against the default backend at 5 req/s until stopped", () => {
    expect(parseTrafficArgs([])).toEqual({
      kind: "run",
      options: { target: DEFAULT_TARGET, rate: 5, seed: 1 },
    });
  });

  it("reads every flag", () => {
    expect(
      parseTrafficArgs([
        "--target",
        "http://localhost:9000",
        "--rate",
        "2.5",
        "--duration",
        "2m",
        "--requests",
        "40",
        "--seed",
        "9",
      ]),
    ).toEqual({
      kind: "run",
      options: {
        target: "http://localhost:9000",
        rate: 2.5,
        seed: 9,
        durationMs: 120_000,
        requests: 40,
      },
    });
  });

  it("says which flag is wrong", () => {
    expect(parseTrafficArgs(["--rate", "fast"])).toMatchObject({
      kind: "invalid",
      message: expect.stringContaining("--rate"),
    });
    expect(parseTrafficArgs(["--target", "localhost:4567"])).toMatchObject({
      kind: "invalid",
      message: expect.stringContaining("--target"),
    });
    expect(parseTrafficArgs(["--duration", "soon"])).toMatchObject({
      kind: "invalid",
      message: expect.stringContaining("--duration"),
    });
    expect(parseTrafficArgs(["--nope"])).toMatchObject({
      kind: "invalid",
      message: expect.stringContaining("--nope"),
    });
  });

  it("answers --help with the usage", () => {
    expect(parseTrafficArgs(["--help"])).toMatchObject({
      kind: "help",
      text: expect.stringContaining("--rate N"),
    });
  });
});

describe("parseDuration", () => {
  it("reads plain seconds and ms/s/m/h", () => {
    expect(parseDuration("90")).toBe(90_000);
    expect(parseDuration("500ms")).toBe(500);
    expect(parseDuration("1.5s")).toBe(1500);
    expect(parseDuration("2m")).toBe(120_000);
    expect(parseDuration("1h")).toBe(3_600_000);
    expect(parseDuration("soon")).toBeUndefined();
    expect(parseDuration("-1s")).toBeUndefined();
  });
});
