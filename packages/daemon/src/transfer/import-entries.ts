import type { DocumentOrigin, EpochMillis, ImportProblem } from "@xray-sandbox/segments";
import type { DocumentOutcome } from "../ingest/ingest-outcome.ts";
import type { ImportEntry } from "./import-file.ts";

export interface ImportTarget {
  /**
   * The daemon's ingest path for one document (counted, stored, logged, shown live), with
   * its original receive time when known, where in the file it was, and the origin its
   * record named (undefined when it named none).
   */
  readonly ingest: (
    raw: string,
    receivedAt: EpochMillis | undefined,
    where: string,
    recorded: DocumentOrigin | undefined,
  ) => DocumentOutcome;
}

export interface ImportOutcome {
  readonly imported: number;
  /** Documents the store already held: the same text, or the complete one for one in progress. */
  readonly alreadyStored: number;
  /** Documents the ingest path refused. */
  readonly refused: readonly ImportProblem[];
}

/**
 * Documents stored between two yields to the event loop, so HTTP requests and the UDP
 * worker's batches are served while a large file is applied.
 */
export const IMPORT_CHUNK_DOCUMENTS = 2_000;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Stores the entries, oldest receive time first when every entry has one (so traces keep
 * the order they first arrived in), else in file order; `chunk` entries at a time, yielding
 * to the event loop between chunks.
 */
export async function importEntries(
  entries: readonly ImportEntry[],
  { ingest }: ImportTarget,
  chunk = IMPORT_CHUNK_DOCUMENTS,
): Promise<ImportOutcome> {
  const ordered = entries.every((entry) => entry.receivedAt !== undefined)
    ? [...entries].sort((a, b) => (a.receivedAt ?? 0) - (b.receivedAt ?? 0))
    : entries;
  let imported = 0;
  let alreadyStored = 0;
  const refused: ImportProblem[] = [];
  for (let index = 0; index < ordered.length; index++) {
    if (index > 0 && index % chunk === 0) await nextTurn();
    const entry = ordered[index];
    if (entry === undefined) continue;
    const outcome = ingest(entry.raw, entry.receivedAt, entry.where, entry.origin);
    if (outcome.status === "rejected") {
      refused.push({ where: entry.where, message: `${outcome.message} (${outcome.reason})` });
    } else if (outcome.status === "duplicate") {
      alreadyStored++;
    } else {
      imported++;
    }
  }
  return { imported, alreadyStored, refused };
}
