/** The client every helper goes through: the daemon's HTTP API, in-process or remote alike. */

import type {
  SamplingDiagnosisBody,
  SandboxStats,
  TraceDistributionBody,
  TraceProblemsBody,
  TraceQueryBody,
} from "@xray-sandbox/segments";
import { TraceAssertionError } from "./errors.ts";
import { LiveFeed } from "./live-feed.ts";
import type { SegmentRecord, TraceRecord } from "./records.ts";
import { type SandboxAddresses, sandboxAddresses } from "./sandbox-address.ts";
import { type FetchFunction, SandboxApi } from "./sandbox-api.ts";
import { type ServiceEnv, serviceEnv } from "./service-env.ts";
import type { TraceMatch } from "./trace-matcher.ts";
import type { LatencyOptions, QueryTracesOptions } from "./trace-queries.ts";
import {
  describeCall,
  expectNoTrace,
  type WaitContext,
  waitForSegments,
  waitForTraces,
} from "./trace-waits.ts";
import {
  checkMilliseconds,
  DEFAULT_QUIET,
  type ExpectNoTraceOptions,
  type WaitForSegmentsOptions,
  type WaitForTraceOptions,
  type WaitForTracesOptions,
} from "./wait-options.ts";

export interface SandboxClient extends AsyncDisposable {
  /** `http://host:port` of the daemon's HTTP API (and its viewer). */
  readonly url: string;
  /** Spread into the environment of the service under test (before its SDK loads). */
  readonly env: ServiceEnv;
  /** `host:port` of the UDP socket segments go to. */
  readonly udpAddress: string;
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
   * Resolves with a trace that matches, once it has settled (see `settle`): the newest of
   * those already settled when the wait starts, else the first to settle. An invalid filter
   * rejects at once with `InvalidFilterError`; a timeout rejects with `WaitTimeoutError`,
   * whose message lists what arrived instead.
   */
  waitForTrace(match: TraceMatch, options?: WaitForTraceOptions): Promise<TraceRecord>;
  /** Resolves with `count` distinct matching traces, newest first, each settled. */
  waitForTraces(match: TraceMatch, options: WaitForTracesOptions): Promise<TraceRecord[]>;
  /**
   * Resolves if no matching trace is in the sandbox or arrives within `within` ms; rejects
   * with `TraceAssertionError` naming the first that does.
   */
  expectNoTrace(match: TraceMatch, options?: ExpectNoTraceOptions): Promise<void>;
  /** Resolves with every node (as `segments()`) once there are at least `count`. */
  waitForSegments(count: number, options?: WaitForSegmentsOptions): Promise<SegmentRecord[]>;
  /**
   * One page of every kept trace in the selection, sorted by the daemon (`GET
   * /api/traces/query`): e.g. `{ sort: "responsetime", filter: 'http.url CONTAINS "/orders"' }`
   * gives the slowest requests of a route first. Pass the page's `nextCursor` as `cursor` (with
   * the same sort and order) for the next one.
   */
  queryTraces(options?: QueryTracesOptions): Promise<TraceQueryBody>;
  /**
   * The response-time distribution of every kept trace in the selection (`GET
   * /api/traces/distribution`): histogram bins, p50/p90/p99, min, max and scatter points.
   */
  latency(options?: LatencyOptions): Promise<TraceDistributionBody>;
  /**
   * What the trace doctor finds in the trace (`GET /api/traces/:id/problems`): each problem's
   * code, severity, message, node, fix per SDK and why. Throws when the sandbox has no such
   * trace. `neverCompletedAfter` (seconds, default 30) is how long an in-progress piece may wait.
   */
  problems(traceId: string, options?: ProblemsOptions): Promise<TraceProblemsBody>;
  /** Why requests may not have become traces: the sampling rules and what SDKs reported. */
  samplingDiagnosis(): Promise<SamplingDiagnosisBody>;
  /** Removes every trace (`DELETE /api/traces`). */
  reset(): Promise<void>;
  /** The daemon's counters: datagrams received, accepted and refused by reason, store size. */
  stats(): Promise<SandboxStats>;
  /**
   * Closes the handle's live subscription: pending waits reject, later ones are refused.
   * The subscription never keeps the process alive, so this is tidiness, not a must.
   */
  close(): Promise<void>;
}

