import { open, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { formatRecord, type StoredDocument } from "@xray-sandbox/segments";
import type { LogFile, OpenLogFile } from "./log-file.ts";
import type { LogWriter } from "./log-writer.ts";

export interface CompactLogOptions {
  readonly writer: LogWriter;
  readonly logPath: string;
  /** Documents to keep, oldest trace first: taken synchronously, when compaction starts. */
  readonly snapshot: () => readonly StoredDocument[];
  readonly openFile: OpenLogFile;
}

export type CompactOutcome =
  | { readonly ok: true; readonly documents: number; readonly bytes: number }
  | { readonly ok: false; readonly reason: "cleared" }
  | { readonly ok: false; readonly reason: "failed"; readonly error: unknown };

const CHUNK_CHARS = 1024 * 1024;

export function compactionTempPath(logPath: string): string {
  return `${logPath}.compact.tmp`;
}

/**
 * Rewrites the log as the store's current documents: written to a temporary file, then the
 * lines appended meanwhile, fsynced, and renamed over the log. Until the rename the old log
 * keeps receiving every line, so a crash at any point loses nothing; a `clear()` meanwhile
 * abandons the rewrite.
 */
export async function compactLog({
  writer,
  logPath,
  snapshot,
  openFile,
}: CompactLogOptions): Promise<CompactOutcome> {
  const tempPath = compactionTempPath(logPath);
  const generation = writer.generation;
  const documents = snapshot();
  writer.beginCapture();
  let temp: { file: LogFile; size: number } | undefined;
  try {
    await rm(tempPath, { force: true });
    temp = await openFile(tempPath);
    const file = temp.file;
    let size = temp.size;
    let chunk: string[] = [];
    let chunkChars = 0;
    for (const document of documents) {
      const line = formatRecord({
        receivedAt: document.receivedAt,
        traceId: document.index.trace_id,
        raw: document.raw,
        origin: document.origin,
      });
      chunk.push(line);
      chunkChars += line.length + 1;
      if (chunkChars >= CHUNK_CHARS) {
        size += await writeAll(file, chunk);
        chunk = [];
        chunkChars = 0;
        if (writer.generation !== generation) break;
      }
    }
    size += await writeAll(file, chunk);

    const swapped = await writer.exclusive(async () => {
      if (writer.generation !== generation) return false;
      const cut = writer.cut();
      try {
        size += await writeAll(file, cut.tail);
        await file.sync();
        await rename(tempPath, logPath);
      } catch (error) {
        cut.restore();
        throw error;
      }
      await syncDirectory(dirname(logPath));
      await cut.commit(file, size);
      return true;
    });
    if (!swapped) {
      writer.endCapture();
      await discard(temp.file, tempPath);
      return { ok: false, reason: "cleared" };
    }
    return { ok: true, documents: documents.length, bytes: size };
  } catch (error) {
    writer.endCapture();
    if (temp) await discard(temp.file, tempPath);
    return { ok: false, reason: "failed", error };
  }
}

async function writeAll(file: LogFile, lines: readonly string[]): Promise<number> {
  if (lines.length === 0) return 0;
  const bytes = Buffer.from(`${lines.join("\n")}\n`, "utf8");
  let offset = 0;
  while (offset < bytes.length) {
    const written = await file.write(bytes.subarray(offset));
    if (written <= 0) throw new Error("the file accepted no bytes");
    offset += written;
  }
  return bytes.length;
}

/** Makes the rename itself durable; not every platform can open a directory for this. */
async function syncDirectory(path: string): Promise<void> {
  try {
    const handle = await open(path, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort: the data itself is already fsynced.
  }
}

async function discard(file: LogFile, path: string): Promise<void> {
  try {
    await file.close();
  } catch {
    // Being thrown away anyway.
  }
  await rm(path, { force: true }).catch(() => undefined);
}
