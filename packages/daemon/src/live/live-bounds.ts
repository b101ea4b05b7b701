import type { LiveBounds } from "@xray-sandbox/segments";

const MIB = 1024 * 1024;

/**
 * Each client holds at most about MAX_BUFFERED_BYTES plus one batch of queue; all of them
 * together pin at most MAX_PENDING_TRACES changes in the shared change log, and the daemon
 * sends at most about MAX_UNACKED_BYTES ahead of a client's acknowledgements. A client that
 * stays over either bound for STALL_TIMEOUT_MS is closed and all of it released.
 */
const MAX_LIVE_CLIENTS = 64;
const MAX_BUFFERED_BYTES = 1 * MIB;
/** Room for a full snapshot (2000 summaries) and a batch behind it. */
const MAX_UNACKED_BYTES = 2 * MIB;
const MAX_PENDING_TRACES = 20_000;
const STALL_TIMEOUT_MS = 15_000;
const MAX_BATCH_UPSERTS = 1000;
/** A round reads at most this many changes for new batches: a tick's work stays bounded. */
const MAX_ROUND_UPSERTS = 4 * MAX_BATCH_UPSERTS;
const SNAPSHOT_LIMIT = 2000;
/** A `subscribe` with a filter expression fits many times over. */
const MAX_CLIENT_MESSAGE_BYTES = 64 * 1024;
const HEARTBEAT_INTERVAL_MS = 30_000;

/** A batch that carries only changed stats goes out at most this often. */
export const STATS_ONLY_INTERVAL_MS = 1000;

export const DEFAULT_LIVE_BOUNDS: LiveBounds = Object.freeze({
  maxClients: MAX_LIVE_CLIENTS,
  maxBufferedBytes: MAX_BUFFERED_BYTES,
  maxUnackedBytes: MAX_UNACKED_BYTES,
  maxPendingTraces: MAX_PENDING_TRACES,
  stallTimeoutMs: STALL_TIMEOUT_MS,
  maxBatchUpserts: MAX_BATCH_UPSERTS,
  maxRoundUpserts: MAX_ROUND_UPSERTS,
  snapshotLimit: SNAPSHOT_LIMIT,
  maxClientMessageBytes: MAX_CLIENT_MESSAGE_BYTES,
  heartbeatIntervalMs: HEARTBEAT_INTERVAL_MS,
});
