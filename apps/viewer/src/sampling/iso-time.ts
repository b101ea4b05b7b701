import { type EpochMillis, epochMillis } from "@xray-sandbox/segments";

/** An ISO 8601 time from the daemon; undefined when absent or unreadable. */
export function isoToMillis(iso: string | null | undefined): EpochMillis | undefined {
  if (iso === null || iso === undefined) return undefined;
  const millis = Date.parse(iso);
  return Number.isNaN(millis) ? undefined : epochMillis(millis);
}
