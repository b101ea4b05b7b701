/**
 * Pass 1 of an import: the request body streamed line by line into a temporary file, every
 * line checked as it comes (as `readImportFile` checks an NDJSON line). Memory holds one
 * chunk, one line (at most `maxLineBytes`), the first problems, a 24-byte index entry per
 * document, and, only while the file is at most `maxWholeBytes`, its bytes (a file that is not
 * line-by-line NDJSON, e.g. BatchGetTraces JSON, is then read whole as before).
 */

import { mkdtemp, open, rm } from "node:fs/promises";
import { join } from "node:path";
import { type EpochMillis, type ImportProblem, stringifyJson } from "@xray-sandbox/segments";
import { DEFAULT_SLICE_MS, TurnClock } from "./apply-slices.ts";
import { importReceivedRange, readImportLine } from "./import-file.ts";
import { LineSplitter, LineTooLongError } from "./line-splitter.ts";
import { SpoolIndex } from "./spool-index.ts";

export interface SpoolBounds {
  /** Largest body, in bytes. */
  readonly maxBytes: number;
  /** Longest line, in bytes. */
  readonly maxLineBytes: number;
  /** Largest file kept in memory to be read whole when it is not line-by-line NDJSON. */
  readonly maxWholeBytes: number;
}

export interface ReceiveProgress {
  readonly bytesReceived: number;
  readonly linesChecked: number;
  readonly problems: number;
  /** Bytes written to the temporary file. */
  readonly spoolBytes: number;
}

export interface ReceiveOptions {
  /** The directory the temporary directory is made in. */
  readonly tempDir: string;
  readonly bounds: SpoolBounds;
  /** Problems listed (all are counted). */
  readonly listedProblems: number;
  /** Stops receiving (the daemon shutting down). */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ReceiveProgress) => void;
  /** The time receive times are checked against; the clock's unless told. */
  readonly now?: EpochMillis;
  /**
   * Longest time checking runs before it lets the event loop take a turn (health checks,
   * UDP batches); default `DEFAULT_SLICE_MS`. A body arriving faster than it is checked would
   * otherwise be checked chunk after chunk without a pause.
   */
  readonly sliceMs?: number;
}

/** The body passed `maxBytes`; nothing of it is kept. */
export class ImportTooLargeError extends Error {
  override readonly name = "ImportTooLargeError";
}

/** The upload stopped before its end (the client went away, or the daemon is shutting down). */
export class UploadStoppedError extends Error {
  override readonly name = "UploadStoppedError";
}

/** The temporary file of checked documents: one `origin-json TAB document-json` line each. */
export interface ImportSpool {
  readonly path: string;
  readonly index: SpoolIndex;
  readonly bytes: number;
  /** Removes the temporary directory and its file. */
  remove(): Promise<void>;
}

export type Received =
  | {
      readonly kind: "lines";
      readonly spool: ImportSpool;
      /** The first `listedProblems` bad lines, in file order. */
      readonly problems: readonly ImportProblem[];
      readonly problemCount: number;
      /** Line 1 was bad: the file may be one JSON value too large to be read whole. */
      readonly firstLineBad: boolean;
      readonly bytesReceived: number;
    }
  /** A small file with bad lines or no documents: read whole (`readImportFile`), as before. */
  | { readonly kind: "whole"; readonly bytes: Uint8Array };

const TAB = "\t";
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** Written to the temporary file once this much is waiting. */
const WRITE_BATCH_BYTES = 256 * 1024;
/** A chunk is checked this many bytes at a time, so that a pause can come between them. */
const CHECK_STEP_BYTES = 16 * 1024;

