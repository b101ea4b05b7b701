import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limiter.ts";

describe("RateLimiter", () => {
  it("allows `limit` events per window and says when the next one is allowed", () => {
    const limiter = new RateLimiter(2, 1000);
    expect(limiter.take("a", 0)).toEqual({ allowed: true });
    expect(limiter.take("a", 100)).toEqual({ allowed: true });
    expect(limiter.take("a", 200)).toEqual({ allowed: false, retryAfterMs: 800 });
    expect(limiter.take("a", 1000)).toEqual({ allowed: true });
  });

  it("counts each key on its own", () => {
    const limiter = new RateLimiter(1, 1000);
    expect(limiter.take("a", 0)).toEqual({ allowed: true });
    expect(limiter.take("b", 0)).toEqual({ allowed: true });
    expect(limiter.take("a", 10).allowed).toBe(false);
  });
});
