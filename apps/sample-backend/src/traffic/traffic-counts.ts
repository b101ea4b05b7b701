export interface TrafficCounts {
  readonly sent: number;
  /** Answered, whatever the status. */
  readonly answered: number;
  /** Requests that got no answer (refused, reset, timed out). */
  readonly failed: number;
  readonly byStatus: Readonly<Record<number, number>>;
  readonly elapsedMs: number;
}

export interface StatusClasses {
  readonly ok: number;
  readonly clientError: number;
  readonly throttled: number;
  readonly serverError: number;
}

/** 2xx/3xx, 4xx other than 429, 429, 5xx: the error, throttle and fault of X-Ray. */
export function statusClasses(byStatus: Readonly<Record<number, number>>): StatusClasses {
  const classes = { ok: 0, clientError: 0, throttled: 0, serverError: 0 };
  for (const [statusText, count] of Object.entries(byStatus)) {
    const status = Number(statusText);
    if (status === 429) classes.throttled += count;
    else if (status >= 500) classes.serverError += count;
    else if (status >= 400) classes.clientError += count;
    else classes.ok += count;
  }
  return classes;
}

/** `sent 120 · 2xx 98 · 4xx 14 · 429 3 · 5xx 5 · failed 0 · 5.0 req/s` */
export function formatProgress(counts: TrafficCounts): string {
  const classes = statusClasses(counts.byStatus);
  const seconds = counts.elapsedMs / 1000;
  // Over the first second the rate is mostly noise.
  const rate = seconds >= 1 ? (counts.sent / seconds).toFixed(1) : "-";
  return [
    `sent ${counts.sent}`,
    `2xx ${classes.ok}`,
    `4xx ${classes.clientError}`,
    `429 ${classes.throttled}`,
    `5xx ${classes.serverError}`,
    `failed ${counts.failed}`,
    `${rate} req/s`,
  ].join(" · ");
}