export async function receiveImport(
  body: ReadableStream<Uint8Array> | null,
  options: ReceiveOptions,
): Promise<Received> {
  const { bounds, listedProblems } = options;
  const dir = await mkdtemp(join(options.tempDir, "xray-sandbox-import-"));
  const path = join(dir, "checked.ndjson");
  const remove = (): Promise<void> => rm(dir, { recursive: true, force: true });
  let file: Awaited<ReturnType<typeof open>> | undefined;
  try {
    file = await open(path, "w");
    const index = new SpoolIndex();
    const range = importReceivedRange(options.now);
    const decoder = new TextDecoder("utf-8", { fatal: true });
    const splitter = new LineSplitter(bounds.maxLineBytes);
    const turns = new TurnClock(options.sliceMs ?? DEFAULT_SLICE_MS);
    const problems: ImportProblem[] = [];
    let problemCount = 0;
    let firstLineBad = false;
    let head: Buffer[] | undefined = [];
    let bytesReceived = 0;
    let spoolBytes = 0;
    let pending: string[] = [];
    let pendingBytes = 0;
    let tooLong: LineTooLongError | undefined;

    const onLine = (bytes: Buffer, number: number): void => {
      const line = number === 1 && bytes.subarray(0, 3).equals(BOM) ? bytes.subarray(3) : bytes;
      let text: string;
      try {
        text = decoder.decode(line);
      } catch {
        problem(number, "not UTF-8 text");
        return;
      }
      if (text.trim() === "") return;
      const read = readImportLine(text, range);
      if (!read.ok) {
        problem(number, read.message);
        return;
      }
      // stringifyJson: a span's attributes in an origin may nest deeper than JSON.stringify goes.
      const origin = read.origin === undefined ? "" : (stringifyJson(read.origin) ?? "");
      const record = `${origin}${TAB}${read.raw}`;
      const length = Buffer.byteLength(record);
      index.add(spoolBytes + pendingBytes, length, number, read.receivedAt);
      pending.push(record, "\n");
      pendingBytes += length + 1;
    };
    const problem = (line: number, message: string): void => {
      problemCount++;
      if (line === 1) firstLineBad = true;
      if (problems.length < listedProblems) problems.push({ where: `line ${line}`, line, message });
    };
    const flush = async (): Promise<void> => {
      if (pendingBytes === 0 || file === undefined) return;
      const text = pending.join("");
      pending = [];
      const written = pendingBytes;
      pendingBytes = 0;
      await file.write(text);
      spoolBytes += written;
    };
    const report = (): void =>
      options.onProgress?.({
        bytesReceived,
        linesChecked: splitter.lines,
        problems: problemCount,
        spoolBytes,
      });

    if (body !== null) {
      const reader = body.getReader();
      const stop = (): void => {
        reader.cancel().catch(() => {});
      };
      options.signal?.addEventListener("abort", stop, { once: true });
      let complete = false;
      try {
        for (;;) {
          let chunk: Awaited<ReturnType<typeof reader.read>>;
          try {
            chunk = await reader.read();
          } catch (error) {
            throw new UploadStoppedError(`the upload stopped: ${reasonOf(error)}`);
          }
          if (options.signal?.aborted) {
            throw new UploadStoppedError("the upload stopped: the sandbox is shutting down");
          }
          if (chunk.done) break;
          bytesReceived += chunk.value.byteLength;
          if (bytesReceived > bounds.maxBytes) {
            throw new ImportTooLargeError(`the body passed ${bounds.maxBytes} bytes`);
          }
          if (head !== undefined) {
            if (bytesReceived <= bounds.maxWholeBytes) head.push(Buffer.from(chunk.value));
            else head = undefined;
          }
          if (tooLong !== undefined) {
            // Only a file small enough to be read whole may have a line this long.
            if (head === undefined) throw tooLong;
            continue;
          }
          try {
            for (let at = 0; at < chunk.value.byteLength; at += CHECK_STEP_BYTES) {
              if (turns.due()) {
                await turns.pause();
                if (options.signal?.aborted) {
                  throw new UploadStoppedError("the upload stopped: the sandbox is shutting down");
                }
              }
              splitter.push(chunk.value.subarray(at, at + CHECK_STEP_BYTES), onLine);
            }
          } catch (error) {
            if (!(error instanceof LineTooLongError) || head === undefined) throw error;
            tooLong = error;
          }
          if (pendingBytes >= WRITE_BATCH_BYTES) await flush();
          report();
        }
        complete = true;
      } finally {
        options.signal?.removeEventListener("abort", stop);
        // Refused midway (too large, a line too long): the rest of the body is not read.
        if (!complete) stop();
      }
    }
    if (tooLong === undefined) splitter.end(onLine);
    await flush();
    await file.close();
    file = undefined;
    report();
    if ((problemCount > 0 || index.size === 0 || tooLong !== undefined) && head !== undefined) {
      await remove();
      return { kind: "whole", bytes: Buffer.concat(head) };
    }
    return {
      kind: "lines",
      spool: { path, index, bytes: spoolBytes, remove },
      problems,
      problemCount,
      firstLineBad,
      bytesReceived,
    };
  } catch (error) {
    await file?.close().catch(() => {});
    await remove();
    throw error;
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
