/**
 * Stands in for an instrumented service in the examples: an HTTP server that, like an Express
 * app with aws-xray-sdk-express, sends one segment per request to AWS_XRAY_DAEMON_ADDRESS.
 */

import { randomBytes } from "node:crypto";
import { createSocket } from "node:dgram";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeService {
  readonly url: string;
  close(): Promise<void>;
}

export async function startFakeService(
  env: { readonly AWS_XRAY_DAEMON_ADDRESS: string },
  name = "fake-service",
): Promise<FakeService> {
  const { host, port } = udpTarget(env.AWS_XRAY_DAEMON_ADDRESS);
  const socket = createSocket("udp4");
  const server = createServer((request, response) => {
    const path = request.url ?? "/";
    const status = new URL(path, "http://localhost").pathname === "/user" ? 200 : 404;
    const start = Date.now() / 1000;
    // As the SDK does: the caller's trace id when it sent one, a new one otherwise.
    const incoming = /Root=([^;\s]+)/.exec(String(request.headers["x-amzn-trace-id"] ?? ""));
    const traceId =
      incoming?.[1] ?? `1-${Math.floor(start).toString(16)}-${randomBytes(12).toString("hex")}`;
    response.setHeader("x-amzn-trace-id", `Root=${traceId};Sampled=1`);
    const segment = {
      trace_id: traceId,
      id: randomBytes(8).toString("hex"),
      name,
      start_time: start,
      end_time: start + 0.01,
      http: {
        request: { method: request.method, url: `http://${request.headers.host}${path}` },
        response: { status },
      },
      ...(status === 404 ? { error: true } : {}),
      subsegments:
        status === 200
          ? [
              {
                id: randomBytes(8).toString("hex"),
                name: "UserData",
                start_time: start,
                end_time: start + 0.005,
                annotations: { userId: "u-42" },
              },
            ]
          : [],
    };
    socket.send(`{"format":"json","version":1}\n${JSON.stringify(segment)}`, port, host, () => {
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port: httpPort } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${httpPort}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      socket.close();
    },
  };
}

/** `host:port`, or `udp:host:port tcp:host:port`: where segments go. */
function udpTarget(address: string): { host: string; port: number } {
  const udp =
    address
      .split(" ")
      .find((part) => part.startsWith("udp:"))
      ?.slice(4) ?? address;
  const colon = udp.lastIndexOf(":");
  return { host: udp.slice(0, colon), port: Number(udp.slice(colon + 1)) };
}
