import { createServer, type Server } from "node:net";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { startDaemon } from "../src/daemon.ts";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
});

async function occupyPort(): Promise<number> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((done) => server.listen({ host: "127.0.0.1", port: 0 }, done));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

function recordingLogger(): { logger: pino.Logger; warnings: string[] } {
  const warnings: string[] = [];
  const logger = pino(
    { level: "warn" },
    {
      write(line: string) {
        warnings.push((JSON.parse(line) as { msg: string }).msg);
      },
    },
  );
  return { logger, warnings };
}

describe("the OTLP listeners", () => {
  it("warn in one line and let the daemon start when their port is taken", async () => {
    const taken = await occupyPort();
    const { logger, warnings } = recordingLogger();
    const daemon = await startDaemon(
      {
        udp: { host: "127.0.0.1", port: 0 },
        tcp: { host: "127.0.0.1", port: 0 },
        otlpHttp: { host: "127.0.0.1", port: taken },
        otlpGrpc: { host: "127.0.0.1", port: 0 },
      },
      { logger },
    );
    try {
      expect(daemon.otlp.http).toEqual([]);
      expect(daemon.otlp.grpc).toHaveLength(1);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(
        new RegExp(
          `^OTLP/HTTP not listening on 127\\.0\\.0\\.1:${taken}: .+ \\(going on without it; choose another with --otlp-http HOST:PORT or turn it off with --otlp-http off\\)$`,
        ),
      );
      expect((await fetch(`${daemon.url}/api/health`)).status).toBe(200);
      expect(daemon.stats().otlp.listeners).toEqual({ http: [], grpc: daemon.otlp.grpc });
    } finally {
      await daemon.close();
    }
  });

  it("bind both loopback addresses for localhost, on one port", async () => {
    const daemon = await startDaemon(
      {
        udp: { host: "127.0.0.1", port: 0 },
        tcp: { host: "127.0.0.1", port: 0 },
        otlpHttp: { host: "localhost", port: 0 },
      },
      { logger: recordingLogger().logger },
    );
    try {
      const [v4, v6] = daemon.otlp.http;
      expect(v4).toMatch(/^127\.0\.0\.1:\d+$/);
      // A machine without IPv6 loopback binds 127.0.0.1 only.
      if (v6 !== undefined) {
        expect(v6).toBe(`[::1]:${v4?.split(":")[1]}`);
        const response = await fetch(`http://${v6}/v1/metrics`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: "{}",
        });
        expect(response.status).toBe(200);
      }
    } finally {
      await daemon.close();
    }
  });
});
