/**
 * One instance of each class the ingest path makes and drops for every request or span,
 * kept for as long as the process runs.
 *
 * V8 gives a class's instances their hidden class through the transitions its constructor
 * makes (one per field), and holds the hidden classes those transitions lead to only
 * weakly. When a full garbage collection finds no instance alive, which is the usual state
 * between two requests, those hidden classes die, and every optimised function compiled
 * against them is thrown away and compiled again on the next requests, which run slowly
 * until it is. An instance kept here keeps its hidden class, and the compiled code, alive.
 */

const kept: object[] = [];

/** Keeps `instance` (and so its hidden class) alive; returns it. */
export function keepShapeOf<T extends object>(instance: T): T {
  kept.push(instance);
  return instance;
}

/** How many of the latest objects `keepLatest` keeps. */
const LATEST = 16;
const latest: (object | undefined)[] = new Array(LATEST).fill(undefined);
let nextLatest = 0;

/**
 * Keeps `instance` until `LATEST` more have been kept after it; returns it. For objects whose
 * hidden class depends on their content (a translated document gets its optional fields
 * one by one, each a transition of its own): the shapes that came lately stay alive through
 * a full collection that finds no other object of them alive, with no list of shapes to
 * keep up to date.
 */
export function keepLatest<T extends object>(instance: T): T {
  latest[nextLatest] = instance;
  nextLatest = (nextLatest + 1) % LATEST;
  return instance;
}
