import type { TraceId } from "@xray-sandbox/segments";
import { useSyncExternalStore } from "react";

/**
 * The first of two traces picked in the list to compare (C on a row, or Shift+click): kept
 * outside the list so that the bar above it can say which one, and cleared once compared.
 */
let marked: TraceId | undefined;
const listeners = new Set<() => void>();

export function markedForCompare(): TraceId | undefined {
  return marked;
}

export function setMarkedForCompare(id: TraceId | undefined): void {
  if (marked === id) return;
  marked = id;
  for (const listener of listeners) listener();
}

export function useMarkedForCompare(): TraceId | undefined {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    markedForCompare,
    markedForCompare,
  );
}
