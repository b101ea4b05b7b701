/** The client every helper goes through: the daemon's HTTP API, in-process or remote alike. */

import type { SandboxStats } from "@xray-sandbox/segments";
import { countText, deliveryNote, segmentLines, traceLine, traceLines } from "./arrival-report.ts";
import { WaitTimeoutError } from "./errors.ts";
import { nearestMatch } from "./nearest-match.ts";
import { checkWaitOptions, pollUntil } from "./poll.ts";
import type { SegmentRecord, TraceRecord } from "./records.ts";
import { type FetchFunction, SandboxApi } from "./sandbox-api.ts";

export interface WaitOptions {
  /** Milliseconds to wait before failing; 5000 unless given. */
  readonly timeout?: number;
  /** Milliseconds between two looks at the sandbox; 25 unless given. */
  readonly interval?: number;
}

export interface WaitForTraceOptions extends WaitOptions {
  /**
   * Only resolve with a complete trace: no document still `in_progress`, no subsegment
   * waiting for its parent. True unless given; false resolves as soon as anything matches.
   */
  readonly complete?: boolean;
}

export interface WaitForSegmentsOptions extends WaitOptions {
  /** An X-Ray filter expression: count only the nodes of the traces it matches. */
  readonly filter?: string;
}

/** An X-Ray filter expression, or a predicate (a throw counts as "no match"). */
export type TraceMatch = string | ((trace: TraceRecord) => boolean);

export interface SandboxClient {
  /** `http://host:port` of the daemon's HTTP API (and its viewer). */
  readonly url: string;
  /** Every trace matching the X-Ray filter expression (all when omitted), newest first. */
  traces(filter?: string): Promise<TraceRecord[]>;
  /** The trace with this id; undefined when the sandbox has none. */
  trace(id: string): Promise<TraceRecord | undefined>;
  /**
   * Every segment and subsegment of the traces the filter matches (all when omitted),
   * flattened with its trace id and path: newest trace first, each trace in tree order.
   */
  segments(filter?: string): Promise<SegmentRecord[]>;
  /**
   * Resolves with the newest trace that matches, once it is complete. An invalid filter
   * rejects at once with `InvalidFilterError`; a timeout rejects with `WaitTimeoutError`,
   * whose message lists what arrived instead.
   */
  waitForTrace(match: TraceMatch, options?: WaitForTraceOptions): Promise<TraceRecord>;
  /** Resolves with every node (as `segments()`) once there are at least `count`. */
  waitForSegments(count: number, options?: WaitForSegmentsOptions): Promise<SegmentRecord[]>;
  /** Removes every trace (`DELETE /api/traces`). */
  reset(): Promise<void>;
  /** The daemon's counters: datagrams received, accepted and refused by reason, store size. */
  stats(): Promise<SandboxStats>;
}

export interface ConnectOptions {
  /** Used for every request; the global `fetch` unless given. */
  readonly fetch?: FetchFunction;
}

const DEFAULT_TIMEOUT = 5000;
const DEFAULT_INTERVAL = 25;

/**
 * Connects to a running sandbox daemon (`xray-sandbox`, a container, another process).
 * Rejects with `SandboxUnreachableError` or `SandboxApiError` when `url` does not answer
 * as one.
 */
export async function connectSandbox(
  url: string,
  options: ConnectOptions = {},
): Promise<SandboxClient> {
  const api = new SandboxApi(url, options.fetch);
  await api.health();
  return createSandboxClient(api);
}

