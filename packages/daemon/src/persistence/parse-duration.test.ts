import { describe, expect, it } from "vitest";
import { parseDuration } from "./parse-duration.ts";

describe("parseDuration", () => {
  it.each([
    ["24h", 86_400_000],
    ["7d", 604_800_000],
    ["1h30m", 5_400_000],
    ["90s", 90_000],
    ["1.5h", 5_400_000],
    ["250ms", 250],
    [" 2W ", 1_209_600_000],
  ])("reads %s", (text, millis) => {
    expect(parseDuration(text)).toEqual({ ok: true, value: millis });
  });

  it.each(["24", "h", "-1h", "1 hour", "", "0s"])("refuses %j", (text) => {
    const parsed = parseDuration(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toMatch(/^--max-age: /);
  });
});
