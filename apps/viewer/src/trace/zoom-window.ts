/**
 * The part of the trace's time the timeline shows: `from` and `to` in seconds from the
 * trace's start, within `[0, duration]`, never narrower than `MIN_WINDOW_FRACTION` of it.
 */

export interface TimeWindow {
  readonly from: number;
  readonly to: number;
}

/** The narrowest window, as a share of the whole trace (a 10,000th). */
export const MIN_WINDOW_FRACTION = 1e-4;

export function fullWindow(duration: number): TimeWindow {
  return { from: 0, to: Math.max(0, duration) };
}

/** `window` moved and shrunk as little as needed to fit the trace and the minimum width. */
export function clampWindow(window: TimeWindow, duration: number): TimeWindow {
  if (!(duration > 0)) return { from: 0, to: 0 };
  const min = duration * MIN_WINDOW_FRACTION;
  let from = Math.max(0, Math.min(window.from, window.to));
  let to = Math.min(duration, Math.max(window.from, window.to));
  if (to - from < min) {
    const centre = (from + to) / 2;
    from = Math.max(0, Math.min(duration - min, centre - min / 2));
    to = from + min;
  }
  return { from, to };
}

/** Between two points across the minimap (0 to 1), in either order. */
export function windowFromFractions(a: number, b: number, duration: number): TimeWindow {
  return clampWindow({ from: a * duration, to: b * duration }, duration);
}

/** Narrower (`factor` < 1) or wider (> 1) around its centre. */
export function zoomWindow(window: TimeWindow, factor: number, duration: number): TimeWindow {
  const centre = (window.from + window.to) / 2;
  const half = ((window.to - window.from) * factor) / 2;
  const from = centre - half;
  const to = centre + half;
  // Keep the width when the trace's edge is reached: shift rather than cut.
  const shift = from < 0 ? -from : to > duration ? duration - to : 0;
  return clampWindow({ from: from + shift, to: to + shift }, duration);
}

/** Moved by `share` of its own width (negative: earlier), stopping at the trace's edges. */
export function panWindow(window: TimeWindow, share: number, duration: number): TimeWindow {
  const width = window.to - window.from;
  const from = Math.max(0, Math.min(duration - width, window.from + width * share));
  return clampWindow({ from, to: from + width }, duration);
}

export function isFullWindow(window: TimeWindow, duration: number): boolean {
  return window.from <= 0 && window.to >= duration;
}

/** Where `offset` falls across the window, as a percentage (may be outside 0–100). */
export function percentIn(window: TimeWindow, offset: number): number {
  const width = window.to - window.from;
  return width > 0 ? ((offset - window.from) / width) * 100 : 0;
}
