/** What one OTLP export attempt came to, whichever the transport. */

import { ExportTraceServiceResponse, RpcStatus } from "../otlp/otlp-schema.ts";

export type ExportResult =
  | {
      readonly ok: true;
      /** Spans the receiver said it refused (`partialSuccess.rejectedSpans`). */
      readonly rejectedSpans: number;
      readonly message: string;
    }
  | {
      readonly ok: false;
      /** Worth sending again (the OTLP spec's retryable codes, network errors, timeouts). */
      readonly retryable: boolean;
      readonly message: string;
      /** How long the receiver asked to wait (HTTP `Retry-After`), if it did. */
      readonly retryAfterMs?: number;
    };

/** Sends one encoded `ExportTraceServiceRequest`; never rejects. */
export interface OtlpExportTransport {
  send(body: Uint8Array): Promise<ExportResult>;
  close(): void;
}

/** A successful answer's partial success, if any; an unreadable body counts as none. */
export function successOf(body: Uint8Array): ExportResult {
  try {
    const decoded = ExportTraceServiceResponse.toObject(ExportTraceServiceResponse.decode(body), {
      longs: Number,
    }) as { partialSuccess?: { rejectedSpans?: number; errorMessage?: string } };
    const rejectedSpans = Number(decoded.partialSuccess?.rejectedSpans ?? 0);
    return { ok: true, rejectedSpans, message: decoded.partialSuccess?.errorMessage ?? "" };
  } catch {
    return { ok: true, rejectedSpans: 0, message: "" };
  }
}

/** The message of a `google.rpc.Status` error body, or `undefined`. */
export function statusMessageOf(body: Uint8Array): string | undefined {
  try {
    const decoded = RpcStatus.toObject(RpcStatus.decode(body)) as { message?: string };
    return decoded.message === undefined || decoded.message === "" ? undefined : decoded.message;
  } catch {
    return undefined;
  }
}
