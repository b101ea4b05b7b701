/**
 * The daemon's HTTP and live WebSocket contract: the one place the daemon, the viewer and the
 * testing library take these shapes from. Types only.
 */

import type { FilterError } from "./filter/filter-error.ts";
import type { TraceNode, TraceSummary } from "./trace.ts";
import type { StoreStats } from "./trace-store.ts";
import type { EpochMillis, TraceId } from "./units.ts";

/** `GET /api/stats`. */
export interface SandboxStats {
  readonly datagrams: {
    /** Every datagram received; always `accepted + rejected`. */
    readonly received: number;
    readonly accepted: number;
    readonly rejected: number;
    readonly rejectedByReason: Readonly<Record<string, number>>;
    readonly bytesReceived: number;
    readonly internalErrors: number;
  };
  readonly traces: number;
  readonly segments: number;
  readonly documents: number;
  /** Traces evicted to stay within the store's bounds. */
  readonly evicted: number;
  readonly store: StoreStats;
  readonly udp: { readonly address: string; readonly receiveBufferBytes: number };
  readonly process: {
    readonly uptimeSeconds: number;
    readonly rssBytes: number;
    readonly cpuUserMicros: number;
    readonly cpuSystemMicros: number;
  };
}

/** One kept rejection, as `GET /api/rejected` and the live stream show it. */
export interface RejectionSample {
  /** ISO 8601. */
  readonly receivedAt: string;
  /** `ip:port` of the sender, or a label such as `PutTraceSegments`. */
  readonly from: string;
  /** Size in bytes. */
  readonly size: number;
  readonly reason: string;
  readonly message: string;
  /** The start of the payload as text, control characters escaped. */
  readonly preview: string;
}

/** `GET /api/rejected`. */
export interface RejectedBody {
  readonly kept: number;
  readonly max: number;
  readonly byReason: Readonly<Record<string, number>>;
  /** Newest first. */
  readonly rejections: readonly RejectionSample[];
}

/** A document of a trace as stored. */
export interface DocumentBody {
  /** The document's JSON text exactly as received. */
  readonly raw: string;
  readonly receivedAt: EpochMillis;
  readonly bytes: number;
}

/** `GET /api/traces/:id`. */
export interface TraceDetailBody {
  readonly id: TraceId;
  readonly summary: TraceSummary;
  /** The assembled tree; a node's `document` has no `subsegments`: they are its `children`. */
  readonly segments: readonly TraceNode[];
  readonly orphans: readonly TraceNode[];
  readonly documents: readonly DocumentBody[];
}

/** `GET /api/traces?filter=&limit=&cursor=`: summaries, newest first. */
export interface TraceListBody {
  readonly traces: readonly TraceSummary[];
  /** Present when more traces match: pass it as `cursor` for the next page. */
  readonly nextCursor?: string;
  /** How many traces match the filter, across all pages. */
  readonly total: number;
}

/** Every error from `/api/*`. A bad filter adds the parser's position. */
export interface ApiErrorBody {
  readonly error: { readonly code: string; readonly message: string } & Partial<FilterError>;
}

/** The path of the live WebSocket on the daemon's HTTP port. */
export const LIVE_PATH = "/api/live";
export const LIVE_PROTOCOL_VERSION = 1;

/** Client → daemon. */
export type LiveClientMessage =
  /** Replace the subscription: `filter` is an X-Ray filter expression, or null for every trace. */
  { readonly type: "subscribe"; readonly filter: string | null } | { readonly type: "ping" };

/** Daemon → client. */
export type LiveServerMessage =
  | {
      readonly type: "hello";
      readonly protocol: typeof LIVE_PROTOCOL_VERSION;
      readonly version: string;
      readonly serverTime: EpochMillis;
    }
  /** Sent after `hello` and after every `subscribe`: the newest matching traces. */
  | {
      readonly type: "snapshot";
      readonly filter: string | null;
      /** Newest first, at most `limit`; older ones are read with `GET /api/traces`. */
      readonly summaries: readonly TraceSummary[];
      readonly total: number;
      readonly limit: number;
      readonly stats: SandboxStats;
    }
  /** Changes since the last message, at most one every `LIVE_BATCH_INTERVAL_MS`. */
  | {
      readonly type: "batch";
      readonly seq: number;
      /** New traces and traces that changed (newest first), matching the subscription. */
      readonly upserts: readonly TraceSummary[];
      /** Traces evicted, or that no longer match. */
      readonly removed: readonly TraceId[];
      /** Every trace was deleted (`DELETE /api/traces`); upserts after it are new. */
      readonly cleared: boolean;
      readonly stats: SandboxStats;
      /** Rejections since the last message, newest first. */
      readonly rejections: readonly RejectionSample[];
    }
  /**
   * The client fell behind (its queue passed its bound) and changes were dropped for it: it
   * should `subscribe` again (or re-read over HTTP). Ingest and other clients were not slowed.
   */
  | { readonly type: "resync"; readonly reason: string }
  | { readonly type: "pong" }
  | {
      readonly type: "error";
      readonly code: string;
      readonly message: string;
      /** For `INVALID_FILTER`: where the filter went wrong. */
      readonly filterError?: FilterError;
    };

export const LIVE_BATCH_INTERVAL_MS = 100;
