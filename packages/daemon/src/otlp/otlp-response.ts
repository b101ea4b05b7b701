/** What an OTLP endpoint answers, in the encoding the request used. */

import type { OtlpRequestOutcome } from "./otlp-intake.ts";
import { ExportTraceServiceResponse, RpcStatus } from "./otlp-schema.ts";

export type OtlpEncoding = "protobuf" | "json";

/** gRPC's INVALID_ARGUMENT, also the `code` of an OTLP/HTTP error body. */
export const INVALID_ARGUMENT = 3;

/** `ExportTraceServiceResponse`: empty on full success, `partialSuccess` when spans were refused. */
export function exportResponse(
  outcome: Extract<OtlpRequestOutcome, { ok: true }>,
  encoding: OtlpEncoding,
): Uint8Array | string {
  const partial =
    outcome.rejectedSpans === 0
      ? undefined
      : { rejectedSpans: outcome.rejectedSpans, errorMessage: outcome.errorMessage };
  if (encoding === "json") {
    return JSON.stringify(
      partial === undefined
        ? {}
        : {
            partialSuccess: {
              rejectedSpans: String(partial.rejectedSpans),
              errorMessage: partial.errorMessage,
            },
          },
    );
  }
  return ExportTraceServiceResponse.encode(
    ExportTraceServiceResponse.create(partial === undefined ? {} : { partialSuccess: partial }),
  ).finish();
}

/** A `google.rpc.Status` error body. */
export function statusBody(
  code: number,
  message: string,
  encoding: OtlpEncoding,
): Uint8Array | string {
  if (encoding === "json") return JSON.stringify({ code, message });
  return RpcStatus.encode(RpcStatus.create({ code, message })).finish();
}

/** The empty success answer for metrics and logs, which the sandbox counts but does not read. */
export function emptyResponse(encoding: OtlpEncoding): Uint8Array | string {
  return encoding === "json" ? "{}" : new Uint8Array(0);
}
