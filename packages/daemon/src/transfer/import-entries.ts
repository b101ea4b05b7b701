import type {
  EpochMillis,
  ImportProblem,
  StoredDocument,
  TraceId,
  TraceStore,
} from "@xray-sandbox/segments";
import type { ImportEntry } from "./import-file.ts";

export interface ImportTarget {
  /**
   * The daemon's ingest path for one document (counted, stored, logged, shown live), with
   * its original receive time when known; returns why it was refused, if it was.
   */
  readonly ingest: (
    raw: string,
    receivedAt: EpochMillis | undefined,
  ) => { readonly ok: true } | { readonly ok: false; readonly message: string };
  readonly store: Pick<TraceStore, "storedDocuments">;
}

export interface ImportOutcome {
  readonly imported: number;
  /** Documents the store already held, unchanged. */
  readonly alreadyStored: number;
  /** Documents the ingest path refused. */
  readonly refused: readonly ImportProblem[];
}

/**
 * Stores the entries, oldest receive time first when every entry has one (so traces keep
 * the order they first arrived in), else in file order.
 */
export function importEntries(
  entries: readonly ImportEntry[],
  { ingest, store }: ImportTarget,
): ImportOutcome {
  const ordered = entries.every((entry) => entry.receivedAt !== undefined)
    ? [...entries].sort((a, b) => (a.receivedAt ?? 0) - (b.receivedAt ?? 0))
    : entries;
  /** Each touched trace's documents as they were before this import, by document id. */
  const before = new Map<TraceId, Map<string, string>>();
  const heldBefore = (traceId: TraceId): Map<string, string> => {
    let held = before.get(traceId);
    if (!held) {
      held = rawById(store.storedDocuments(traceId) ?? []);
      before.set(traceId, held);
    }
    return held;
  };

  let imported = 0;
  let alreadyStored = 0;
  const refused: ImportProblem[] = [];
  for (const entry of ordered) {
    if (heldBefore(entry.document.trace_id).get(entry.document.id) === entry.raw) {
      alreadyStored++;
      continue;
    }
    const outcome = ingest(entry.raw, entry.receivedAt);
    if (outcome.ok) imported++;
    else refused.push({ where: entry.where, message: outcome.message });
  }
  return { imported, alreadyStored, refused };
}

function rawById(documents: readonly StoredDocument[]): Map<string, string> {
  return new Map(documents.map((stored) => [stored.index.id, stored.raw]));
}
