import type { LiveClientMessage } from "@xray-sandbox/segments";

export type ClientMessageResult =
  | { readonly ok: true; readonly message: LiveClientMessage }
  | { readonly ok: false; readonly message: string };

const EXPECTED =
  'expected {"type":"subscribe","filter":string|null,"limit"?:number}, {"type":"ack","seq":number} or {"type":"ping"}';

/** A client's text frame to a message; `undefined` stands for a binary frame. Never throws. */
export function parseClientMessage(text: string | undefined): ClientMessageResult {
  if (text === undefined) return invalid(`binary frames are not understood; ${EXPECTED}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return invalid(`the message is not JSON; ${EXPECTED}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return invalid(`the message is not a JSON object; ${EXPECTED}`);
  }
  const { type, filter, seq, limit } = value as Record<string, unknown>;
  if (type === "ping") return { ok: true, message: { type: "ping" } };
  if (type === "ack") {
    if (typeof seq !== "number" || !Number.isSafeInteger(seq) || seq < 1) {
      return invalid('"seq" must be the seq of a snapshot or batch received (an integer from 1)');
    }
    return { ok: true, message: { type: "ack", seq } };
  }
  if (type === "subscribe") {
    if (
      limit !== undefined &&
      (typeof limit !== "number" || !Number.isSafeInteger(limit) || limit < 1)
    ) {
      return invalid(
        `"limit" must be a whole number from 1 (summaries in a snapshot), got ${JSON.stringify(limit)}`,
      );
    }
    const limited = limit === undefined ? {} : { limit };
    if (filter === null || filter === undefined) {
      return { ok: true, message: { type: "subscribe", filter: null, ...limited } };
    }
    if (typeof filter !== "string") {
      return invalid('"filter" must be a filter expression (a string) or null');
    }
    return {
      ok: true,
      message: { type: "subscribe", filter: filter.trim() === "" ? null : filter, ...limited },
    };
  }
  return invalid(`unknown message type ${JSON.stringify(type) ?? "(none)"}; ${EXPECTED}`);
}

function invalid(message: string): ClientMessageResult {
  return { ok: false, message };
}
