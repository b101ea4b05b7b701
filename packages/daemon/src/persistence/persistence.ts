import { rmSync } from "node:fs";
import {
  formatRecord,
  type PersistenceStats,
  type StoredDocument,
  type TraceStore,
  type TraceStoreEvent,
} from "@xray-sandbox/segments";
import { DataDirError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { type CompactOutcome, compactionTempPath, compactLog } from "./compact-log.ts";
import { openDataDir } from "./data-dir.ts";
import { type OpenLogFile, openLogFile } from "./log-file.ts";
import { LogWriter } from "./log-writer.ts";
import { replayLog } from "./replay-log.ts";
import {
  readSavedSettings,
  type SavedSettingsRead,
  SavedSettingsWriter,
} from "./saved-settings.ts";

/** What a document costs in the log besides its own bytes (the record's envelope), roughly. */
const RECORD_OVERHEAD_BYTES = 96;

export interface PersistenceTuning {
  readonly flushIntervalMs: number;
  readonly flushChars: number;
  /** The durability window: written lines are fsynced this often. */
  readonly syncIntervalMs: number;
  readonly maxPendingChars: number;
  /** How often to check whether the log needs compacting. */
  readonly compactCheckMs: number;
  /** Compact when the log is over `compactRatio` times what the store holds... */
  readonly compactRatio: number;
  /** ...and over this many bytes. */
  readonly compactMinBytes: number;
}

export const DEFAULT_PERSISTENCE_TUNING: PersistenceTuning = Object.freeze({
  flushIntervalMs: 100,
  flushChars: 256 * 1024,
  syncIntervalMs: 1000,
  maxPendingChars: 64 * 1024 * 1024,
  compactCheckMs: 1000,
  compactRatio: 2,
  compactMinBytes: 1024 * 1024,
});

export type PersistedStore = Pick<
  TraceStore,
  "ingest" | "traceIds" | "storedDocuments" | "stats" | "subscribe"
>;

export interface PersistenceOptions {
  readonly dataDir: string;
  /**
   * Rebuilt from the log on open; from then on every document it keeps is appended to the
   * log, and the log is emptied when it is cleared. Its documents are what a compaction keeps.
   */
  readonly store: PersistedStore;
  readonly logger: Logger;
  /** Traces whose newest document is older than this (ms) are not replayed nor compacted. */
  readonly maxAgeMs?: number;
  readonly tuning?: Partial<PersistenceTuning>;
  readonly now?: () => number;
  readonly openFile?: OpenLogFile;
}

export interface Persistence {
  /** The data directory, absolute. */
  readonly dataDir: string;
  /** The groups and sampling rules the data dir kept, read (and checked) on open. */
  readonly saved: SavedSettingsRead;
  /** Writes the groups and the sampling rules back on every change. */
  readonly settings: SavedSettingsWriter;
  /** Rewrites the log as the store's current documents. */
  compact(): Promise<CompactOutcome>;
  /** Writes and fsyncs everything recorded so far. */
  flush(): Promise<void>;
  stats(): PersistenceStats;
  /** Flushes, fsyncs and releases the data directory. */
  close(): Promise<void>;
}

/**
 * Opens the data directory (rejecting with `DataDirError` when it cannot be used), replays
 * the segment log into the store, then follows the store's events: every document it keeps
 * is appended to the log in batches (never blocking, never throwing), and clearing the store
 * empties the log (documents stored after the clear are kept).
 */
export async function openPersistence(options: PersistenceOptions): Promise<Persistence> {
  const { store, logger, maxAgeMs } = options;
  const tuning = { ...DEFAULT_PERSISTENCE_TUNING, ...options.tuning };
  const now = options.now ?? Date.now;
  const openFile = options.openFile ?? openLogFile;
  const opened = openDataDir(options.dataDir);
  if (!opened.ok) throw opened.error;
  const { dataDir } = opened;

  let writer: LogWriter;
  let replay: ReturnType<typeof replayLog>;
  let saved: SavedSettingsRead;
  try {
    const read = readSavedSettings(dataDir.path);
    if (!read.ok) throw new DataDirError(dataDir.path, read.message);
    saved = read.saved;
    rmSync(compactionTempPath(dataDir.logPath), { force: true });
    const started = performance.now();
    replay = replayLog({
      path: dataDir.logPath,
      ingest: (index, raw, bytes, receivedAt, origin) =>
        store.ingest(index, raw, bytes, receivedAt, origin),
      ...(maxAgeMs === undefined ? {} : { keepSince: now() - maxAgeMs }),
      logger,
    });
    if (replay.replayed > 0 || replay.skippedLines > 0) {
      logger.info(
        { ...replay, ms: Math.round(performance.now() - started) },
        `replayed ${replay.replayed} documents from ${dataDir.logPath}`,
      );
    }
    const { file, size } = await openFile(dataDir.logPath);
    writer = new LogWriter({
      file,
      size,
      logger,
      flushIntervalMs: tuning.flushIntervalMs,
      flushChars: tuning.flushChars,
      syncIntervalMs: tuning.syncIntervalMs,
      maxPendingChars: tuning.maxPendingChars,
      now,
    });
  } catch (error) {
    dataDir.release();
    throw error;
  }

  let compactions = 0;
  let compacting: Promise<CompactOutcome> | undefined;

  const snapshot = (): StoredDocument[] => {
    const keepSince = maxAgeMs === undefined ? undefined : now() - maxAgeMs;
    const documents: StoredDocument[] = [];
    for (const id of store.traceIds().reverse()) {
      const stored = store.storedDocuments(id);
      if (!stored) continue;
      if (keepSince !== undefined && newestReceivedAt(stored) < keepSince) continue;
      documents.push(...stored);
    }
    return documents;
  };

  const compact = (): Promise<CompactOutcome> => {
    compacting ??= compactLog({ writer, logPath: dataDir.logPath, snapshot, openFile }).then(
      (outcome) => {
        compacting = undefined;
        if (outcome.ok) {
          compactions++;
          logger.debug(outcome, "segment log compacted");
        } else if (outcome.reason === "failed") {
          logger.error({ err: outcome.error }, "segment log compaction failed; the log is kept");
        }
        return outcome;
      },
    );
    return compacting;
  };

  const needsCompaction = (): boolean => {
    const { logBytes } = writer.stats();
    if (logBytes < tuning.compactMinBytes) return false;
    const held = store.stats();
    return logBytes > tuning.compactRatio * (held.bytes + held.documents * RECORD_OVERHEAD_BYTES);
  };

  const unsubscribe = store.subscribe((event: TraceStoreEvent) => {
    if (event.type === "stored") {
      const { document } = event;
      writer.append(
        formatRecord({
          receivedAt: document.receivedAt,
          traceId: event.traceId,
          raw: document.raw,
          origin: document.origin,
        }),
      );
    } else if (event.type === "cleared") {
      void writer.clear();
    }
  });

  const checkTimer = setInterval(() => {
    if (compacting === undefined && needsCompaction()) void compact();
  }, tuning.compactCheckMs);
  checkTimer.unref();

  const settings = new SavedSettingsWriter(dataDir.path, logger);
  let closing: Promise<void> | undefined;
  return {
    dataDir: dataDir.path,
    saved,
    settings,
    compact,
    flush: () => writer.flush(),
    stats() {
      const written = writer.stats();
      return {
        dataDir: dataDir.path,
        persisted: written.persisted,
        pendingWrite: written.pendingWrite,
        lagMs: written.lagMs,
        lastFsyncAt: written.lastFsyncAt,
        logBytes: written.logBytes,
        compactions,
        replayed: replay.replayed,
        skippedLines: replay.skippedLines,
        expired: replay.expired,
        writeErrors: written.writeErrors,
        dropped: written.dropped,
        syncIntervalMs: tuning.syncIntervalMs,
        savedSettings: settings.stats(),
      };
    },
    close() {
      closing ??= (async () => {
        unsubscribe();
        clearInterval(checkTimer);
        await compacting;
        await writer.close();
        dataDir.release();
      })();
      return closing;
    },
  };
}

function newestReceivedAt(documents: readonly StoredDocument[]): number {
  let newest = Number.NEGATIVE_INFINITY;
  for (const document of documents) {
    if (document.receivedAt > newest) newest = document.receivedAt;
  }
  return newest;
}
