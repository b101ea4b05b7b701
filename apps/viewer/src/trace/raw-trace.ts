import type { DocumentBody } from "@xray-sandbox/segments";

/**
 * The whole trace as one JSON array: every stored document, in the order received, each
 * exactly as its sender wrote it.
 */
export function rawTraceJson(documents: readonly Pick<DocumentBody, "raw">[]): string {
  if (documents.length === 0) return "[]\n";
  return `[\n${documents.map((document) => document.raw).join(",\n")}\n]\n`;
}

/** The file a trace downloads as: its id, which X-Ray keeps to `[0-9a-f-]`. */
export function rawTraceFileName(traceId: string): string {
  return `${traceId.replace(/[^0-9A-Za-z._-]/g, "_")}.json`;
}
