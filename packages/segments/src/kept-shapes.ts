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
