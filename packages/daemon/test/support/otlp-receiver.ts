/**
 * An OTLP receiver for tests that decodes with the official protobuf definitions
 * (`fixtures/opentelemetry-proto/`, copied from open-telemetry/opentelemetry-proto), not the
 * sandbox's own schema: OTLP/HTTP (gzip or not) and OTLP/gRPC `TraceService/Export` on port 0.
 * It can be told to answer with a failure, to exercise retries.
 */

import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import {
  Server as GrpcServer,
  type handleUnaryCall,
  ServerCredentials,
  type status,
} from "@grpc/grpc-js";
import protobuf from "protobufjs";

const PROTO_DIR = fileURLToPath(new URL("../fixtures/opentelemetry-proto/", import.meta.url));

function loadOfficialRoot(): protobuf.Root {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => `${PROTO_DIR}${target}`;
  root.loadSync("opentelemetry/proto/collector/trace/v1/trace_service.proto", { keepCase: false });
  root.resolveAll();
  return root;
}

const root = loadOfficialRoot();
const Request = root.lookupType("opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest");
const Response = root.lookupType(
  "opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse",
);

/** A decoded request as plain JSON: ids as hex, 64-bit numbers as decimal strings. */
export interface ReceivedRequest {
  readonly transport: "http" | "grpc";
  readonly contentEncoding: string | undefined;
  readonly body: DecodedRequest;
}

export interface DecodedKeyValue {
  readonly key: string;
  readonly value?: Record<string, unknown>;
}

export interface DecodedSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly kind?: string;
  readonly startTimeUnixNano: string;
  readonly endTimeUnixNano: string;
  readonly attributes?: readonly DecodedKeyValue[];
  readonly events?: readonly {
    readonly timeUnixNano: string;
    readonly name: string;
    readonly attributes?: readonly DecodedKeyValue[];
  }[];
  readonly status?: { readonly code?: string; readonly message?: string };
}

export interface DecodedRequest {
  readonly resourceSpans?: readonly {
    readonly resource?: { readonly attributes?: readonly DecodedKeyValue[] };
    readonly scopeSpans?: readonly {
      readonly scope?: { readonly name?: string };
      readonly spans?: readonly DecodedSpan[];
    }[];
  }[];
}

/** One span with its resource, as the tests compare them. */
export interface ReceivedSpan extends DecodedSpan {
  readonly resource: readonly DecodedKeyValue[];
}

function decode(bytes: Uint8Array): DecodedRequest {
  const message = Request.decode(bytes);
  const object = Request.toObject(message, {
    longs: String,
    enums: String,
    bytes: String,
    defaults: false,
  }) as DecodedRequest;
  return hexIds(object);
}

/** protobufjs gives bytes as base64: ids are compared as hex, as OTel tools show them. */
function hexIds(request: DecodedRequest): DecodedRequest {
  const hex = (base64: string | undefined) =>
    base64 === undefined ? undefined : Buffer.from(base64, "base64").toString("hex");
  return {
    resourceSpans: (request.resourceSpans ?? []).map((resourceSpans) => ({
      ...resourceSpans,
      scopeSpans: (resourceSpans.scopeSpans ?? []).map((scopeSpans) => ({
        ...scopeSpans,
        spans: (scopeSpans.spans ?? []).map((span) => {
          const parentSpanId = hex(span.parentSpanId);
          return {
            ...span,
            traceId: hex(span.traceId) ?? "",
            spanId: hex(span.spanId) ?? "",
            ...(parentSpanId === undefined ? {} : { parentSpanId }),
          };
        }),
      })),
    })),
  };
}

export type Failure =
  | { readonly kind: "none" }
  /** Every request answered with this HTTP status / gRPC code. */
  | { readonly kind: "always"; readonly httpStatus: number; readonly grpcCode: status };

export interface OtlpTestReceiver {
  readonly httpPort: number;
  readonly grpcPort: number;
  readonly requests: ReceivedRequest[];
  /** Every span received so far, flattened, with its resource attributes. */
  spans(): ReceivedSpan[];
  failWith(failure: Failure): void;
  /** Requests answered with a failure. */
  readonly failures: { count: number };
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const identity = (bytes: Buffer): Buffer => bytes;

export async function startOtlpTestReceiver(): Promise<OtlpTestReceiver> {
  const requests: ReceivedRequest[] = [];
  let failure: Failure = { kind: "none" };
  const failures = { count: 0 };
  const okBody = Buffer.from(Response.encode(Response.create({})).finish());

  const http: Server = createServer((request, response) => {
    void readBody(request).then((raw) => {
      if (failure.kind === "always") {
        failures.count++;
        response.writeHead(failure.httpStatus).end();
        return;
      }
      const encoding = request.headers["content-encoding"];
      const body = encoding === "gzip" ? gunzipSync(raw) : raw;
      requests.push({ transport: "http", contentEncoding: encoding, body: decode(body) });
      response.writeHead(200, { "content-type": "application/x-protobuf" }).end(okBody);
    });
  });
  http.listen(0, "127.0.0.1");
  await once(http, "listening");

  const grpc = new GrpcServer();
  const exportTraces: handleUnaryCall<Buffer, Buffer> = (call, callback) => {
    if (failure.kind === "always") {
      failures.count++;
      callback({ code: failure.grpcCode, details: "test receiver told to fail" });
      return;
    }
    requests.push({ transport: "grpc", contentEncoding: undefined, body: decode(call.request) });
    callback(null, okBody);
  };
  grpc.addService(
    {
      Export: {
        path: "/opentelemetry.proto.collector.trace.v1.TraceService/Export",
        requestStream: false,
        responseStream: false,
        requestSerialize: identity,
        requestDeserialize: identity,
        responseSerialize: identity,
        responseDeserialize: identity,
      },
    },
    { Export: exportTraces },
  );
  const grpcPort = await new Promise<number>((resolve, reject) => {
    grpc.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (error, port) =>
      error ? reject(error) : resolve(port),
    );
  });

  return {
    httpPort: (http.address() as AddressInfo).port,
    grpcPort,
    requests,
    failures,
    spans: () =>
      requests.flatMap((request) =>
        (request.body.resourceSpans ?? []).flatMap((resourceSpans) =>
          (resourceSpans.scopeSpans ?? []).flatMap((scopeSpans) =>
            (scopeSpans.spans ?? []).map((span) => ({
              ...span,
              resource: resourceSpans.resource?.attributes ?? [],
            })),
          ),
        ),
      ),
    failWith(next) {
      failure = next;
    },
    async close() {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await new Promise<void>((resolve) => grpc.tryShutdown(() => resolve()));
    },
  };
}

/** An attribute's value as JSON (`stringValue`, `intValue` as a string...), or undefined. */
export function attribute(
  attributes: readonly DecodedKeyValue[] | undefined,
  key: string,
): unknown {
  const value = attributes?.find((entry) => entry.key === key)?.value;
  if (value === undefined) return undefined;
  if ("stringValue" in value) return value.stringValue;
  if ("boolValue" in value) return value.boolValue;
  if ("intValue" in value) return Number(value.intValue);
  if ("doubleValue" in value) return value.doubleValue;
  return value;
}
