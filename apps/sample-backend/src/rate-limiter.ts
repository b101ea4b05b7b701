/** At most `limit` events per key in any `windowMs`; a sliding window over the event times. */
export class RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  readonly #events = new Map<string, number[]>();

  constructor(limit: number, windowMs: number) {
    this.limit = limit;
    this.windowMs = windowMs;
  }

  /** Records an event at `nowMs` if allowed; otherwise says how long until the next is. */
  take(key: string, nowMs: number): { allowed: true } | { allowed: false; retryAfterMs: number } {
    const recent = (this.#events.get(key) ?? []).filter((at) => at > nowMs - this.windowMs);
    const oldest = recent[0];
    if (recent.length >= this.limit && oldest !== undefined) {
      this.#events.set(key, recent);
      return { allowed: false, retryAfterMs: oldest + this.windowMs - nowMs };
    }
    recent.push(nowMs);
    this.#events.set(key, recent);
    return { allowed: true };
  }
}
