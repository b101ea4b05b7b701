/**
 * The gRPC transport on the wire, against a bare HTTP/2 server that reads what a gRPC server
 * would: the path, `grpc-encoding`, and the length-prefixed message with its compressed flag.
 */

import { once } from "node:events";
import { createServer, type Http2Server, type ServerHttp2Stream } from "node:http2";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { EXPORT_PATH, otlpGrpcTransport } from "./otlp-grpc-transport.ts";

interface Seen {
  path: string | undefined;
  encoding: string | undefined;
  compressed: boolean;
  message: Buffer;
}

const servers: Http2Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

/** Answers every call with an empty message and the given grpc-status. */
async function bareGrpcServer(grpcStatus: number, seen: Seen[]): Promise<number> {
  const server = createServer();
  servers.push(server);
  server.on("stream", (stream: ServerHttp2Stream, headers) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      const frame = Buffer.concat(chunks);
      seen.push({
        path: headers[":path"],
        encoding: headers["grpc-encoding"] as string | undefined,
        compressed: frame.readUInt8(0) === 1,
        message: frame.subarray(5, 5 + frame.readUInt32BE(1)),
      });
      stream.respond(
        { ":status": 200, "content-type": "application/grpc" },
        { waitForTrailers: true },
      );
      stream.on("wantTrailers", () =>
        stream.sendTrailers({ "grpc-status": String(grpcStatus), "grpc-message": "told to" }),
      );
      stream.end(Buffer.from([0, 0, 0, 0, 0]));
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return (server.address() as AddressInfo).port;
}

describe("otlpGrpcTransport", () => {
  it("calls TraceService/Export with the request gzip-compressed", async () => {
    const seen: Seen[] = [];
    const port = await bareGrpcServer(0, seen);
    const transport = otlpGrpcTransport({
      address: { host: "127.0.0.1", port },
      timeoutMs: 10_000,
    });
    const body = Buffer.from("an encoded ExportTraceServiceRequest ".repeat(20));
    try {
      expect(await transport.send(body)).toEqual({ ok: true, rejectedSpans: 0, message: "" });
    } finally {
      transport.close();
    }
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ path: EXPORT_PATH, encoding: "gzip", compressed: true });
    expect(gunzipSync(seen[0]?.message ?? Buffer.alloc(0))).toEqual(body);
  });

  it.each([
    [14, true, "gRPC UNAVAILABLE: told to"],
    [3, false, "gRPC INVALID_ARGUMENT: told to"],
  ])("a status %i is retryable: %s", async (code, retryable, message) => {
    const port = await bareGrpcServer(code, []);
    const transport = otlpGrpcTransport({
      address: { host: "127.0.0.1", port },
      timeoutMs: 10_000,
    });
    try {
      expect(await transport.send(Buffer.from("x"))).toEqual({ ok: false, retryable, message });
    } finally {
      transport.close();
    }
  });
});
