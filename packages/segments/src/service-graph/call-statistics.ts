import type { DocumentFields } from "../document.ts";
import { Histogram } from "./histogram.ts";
import { ResponseTimes } from "./percentiles.ts";
import type { ServiceGraphStatistics } from "./service-graph-types.ts";

/** How X-Ray counts one request, from the document's flags: a fault wins over an error. */
export type CallOutcome = "ok" | "error" | "throttle" | "fault";

export function callOutcome(document: DocumentFields): CallOutcome {
  if (document.fault === true) return "fault";
  if (document.throttle === true) return "throttle";
  if (document.error === true) return "error";
  return "ok";
}

/** `end_time - start_time` to the microsecond; undefined while in progress. */
export function responseTime(document: DocumentFields): number | undefined {
  const { start_time: start, end_time: end } = document;
  if (document.in_progress === true || !isTime(start) || !isTime(end)) return undefined;
  return roundMicros(Math.max(0, end - start));
}

function isTime(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

export function roundMicros(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e6;
}

/** Counts requests by outcome; requests still in progress are not counted. */
export class CallStatistics {
  readonly responseTimes = new Histogram();
  /** The same times, exact, for the percentiles. */
  readonly percentiles = new ResponseTimes();
  #ok = 0;
  #error = 0;
  #throttle = 0;
  #fault = 0;
  #totalResponseTime = 0;

  add(document: DocumentFields): void {
    const time = responseTime(document);
    if (time === undefined) return;
    const outcome = callOutcome(document);
    if (outcome === "ok") this.#ok++;
    else if (outcome === "error") this.#error++;
    else if (outcome === "throttle") this.#throttle++;
    else this.#fault++;
    this.#totalResponseTime += time;
    this.responseTimes.add(time);
    this.percentiles.add(time);
  }

  summary(): ServiceGraphStatistics {
    const errors = this.#error + this.#throttle;
    return {
      OkCount: this.#ok,
      ErrorStatistics: {
        ThrottleCount: this.#throttle,
        OtherCount: this.#error,
        TotalCount: errors,
      },
      FaultStatistics: { OtherCount: this.#fault, TotalCount: this.#fault },
      TotalCount: this.#ok + errors + this.#fault,
      TotalResponseTime: roundMicros(this.#totalResponseTime),
    };
  }
}
