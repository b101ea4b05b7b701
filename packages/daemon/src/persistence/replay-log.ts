import { appendFileSync, closeSync, fstatSync, openSync, truncateSync } from "node:fs";
import {
  type DocumentIndex,
  type DocumentOrigin,
  type EpochMillis,
  parseRecord,
  type SegmentRecord,
  scanDocumentText,
} from "@xray-sandbox/segments";
import { DataDirError, systemErrorCode } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { describeFsError } from "./data-dir.ts";
import { type FileLine, readLines } from "./read-lines.ts";

export interface ReplayLogOptions {
  readonly path: string;
  /** Every readable record, in the order the log holds them, checked as a datagram would be. */
  readonly ingest: (
    index: DocumentIndex,
    raw: string,
    bytes: number,
    receivedAt: EpochMillis,
    origin: DocumentOrigin | undefined,
  ) => void;
  /** Traces whose newest document was received before this (epoch ms) are left out. */
  readonly keepSince?: number;
  readonly logger: Logger;
}

export interface ReplayResult {
  /** Documents handed to `ingest`. */
  readonly replayed: number;
  /** Lines that could not be read (corrupt, or a torn last line). */
  readonly skippedLines: number;
  /** Documents left out because their trace is older than `keepSince`. */
  readonly expired: number;
  /** The log's size once any torn last line is cut off. */
  readonly logBytes: number;
}

type ReadRecord =
  | {
      readonly ok: true;
      readonly record: SegmentRecord;
      readonly index: DocumentIndex;
    }
  | { readonly ok: false; readonly message: string };

/** Lines reported one by one; beyond this only their number is logged. */
const MAX_REPORTED_LINES = 20;

/**
 * Reads the segment log back. Never fails on content: a corrupt line is reported with its
 * number and skipped. A last line without its newline is what a crash mid-write leaves: it
 * is kept when it is whole, otherwise cut off the file (with a warning) so that appending
 * resumes on a clean line. Throws `DataDirError` only when the file cannot be read or repaired.
 */
export function replayLog({ path, ingest, keepSince, logger }: ReplayLogOptions): ReplayResult {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    if (systemErrorCode(error) === "ENOENT") {
      return { replayed: 0, skippedLines: 0, expired: 0, logBytes: 0 };
    }
    throw new DataDirError(path, `cannot read the segment log: ${describeFsError(error)}`, {
      cause: error,
    });
  }

  let replayed = 0;
  let skippedLines = 0;
  let expired = 0;
  let logBytes = 0;
  let torn: FileLine | undefined;
  let unterminatedWhole = false;
  try {
    const newestByTrace = keepSince === undefined ? undefined : newestReceiveTimes(fd);
    for (const line of readLines(fd)) {
      if (line.text.trim() === "") continue;
      const read = readRecord(line.text);
      if (!read.ok) {
        if (line.terminated) {
          skippedLines++;
          if (skippedLines <= MAX_REPORTED_LINES) {
            logger.warn(
              { path, line: line.number },
              `segment log line ${line.number} skipped: ${read.message}`,
            );
          }
        } else {
          torn = line;
        }
        continue;
      }
      if (!line.terminated) unterminatedWhole = true;
      const newest = newestByTrace?.get(read.record.traceId);
      if (keepSince !== undefined && newest !== undefined && newest < keepSince) {
        expired++;
        continue;
      }
      const { raw, receivedAt, origin } = read.record;
      ingest(read.index, raw, Buffer.byteLength(raw), receivedAt, origin);
      replayed++;
    }
    logBytes = fstatSync(fd).size;
  } catch (error) {
    throw new DataDirError(path, `cannot read the segment log: ${describeFsError(error)}`, {
      cause: error,
    });
  } finally {
    closeSync(fd);
  }
  if (skippedLines > MAX_REPORTED_LINES) {
    logger.warn(
      { path, skippedLines },
      `segment log: ${skippedLines - MAX_REPORTED_LINES} more corrupt lines skipped`,
    );
  }

  try {
    if (torn) {
      skippedLines++;
      truncateSync(path, torn.start);
      logBytes = torn.start;
      logger.warn(
        { path, line: torn.number, bytes: logBytes },
        `segment log: the last line (${torn.number}) was only partly written (the daemon stopped while writing it); it was cut off`,
      );
    } else if (unterminatedWhole) {
      appendFileSync(path, "\n");
      logBytes++;
    }
  } catch (error) {
    throw new DataDirError(
      path,
      `cannot repair the end of the segment log: ${describeFsError(error)}`,
      { cause: error },
    );
  }
  return { replayed, skippedLines, expired, logBytes };
}

function readRecord(text: string): ReadRecord {
  const parsed = parseRecord(text);
  if (!parsed.ok) return parsed;
  const { record } = parsed;
  const scanned = scanDocumentText(record.raw);
  if (!scanned.ok) {
    return {
      ok: false,
      message: `the document is refused (${scanned.rejection.reason}): ${scanned.rejection.message}`,
    };
  }
  if (scanned.index.trace_id !== record.traceId) {
    return {
      ok: false,
      message: `"traceId" ${record.traceId} differs from the document's trace_id ${scanned.index.trace_id}`,
    };
  }
  return { ok: true, record, index: scanned.index };
}

/** For `keepSince`: a trace is kept whole or not at all, by its newest document. */
function newestReceiveTimes(fd: number): Map<string, number> {
  const newest = new Map<string, number>();
  for (const line of readLines(fd)) {
    const parsed = parseRecord(line.text);
    if (!parsed.ok) continue;
    const { traceId, receivedAt } = parsed.record;
    const known = newest.get(traceId);
    if (known === undefined || receivedAt > known) newest.set(traceId, receivedAt);
  }
  return newest;
}
