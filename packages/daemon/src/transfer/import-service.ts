/**
 * Runs `POST /api/import`, one at a time: pass 1 streams the body to a temporary file,
 * checking every line; a file with a bad line is refused whole (nothing stored) unless
 * `skipInvalid`; pass 2 applies the checked documents a slice at a time. Keeps the running
 * import's progress and the counts `/api/stats` shows. The temporary file is removed when the
 * import ends, however it ends.
 */

import { tmpdir } from "node:os";
import type {
  ImportErrorBody,
  ImportProblem,
  ImportProgress,
  ImportProgressBody,
  ImportResultBody,
  ImportStats,
} from "@xray-sandbox/segments";
import { HttpError } from "../http/http-error.ts";
import type { Logger } from "../logger.ts";
import {
  DEFAULT_SLICE_DOCUMENTS,
  DEFAULT_SLICE_MS,
  ImportStoppedError,
  type SliceOptions,
} from "./apply-slices.ts";
import { applySpool } from "./apply-spool.ts";
import { type ImportTarget, importEntries } from "./import-entries.ts";
import { readImportFile } from "./import-file.ts";
import {
  ImportTooLargeError,
  type Received,
  receiveImport,
  type SpoolBounds,
  UploadStoppedError,
} from "./import-spool.ts";
import { LineTooLongError } from "./line-splitter.ts";

export interface ImportBounds extends SpoolBounds {
  readonly sliceMs: number;
  readonly sliceDocuments: number;
  /** Where temporary files go (a directory of their own is made in it). */
  readonly tempDir: string;
}

const MIB = 1024 * 1024;

export const DEFAULT_IMPORT_BOUNDS: Omit<ImportBounds, "tempDir"> = {
  maxBytes: 256 * MIB,
  maxLineBytes: 8 * MIB,
  maxWholeBytes: 32 * MIB,
  sliceMs: DEFAULT_SLICE_MS,
  sliceDocuments: DEFAULT_SLICE_DOCUMENTS,
};

/** Problems listed in an answer (all are counted). */
export const LISTED_PROBLEMS = 20;

export interface ImportAnswer {
  readonly status: 200 | 400;
  readonly body: ImportResultBody | ImportErrorBody;
}

export interface ImportRequest {
  readonly body: ReadableStream<Uint8Array> | null;
  /** The request's `Content-Length`, when it has one. */
  readonly contentLength: number | undefined;
  readonly skipInvalid: boolean;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class ImportService {
  readonly #target: ImportTarget;
  readonly #bounds: ImportBounds;
  readonly #logger: Logger | undefined;
  #progress: Mutable<ImportProgress> | undefined;
  #running: Promise<unknown> | undefined;
  #stop: AbortController | undefined;
  #nextId = 1;
  #started = 0;
  #succeeded = 0;
  #refused = 0;
  #failed = 0;
  #lastDurationMs: number | null = null;
  #spoolBytes = 0;
  #closed = false;

  constructor(target: ImportTarget, bounds: Partial<ImportBounds> = {}, logger?: Logger) {
    this.#target = target;
    this.#bounds = { ...DEFAULT_IMPORT_BOUNDS, tempDir: tmpdir(), ...bounds };
    this.#logger = logger;
  }

  get bounds(): ImportBounds {
    return this.#bounds;
  }

  progress(): ImportProgressBody {
    return {
      running: this.#running !== undefined,
      import: this.#progress === undefined ? null : { ...this.#progress },
    };
  }

  stats(): ImportStats {
    const { maxBytes, maxLineBytes, maxWholeBytes, sliceMs } = this.#bounds;
    return {
      running: this.#running !== undefined,
      started: this.#started,
      succeeded: this.#succeeded,
      refused: this.#refused,
      failed: this.#failed,
      lastDurationMs: this.#lastDurationMs,
      spoolBytes: this.#spoolBytes,
      maxBytes,
      maxLineBytes,
      maxWholeBytes,
      sliceMs,
    };
  }

  /**
   * Throws `HttpError` 409 while another runs, 413 over `maxBytes`, 400 when the upload
   * stopped or a line is too long, 503 when the sandbox is shutting down.
   */
  async run(request: ImportRequest): Promise<ImportAnswer> {
    if (this.#closed) {
      throw new HttpError(503, "SHUTTING_DOWN", "the sandbox is shutting down");
    }
    if (this.#running !== undefined) {
      throw new HttpError(
        409,
        "IMPORT_RUNNING",
        "another import is running; send this file again when it has finished",
      );
    }
    if (request.contentLength !== undefined && request.contentLength > this.#bounds.maxBytes) {
      throw this.#tooLarge();
    }
    const stop = new AbortController();
    const progress: Mutable<ImportProgress> = {
      id: this.#nextId++,
      phase: "receiving",
      skipInvalid: request.skipInvalid,
      startedAt: Date.now(),
      finishedAt: null,
      bytesReceived: 0,
      bytesExpected: request.contentLength ?? null,
      linesChecked: 0,
      documentsApplied: 0,
      documentsTotal: null,
      problems: 0,
      slices: 0,
      message: null,
    };
    this.#progress = progress;
    this.#stop = stop;
    this.#started++;
    const started = performance.now();
    const running = this.#import(request, progress, stop.signal);
    this.#running = running;
    try {
      const answer = await running;
      progress.phase = answer.status === 200 ? "done" : "failed";
      if (answer.status === 200) this.#succeeded++;
      else {
        this.#refused++;
        progress.message = "error" in answer.body ? answer.body.error.message : null;
      }
      return answer;
    } catch (error) {
      progress.phase = "failed";
      progress.message = error instanceof Error ? error.message : String(error);
      if (error instanceof LineTooLongError) this.#refused++;
      else this.#failed++;
      throw this.#httpError(error);
    } finally {
      progress.finishedAt = Date.now();
      this.#lastDurationMs = performance.now() - started;
      this.#spoolBytes = 0;
      this.#running = undefined;
      this.#stop = undefined;
      this.#logger?.info(
        {
          import: progress.id,
          phase: progress.phase,
          bytes: progress.bytesReceived,
          documents: progress.documentsApplied,
          problems: progress.problems,
        },
        `import ${progress.phase}`,
      );
    }
  }

