/**
 * Every `--forward` target of a daemon: udp targets get each datagram as it arrives; OTLP
 * targets get each stored document as spans. Documents are converted after the ingest step
 * that stored them (in a `setImmediate`, once for all OTLP targets), so the store's listener
 * only keeps a reference; documents replayed from the data dir at start are not forwarded, nor
 * a completed document stored again (a duplicate).
 */

import {
  documentSpans,
  type ForwardSpan,
  type ForwardStats,
  type StoredDocument,
  type TraceId,
  type TraceStore,
  walkTree,
} from "@xray-sandbox/segments";
import type { Logger } from "../logger.ts";
import type { ForwardTarget } from "./forward-target.ts";
import {
  type OtlpForwarderBounds,
  type SpanForwarder,
  startOtlpForwarder,
} from "./otlp-forwarder.ts";
import { type Forwarder, startForwarder } from "./udp-forwarder.ts";

export interface Forwarders {
  /** Tees a datagram to every udp target. */
  datagram(bytes: Uint8Array): void;
  stats(): ForwardStats[];
  close(): Promise<void>;
}

export interface ForwardersOptions {
  readonly targets: readonly ForwardTarget[];
  readonly store: TraceStore;
  readonly logger: Logger;
  readonly otlpBounds?: Partial<OtlpForwarderBounds>;
}

/** Stored documents held for conversion beyond which they are converted at once. */
const MAX_PENDING_DOCUMENTS = 4096;

export async function startForwarders({
  targets,
  store,
  logger,
  otlpBounds,
}: ForwardersOptions): Promise<Forwarders> {
  const all: (Forwarder | SpanForwarder)[] = [];
  const udp: Forwarder[] = [];
  const otlp: SpanForwarder[] = [];
  for (const target of targets) {
    if (target.protocol === "udp") {
      const forwarder = await startForwarder({ target: target.address, logger });
      udp.push(forwarder);
      all.push(forwarder);
    } else {
      const forwarder = startOtlpForwarder({
        target,
        logger,
        ...(otlpBounds === undefined ? {} : { bounds: otlpBounds }),
      });
      otlp.push(forwarder);
      all.push(forwarder);
    }
  }

  let pending: { traceId: TraceId; document: StoredDocument }[] = [];
  let scheduled: NodeJS.Immediate | undefined;
  const convert = () => {
    scheduled = undefined;
    const documents = pending;
    pending = [];
    const spans: ForwardSpan[] = [];
    for (const { traceId, document } of documents) {
      try {
        spans.push(
          ...documentSpans(document.document, document.origin, {
            serviceOf: (parentId) => serviceOf(store, traceId, parentId),
          }),
        );
      } catch (error) {
        logger.error(
          { err: error, traceId },
          "a stored document could not be made into OTLP spans",
        );
      }
    }
    if (spans.length > 0) for (const forwarder of otlp) forwarder.send(spans);
  };
  const unsubscribe =
    otlp.length === 0
      ? () => {}
      : store.subscribe((event) => {
          if (event.type !== "stored") return;
          // Open documents give no spans; one stored again after its completed self (a
          // duplicate) was forwarded already.
          if (event.document.index.in_progress === true) return;
          if (event.previous !== undefined && event.previous.index.in_progress !== true) return;
          pending.push({ traceId: event.traceId, document: event.document });
          if (pending.length >= MAX_PENDING_DOCUMENTS) {
            clearImmediate(scheduled);
            convert();
          } else scheduled ??= setImmediate(convert);
        });

  return {
    datagram(bytes) {
      for (const forwarder of udp) forwarder.send(bytes);
    },
    stats: () => all.map((forwarder) => forwarder.stats()),
    async close() {
      unsubscribe();
      if (scheduled !== undefined) {
        clearImmediate(scheduled);
        convert();
      }
      await Promise.all(all.map((forwarder) => forwarder.close()));
    },
  };
}

/** The name of the segment (service) whose tree holds `parentId`, if the trace has it. */
function serviceOf(store: TraceStore, traceId: TraceId, parentId: string): string | undefined {
  const trace = store.getTrace(traceId);
  if (trace === undefined) return undefined;
  let segmentId: string | undefined;
  walkTree([...trace.segments, ...trace.orphans], (node) => {
    if (segmentId !== undefined) return false;
    if (node.document.id === parentId) segmentId = node.segmentId;
    return segmentId === undefined;
  });
  if (segmentId === undefined) return undefined;
  return trace.segments.find((node) => node.document.id === segmentId)?.document.name;
}
