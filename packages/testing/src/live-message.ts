/**
 * The daemon's live messages as the waits read them, checked at the edge: a frame that is
 * not one of them (a proxy's page, a newer message type) is `undefined`, never a throw.
 */

import type { TraceId, TraceSummary } from "@xray-sandbox/segments";

export type FeedMessage =
  | { readonly type: "hello"; readonly protocol: number; readonly serverTime: number }
  | { readonly type: "snapshot"; readonly seq: number | undefined }
  | {
      readonly type: "batch";
      readonly seq: number | undefined;
      readonly upserts: readonly TraceSummary[];
      readonly removed: readonly TraceId[];
      readonly cleared: boolean;
    }
  | { readonly type: "resync"; readonly reason: string }
  | { readonly type: "error"; readonly code: string; readonly message: string };

export function parseFeedMessage(text: string): FeedMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case "hello":
      return typeof value.protocol === "number" && typeof value.serverTime === "number"
        ? { type: "hello", protocol: value.protocol, serverTime: value.serverTime }
        : undefined;
    case "snapshot":
      return { type: "snapshot", seq: seqOf(value) };
    case "batch": {
      const { upserts, removed, cleared } = value;
      if (!Array.isArray(upserts) || !Array.isArray(removed)) return undefined;
      return {
        type: "batch",
        seq: seqOf(value),
        upserts: upserts.filter(isSummary),
        removed: removed.filter((id): id is TraceId => typeof id === "string"),
        cleared: cleared === true,
      };
    }
    case "resync":
      return { type: "resync", reason: typeof value.reason === "string" ? value.reason : "" };
    case "error":
      return {
        type: "error",
        code: typeof value.code === "string" ? value.code : "UNKNOWN",
        message: typeof value.message === "string" ? value.message : "",
      };
    default:
      return undefined;
  }
}

/** The number a `snapshot` or `batch` is acknowledged with. */
function seqOf(value: Record<string, unknown>): number | undefined {
  return typeof value.seq === "number" && Number.isSafeInteger(value.seq) && value.seq > 0
    ? value.seq
    : undefined;
}

/** The fields a wait reads from a summary; the rest is trusted as the contract says. */
function isSummary(value: unknown): value is TraceSummary {
  return (
    isRecord(value) &&
    typeof value.id === "string" &&
    typeof value.documentCount === "number" &&
    typeof value.lastReceivedAt === "number" &&
    typeof value.firstReceivedAt === "number" &&
    typeof value.inProgress === "boolean"
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