export function createSandboxClient(api: SandboxApi): SandboxClient {
  /** Refused datagrams from before this (epoch ms) do not concern the current test. */
  let since = Date.now();

  const waitForTrace = async (
    match: TraceMatch,
    options: WaitForTraceOptions = {},
  ): Promise<TraceRecord> => {
    const { timeout = DEFAULT_TIMEOUT, interval = DEFAULT_INTERVAL, complete = true } = options;
    checkWaitOptions(timeout, interval);
    const filter = typeof match === "string" ? match : undefined;
    const matches: (trace: TraceRecord) => boolean = typeof match === "string" ? () => true : match;
    let lastThrown: unknown;
    let matchedLastTime: TraceRecord[] = [];
    const found = await pollUntil(
      async () => {
        const candidates: TraceRecord[] = [];
        for (const trace of await api.traces(filter)) {
          try {
            if (matches(trace)) candidates.push(trace);
          } catch (error) {
            lastThrown = error;
          }
        }
        const done = complete ? candidates.find(isComplete) : candidates[0];
        matchedLastTime = candidates;
        return done;
      },
      { timeout, interval },
    );
    if (found) return found;

    const traces = await api.traces(undefined);
    const sections = [
      `${describeCall("waitForTrace", match)} timed out after ${timeout} ms; ${arrived(traces)}`,
    ];
    if (matchedLastTime.length > 0) {
      sections.push(
        `${countText(matchedLastTime.length, "trace")} matched but not complete yet (pass { complete: false } to accept it):\n${matchedLastTime
          .slice(0, 3)
          .map((trace) => `  ${traceLine(trace)}`)
          .join("\n")}`,
      );
    } else if (filter !== undefined) {
      const nearest = await nearestMatch(api, filter, traces);
      if (nearest) sections.push(nearest);
    }
    if (lastThrown !== undefined) {
      sections.push(`the predicate threw on some traces; the last error: ${errorText(lastThrown)}`);
    }
    const note = await deliveryNote(api, since, traces.length === 0);
    if (note) sections.push(note);
    throw new WaitTimeoutError(sections.join("\n"), timeout);
  };

  const waitForSegments = async (
    count: number,
    options: WaitForSegmentsOptions = {},
  ): Promise<SegmentRecord[]> => {
    const { timeout = DEFAULT_TIMEOUT, interval = DEFAULT_INTERVAL, filter } = options;
    checkWaitOptions(timeout, interval);
    if (!(Number.isInteger(count) && count >= 0)) {
      throw new RangeError(`count must be a whole number ≥ 0, got ${count}`);
    }
    let latest: SegmentRecord[] = [];
    const found = await pollUntil(
      async () => {
        latest = await api.segments(filter);
        return latest.length >= count ? latest : undefined;
      },
      { timeout, interval },
    );
    if (found) return found;

    const call = `waitForSegments(${count}${filter === undefined ? "" : `, { filter: ${quote(filter)} }`})`;
    const sections = [
      `${call} timed out after ${timeout} ms; ${latest.length} of ${count} segments arrived${latest.length > 0 ? `:\n${segmentLines(latest)}` : "."}`,
    ];
    const traces = await api.traces(undefined);
    if (filter !== undefined && traces.length > 0) {
      sections.push(`all traces in the sandbox: ${arrived(traces)}`);
    }
    const note = await deliveryNote(api, since, traces.length === 0);
    if (note) sections.push(note);
    throw new WaitTimeoutError(sections.join("\n"), timeout);
  };

  return {
    url: api.url,
    traces: (filter) => api.traces(filter),
    trace: (id) => api.trace(id),
    segments: (filter) => api.segments(filter),
    waitForTrace,
    waitForSegments,
    async reset() {
      since = Date.now();
      await api.clear();
    },
    stats: () => api.stats(),
  };
}

function isComplete(trace: TraceRecord): boolean {
  return !trace.summary.inProgress && trace.orphans.length === 0;
}

function arrived(traces: readonly TraceRecord[]): string {
  if (traces.length === 0) return "no traces arrived.";
  return `${countText(traces.length, "trace")} arrived:\n${traceLines(traces)}`;
}

function describeCall(name: string, match: TraceMatch): string {
  if (typeof match === "string") return `${name}(${quote(match)})`;
  const source = String(match).replace(/\s+/g, " ");
  return `${name}(${source.length > 100 ? `${source.slice(0, 100)}…` : source})`;
}

/** Single quotes read best around filters, which quote their values with double quotes. */
function quote(text: string): string {
  return text.includes("'") ? JSON.stringify(text) : `'${text}'`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.message.split("\n")[0] ?? error.name) : String(error);
}
