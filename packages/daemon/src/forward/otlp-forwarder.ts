/**
 * Exports stored documents' spans to an OpenTelemetry collector or backend over OTLP/HTTP or
 * OTLP/gRPC. `send` only queues (never blocks ingest, never throws); one export at a time takes
 * up to `maxBatchSpans` from the queue, after `flushDelayMs` or at once when a batch is full.
 * A retryable failure is tried again after an exponential backoff (`initialBackoffMs` doubling
 * up to `maxBackoffMs`, or the receiver's `Retry-After`), `maxAttempts` times in all; spans
 * beyond `maxQueuedSpans` are dropped and counted. Counters are in spans, but `retried`,
 * which counts requests sent again.
 */

import type { ForwardSpan, ForwardStats } from "@xray-sandbox/segments";
import { groupSpans } from "@xray-sandbox/segments";
import type { Logger } from "../logger.ts";
import { encodeProtobufRequest } from "../otlp/encode-protobuf.ts";
import type { ExportResult, OtlpExportTransport } from "./export-result.ts";
import { type ForwardTarget, formatForwardTarget } from "./forward-target.ts";
import { otlpGrpcTransport } from "./otlp-grpc-transport.ts";
import { otlpHttpTransport } from "./otlp-http-transport.ts";

export type OtlpForwardTarget = Extract<ForwardTarget, { protocol: "otlp-http" | "otlp-grpc" }>;

export interface SpanForwarder {
  /** Queues the spans; never blocks, never throws. Beyond the bound they are dropped and counted. */
  send(spans: readonly ForwardSpan[]): void;
  stats(): ForwardStats;
  /** Sends what is queued once more (no retries), then closes the connection. */
  close(): Promise<void>;
}

export interface OtlpForwarderBounds {
  readonly maxQueuedSpans: number;
  readonly maxBatchSpans: number;
  readonly flushDelayMs: number;
  /** Attempts per batch, the first included. */
  readonly maxAttempts: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
  /** How long one export may take before it counts as a (retryable) failure. */
  readonly timeoutMs: number;
}

export const DEFAULT_OTLP_FORWARD_BOUNDS: OtlpForwarderBounds = Object.freeze({
  maxQueuedSpans: 8192,
  maxBatchSpans: 512,
  flushDelayMs: 200,
  maxAttempts: 6,
  initialBackoffMs: 500,
  maxBackoffMs: 10_000,
  timeoutMs: 10_000,
});

/** The longest a receiver's `Retry-After` is waited for. */
const MAX_RETRY_AFTER_MS = 60_000;

export interface OtlpForwarderOptions {
  readonly target: OtlpForwardTarget;
  readonly logger: Logger;
  readonly bounds?: Partial<OtlpForwarderBounds>;
}

export function startOtlpForwarder({
  target,
  logger,
  bounds,
}: OtlpForwarderOptions): SpanForwarder {
  const limits: OtlpForwarderBounds = { ...DEFAULT_OTLP_FORWARD_BOUNDS, ...bounds };
  const targetText = formatForwardTarget(target);
  const transport: OtlpExportTransport =
    target.protocol === "otlp-http"
      ? otlpHttpTransport({
          address: target.address,
          path: target.path,
          timeoutMs: limits.timeoutMs,
        })
      : otlpGrpcTransport({ address: target.address, timeoutMs: limits.timeoutMs });

  const queue: ForwardSpan[] = [];
  let inFlight = 0;
  let sent = 0;
  let failed = 0;
  let retried = 0;
  let dropped = 0;
  let lastError: string | null = null;
  let closing = false;
  let flushTimer: NodeJS.Timeout | undefined;
  let backoff: { timer: NodeJS.Timeout; wake: () => void } | undefined;
  let pumping: Promise<void> | undefined;
  const logged = new Set<string>();

  const noteError = (message: string) => {
    lastError = message;
    if (logged.has(message)) return;
    logged.add(message);
    logger.warn(
      { target: targetText },
      `forwarding to ${targetText} failed (ingest goes on; further failures like this are only counted): ${message}`,
    );
  };

  const wait = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        backoff = undefined;
        resolve();
      }, ms);
      timer.unref();
      backoff = { timer, wake: resolve };
    });

  /** Whether the receiver took the batch (some spans may have been refused). */
  const exportBatch = async (batch: readonly ForwardSpan[]): Promise<boolean> => {
    const body = encodeProtobufRequest(groupSpans(batch));
    let delay = limits.initialBackoffMs;
    for (let attempt = 1; ; attempt++) {
      const result: ExportResult = await transport.send(body);
      if (result.ok) {
        const rejected = Math.min(result.rejectedSpans, batch.length);
        sent += batch.length - rejected;
        if (rejected > 0) {
          failed += rejected;
          noteError(`the receiver refused ${rejected} span(s): ${result.message}`);
        }
        return true;
      }
      noteError(result.message);
      if (!result.retryable || attempt >= limits.maxAttempts || closing) {
        failed += batch.length;
        return false;
      }
      retried++;
      const after = Math.min(result.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS);
      await wait(Math.max(delay, after));
      delay = Math.min(delay * 2, limits.maxBackoffMs);
    }
  };

  const pump = async (): Promise<void> => {
    while (queue.length > 0) {
      const batch = queue.splice(0, limits.maxBatchSpans);
      inFlight = batch.length;
      let delivered = false;
      try {
        delivered = await exportBatch(batch);
      } catch (error) {
        failed += batch.length;
        noteError(error instanceof Error ? error.message : String(error));
      } finally {
        inFlight = 0;
      }
      if (closing && !delivered) {
        // Closing with the receiver failing: the rest would fail too, each after a timeout.
        failed += queue.length;
        queue.length = 0;
      }
      if (!closing && queue.length < limits.maxBatchSpans) break;
    }
    pumping = undefined;
    if (queue.length > 0 && !closing) schedule();
  };

  const startPump = () => {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    pumping ??= pump();
  };

  const schedule = () => {
    if (pumping !== undefined || flushTimer !== undefined) return;
    if (queue.length >= limits.maxBatchSpans) {
      startPump();
      return;
    }
    flushTimer = setTimeout(startPump, limits.flushDelayMs);
    flushTimer.unref();
  };

  return {
    send(spans) {
      if (closing) {
        dropped += spans.length;
        return;
      }
      const room = Math.max(0, limits.maxQueuedSpans - queue.length - inFlight);
      if (spans.length > room) dropped += spans.length - room;
      for (let i = 0; i < Math.min(room, spans.length); i++) queue.push(spans[i] as ForwardSpan);
      if (queue.length > 0) schedule();
    },
    stats: () => ({
      target: targetText,
      protocol: target.protocol,
      unit: "spans",
      sent,
      failed,
      retried,
      dropped,
      queued: queue.length + inFlight,
      maxQueued: limits.maxQueuedSpans,
      inFlight,
      lastError,
    }),
    async close() {
      if (closing) return;
      closing = true;
      clearTimeout(flushTimer);
      flushTimer = undefined;
      if (backoff !== undefined) {
        clearTimeout(backoff.timer);
        backoff.wake();
        backoff = undefined;
      }
      if (pumping === undefined && queue.length > 0) pumping = pump();
      await pumping;
      transport.close();
    },
  };
}
