import type { DocumentOrigin, EpochMillis, ImportProblem } from "@xray-sandbox/segments";
import type { DocumentOutcome } from "../ingest/ingest-outcome.ts";
import { ApplySlices, type SliceOptions } from "./apply-slices.ts";
import type { ImportEntry } from "./import-file.ts";

export interface ImportTarget {
  /**
   * The daemon's ingest path for one document (counted, stored, logged, shown live), with
   * its original receive time when known, where in the file it was, and the origin its
   * record named (undefined when it named none; pass 2 gives it as an import's origin,
   * `importedOrigin`, one object shared by the documents whose records name the same one).
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

/** Counts what the ingest path did with each document of an import. */
export class OutcomeTally {
  imported = 0;
  alreadyStored = 0;
  refusedCount = 0;
  readonly refused: ImportProblem[] = [];
  readonly #listed: number;

  /** Keeps the first `listed` refusals (all are counted). */
  constructor(listed = Number.POSITIVE_INFINITY) {
    this.#listed = listed;
  }

  add(where: string, outcome: DocumentOutcome): void {
    if (outcome.status === "rejected") {
      this.refusedCount++;
      if (this.refused.length < this.#listed) {
        this.refused.push({ where, message: `${outcome.message} (${outcome.reason})` });
      }
    } else if (outcome.status === "duplicate") {
      this.alreadyStored++;
    } else {
      this.imported++;
    }
  }

  outcome(): ImportOutcome {
    return { imported: this.imported, alreadyStored: this.alreadyStored, refused: this.refused };
  }
}

/**
 * Stores entries held in memory (a file read whole), oldest receive time first when every
 * entry has one (so traces keep the order they first arrived in), else in file order; a
 * slice at a time, yielding to the event loop between slices.
 */
export async function importEntries(
  entries: readonly ImportEntry[],
  { ingest }: ImportTarget,
  options: SliceOptions = {},
): Promise<ImportOutcome> {
  const ordered = entries.every((entry) => entry.receivedAt !== undefined)
    ? [...entries].sort((a, b) => (a.receivedAt ?? 0) - (b.receivedAt ?? 0))
    : entries;
  const tally = new OutcomeTally();
  const slices = new ApplySlices(options);
  for (const entry of ordered) {
    if (slices.full()) await slices.pause();
    tally.add(entry.where, ingest(entry.raw, entry.receivedAt, entry.where, entry.origin));
    slices.applied();
  }
  slices.done();
  return tally.outcome();
}
