/**
 * The HTTP transport against a real local server: what it posts, and which answers it
 * calls retryable (the OTLP specification's 429, 502, 503, 504 and network errors).
 */

import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { RpcStatus } from "../otlp/otlp-schema.ts";
import { otlpHttpTransport } from "./otlp-http-transport.ts";

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

interface Seen {
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

async function answering(status: number, body: Uint8Array, seen: Seen[] = []): Promise<number> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      seen.push({ url: request.url, headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(status, { "content-type": "application/x-protobuf" }).end(body);
    });
  });
  servers.push(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return (server.address() as AddressInfo).port;
}

function transportTo(port: number) {
  return otlpHttpTransport({
    address: { host: "127.0.0.1", port },
    path: "/otlp/v1/traces",
    timeoutMs: 10_000,
  });
}

describe("otlpHttpTransport", () => {
  it("posts gzip-compressed protobuf to the target's path", async () => {
    const seen: Seen[] = [];
    const port = await answering(200, new Uint8Array(0), seen);
    const body = Buffer.from("an encoded ExportTraceServiceRequest");
    expect(await transportTo(port).send(body)).toEqual({ ok: true, rejectedSpans: 0, message: "" });
    expect(seen[0]?.url).toBe("/otlp/v1/traces");
    expect(seen[0]?.headers).toMatchObject({
      "content-type": "application/x-protobuf",
      "content-encoding": "gzip",
    });
    expect(gunzipSync(seen[0]?.body ?? Buffer.alloc(0))).toEqual(body);
  });

  it.each([
    [429, true],
    [502, true],
    [503, true],
    [504, true],
    [400, false],
    [401, false],
    [404, false],
    [413, false],
    [500, false],
  ])("HTTP %i is retryable: %s", async (status, retryable) => {
    const port = await answering(status, new Uint8Array(0));
    const result = await transportTo(port).send(Buffer.from("x"));
    expect(result).toMatchObject({ ok: false, retryable });
  });

  it("gives the message of a google.rpc.Status error body", async () => {
    const status = RpcStatus.encode(RpcStatus.create({ code: 3, message: "bad span" })).finish();
    const port = await answering(400, status);
    expect(await transportTo(port).send(Buffer.from("x"))).toEqual({
      ok: false,
      retryable: false,
      message: "HTTP 400 bad span",
    });
  });

  it("calls a refused connection retryable", async () => {
    const port = await answering(200, new Uint8Array(0));
    await new Promise<void>((resolve) => {
      const server = servers.pop() as Server;
      server.close(() => resolve());
    });
    const result = await transportTo(port).send(Buffer.from("x"));
    expect(result).toMatchObject({ ok: false, retryable: true });
    expect(result.ok ? "" : result.message).toMatch(/ECONNREFUSED/);
  });
});
