import { describe, expect, it } from "vitest";
import { formatProgress, statusClasses } from "./traffic-counts.ts";

describe("statusClasses", () => {
  it("sorts statuses the way X-Ray flags them: error, throttle, fault", () => {
    expect(statusClasses({ 200: 5, 201: 1, 400: 2, 404: 1, 429: 3, 500: 1, 502: 2 })).toEqual({
      ok: 6,
      clientError: 3,
      throttled: 3,
      serverError: 3,
    });
  });
});

describe("formatProgress", () => {
  it("fits on one line with the counts and the rate", () => {
    expect(
      formatProgress({
        sent: 50,
        answered: 49,
        failed: 1,
        byStatus: { 200: 40, 404: 5, 429: 2, 500: 2 },
        elapsedMs: 10_000,
      }),
    ).toBe("sent 50 · 2xx 40 · 4xx 5 · 429 2 · 5xx 2 · failed 1 · 5.0 req/s");
  });

  it("shows no rate before a second has passed", () => {
    expect(
      formatProgress({ sent: 1, answered: 1, failed: 0, byStatus: { 200: 1 }, elapsedMs: 30 }),
    ).toBe("sent 1 · 2xx 1 · 4xx 0 · 429 0 · 5xx 0 · failed 0 · - req/s");
  });
});