export interface ProblemsOptions {
  /** Seconds an `in_progress` piece may wait before it is `never-completed` (default 30). */
  readonly neverCompletedAfter?: number;
}

export interface HandleOptions {
  /**
   * Milliseconds without a new document before a trace counts as settled, for waits that do
   * not say; 150 unless given.
   */
  readonly quiet?: number;
}

export interface ConnectOptions extends HandleOptions {
  /** Used for every request; the global `fetch` unless given. */
  readonly fetch?: FetchFunction;
  /**
   * The token of a shared sandbox (one started with `--auth-token`), sent as
   * `Authorization: Bearer` with every request and the live stream.
   */
  readonly token?: string;
}

/**
 * Connects to a running sandbox daemon (`xray-sandbox`, a container, another process).
 * Rejects with `SandboxUnreachableError` or `SandboxApiError` when `url` does not answer
 * as one.
 */
export async function connectSandbox(
  url: string,
  options: ConnectOptions = {},
): Promise<SandboxClient> {
  const api = new SandboxApi(url, options.fetch, options.token);
  await api.health();
  const { udp } = await api.stats();
  return createSandboxClient(api, sandboxAddresses(api.url, udp.address), options);
}

export function createSandboxClient(
  api: SandboxApi,
  addresses: SandboxAddresses,
  options: HandleOptions = {},
): SandboxClient {
  const quiet = checkMilliseconds("quiet", options.quiet ?? DEFAULT_QUIET);
  const feed = new LiveFeed(api.url, { headers: api.authHeaders });
  /** Refused datagrams from before this (epoch ms) do not concern the current test. */
  let since = Date.now();
  const context: WaitContext = { api, feed, quiet, since: () => since };

  return {
    url: api.url,
    env: serviceEnv(api.url, addresses),
    udpAddress: addresses.udpAddress,
    traces: (filter) => api.traces(filter),
    trace: (id) => api.trace(id),
    segments: (filter) => api.segments(filter),
    waitForTrace: async (match, options = {}) => {
      const [trace] = await waitForTraces(context, describeCall("waitForTrace", match), match, {
        ...options,
        count: 1,
      });
      if (!trace) throw new Error("waitForTraces resolved with no trace");
      return trace;
    },
    waitForTraces: (match, options) =>
      waitForTraces(
        context,
        describeCall("waitForTraces", match, `{ count: ${options.count} }`),
        match,
        options,
      ),
    expectNoTrace: (match, options = {}) =>
      expectNoTrace(
        context,
        describeCall(
          "expectNoTrace",
          match,
          options.within === undefined ? undefined : `{ within: ${options.within} }`,
        ),
        match,
        options,
      ),
    waitForSegments: (count, options = {}) => waitForSegments(context, count, options),
    queryTraces: (options = {}) => api.queryTraces(options),
    latency: (options = {}) => api.latency(options),
    async reset() {
      since = Date.now();
      await api.clear();
    },
    async problems(traceId, problemsOptions = {}) {
      const body = await api.problems(traceId, problemsOptions.neverCompletedAfter);
      if (body === undefined) {
        throw new TraceAssertionError(
          `the sandbox has no trace ${traceId}: wait for it first (waitForTrace), or check the id`,
        );
      }
      return body;
    },
    samplingDiagnosis: () => api.samplingDiagnosis(),
    stats: () => api.stats(),
    async close() {
      feed.close();
    },
    async [Symbol.asyncDispose]() {
      feed.close();
    },
  };
}
