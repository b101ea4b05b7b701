import { systemErrorCode } from "../errors.ts";
import type { Logger } from "../logger.ts";
import type { LogFile } from "./log-file.ts";

export interface LogWriterOptions {
  readonly file: LogFile;
  /** Bytes already in the file. */
  readonly size: number;
  readonly logger: Logger;
  /** Buffered lines are written at least this often. */
  readonly flushIntervalMs?: number;
  /** ...and as soon as this many characters are buffered. */
  readonly flushChars?: number;
  /** Written data is fsynced this often (when there is any): the durability window. */
  readonly syncIntervalMs?: number;
  /** Beyond this many buffered characters (writes failing or too slow), new lines are dropped. */
  readonly maxPendingChars?: number;
  readonly now?: () => number;
}

export interface LogWriterStats {
  /** Lines written to the file (they survive the process being killed). */
  readonly persisted: number;
  /** Lines accepted but not written yet. */
  readonly pendingWrite: number;
  /** How long the oldest of those has waited, in milliseconds. */
  readonly lagMs: number;
  /** Epoch milliseconds of the last successful fsync, null before the first. */
  readonly lastFsyncAt: number | null;
  readonly logBytes: number;
  /** Failed writes, fsyncs and truncations (each retried or given up, and logged). */
  readonly writeErrors: number;
  /** Lines not written because the buffer was full. */
  readonly dropped: number;
}

export interface SwapCut {
  /** Lines appended since `beginCapture()`, in order. */
  readonly tail: readonly string[];
  /** Makes `file` (holding `size` bytes) the log. */
  commit(file: LogFile, size: number): Promise<void>;
  restore(): void;
}

export const DEFAULT_FLUSH_INTERVAL_MS = 100;
export const DEFAULT_FLUSH_CHARS = 256 * 1024;
export const DEFAULT_SYNC_INTERVAL_MS = 1000;
export const DEFAULT_MAX_PENDING_CHARS = 64 * 1024 * 1024;

const EMPTY = new Uint8Array(0);

/**
 * Appends lines to the segment log in batches, off the ingest path: `append` only buffers.
 * One write, fsync or truncation runs at a time, in the order asked for. A failed write is
 * logged, counted and retried with the next batch; ingest never waits for the disk.
 */
export class LogWriter {
  #file: LogFile;
  #size: number;
  readonly #logger: Logger;
  readonly #flushChars: number;
  readonly #maxPendingChars: number;
  readonly #now: () => number;
  readonly #timers: NodeJS.Timeout[];

  #pending: string[] = [];
  #pendingChars = 0;
  #pendingSince: number | undefined;
  /** Bytes of a batch that failed to be written, written first next time. */
  #retry: Uint8Array = EMPTY;
  #retryLines = 0;
  #retrySince: number | undefined;
  #writingLines = 0;
  #writingSince: number | undefined;

  /** Every file operation is chained here, so they never overlap. */
  #lane: Promise<void> = Promise.resolve();
  #flushQueued = false;
  #unsynced = false;
  #capture: string[] | undefined;
  #generation = 0;
  #closed: Promise<void> | undefined;

  #persisted = 0;
  #lastFsyncAt: number | null = null;
  #writeErrors = 0;
  #dropped = 0;
  #failing = false;

