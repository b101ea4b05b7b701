/** What the store does when a document arrives with the id of one it already holds. */

import type { DocumentIndex } from "./document-index.ts";

/**
 * `none`: no document with that id yet. `in-progress`: it replaced an in-progress one.
 * `duplicate`: it replaced a complete one with different text. `identical`: the same text
 * again, kept as it was. `kept-complete`: an in-progress one after the complete one, ignored.
 */
export type Replacement = "none" | "in-progress" | "duplicate" | "identical" | "kept-complete";

/**
 * A complete document replaces an `in_progress` one; an `in_progress` one arriving after
 * the complete one is ignored; of two complete ones the later wins. Of two `in_progress`
 * ones (repeated flushes) the later wins too, as the newer snapshot.
 */
export function replacementOf(
  previous: Pick<DocumentIndex, "in_progress">,
  next: Pick<DocumentIndex, "in_progress">,
): Replacement {
  const previousDone = previous.in_progress !== true;
  const nextDone = next.in_progress !== true;
  if (previousDone && !nextDone) return "kept-complete";
  if (previousDone && nextDone) return "duplicate";
  return "in-progress";
}
