/**
 * OTLP/gRPC with `@grpc/grpc-js` (what the OTel JS exporters use): `TraceService/Export`
 * into the intake; `MetricsService/Export` and `LogsService/Export` answered with success and
 * counted. Messages are decoded by the same protobuf schema as OTLP/HTTP.
 */

import { type handleUnaryCall, Server, ServerCredentials, status } from "@grpc/grpc-js";
import { formatHostPort } from "../address.ts";
import type { OtlpIntake } from "./otlp-intake.ts";
import { exportResponse } from "./otlp-response.ts";

/** The largest message taken (gRPC's usual default is 4 MiB; exporters send less). */
export const MAX_OTLP_GRPC_MESSAGE_BYTES = 16 * 1024 * 1024;

const identity = (bytes: Buffer): Buffer => bytes;

function unaryService(path: string) {
  return {
    Export: {
      path,
      requestStream: false,
      responseStream: false,
      requestSerialize: identity,
      requestDeserialize: identity,
      responseSerialize: identity,
      responseDeserialize: identity,
    },
  } as const;
}

export function createOtlpGrpcServer(intake: OtlpIntake): Server {
  const server = new Server({
    "grpc.max_receive_message_length": MAX_OTLP_GRPC_MESSAGE_BYTES,
  });
  const exportTraces: handleUnaryCall<Buffer, Buffer> = (call, callback) => {
    const outcome = intake.body(call.request, "protobuf", "otlp-grpc", call.getPeer());
    if (!outcome.ok) {
      callback({ code: status.INVALID_ARGUMENT, details: outcome.message });
      return;
    }
    callback(null, Buffer.from(exportResponse(outcome, "protobuf") as Uint8Array));
  };
  server.addService(unaryService("/opentelemetry.proto.collector.trace.v1.TraceService/Export"), {
    Export: exportTraces,
  });
  for (const [path, kind] of [
    ["/opentelemetry.proto.collector.metrics.v1.MetricsService/Export", "metrics"],
    ["/opentelemetry.proto.collector.logs.v1.LogsService/Export", "logs"],
  ] as const) {
    const answer: handleUnaryCall<Buffer, Buffer> = (_call, callback) => {
      intake.counters.signal(kind);
      callback(null, Buffer.alloc(0));
    };
    server.addService(unaryService(path), { Export: answer });
  }
  return server;
}

/** Binds `host:port`; resolves to the port bound, rejects with the system's error. */
export function bindGrpc(server: Server, host: string, port: number): Promise<number> {
  const address = formatHostPort({ host, port });
  return new Promise((resolve, reject) => {
    server.bindAsync(address, ServerCredentials.createInsecure(), (error, bound) => {
      if (error) reject(error);
      else resolve(bound);
    });
  });
}
