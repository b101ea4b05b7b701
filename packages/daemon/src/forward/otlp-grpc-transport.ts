/**
 * OTLP/gRPC: `TraceService/Export` with `@grpc/grpc-js` (what the OpenTelemetry JS exporters
 * use), over plaintext, gzip-compressed. Retryable, as the OTLP specification says: CANCELLED,
 * DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, OUT_OF_RANGE, UNAVAILABLE, DATA_LOSS.
 */

import { Client, credentials, Metadata, status } from "@grpc/grpc-js";
import { formatHostPort } from "../address.ts";
import type { HostPort } from "../config.ts";
import type { ExportResult, OtlpExportTransport } from "./export-result.ts";
import { successOf } from "./export-result.ts";

export const EXPORT_PATH = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";

export const RETRYABLE_GRPC_CODES: ReadonlySet<number> = new Set([
  status.CANCELLED,
  status.DEADLINE_EXCEEDED,
  status.RESOURCE_EXHAUSTED,
  status.ABORTED,
  status.OUT_OF_RANGE,
  status.UNAVAILABLE,
  status.DATA_LOSS,
]);

export interface OtlpGrpcTransportOptions {
  readonly address: HostPort;
  readonly timeoutMs: number;
}

const identity = (bytes: Buffer): Buffer => bytes;

/** grpc-js's number for gzip (`compressionAlgorithms.gzip`). */
const GZIP = 2;

/** The error's details, without grpc-js's empty trailing `Resolution note:`. */
function detailsOf(error: { details?: string; message: string }): string {
  return (error.details || error.message).replace(/\s*Resolution note:\s*$/, "").trim();
}

export function otlpGrpcTransport({
  address,
  timeoutMs,
}: OtlpGrpcTransportOptions): OtlpExportTransport {
  // gzip, as OpenTelemetry exporters can send it and collectors and backends take it.
  const client = new Client(formatHostPort(address), credentials.createInsecure(), {
    "grpc.default_compression_algorithm": GZIP,
  });
  return {
    send(body): Promise<ExportResult> {
      return new Promise((resolve) => {
        client.makeUnaryRequest<Buffer, Buffer>(
          EXPORT_PATH,
          identity,
          identity,
          Buffer.from(body.buffer, body.byteOffset, body.byteLength),
          new Metadata(),
          { deadline: Date.now() + timeoutMs },
          (error, answer) => {
            if (error) {
              resolve({
                ok: false,
                retryable: RETRYABLE_GRPC_CODES.has(error.code),
                message: `gRPC ${status[error.code] ?? error.code}: ${detailsOf(error)}`,
              });
            } else resolve(successOf(answer ?? new Uint8Array(0)));
          },
        );
      });
    },
    close() {
      client.close();
    },
  };
}
