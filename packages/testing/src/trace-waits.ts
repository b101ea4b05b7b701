/**
 * The waits: each follows the sandbox through its handle's live feed (no polling) and reads
 * over HTTP what it needs, at the start and after a resync or reconnect.
 */

import type { TraceId } from "@xray-sandbox/segments";
import { countText, deliveryNote, segmentLines, traceLine, traceLines } from "./arrival-report.ts";
import { TraceAssertionError, WaitTimeoutError } from "./errors.ts";
import type { FeedListener, LiveFeed } from "./live-feed.ts";
import { nearestMatch } from "./nearest-match.ts";
import type { SegmentRecord, TraceRecord } from "./records.ts";
import type { SandboxApi } from "./sandbox-api.ts";
import { type TraceMatch, type TraceMatcher, traceMatcher } from "./trace-matcher.ts";
import { TraceWatch } from "./trace-watch.ts";
import {
  checkCount,
  checkMilliseconds,
  DEFAULT_TIMEOUT,
  DEFAULT_WITHIN,
  type ExpectNoTraceOptions,
  type WaitForSegmentsOptions,
  type WaitForTracesOptions,
} from "./wait-options.ts";

export interface WaitContext {
  readonly api: SandboxApi;
  readonly feed: LiveFeed;
  /** The handle's quiet period, for waits that do not give one. */
  readonly quiet: number;
  /** Refused datagrams from before this (epoch ms) do not concern the current test. */
  since(): number;
}

/** How many traces of what arrived a timeout message shows as not settled. */
const MAX_UNSETTLED = 3;

/** Resolves with `count` matching traces, newest first, each settled unless `settle` is false. */
export async function waitForTraces(
  context: WaitContext,
  call: string,
  match: TraceMatch,
  options: WaitForTracesOptions,
): Promise<TraceRecord[]> {
  const timeout = checkMilliseconds("timeout", options.timeout ?? DEFAULT_TIMEOUT);
  const quiet = checkMilliseconds("quiet", options.quiet ?? context.quiet);
  const count = checkCount("count", options.count, 1);
  const settle = options.settle ?? true;
  const matcher = traceMatcher(context.api, match);

  const found = new Map<TraceId, TraceRecord>();
  let done!: (error?: unknown) => void;
  const finished = new Promise<void>((resolve, reject) => {
    done = (error) => (error === undefined ? resolve() : reject(error));
  });
  const watch = new TraceWatch({
    feed: context.feed,
    matcher,
    settle,
    quiet,
    found: (record) => {
      found.set(record.id, record);
      if (found.size >= count) done();
    },
    failed: (error) => done(error),
  });
  const started = watch.start();
  started.catch((error: unknown) => done(error));
  const timer = timeOutAfterFirstRead(started, timeout, done);
  try {
    await finished;
    return newestFirst([...found.values()]).slice(0, count);
  } catch (error) {
    if (error !== TIMED_OUT) throw error;
    const pending = watch.pending();
    watch.stop();
    throw new WaitTimeoutError(
      await timeoutReport(context, { call, timeout, matcher, settle, count, found, pending }),
      timeout,
    );
  } finally {
    clearTimeout(timer);
    watch.stop();
  }
}

/**
 * Resolves when no trace matching `match` is in the sandbox, nor arrives within `within` ms;
 * rejects with a `TraceAssertionError` naming the first that does.
 */
export async function expectNoTrace(
  context: WaitContext,
  call: string,
  match: TraceMatch,
  options: ExpectNoTraceOptions,
): Promise<void> {
  const within = checkMilliseconds("within", options.within ?? DEFAULT_WITHIN);
  const matcher = traceMatcher(context.api, match);
  const startedAt = performance.now();
  let starting = true;
  let offending: { record: TraceRecord; before: boolean; after: number } | undefined;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  let failure: unknown;
  const watch = new TraceWatch({
    feed: context.feed,
    matcher,
    settle: false,
    quiet: 0,
    found: (record) => {
      offending ??= { record, before: starting, after: performance.now() - startedAt };
      done();
    },
    failed: (error) => {
      failure = error;
      done();
    },
  });
  const timer = setTimeout(done, within);
  try {
    await watch.start();
    starting = false;
    await finished;
    if (failure !== undefined) throw failure;
    if (!offending) {
      // What reached the daemon in the last moments may not have been streamed yet.
      const [late] = (await matcher.query()).filter((record) => matcher.accepts(record));
      if (late) offending = { record: late, before: false, after: performance.now() - startedAt };
    }
  } finally {
    clearTimeout(timer);
    watch.stop();
  }
  if (offending) {
    const when = offending.before
      ? "was already in the sandbox"
      : `arrived after ${Math.round(offending.after)} ms`;
    throw new TraceAssertionError(
      `${call} failed: a matching trace ${when}:\n  ${traceLine(offending.record)}`,
    );
  }
}

