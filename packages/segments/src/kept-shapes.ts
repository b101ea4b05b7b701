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

import type { SegmentId, TraceId } from "./units.ts";

/** The ids of the made-up documents kept for their shapes. */
export const KEPT_TRACE_ID = "1-00000001-000000000000000000000001" as TraceId;
export const KEPT_SEGMENT_ID = "0000000000000001" as SegmentId;

const kept: object[] = [];

/** Keeps `instance` (and so its hidden class) alive; returns it. */
export function keepShapeOf<T extends object>(instance: T): T {
  kept.push(instance);
  return instance;
}

/** At most how many objects `keepOnePer` keeps. */
const MAX_KINDS = 64;
const byKind = new Map<number, object>();

/**
 * Keeps the latest `instance` of each `kind` (up to 64 kinds); returns it. For objects whose
 * hidden class depends on their content, `kind` telling the hidden classes apart (a
 * translated document gets its optional fields one by one, each a transition of its own, so
 * which fields it has is its kind): every shape that came since the process started stays
 * alive through a full collection that finds no other object of it alive.
 */
export function keepOnePer<T extends object>(kind: number, instance: T): T {
  if (byKind.size < MAX_KINDS || byKind.has(kind)) byKind.set(kind, instance);
  return instance;
}