  constructor(options: LogWriterOptions) {
    this.#file = options.file;
    this.#size = options.size;
    this.#logger = options.logger;
    this.#flushChars = options.flushChars ?? DEFAULT_FLUSH_CHARS;
    this.#maxPendingChars = options.maxPendingChars ?? DEFAULT_MAX_PENDING_CHARS;
    this.#now = options.now ?? Date.now;
    this.#timers = [
      setInterval(() => {
        if (this.#pending.length > 0 || this.#retry.length > 0) this.#queueFlush();
      }, options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS),
      setInterval(() => {
        if (this.#unsynced) void this.#enqueue(() => this.#sync());
      }, options.syncIntervalMs ?? DEFAULT_SYNC_INTERVAL_MS),
    ];
    for (const timer of this.#timers) timer.unref();
  }

  /** Buffers one line (without its newline). Never blocks, never throws. */
  append(line: string): void {
    if (this.#closed) return;
    const chars = line.length + 1;
    if (this.#pendingChars + this.#retry.length + chars > this.#maxPendingChars) {
      this.#dropped++;
      return;
    }
    this.#pending.push(line);
    this.#pendingChars += chars;
    this.#pendingSince ??= this.#now();
    this.#capture?.push(line);
    if (this.#pendingChars >= this.#flushChars) this.#queueFlush();
  }

  /** Writes what is buffered and fsyncs it; resolves once done (or failed, and counted). */
  flush(): Promise<void> {
    this.#queueFlush();
    return this.#enqueue(() => this.#sync());
  }

  /**
   * Empties the log. Lines appended before this call are dropped, later ones kept. Resolves
   * once the file is truncated.
   */
  clear(): Promise<void> {
    this.#pending = [];
    this.#pendingChars = 0;
    this.#pendingSince = undefined;
    this.#retry = EMPTY;
    this.#retryLines = 0;
    this.#retrySince = undefined;
    this.#generation++;
    if (this.#capture) this.#capture.length = 0;
    return this.#enqueue(async () => {
      try {
        await this.#file.truncate();
        this.#size = 0;
      } catch (error) {
        this.#writeFailed(error, "truncate");
      }
    });
  }

  /** Changes with every `clear()`: a compaction that sees it change started too early. */
  get generation(): number {
    return this.#generation;
  }

  /** Runs `task` with no write in flight; no write starts until it settles. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    return this.#enqueue(task);
  }

  /** From now on, keeps a copy of every appended line, until `cut()` or `endCapture()`. */
  beginCapture(): void {
    this.#capture = [];
  }

  endCapture(): void {
    this.#capture = undefined;
  }

  /**
   * For a compaction, from inside `exclusive()`: hands over the lines captured since
   * `beginCapture()` and takes every buffered line out of the queue, since the new file
   * holds them (those appended before the capture are in the store's snapshot). Lines
   * appended from now on are queued as usual. `commit` switches to the new file; `restore`
   * puts the lines back in the queue when the new file could not be put in place.
   */
  cut(): SwapCut {
    const tail = this.#capture ?? [];
    this.#capture = undefined;
    const saved = {
      pending: this.#pending,
      pendingChars: this.#pendingChars,
      pendingSince: this.#pendingSince,
      retry: this.#retry,
      retryLines: this.#retryLines,
      retrySince: this.#retrySince,
    };
    const moved = saved.pending.length + saved.retryLines;
    this.#pending = [];
    this.#pendingChars = 0;
    this.#pendingSince = undefined;
    this.#retry = EMPTY;
    this.#retryLines = 0;
    this.#retrySince = undefined;
    return {
      tail,
      commit: async (file, size) => {
        const previous = this.#file;
        this.#file = file;
        this.#size = size;
        this.#persisted += moved;
        this.#unsynced = false;
        this.#lastFsyncAt = this.#now();
        try {
          await previous.close();
        } catch {
          // Replaced: nothing more is written to it.
        }
      },
      restore: () => {
        this.#pending = [...saved.pending, ...this.#pending];
        this.#pendingChars += saved.pendingChars;
        this.#pendingSince = saved.pendingSince ?? this.#pendingSince;
        this.#retry = saved.retry;
        this.#retryLines = saved.retryLines;
        this.#retrySince = saved.retrySince;
      },
    };
  }

  stats(): LogWriterStats {
    const since = [this.#writingSince, this.#retrySince, this.#pendingSince].filter(
      (time): time is number => time !== undefined,
    );
    return {
      persisted: this.#persisted,
      pendingWrite: this.#writingLines + this.#retryLines + this.#pending.length,
      lagMs: since.length === 0 ? 0 : Math.max(0, this.#now() - Math.min(...since)),
      lastFsyncAt: this.#lastFsyncAt,
      logBytes: this.#size,
      writeErrors: this.#writeErrors,
      dropped: this.#dropped,
    };
  }

  /** Writes and fsyncs what is buffered, then closes the file. Safe to call more than once. */
  close(): Promise<void> {
    if (!this.#closed) {
      for (const timer of this.#timers) clearInterval(timer);
      this.#queueFlush();
      this.#closed = this.#enqueue(async () => {
        await this.#sync();
        try {
          await this.#file.close();
        } catch (error) {
          this.#writeFailed(error, "close");
        }
      });
    }
    return this.#closed;
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#lane.then(task);
    this.#lane = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  #queueFlush(): void {
    if (this.#flushQueued) return;
    this.#flushQueued = true;
    void this.#enqueue(() => this.#write());
  }

  async #write(): Promise<void> {
    this.#flushQueued = false;
    if (this.#pending.length === 0 && this.#retry.length === 0) return;
    const generation = this.#generation;
    const fresh =
      this.#pending.length === 0 ? EMPTY : Buffer.from(`${this.#pending.join("\n")}\n`, "utf8");
    const bytes = this.#retry.length === 0 ? fresh : Buffer.concat([this.#retry, fresh]);
    const lines = this.#retryLines + this.#pending.length;
    this.#writingLines = lines;
    this.#writingSince = this.#retrySince ?? this.#pendingSince;
    this.#pending = [];
    this.#pendingChars = 0;
    this.#pendingSince = undefined;
    this.#retry = EMPTY;
    this.#retryLines = 0;
    this.#retrySince = undefined;

    let offset = 0;
    try {
      while (offset < bytes.length) {
        const written = await this.#file.write(bytes.subarray(offset));
        if (written <= 0) throw new Error("the file accepted no bytes");
        offset += written;
        this.#size += written;
        this.#unsynced = true;
      }
      this.#persisted += lines;
      this.#recovered();
    } catch (error) {
      // After a clear() the failed lines are no longer wanted.
      if (generation === this.#generation) {
        this.#retry = bytes.subarray(offset);
        this.#retryLines = lines;
        this.#retrySince = this.#writingSince;
      }
      this.#writeFailed(error, "write");
    } finally {
      this.#writingLines = 0;
      this.#writingSince = undefined;
    }
  }

  async #sync(): Promise<void> {
    if (!this.#unsynced) return;
    this.#unsynced = false;
    try {
      await this.#file.sync();
      this.#lastFsyncAt = this.#now();
    } catch (error) {
      this.#unsynced = true;
      this.#writeFailed(error, "fsync");
    }
  }

  #writeFailed(error: unknown, operation: string): void {
    this.#writeErrors++;
    if (this.#failing) return;
    this.#failing = true;
    const reason = error instanceof Error ? error.message : String(error);
    this.#logger.error(
      { err: error, code: systemErrorCode(error), operation },
      `segment log ${operation} failed (traces stay in memory; retrying, further failures are only counted): ${reason}`,
    );
  }

  #recovered(): void {
    if (!this.#failing) return;
    this.#failing = false;
    this.#logger.warn(
      { writeErrors: this.#writeErrors },
      "segment log writes work again; what was buffered meanwhile is written",
    );
  }
}
