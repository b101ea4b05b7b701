/** How far apart two texts are, for "did you mean" hints and the nearest match on a timeout. */

/** Insertions, deletions and substitutions each count 1 (Levenshtein). */
export function editDistance(a: string, b: string): number {
  return distanceRow(a, b, false).at(-1) ?? 0;
}

/**
 * The fewest edits that make `needle` appear somewhere in `haystack`: 0 when it is already a
 * substring (Sellers' approximate substring matching).
 */
export function substringDistance(needle: string, haystack: string): number {
  return distanceRow(needle, haystack, true).reduce((best, value) => Math.min(best, value));
}

/** The candidate closest to `word` (ignoring case), when it is close enough to be a typo. */
export function closestName(word: string, candidates: Iterable<string>): string | undefined {
  const typed = word.toLowerCase();
  const allowed = Math.max(2, Math.floor(typed.length / 3));
  let best: string | undefined;
  let bestDistance = allowed + 1;
  for (const candidate of candidates) {
    const distance = editDistance(typed, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * The last row of the edit-distance table between `a` (rows) and `b` (columns). With
 * `freeStart`, `a` may begin matching anywhere in `b` at no cost.
 */
function distanceRow(a: string, b: string, freeStart: boolean): number[] {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => (freeStart ? 0 : j));
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous;
}