/** Resolves with every node (as `segments()`) once there are at least `count`. */
export async function waitForSegments(
  context: WaitContext,
  count: number,
  options: WaitForSegmentsOptions,
): Promise<SegmentRecord[]> {
  const timeout = checkMilliseconds("timeout", options.timeout ?? DEFAULT_TIMEOUT);
  checkCount("count", count, 0);
  const { filter } = options;
  const { api } = context;
  const matcher = traceMatcher(api, filter ?? "");

  let latest: SegmentRecord[] = [];
  let done!: (error?: unknown) => void;
  const finished = new Promise<void>((resolve, reject) => {
    done = (error) => (error === undefined ? resolve() : reject(error));
  });
  let reading: Promise<void> | undefined;
  let readAgain = false;
  const read = (): Promise<void> => {
    if (reading) {
      readAgain = true;
      return reading;
    }
    reading = (async () => {
      do {
        readAgain = false;
        latest = await api.segments(filter);
        if (latest.length >= count) done();
      } while (readAgain);
    })()
      .catch((error: unknown) => done(error))
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };
  const listener: FeedListener = {
    changed: (summaries) => {
      if (summaries.some((summary) => matcher.mayMatch(summary))) void read();
    },
    removed: () => void read(),
    cleared: () => void read(),
    resync: () => void read(),
    failed: (error) => done(error),
  };
  let unwatch: (() => void) | undefined;
  const started = context.feed.watch(listener).then((stop) => {
    unwatch = stop;
    return read();
  });
  started.catch((error: unknown) => done(error));
  const timer = timeOutAfterFirstRead(started, timeout, done);
  try {
    await finished;
    return latest;
  } catch (error) {
    if (error !== TIMED_OUT) throw error;
    const call = `waitForSegments(${count}${filter === undefined ? "" : `, { filter: ${quote(filter)} }`})`;
    const sections = [
      `${call} timed out after ${timeout} ms; ${latest.length} of ${count} segments arrived${latest.length > 0 ? `:\n${segmentLines(latest)}` : "."}`,
    ];
    const traces = await api.traces(undefined);
    if (filter !== undefined && traces.length > 0) {
      sections.push(`all traces in the sandbox: ${arrived(traces)}`);
    }
    const note = await deliveryNote(api, context.since(), traces.length === 0);
    if (note) sections.push(note);
    throw new WaitTimeoutError(sections.join("\n"), timeout);
  } finally {
    clearTimeout(timer);
    unwatch?.();
  }
}

const TIMED_OUT = Symbol("timed out");

interface TimeoutFacts {
  readonly call: string;
  readonly timeout: number;
  readonly matcher: TraceMatcher;
  readonly settle: boolean;
  readonly count: number;
  readonly found: ReadonlyMap<TraceId, TraceRecord>;
  readonly pending: readonly { readonly id: TraceId }[];
}

/** What was awaited, for how long, what arrived, what came closest, and what to check. */
async function timeoutReport(context: WaitContext, facts: TimeoutFacts): Promise<string> {
  const { api } = context;
  const { call, timeout, matcher, settle, count, found } = facts;
  const traces = await api.traces(undefined);
  const sections: string[] = [];
  if (found.size > 0) {
    sections.push(
      `${call} timed out after ${timeout} ms; ${found.size} of ${count} matching traces${settle ? " settled" : " arrived"}:\n${traceLines(newestFirst([...found.values()]))}`,
      `all traces in the sandbox: ${arrived(traces)}`,
    );
  } else {
    sections.push(`${call} timed out after ${timeout} ms; ${arrived(traces)}`);
  }
  const unsettled = settle ? await unsettledMatches(matcher, facts.pending) : [];
  if (unsettled.length > 0) {
    sections.push(
      `${countText(unsettled.length, "trace")} matched but not settled yet (pass { settle: false } to accept it):\n${unsettled
        .slice(0, MAX_UNSETTLED)
        .map((trace) => `  ${traceLine(trace)}`)
        .join("\n")}`,
    );
  } else if (found.size === 0 && matcher.filter !== undefined) {
    const nearest = await nearestMatch(api, matcher.filter, traces);
    if (nearest) sections.push(nearest);
  }
  if (matcher.lastThrown !== undefined) {
    sections.push(
      `the predicate threw on some traces; the last error: ${errorText(matcher.lastThrown)}`,
    );
  }
  const note = await deliveryNote(api, context.since(), traces.length === 0);
  if (note) sections.push(note);
  return sections.join("\n");
}

/** Of the traces a wait was still following, those that match as they are now. */
async function unsettledMatches(
  matcher: TraceMatcher,
  pending: readonly { readonly id: TraceId }[],
): Promise<TraceRecord[]> {
  const records = await Promise.all(pending.slice(0, 10).map(({ id }) => matcher.read(id)));
  return records.filter((record): record is TraceRecord => record !== undefined);
}

function newestFirst(records: TraceRecord[]): TraceRecord[] {
  return records.sort((a, b) => b.summary.firstReceivedAt - a.summary.firstReceivedAt);
}

function arrived(traces: readonly TraceRecord[]): string {
  if (traces.length === 0) return "no traces arrived.";
  return `${countText(traces.length, "trace")} arrived:\n${traceLines(traces)}`;
}

/** `name('filter')`, or `name(source of the predicate)`, shortened. */
export function describeCall(name: string, match: TraceMatch, options?: string): string {
  const extra = options === undefined ? "" : `, ${options}`;
  if (typeof match === "string") return `${name}(${quote(match)}${extra})`;
  const source = String(match).replace(/\s+/g, " ");
  return `${name}(${source.length > 100 ? `${source.slice(0, 100)}…` : source}${extra})`;
}

/** Single quotes read best around filters, which quote their values with double quotes. */
function quote(text: string): string {
  return text.includes("'") ? JSON.stringify(text) : `'${text}'`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.message.split("\n")[0] ?? error.name) : String(error);
}

/**
 * Calls `done(TIMED_OUT)` after `timeout` ms, but never before the wait's first read has
 * completed (even with timeout 0), so a trace already there is always found.
 */
function timeOutAfterFirstRead(
  started: Promise<unknown>,
  timeout: number,
  done: (error: unknown) => void,
): NodeJS.Timeout {
  return setTimeout(
    () =>
      void started.then(
        () => done(TIMED_OUT),
        () => {},
      ),
    timeout,
  );
}