  /** Stops a running import (its temporary file removed) and refuses new ones. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#stop?.abort();
    await this.#running?.catch(() => {});
  }

  async #import(
    request: ImportRequest,
    progress: Mutable<ImportProgress>,
    signal: AbortSignal,
  ): Promise<ImportAnswer> {
    const received = await receiveImport(request.body, {
      tempDir: this.#bounds.tempDir,
      bounds: this.#bounds,
      listedProblems: LISTED_PROBLEMS,
      sliceMs: this.#bounds.sliceMs,
      signal,
      onProgress: (update) => {
        progress.bytesReceived = update.bytesReceived;
        progress.linesChecked = update.linesChecked;
        progress.problems = update.problems;
        this.#spoolBytes = update.spoolBytes;
      },
    });
    const slices: SliceOptions = {
      sliceMs: this.#bounds.sliceMs,
      sliceDocuments: this.#bounds.sliceDocuments,
      signal,
      onProgress: (applied, count) => {
        progress.documentsApplied = applied;
        progress.slices = count;
      },
    };
    if (received.kind === "whole") return this.#importWhole(received.bytes, progress, slices);
    return this.#importLines(received, request.skipInvalid, progress, slices);
  }

  async #importLines(
    received: Extract<Received, { kind: "lines" }>,
    skipInvalid: boolean,
    progress: Mutable<ImportProgress>,
    slices: SliceOptions,
  ): Promise<ImportAnswer> {
    const { spool, problems, problemCount } = received;
    try {
      if (problemCount > 0 && !skipInvalid) {
        const hint =
          received.firstLineBad && received.bytesReceived > this.#bounds.maxWholeBytes
            ? `; a file that is not one record or document per line (BatchGetTraces JSON, a document over several lines) is read whole and may be at most ${this.#bounds.maxWholeBytes / MIB} MiB`
            : "";
        return { status: 400, body: refusedBody(problems, problemCount, hint) };
      }
      progress.phase = "applying";
      progress.documentsTotal = spool.index.size;
      const outcome = await applySpool(spool, this.#target, LISTED_PROBLEMS, slices);
      const errorCount = problemCount + outcome.refusedCount;
      return {
        status: 200,
        body: {
          imported: outcome.imported,
          skipped: outcome.alreadyStored + errorCount,
          errors: [...problems, ...outcome.refused].slice(0, LISTED_PROBLEMS),
          errorCount,
        },
      };
    } finally {
      await spool.remove();
    }
  }

  async #importWhole(
    bytes: Uint8Array,
    progress: Mutable<ImportProgress>,
    slices: SliceOptions,
  ): Promise<ImportAnswer> {
    progress.phase = "checking";
    const read = readImportFile(bytes);
    if (!read.ok) return { status: 400, body: refusedBody([], 0, "", read.message) };
    progress.problems = read.problems.length;
    if (read.problems.length > 0 && !progress.skipInvalid) {
      return { status: 400, body: refusedBody(read.problems, read.problems.length, "") };
    }
    progress.phase = "applying";
    progress.documentsTotal = read.entries.length;
    const outcome = await importEntries(read.entries, this.#target, slices);
    const problems = [...read.problems, ...outcome.refused];
    return {
      status: 200,
      body: {
        imported: outcome.imported,
        skipped: outcome.alreadyStored + problems.length,
        errors: problems.slice(0, LISTED_PROBLEMS),
        errorCount: problems.length,
      },
    };
  }

  #tooLarge(): HttpError {
    return new HttpError(
      413,
      "IMPORT_TOO_LARGE",
      `the file is over ${Math.floor(this.#bounds.maxBytes / MIB)} MiB; split it (it is NDJSON: any set of whole lines is a file too)`,
    );
  }

  #httpError(error: unknown): unknown {
    if (error instanceof ImportTooLargeError) return this.#tooLarge();
    if (error instanceof LineTooLongError) {
      return new HttpError(400, "INVALID_IMPORT", `${error.message}; nothing was imported`);
    }
    if (error instanceof UploadStoppedError || error instanceof ImportStoppedError) {
      return new HttpError(
        this.#closed ? 503 : 400,
        "IMPORT_STOPPED",
        `${error.message}; ${error instanceof ImportStoppedError ? "what was applied before stays" : "nothing was imported"}`,
      );
    }
    return error;
  }
}

/** A refused file: 400, nothing imported, the first problems listed. */
function refusedBody(
  problems: readonly ImportProblem[],
  count: number,
  hint: string,
  whole?: string,
): ImportErrorBody {
  const [first] = problems;
  const more = count - 1;
  const message =
    whole ??
    `${first ? `${first.where}: ${first.message}` : "bad entries"}${more > 0 ? ` (and ${more} more)` : ""}${hint}; nothing was imported (skipInvalid=true imports the rest)`;
  return {
    error: { code: "INVALID_IMPORT", message },
    imported: 0,
    skipped: count,
    errors: problems.slice(0, LISTED_PROBLEMS),
    errorCount: count,
  };
}
