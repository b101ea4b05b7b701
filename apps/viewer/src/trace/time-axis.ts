import type { Seconds } from "@xray-sandbox/segments";

export interface AxisTick {
  /** Seconds from the trace start. */
  readonly offset: Seconds;
  /** 0 to 1 across the axis. */
  readonly fraction: number;
  readonly label: string;
  /** The tick at the trace's end, labelled with its duration. */
  readonly end?: boolean;
}

const DECIMAL_STEPS = [1, 2, 2.5, 5, 10] as const;
/** Above two minutes, steps are whole minutes or round fractions of one. */
const CLOCK_STEPS = [15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21_600, 43_200, 86_400];
const CLOCK_FROM = 120;

/**
 * Evenly spaced ticks on round values from 0 to `duration`, about `target` of them, labelled
 * in the unit that suits the whole axis: µs below a millisecond, ms below a second, s below
 * two minutes, then minutes and seconds. The last tick is the end, labelled with the
 * duration itself (three significant digits); a round tick closer to it than half a step
 * (or half a step away) is left out so that labels do not collide. With `from`, the axis of
 * a zoomed window: `duration` long from `from` seconds, labelled as offsets from the start.
 */
export function axisTicks(duration: Seconds, target = 5, from = 0): AxisTick[] {
  if (!(duration > 0) || !Number.isFinite(duration)) {
    return [{ offset: from as Seconds, fraction: 0, label: from === 0 ? "0" : "" }];
  }
  const step = roundStep(duration, duration / Math.max(1, target));
  const end = from + duration;
  const ticks: AxisTick[] = [];
  const first = Math.ceil(from / step - 1e-9) || 0;
  for (let index = first; index * step <= end + duration * 1e-9; index++) {
    const offset = index * step;
    ticks.push({
      offset: offset as Seconds,
      fraction: (offset - from) / duration,
      label: tickLabel(offset, duration),
    });
  }
  const last = ticks.at(-1);
  if (last && end - last.offset <= duration * 1e-9) {
    ticks[ticks.length - 1] = { ...last, offset: end as Seconds, fraction: 1, end: true };
    return ticks;
  }
  if (last && last.offset > from && end - last.offset <= (step / 2) * (1 + 1e-6)) ticks.pop();
  const shownEnd = Math.round(end / (step / 100)) * (step / 100);
  ticks.push({
    offset: end as Seconds,
    fraction: 1,
    label: tickLabel(from === 0 ? Number(end.toPrecision(3)) : shownEnd, duration),
    end: true,
  });
  return ticks;
}

function roundStep(duration: number, raw: number): number {
  if (duration >= CLOCK_FROM) {
    return CLOCK_STEPS.find((step) => step >= raw * 0.999) ?? Math.ceil(raw / 86_400) * 86_400;
  }
  const power = 10 ** Math.floor(Math.log10(raw));
  const multiple = DECIMAL_STEPS.find((candidate) => candidate * power >= raw * 0.999) ?? 10;
  return multiple * power;
}

/** `0`, `250 µs`, `1.5 ms`, `40 ms`, `2.5 s`, `1m 30s`, in the unit `duration` calls for. */
function tickLabel(offset: number, duration: number): string {
  if (offset === 0) return "0";
  if (duration >= CLOCK_FROM) {
    const minutes = Math.floor(offset / 60 + 1e-9);
    const seconds = Math.round(offset - minutes * 60);
    if (minutes === 0) return `${seconds}s`;
    return seconds === 0 ? `${minutes}m` : `${minutes}m ${seconds}s`;
  }
  const [factor, unit] = duration < 0.001 ? [1e6, "µs"] : duration < 1 ? [1e3, "ms"] : [1, "s"];
  return `${trim(offset * factor)} ${unit}`;
}

/** At most three decimals, trailing zeros dropped. */
function trim(value: number): string {
  return value.toFixed(3).replace(/\.?0+$/, "");
}
