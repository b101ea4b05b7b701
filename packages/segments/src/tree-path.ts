/**
 * A node's path (the names from the top of its tree down to it) as lists and messages show
 * it. Trees can be thousands of levels deep (a chain of independent subsegments), so a path
 * keeps the top and the nearest levels and says how many it leaves out between them.
 */

/** The most names a path lists. */
const MAX_PATH_NAMES = 32;

/** `names`, or its first one, `… N levels …` and the last ones: at most `MAX_PATH_NAMES`. */
export function boundedPath(names: readonly string[]): string[] {
  if (names.length <= MAX_PATH_NAMES) return [...names];
  const kept = MAX_PATH_NAMES - 2;
  const left = names.length - 1 - kept;
  return [names[0] ?? "", `… ${left} levels …`, ...names.slice(-kept)];
}
