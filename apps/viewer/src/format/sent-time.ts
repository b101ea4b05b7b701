/**
 * Times and durations as SDKs sent them, shown only as what they can be: a time no clock
 * gives (before 2000 or after 2100) is shown as the number sent, and a document that ends
 * before it starts has no duration; each with the reason, for a warning mark.
 */

import {
  type EpochSeconds,
  isPlausibleEpochSeconds,
  type Seconds,
  timeProblems,
} from "@xray-sandbox/segments";
import { formatDuration } from "./duration.ts";
import { formatEpochSeconds } from "./time.ts";

export interface Shown {
  readonly text: string;
  /** Why the value is not shown as a date or a duration; undefined when it is. */
  readonly warning: string | undefined;
}

/** A `start_time`/`end_time`: its local date and time, or the number sent and why not. */
export function shownTime(seconds: number): Shown {
  if (isPlausibleEpochSeconds(seconds)) {
    return { text: formatEpochSeconds(seconds as EpochSeconds), warning: undefined };
  }
  const [warning] = timeProblems({ start_time: seconds });
  return { text: String(seconds), warning };
}

/** `end - start`, or, when the end comes first, no duration and why. */
export function shownDuration(start: number, end: number): Shown {
  if (end >= start) return { text: formatDuration((end - start) as Seconds), warning: undefined };
  const [warning] = timeProblems({ start_time: start, end_time: end }).slice(-1);
  return { text: "–", warning };
}

/** A duration already computed: negative ones are not shown. */
export function shownSeconds(duration: Seconds): Shown {
  if (!(duration < 0)) return { text: formatDuration(duration), warning: undefined };
  return {
    text: "–",
    warning: `ends ${formatDuration(-duration as Seconds)} before it starts: see the warnings`,
  };
}
