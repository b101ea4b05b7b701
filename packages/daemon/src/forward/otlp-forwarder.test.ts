/**
 * The OTLP span forwarder against a real local HTTP receiver: what it queues is sent at
 * shutdown, a receiver's `Retry-After` is waited for, and a partial success's refused spans
 * count as failed.
 */

import { once } from "node:events";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { documentSpans, type TopLevelDocument, XRAY_UDP_ORIGIN } from "@xray-sandbox/segments";
import { afterEach, describe, expect, it, vi } from "vitest";
import { silentLogger } from "../logger.ts";
import { ExportTraceServiceResponse } from "../otlp/otlp-schema.ts";
import { startOtlpForwarder } from "./otlp-forwarder.ts";

type Answer = (response: ServerResponse) => void;

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function receiver(answers: Answer[]) {
  const bodies: number[] = [];
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      bodies.push(bodies.length);
      const answer = answers.shift() ?? ((res: ServerResponse) => res.writeHead(200).end());
      answer(response);
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { port: (server.address() as AddressInfo).port, requests: bodies };
}

function spans(count: number) {
  return Array.from({ length: count }, (_, n) =>
    documentSpans(
      {
        trace_id: "1-5759e988-bd862e3fe1be46a994272793",
        id: (0xabc000 + n).toString(16).padStart(16, "0"),
        name: "orders",
        start_time: 1,
        end_time: 2,
      } as TopLevelDocument,
      XRAY_UDP_ORIGIN,
    ),
  ).flat();
}

describe("startOtlpForwarder", () => {
  it("sends what is still queued when it closes", async () => {
    const target = await receiver([]);
    const forwarder = startOtlpForwarder({
      target: {
        protocol: "otlp-http",
        address: { host: "127.0.0.1", port: target.port },
        path: "/v1/traces",
      },
      logger: silentLogger(),
      bounds: { flushDelayMs: 60_000 },
    });
    forwarder.send(spans(3));
    expect(forwarder.stats()).toMatchObject({ queued: 3, sent: 0 });
    await forwarder.close();
    expect(forwarder.stats()).toMatchObject({ queued: 0, sent: 3, failed: 0 });
    expect(target.requests).toHaveLength(1);
  });

  it("retries after a 429 with Retry-After, then sends, counting the retry", async () => {
    const target = await receiver([
      (response) => response.writeHead(429, { "retry-after": "0" }).end(),
    ]);
    const forwarder = startOtlpForwarder({
      target: {
        protocol: "otlp-http",
        address: { host: "127.0.0.1", port: target.port },
        path: "/v1/traces",
      },
      logger: silentLogger(),
      bounds: { flushDelayMs: 1, initialBackoffMs: 1 },
    });
    closers.push(() => forwarder.close());
    forwarder.send(spans(2));
    await vi.waitFor(() => expect(forwarder.stats()).toMatchObject({ sent: 2, retried: 1 }), {
      timeout: 20_000,
    });
    expect(forwarder.stats().lastError).toBe("HTTP 429 Too Many Requests");
  });

  it("counts the spans a receiver refuses in a partial success as failed", async () => {
    const partial = ExportTraceServiceResponse.encode(
      ExportTraceServiceResponse.create({
        partialSuccess: { rejectedSpans: 1, errorMessage: "span too old" },
      }),
    ).finish();
    const target = await receiver([
      (response) => response.writeHead(200).end(Buffer.from(partial)),
    ]);
    const forwarder = startOtlpForwarder({
      target: {
        protocol: "otlp-http",
        address: { host: "127.0.0.1", port: target.port },
        path: "/v1/traces",
      },
      logger: silentLogger(),
      bounds: { flushDelayMs: 1 },
    });
    closers.push(() => forwarder.close());
    forwarder.send(spans(3));
    await vi.waitFor(() => expect(forwarder.stats()).toMatchObject({ sent: 2, failed: 1 }), {
      timeout: 20_000,
    });
    expect(forwarder.stats().lastError).toBe("the receiver refused 1 span(s): span too old");
  });
});
