/**
 * The daemon's HTTP and live WebSocket contract: the one place the daemon, the viewer and the
 * testing library take these shapes from. Types only.
 */

import type { AuthStats } from "./auth-contract.ts";
import type { ProblemCode } from "./doctor/problem.ts";
import type { SegmentDocument, SubsegmentDocument } from "./document.ts";
import type { DocumentOrigin } from "./document-origin.ts";
import type { FilterError } from "./filter/filter-error.ts";
import type { OtlpTransport } from "./otlp/otlp-model.ts";
import type { TraceNode, TraceSummary } from "./trace.ts";
import type { StoreStats } from "./trace-store.ts";
import type { EpochMillis, SegmentId, TraceId } from "./units.ts";

/** `GET /api/stats`. */
export interface SandboxStats {
  readonly datagrams: {
    /**
     * Every datagram and API or imported document that reached the ingest path; always
     * `accepted + rejected`. Datagrams lost before it are counted in `udp`.
     */
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
  /** Traces evicted to stay within the store's bounds (unsampled ones included). */
  readonly evicted: number;
  /** The store's totals, its bounds, and its unsampled pool (`store.unsampled`). */
  readonly store: StoreStats;
  readonly udp: UdpStats;
  readonly process: {
    readonly uptimeSeconds: number;
    readonly rssBytes: number;
    readonly cpuUserMicros: number;
    readonly cpuSystemMicros: number;
  };
  readonly live: LiveStats;
  /** The segment log in the data directory; null when running in memory only. */
  readonly persistence: PersistenceStats | null;
  /** The first `--forward` target (as `forwards[0]`); null when not forwarding. */
  readonly forward: ForwardStats | null;
  /** Every `--forward` target, in the order given, each with its own counters. */
  readonly forwards: readonly ForwardStats[];
  /** What X-Ray daemons and other clients reported with `PutTelemetryRecords`. */
  readonly telemetry: TelemetryStats;
  /** OpenTelemetry spans by the way they arrived, and the listeners that take them. */
  readonly otlp: OtlpStats;
  /** `POST /api/import`: runs, and the bounds an import is held to. */
  readonly imports: ImportStats;
  /** Filters run over the store (queries, exports, live snapshots), in slices. */
  readonly filters: FilterScanStats;
  /** Root causes worked out for `GetTraceSummaries` entries, and what their bound left out. */
  readonly rootCauses: RootCauseStats;
  /** `GET /api/traces/:id` bodies kept written for the traces read last. */
  readonly traceBodies: TraceBodyCacheStats;
  /** Shared service mode: whether a token is asked for, and the requests refused without it. */
  readonly auth: AuthStats;
}

/** The written bodies of `GET /api/traces/:id` the daemon keeps, reused while a trace is unchanged. */
export interface TraceBodyCacheStats {
  /** Bodies kept now, and their total size in bytes (UTF-8). */
  readonly entries: number;
  readonly bytes: number;
  readonly maxEntries: number;
  readonly maxBytes: number;
  /** Reads answered with a kept body; reads that wrote theirs. */
  readonly hits: number;
  readonly misses: number;
  /** Bodies dropped to stay within the bounds. */
  readonly evicted: number;
}

export interface RootCauseStats {
  /** Trace summaries `GetTraceSummaries` gave root causes (one per entry returned). */
  readonly summaries: number;
  /** The most fault root causes, and the most error root causes, one summary lists. */
  readonly limit: number;
  /** Fault and error root causes not listed because a summary had more than `limit`. */
  readonly leftOut: number;
  /** Summaries that left some out. */
  readonly summariesCut: number;
  /** The most entities one service's `EntityPath` lists. */
  readonly entityPathLimit: number;
  /** Entities left out of entity paths longer than `entityPathLimit` (a gap entity stands for them). */
  readonly entitiesLeftOut: number;
}

/**
 * A filter over many stored traces runs in slices of about `sliceMs` of work, the event
 * loop serving other requests and received datagrams between them.
 */
export interface FilterScanStats {
  /** Scans started, and those still running. */
  readonly scans: number;
  readonly running: number;
  /** Traces a filter was matched against (or read, for a scan without one). */
  readonly tracesScanned: number;
  /** Slices run, and the times a scan yielded to the event loop between two of them. */
  readonly slices: number;
  readonly yields: number;
  /** The longest slice of work, in milliseconds: one trace past `sliceMs` at most. */
  readonly longestSliceMs: number;
  readonly sliceMs: number;
  /**
   * Filters refused for a limit (characters, terms, nesting, terms with groups expanded),
   * wherever they were given.
   */
  readonly refusedForSize: number;
}

/** One OTLP path: requests (HTTP or gRPC calls, `T1S`/`T1U` datagrams, PutTraceSegments entries). */
export interface OtlpTransportStats {
  readonly requests: number;
  /** Requests refused whole: undecodable, wrong content type, too large. */
  readonly refusedRequests: number;
  /** Spans in the requests that could be decoded. */
  readonly spans: number;
  /** Spans whose documents the store took (stored, replaced or already held). */
  readonly storedSpans: number;
  /** Spans that could not become documents, or whose documents were refused. */
  readonly rejectedSpans: number;
}

export interface OtlpStats {
  readonly byTransport: Readonly<Record<OtlpTransport, OtlpTransportStats>>;
  /**
   * `T1U` spans: counted always, stored only with `--keep-unsampled` (`kept`), as traces of
   * their own bound: see `store.unsampled` (`UnsampledStoreStats`) and `TraceSummary.unsampled`.
   */
  readonly unsampled: { readonly spans: number; readonly kept: boolean };
  /** `/v1/metrics` and `/v1/logs` (HTTP and gRPC): answered with success and not read. */
  readonly metricsRequests: number;
  readonly logsRequests: number;
  /** The OTLP listeners as bound (`host:port`); empty when turned off or the port was taken. */
  readonly listeners: {
    readonly http: readonly string[];
    readonly grpc: readonly string[];
  };
}

/**
 * `PutTelemetryRecords`: the real X-Ray daemon (pointed at the sandbox as its endpoint), boto3
 * and the AWS CLI report how forwarding segments went. Kept per client, within bounds.
 */
export interface TelemetryStats {
  /** `PutTelemetryRecords` calls accepted since start. */
  readonly calls: number;
  /** Records in them. */
  readonly records: number;
  /** The clients that reported, most recent first. */
  readonly clients: readonly TelemetryClient[];
  readonly bounds: {
    /** Clients remembered; the one that reported least recently goes first. */
    readonly maxClients: number;
    /** Latest records kept per client. */
    readonly recordsPerClient: number;
    /** Clients forgotten to stay within `maxClients`. */
    readonly evictedClients: number;
  };
}

/** One reporting client: a `Hostname`, `EC2InstanceId` and `ResourceARN` as it sent them. */
export interface TelemetryClient {
  readonly hostname: string | null;
  readonly ec2InstanceId: string | null;
  readonly resourceArn: string | null;
  readonly firstReportAt: EpochMillis;
  readonly lastReportAt: EpochMillis;
  readonly calls: number;
  readonly records: number;
  /** Its latest records, newest first (by `Timestamp`, then by arrival). */
  readonly latest: readonly TelemetryRecordView[];
}

/** A `TelemetryRecord` in X-Ray's shape, `Timestamp` in epoch seconds. */
export interface TelemetryRecordView {
  readonly Timestamp: number;
  readonly SegmentsReceivedCount?: number;
  readonly SegmentsSentCount?: number;
  readonly SegmentsSpilloverCount?: number;
  readonly SegmentsRejectedCount?: number;
  readonly BackendConnectionErrors?: {
    readonly TimeoutCount?: number;
    readonly ConnectionRefusedCount?: number;
    readonly HTTPCode4XXCount?: number;
    readonly HTTPCode5XXCount?: number;
    readonly UnknownHostCount?: number;
    readonly OtherCount?: number;
  };
}

/** The UDP socket, and every datagram lost between it and the ingest path. */
export interface UdpStats extends UdpIngestStats {
  readonly address: string;
  /** The receive buffer the kernel granted the socket. */
  readonly receiveBufferBytes: number;
}

export interface UdpIngestStats {
  /**
   * Datagrams the kernel dropped at the socket because its receive buffer was full (the
   * socket's `drops` in Linux's `/proc/net/udp`, read about once a second); null where the
   * system does not tell.
   */
  readonly kernelDrops: number | null;
  /**
   * Batches the receive worker has scanned and the main thread has not yet stored: they wait
   * in the worker, in buffers of at most `maxBytes` in all, while the main thread is busy.
   */
  readonly queue: {
    /** Datagram bytes waiting now. */
    readonly queuedBytes: number;
    readonly peakQueuedBytes: number;
    readonly maxBytes: number;
    /** Datagrams dropped because the queue was at `maxBytes`, and their bytes. */
    readonly overflowDatagrams: number;
    readonly overflowBytes: number;
  };
  /** Times the receive worker failed and was started again. */
  readonly workerRestarts: number;
  /** Datagrams a failed worker had received and not yet handed over (at least). */
  readonly lostInRestarts: number;
}

/**
 * The segment log in the data directory (`--data-dir`). Lines written are safe from the
 * process being killed; fsynced ones (every `syncIntervalMs`) from the machine going down.
 */
export interface PersistenceStats {
  /** Absolute. */
  readonly dataDir: string;
  /** Documents this process accepted and wrote to the log. */
  readonly persisted: number;
  /** Documents accepted and not written yet. */
  readonly pendingWrite: number;
  /** How long the oldest of those has waited, in milliseconds; 0 when none waits. */
  readonly lagMs: number;
  /** Epoch milliseconds of the last fsync, null before the first. */
  readonly lastFsyncAt: number | null;
  readonly logBytes: number;
  /** Rewrites of the log down to what the store holds. */
  readonly compactions: number;
  /** Documents read back from the log at start. */
  readonly replayed: number;
  /** Log lines that could not be read at start (corrupt, or a torn last line). */
  readonly skippedLines: number;
  /** Documents left out at start because their trace was older than `--max-age`. */
  readonly expired: number;
  /** Failed writes, fsyncs and truncations; each is logged, ingest goes on in memory. */
  readonly writeErrors: number;
  /** Documents never written because too much waited to be written (the disk failing). */
  readonly dropped: number;
  readonly syncIntervalMs: number;
  /** `groups.json`, `sampling-rules.json`, `tags.json`, rewritten whole on every change. */
  readonly savedSettings: SavedSettingsStats;
}

/** Writes of the groups, sampling rules and their tags kept in the data dir. */
export interface SavedSettingsStats {
  /** Files written (one per change to the groups, the rules or their tags). */
  readonly writes: number;
  /** Writes that failed; each is logged and the change holds in memory only. */
  readonly writeErrors: number;
}

/** Something in an imported file that cannot be imported, and where. */
export interface ImportProblem {
  /** `line 3` (NDJSON) or `Traces[0].Segments[1].Document` (BatchGetTraces JSON). */
  readonly where: string;
  /** 1-based, for NDJSON. */
  readonly line?: number;
  /** The JSON path, for BatchGetTraces JSON. */
  readonly path?: string;
  readonly message: string;
}

/**
 * `POST /api/import`: status 200 when it imported, 400 (with `error`) when the file is bad,
 * in which case nothing was imported.
 */
export interface ImportResultBody {
  /** Documents stored. */
  readonly imported: number;
  /** Documents the store already held unchanged, and, with `skipInvalid`, the bad entries. */
  readonly skipped: number;
  /** The first 20 problems, in file order. */
  readonly errors: readonly ImportProblem[];
  /** Problems in all (`errors` lists at most 20). */
  readonly errorCount: number;
}

/**
 * Where an import is: `receiving` (the body is streamed to a temporary file, every line
 * checked as it comes), `checking` (a file that is not line-by-line NDJSON, e.g. BatchGetTraces
 * JSON, read whole), `applying` (stored a slice at a time), then `done` or
 * `failed` (refused, too large, the upload stopped, or the daemon shut down: nothing stored).
 */
export type ImportPhase = "receiving" | "checking" | "applying" | "done" | "failed";

/** One import's progress: `GET /api/import/progress`. */
export interface ImportProgress {
  /** 1 for the first import since the daemon started, then 2, 3... */
  readonly id: number;
  readonly phase: ImportPhase;
  readonly skipInvalid: boolean;
  /** Epoch milliseconds. */
  readonly startedAt: number;
  /** Epoch milliseconds; null while running. */
  readonly finishedAt: number | null;
  readonly bytesReceived: number;
  /** The request's `Content-Length`; null for a chunked upload. */
  readonly bytesExpected: number | null;
  /** Lines read and checked so far (NDJSON). */
  readonly linesChecked: number;
  /** Documents handed to the store so far (stored, already held, or refused by it). */
  readonly documentsApplied: number;
  /** Documents to apply; null until the whole file has been checked. */
  readonly documentsTotal: number | null;
  /** Bad lines or entries found so far. */
  readonly problems: number;
  /** Times applying paused to let requests and datagrams through. */
  readonly slices: number;
  /** Why it failed; null unless `phase` is `failed`. */
  readonly message: string | null;
}

/** `GET /api/import/progress`: the running import, else the last one (null before any). */
export interface ImportProgressBody {
  readonly running: boolean;
  readonly import: ImportProgress | null;
}

/** `imports` in `/api/stats`. */
export interface ImportStats {
  readonly running: boolean;
  /** Imports accepted to run (a 409 is not one). */
  readonly started: number;
  readonly succeeded: number;
  /** Refused for bad entries or not being an import file (400). */
  readonly refused: number;
  /** Too large (413), the upload stopped, or the daemon shut down. */
  readonly failed: number;
  /** How long the last finished import took; null before any. */
  readonly lastDurationMs: number | null;
  /** Bytes of the running import's temporary file now on disk. */
  readonly spoolBytes: number;
  /** Largest body accepted (413 above it). */
  readonly maxBytes: number;
  /** Longest NDJSON line accepted. */
  readonly maxLineBytes: number;
  /** Largest file read whole: BatchGetTraces JSON, or one document over several lines. */
  readonly maxWholeBytes: number;
  /** Longest time applying runs before it pauses for the event loop. */
  readonly sliceMs: number;
}

/** `--forward`: a copy of every datagram sent on to another daemon. */
export interface ForwardStats {
  /** As `--forward` takes it: `udp:host:port`, `otlp-http://host:port/v1/traces`, `otlp-grpc://host:port`. */
  readonly target: string;
  /** `udp`: raw datagrams; `otlp-http` / `otlp-grpc`: stored documents as OTLP spans. */
  readonly protocol: "udp" | "otlp-http" | "otlp-grpc";
  /** What `sent`, `failed`, `dropped`, `queued` count: datagrams (udp) or spans (OTLP). */
  readonly unit: "datagrams" | "spans";
  /** Handed to the system (udp), or accepted by the receiver (OTLP). */
  readonly sent: number;
  /**
   * Given up on: sends that failed (udp: refused, unreachable, the target's name not resolved
   * yet...); OTLP: refused by the receiver, a non-retryable error, or retries used up.
   */
  readonly failed: number;
  /** OTLP export requests sent again after a retryable failure (always 0 for udp). */
  readonly retried: number;
  /** Not attempted because the queue (udp: `inFlight`) was at its bound. */
  readonly dropped: number;
  /** Waiting to be sent, or being sent. */
  readonly queued: number;
  /** The bound on `queued` (udp: sends waiting for the system); beyond it, `dropped`. */
  readonly maxQueued: number;
  /** Being sent now (part of `queued`). */
  readonly inFlight: number;
  readonly lastError: string | null;
}

/** The live WebSocket's clients, what it did at its bounds, and the bounds themselves. */
export interface LiveStats {
  /** Connected now. */
  readonly clients: number;
  /** Times a client fell behind, had its pending changes dropped and was told to resync. */
  readonly resyncsSent: number;
  /** Clients the daemon closed: stalled over `maxBufferedBytes` too long, or not answering pings. */
  readonly droppedClients: number;
  /** Bytes queued now for all clients (sent to their sockets, not yet taken by the network). */
  readonly queuedBytes: number;
  /**
   * Bytes sent to all clients that they have not acknowledged yet (with `ack`): what sits in
   * their queues, the kernel's socket buffers and the network.
   */
  readonly unackedBytes: number;
  /**
   * Changed traces kept now in the change log shared by every client, until every client has
   * taken them (at most `bounds.maxPendingTraces`).
   */
  readonly pendingTraces: number;
  /** Batches put off to the next round because the round had read `maxRoundUpserts` changes. */
  readonly deferredBatches: number;
  /**
   * Traces sent to clients before the trace doctor looked at them, waiting to be quiet for
   * a moment and diagnosed (at most one per trace sent; sent again if it finds problems).
   */
  readonly pendingDiagnoses: number;
  /** Traces the live stream had diagnosed after sending them, since the daemon started. */
  readonly diagnosedTraces: number;
  readonly bounds: LiveBounds;
}

/** What bounds each live client; what happens at each is described beside it. */
export interface LiveBounds {
  /** More connections are refused (HTTP 503). */
  readonly maxClients: number;
  /**
   * Above this many bytes queued, a client's batches are held back (its changes coalesce): a
   * held client costs a round nothing but a look at its queue.
   */
  readonly maxBufferedBytes: number;
  /**
   * Changed traces the shared change log keeps for clients that have not taken them; past
   * it the oldest are cut off, and a client that had not taken them gets `resync`.
   */
  readonly maxPendingTraces: number;
  /**
   * Above this many bytes sent and not acknowledged (`ack`), a client's batches are held back
   * as above. `maxBufferedBytes` alone cannot see what the kernel's socket buffers absorb (a
   * few MiB for a client that stopped reading), and every byte written there costs the
   * daemon a copy that other clients wait for.
   */
  readonly maxUnackedBytes: number;
  /**
   * A client above `maxBufferedBytes` or `maxUnackedBytes` this long is closed (1008, with
   * the reason).
   */
  readonly stallTimeoutMs: number;
  /** Summaries per `batch`; more wait for the next one. */
  readonly maxBatchUpserts: number;
  /**
   * Changes read and serialized for batches in one flush round, however many clients take
   * them (clients at the same point in the change log share one read); past it, a client
   * that needs a read of its own waits for the next round (counted in `deferredBatches`).
   */
  readonly maxRoundUpserts: number;
  /** Summaries per `snapshot`. */
  readonly snapshotLimit: number;
  /** Bytes per client message; a larger one closes the connection (1009). */
  readonly maxClientMessageBytes: number;
  /** WebSocket pings this often; a client that has not answered the previous one is closed. */
  readonly heartbeatIntervalMs: number;
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
  /**
   * The trace doctor's explanation of the reason (`explanationOf(code)`): `oversized`,
   * `bad-header`…; the daemon always sets it.
   */
  readonly code?: ProblemCode;
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
  /**
   * How it arrived: X-Ray SDK over UDP, PutTraceSegments, OTLP (with the span it was
   * translated from), import, in-process; absent when not known.
   */
  readonly origin?: DocumentOrigin | undefined;
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

/** `GET /api/traces?expand=true`: as `TraceListBody`, with the assembled traces. */
export interface ExpandedTraceListBody extends Omit<TraceListBody, "traces"> {
  readonly traces: readonly TraceDetailBody[];
}

/** One node of a trace, flattened: what `GET /api/segments` lists. */
export interface SegmentEntry {
  readonly traceId: TraceId;
  readonly id: SegmentId;
  readonly name: string;
  readonly kind: "segment" | "subsegment";
  /**
   * Names from the top of the tree (a segment, or an orphan) down to this node; past 32
   * levels the top, `… N levels …`, then the nearest 30 (`boundedPath`).
   */
  readonly path: readonly string[];
  /** Levels below the top of the tree: 0 for a segment or an orphan. */
  readonly depth: number;
  readonly segmentId: SegmentId;
  readonly parentId: SegmentId | undefined;
  /** Arrived as its own document (a streamed subsegment). */
  readonly independent: boolean;
  /** In a subtree whose parent has not arrived. */
  readonly orphan: boolean;
  readonly document: SegmentDocument | SubsegmentDocument;
}

/**
 * `GET /api/segments`: pages hold whole traces, newest first, each one's nodes in tree order; a
 * trace with more nodes than the limit comes alone on its page.
 */
export interface SegmentListBody {
  readonly segments: readonly SegmentEntry[];
  readonly nextCursor?: string;
  /** How many nodes the matching traces hold, across all pages. */
  readonly total: number;
}

/** `DELETE /api/traces`. */
export interface ClearBody {
  /** Traces removed. */
  readonly removed: number;
}

/** `GET /api/health`. */
export interface HealthBody {
  readonly status: "ok";
  readonly version: string;
  /** Seconds since the daemon started. */
  readonly uptimeSeconds: number;
}

/** Every error from `/api/*`. A bad filter adds the parser's position. */
export interface ApiErrorBody {
  readonly error: { readonly code: string; readonly message: string } & Partial<FilterError>;
}

/** A 404 from the daemon's HTTP port: the error plus `METHOD /path` for every route it knows. */
export interface NotFoundBody extends ApiErrorBody {
  readonly paths: readonly string[];
}

/** `POST /api/import` refused (400): the error, and the entries that were wrong. */
export type ImportErrorBody = ApiErrorBody & ImportResultBody;

/** The path of the live WebSocket on the daemon's HTTP port. */
export const LIVE_PATH = "/api/live";
/** 2: `snapshot` and `batch` carry a `seq` that the client acknowledges with `ack`. */
export const LIVE_PROTOCOL_VERSION = 2;

/** Client → daemon. */
export type LiveClientMessage =
  /**
   * Replace the subscription: `filter` is an X-Ray filter expression, or null for every trace.
   * `limit` (optional, a whole number from 1): at most this many summaries in the snapshots of
   * this subscription, never more than `snapshotLimit`. A client that shows the newest first
   * asks for what its first screens need: the daemon reads no further for the snapshot, and
   * sends less; older traces are read with `GET /api/traces`.
   */
  | { readonly type: "subscribe"; readonly filter: string | null; readonly limit?: number }
  /**
   * Everything up to and including the `snapshot` or `batch` numbered `seq` was taken: the
   * daemon sends at most `maxUnackedBytes` ahead of the client's acknowledgements.
   */
  | { readonly type: "ack"; readonly seq: number }
  | { readonly type: "ping" };

/** Daemon → client. */
export type LiveServerMessage =
  | {
      readonly type: "hello";
      readonly protocol: typeof LIVE_PROTOCOL_VERSION;
      readonly version: string;
      readonly serverTime: EpochMillis;
      /** Bytes the daemon sends ahead of the client's `ack`s before holding its batches. */
      readonly maxUnackedBytes: number;
    }
  /** Sent after `hello` and after every `subscribe`: the newest matching traces. */
  | {
      readonly type: "snapshot";
      /** Numbers `snapshot`s and `batch`es together, from 1: acknowledge it with `ack`. */
      readonly seq: number;
      readonly filter: string | null;
      /** Newest first, at most `limit`; older ones are read with `GET /api/traces`. */
      readonly summaries: readonly TraceSummary[];
      readonly total: number;
      readonly limit: number;
      readonly stats: SandboxStats;
      /**
       * True when a filtered snapshot went out as soon as it held the newest `limit` matches,
       * before every kept trace was read: `total` is then how many matched so far (at least
       * that many match), and a `count` message follows with the whole count.
       */
      readonly counting?: boolean;
    }
  /**
   * After a `snapshot` with `counting`: how many of the traces kept when it was taken match
   * its filter. Not sent when another `subscribe` came first (its own snapshot replaces it).
   */
  | { readonly type: "count"; readonly filter: string | null; readonly total: number }
  /** Changes since the last message, at most one every `LIVE_BATCH_INTERVAL_MS`. */
  | {
      readonly type: "batch";
      readonly seq: number;
      /**
       * New traces and traces that changed (newest first), matching the subscription. A client
       * that fell behind gets the changes in the order they happened, `maxBatchUpserts` a batch.
       */
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
