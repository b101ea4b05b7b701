/**
 * Shared service mode over real sockets: every route class without the token, with a wrong
 * one and with the right one (bearer, X-Sandbox-Token, the viewer's cookie), the live stream
 * with the ws client, the X-Ray query API with the AWS SDK, and ingest from the clients SDKs
 * and collectors use, which never send a token.
 */

import { PassThrough } from "node:stream";
import {
  GetSamplingRulesCommand,
  GetSamplingTargetsCommand,
  GetTraceSummariesCommand,
  PutTelemetryRecordsCommand,
  PutTraceSegmentsCommand,
  type XRayClient,
} from "@aws-sdk/client-xray";
import { ROOT_CONTEXT, SpanKind } from "@opentelemetry/api";
import { OTLPTraceExporter as GrpcExporter } from "@opentelemetry/exporter-trace-otlp-grpc";
import { OTLPTraceExporter as JsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { SimpleSpanProcessor, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { type AuthSessionBody, LIVE_PROTOCOL_VERSION } from "@xray-sandbox/segments";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Daemon } from "../src/daemon.ts";
import { InvalidConfigError } from "../src/errors.ts";
import { runTransfer, type TransferIo } from "../src/transfer/transfer-cli.ts";
import { startTestDaemon } from "./support/daemon.ts";
import { openLive, rawRequest, refusedUpgrade } from "./support/live.ts";
import { segmentDatagram, traceId } from "./support/segments.ts";
import { sendDatagrams } from "./support/udp.ts";
import { xrayClientFor } from "./support/xray-client.ts";

const TOKEN = "team-sandbox-token-7f3a9c2e51";
const BEARER = { authorization: `Bearer ${TOKEN}` };

let daemon: Daemon;

beforeAll(async () => {
  daemon = await startTestDaemon({
    authToken: TOKEN,
    otlpGrpc: { host: "127.0.0.1", port: 0 },
  });
});

afterAll(() => daemon.close());

async function call(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const response = await fetch(`${daemon.url}${path}`, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: response.status, headers: response.headers, body };
}

/** The X-Ray client with the token in `X-Sandbox-Token`: the SDK keeps `Authorization` for its signature. */
function xrayClientWithToken(token: string): XRayClient {
  const client = xrayClientFor(daemon.url);
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers?: Record<string, string> };
      if (request.headers) request.headers["x-sandbox-token"] = token;
      return next(args);
    },
    { step: "build", name: "sandboxToken" },
  );
  return client;
}

async function storedTraces(): Promise<number> {
  const { body } = await call("/api/stats", { headers: BEARER });
  return (body as { traces: number }).traces;
}

const DATA_ROUTES: ReadonlyArray<[method: string, path: string]> = [
  ["GET", "/api/stats"],
  ["GET", "/api/traces"],
  ["GET", "/api/segments"],
  ["GET", "/api/rejected"],
  ["GET", "/api/sampling"],
  ["GET", "/api/groups"],
  ["GET", "/api/export"],
  ["GET", "/api/import/progress"],
];

describe("the sandbox API with a token", () => {
  it.each(DATA_ROUTES)(
    "%s %s answers 401 without it, naming the ways to send it",
    async (method, path) => {
      const { status, headers, body } = await call(path, { method });
      expect(status).toBe(401);
      expect(headers.get("www-authenticate")).toBe('Bearer realm="xray-sandbox"');
      expect(body).toEqual({
        error: {
          code: "AUTH_REQUIRED",
          message: expect.stringContaining("Authorization: Bearer <token>"),
        },
      });
    },
  );

  it.each(DATA_ROUTES)("%s %s answers 401 AUTH_INVALID to a wrong token", async (method, path) => {
    const wrong: Array<Record<string, string>> = [
      { authorization: "Bearer not-the-token-at-all-000" },
      { "x-sandbox-token": "not-the-token-at-all-000" },
    ];
    for (const headers of wrong) {
      const { status, body } = await call(path, { method, headers });
      expect(status).toBe(401);
      expect(body).toMatchObject({ error: { code: "AUTH_INVALID" } });
    }
  });

  it.each(DATA_ROUTES)("%s %s serves with Bearer or X-Sandbox-Token", async (method, path) => {
    expect((await call(path, { method, headers: BEARER })).status).toBe(200);
    expect((await call(path, { method, headers: { "x-sandbox-token": TOKEN } })).status).toBe(200);
  });

  it("refuses DELETE /api/traces without the token and keeps the traces", async () => {
    await sendDatagrams(daemon.udpAddress, [segmentDatagram(1)]);
    await vi.waitFor(async () => expect(await storedTraces()).toBeGreaterThan(0), {
      timeout: 10_000,
    });
    const before = await storedTraces();
    expect((await call("/api/traces", { method: "DELETE" })).status).toBe(401);
    expect(await storedTraces()).toBe(before);
  });

  it("answers /api/health without the token, for health checks", async () => {
    const { status, body } = await call("/api/health");
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: "ok" });
  });

  it("serves the viewer's page without the token: it holds no data and asks for the token itself", async () => {
    const { status, headers } = await call("/");
    expect(status).toBe(200);
    expect(headers.get("content-type")).toContain("text/html");
  });
});

describe("the viewer's sign-in", () => {
  it("says a token is asked for and not yet given", async () => {
    const { status, body } = await call("/api/auth/session");
    expect(status).toBe(200);
    expect(body).toEqual({ required: true, signedIn: false } satisfies AuthSessionBody);
  });

  it("refuses a wrong token with 401 and sets no cookie", async () => {
    const { status, headers, body } = await call("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: "not-the-token-at-all-000" }),
    });
    expect(status).toBe(401);
    expect(headers.get("set-cookie")).toBeNull();
    expect(body).toMatchObject({
      error: { code: "AUTH_INVALID", message: expect.stringContaining("not this sandbox's token") },
    });
  });

  it("answers 400 naming the shape to a body that is not {token}", async () => {
    for (const body of ["", "{", "[]", '{"token": 7}', '{"secret": "x"}']) {
      const response = await call("/api/auth/login", { method: "POST", body });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: { code: "INVALID_BODY" } });
    }
  });

  it("answers 413 to a sign-in body over 2 KiB, without reading it as a token", async () => {
    const response = await call("/api/auth/login", {
      method: "POST",
      body: JSON.stringify({ token: "x".repeat(4096) }),
    });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({
      error: { code: "BODY_TOO_LARGE", message: expect.stringContaining("2048 bytes") },
    });
  });

  it("sets an HttpOnly, SameSite=Strict cookie that opens the API and the live stream, until sign-out", async () => {
    const login = await call("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: TOKEN }),
    });
    expect(login.status).toBe(200);
    expect(login.body).toEqual({ required: true, signedIn: true });
    const setCookie = login.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^xray_sandbox_session=[A-Za-z0-9_-]{20,}; /);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Strict");
    expect(setCookie).toContain("Path=/");
    expect(setCookie).not.toContain("Secure");
    // The cookie is not the token.
    expect(setCookie).not.toContain(TOKEN);
    const cookie = setCookie.split(";")[0] ?? "";

    expect((await call("/api/stats", { headers: { cookie } })).status).toBe(200);
    expect((await call("/api/auth/session", { headers: { cookie } })).body).toEqual({
      required: true,
      signedIn: true,
    });
    const live = await openLive(daemon.url, { headers: { cookie } });
    expect((await live.expectNext("hello")).protocol).toBe(LIVE_PROTOCOL_VERSION);
    await live.close();

    const logout = await call("/api/auth/logout", { method: "POST", headers: { cookie } });
    expect(logout.headers.get("set-cookie")).toMatch(/^xray_sandbox_session=; .*Max-Age=0/);
  });

  it("marks the cookie Secure behind a TLS proxy that says the page came over HTTPS", async () => {
    const login = await call("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-proto": "https" },
      body: JSON.stringify({ token: TOKEN }),
    });
    expect(login.headers.get("set-cookie")).toContain("; Secure");
  });

  it("refuses a cookie made for another token", async () => {
    const { status, body } = await call("/api/stats", {
      headers: { cookie: "xray_sandbox_session=c29tZXRoaW5nLWVsc2UtZW50aXJlbHk" },
    });
    expect(status).toBe(401);
    expect(body).toMatchObject({
      error: { code: "AUTH_INVALID", message: expect.stringContaining("sign in again") },
    });
  });
});

describe("the live stream with a token", () => {
  it("refuses the upgrade with 401 and a JSON error without it", async () => {
    const refused = await refusedUpgrade(daemon.url);
    expect(refused.status).toBe(401);
    expect(refused.headers["www-authenticate"]).toBe('Bearer realm="xray-sandbox"');
    expect(refused.body).toMatchObject({ error: { code: "AUTH_REQUIRED" } });
  });

  it("refuses a wrong token", async () => {
    const refused = await refusedUpgrade(daemon.url, {
      headers: { authorization: "Bearer not-the-token-at-all-000" },
    });
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ error: { code: "AUTH_INVALID" } });
  });

  it("streams with Authorization: Bearer, and shows what arrives over UDP", async () => {
    const live = await openLive(daemon.url, { headers: BEARER });
    await live.expectNext("hello");
    await live.expectNext("snapshot");
    await sendDatagrams(daemon.udpAddress, [segmentDatagram(2, "live-with-token")]);
    const batch = await live.until(
      (message) =>
        message.type === "batch" && message.upserts.some((summary) => summary.id === traceId(2)),
    );
    expect(batch.type).toBe("batch");
    await live.close();
  });
});

describe("the X-Ray query API with a token (the AWS SDK)", () => {
  it("refuses GetTraceSummaries without it as UnrecognizedClientException (401)", async () => {
    const now = new Date();
    const error = await xrayClientFor(daemon.url)
      .send(
        new GetTraceSummariesCommand({
          StartTime: new Date(now.getTime() - 3_600_000),
          EndTime: now,
        }),
      )
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).toMatchObject({
      name: "UnrecognizedClientException",
      $metadata: { httpStatusCode: 401 },
      message: expect.stringContaining("X-Sandbox-Token"),
    });
  });

  it("answers GetTraceSummaries with the token in X-Sandbox-Token", async () => {
    await sendDatagrams(daemon.udpAddress, [segmentDatagram(3, "queried-with-token")]);
    const client = xrayClientWithToken(TOKEN);
    await vi.waitFor(
      async () => {
        const { TraceSummaries } = await client.send(
          new GetTraceSummariesCommand({
            StartTime: new Date(1_700_000_000_000),
            EndTime: new Date(1_900_000_000_000),
            FilterExpression: 'service("queried-with-token")',
          }),
        );
        expect(TraceSummaries?.map((summary) => summary.Id)).toEqual([traceId(3)]);
      },
      { timeout: 10_000, interval: 50 },
    );
  });

  it("refuses a wrong token in X-Sandbox-Token", async () => {
    const error = await xrayClientWithToken("not-the-token-at-all-000")
      .send(new GetTraceSummariesCommand({ StartTime: new Date(0), EndTime: new Date() }))
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 401 } });
  });
});

describe("ingest with a token set: never asked for it", () => {
  it("stores UDP datagrams", async () => {
    await sendDatagrams(daemon.udpAddress, [segmentDatagram(4, "udp-ingest")]);
    await vi.waitFor(
      async () => {
        const { status } = await call(`/api/traces/${traceId(4)}`, { headers: BEARER });
        expect(status).toBe(200);
      },
      { timeout: 10_000 },
    );
  });

  it("serves sampling to SDKs and takes PutTraceSegments and PutTelemetryRecords, with no token", async () => {
    const client = xrayClientFor(daemon.url);
    const rules = await client.send(new GetSamplingRulesCommand({}));
    expect(rules.SamplingRuleRecords?.map((record) => record.SamplingRule?.RuleName)).toContain(
      "Default",
    );
    const targets = await client.send(
      new GetSamplingTargetsCommand({ SamplingStatisticsDocuments: [] }),
    );
    expect(targets.$metadata.httpStatusCode).toBe(200);
    const decoder = new TextDecoder();
    const document = decoder.decode(segmentDatagram(5, "put-trace-segments")).split("\n")[1] ?? "";
    const put = await client.send(
      new PutTraceSegmentsCommand({ TraceSegmentDocuments: [document] }),
    );
    expect(put.UnprocessedTraceSegments).toEqual([]);
    const telemetry = await client.send(
      new PutTelemetryRecordsCommand({
        EC2InstanceId: "i-0123456789",
        TelemetryRecords: [{ Timestamp: new Date(), SegmentsReceivedCount: 1 }],
      }),
    );
    expect(telemetry.$metadata.httpStatusCode).toBe(200);
    expect((await call(`/api/traces/${traceId(5)}`, { headers: BEARER })).status).toBe(200);
  });

  it("takes OTLP over HTTP on the main port and over gRPC, with no token", async () => {
    const grpcPort = Number(daemon.otlp.grpc[0]?.split(":").pop());
    const exporters: Array<[string, SpanExporter]> = [
      ["otlp-http-shared", new JsonExporter({ url: `${daemon.url}/v1/traces` })],
      ["otlp-grpc-shared", new GrpcExporter({ url: `http://127.0.0.1:${grpcPort}` })],
    ];
    for (const [service, exporter] of exporters) {
      const provider = new NodeTracerProvider({
        resource: resourceFromAttributes({ "service.name": service }),
        spanProcessors: [new SimpleSpanProcessor(exporter)],
      });
      const span = provider
        .getTracer("shared-mode-test")
        .startSpan("GET /", { kind: SpanKind.SERVER }, ROOT_CONTEXT);
      span.end();
      const id = span.spanContext().traceId;
      await provider.forceFlush();
      await provider.shutdown();
      const xrayId = `1-${id.slice(0, 8)}-${id.slice(8)}`;
      const { status, body } = await call(`/api/traces/${xrayId}`, { headers: BEARER });
      expect(status).toBe(200);
      expect(JSON.stringify(body)).toContain(service);
    }
  });
});

describe("counting what was refused", () => {
  it("shows in /api/stats whether a token is asked for, and the refusals and sign-ins", async () => {
    const before = (await call("/api/stats", { headers: BEARER })).body as { auth: object };
    expect(before.auth).toMatchObject({ required: true });
    const counts = before.auth as { refused: number; signIns: number; failedSignIns: number };
    await call("/api/traces");
    await refusedUpgrade(daemon.url);
    const login = (token: string) =>
      call("/api/auth/login", { method: "POST", body: JSON.stringify({ token }) });
    await login("not-the-token-at-all-000");
    await login(TOKEN);
    const after = (await call("/api/stats", { headers: BEARER })).body as { auth: object };
    expect(after.auth).toEqual({
      required: true,
      refused: counts.refused + 2,
      signIns: counts.signIns + 1,
      failedSignIns: counts.failedSignIns + 1,
    });
  });
});

describe("xray-sandbox export and import with a token (XRAY_SANDBOX_AUTH_TOKEN)", () => {
  function transferIo(authToken: string | undefined): { io: TransferIo; stderr: () => string } {
    const stdout = new PassThrough();
    stdout.resume();
    let err = "";
    return {
      io: {
        stdout,
        stderr: { write: (text: string) => (err += text) },
        stdin: (async function* () {})(),
        authToken,
      },
      stderr: () => err,
    };
  }
  const exportCommand = () =>
    ({
      kind: "export",
      url: daemon.url,
      filter: undefined,
      id: undefined,
      output: undefined,
    }) as const;

  it("says the sandbox asks for its token when none is set, or that it is wrong", async () => {
    const missing = transferIo(undefined);
    expect(await runTransfer("xray-sandbox", exportCommand(), missing.io)).toBe(1);
    expect(missing.stderr()).toBe(
      `xray-sandbox: ${daemon.url} is a shared sandbox and asks for its token: set XRAY_SANDBOX_AUTH_TOKEN to it\n`,
    );
    const wrong = transferIo("not-the-token-at-all-000");
    expect(await runTransfer("xray-sandbox", exportCommand(), wrong.io)).toBe(1);
    expect(wrong.stderr()).toContain("refused the token in XRAY_SANDBOX_AUTH_TOKEN");
  });

  it("exports with the token", async () => {
    const run = transferIo(TOKEN);
    expect(await runTransfer("xray-sandbox", exportCommand(), run.io)).toBe(0);
    expect(run.stderr()).toMatch(/^exported \d+ documents?\n$/);
  });
});

describe("behind a TLS proxy, as the compose file's tls profile runs it", () => {
  it("signs in with a Secure cookie and streams, for the proxy's Host and the page's https origin", async () => {
    const behind = await startTestDaemon({
      authToken: TOKEN,
      allowHosts: ["daemon"],
      allowOrigins: ["https://sandbox.example.internal:8443"],
    });
    try {
      // What Caddy sends on: Host rewritten to the upstream, the browser's Origin, the scheme.
      const proxied = {
        host: "daemon:2000",
        origin: "https://sandbox.example.internal:8443",
        "x-forwarded-proto": "https",
      };
      expect((await rawRequest(behind.url, "/api/health", { headers: proxied })).status).toBe(200);
      expect((await rawRequest(behind.url, "/api/stats", { headers: proxied })).status).toBe(401);
      const login = await rawRequest(behind.url, "/api/auth/login", {
        method: "POST",
        headers: { ...proxied, "content-type": "application/json" },
        body: JSON.stringify({ token: TOKEN }),
      });
      expect(login.status).toBe(200);
      const setCookie = String(login.headers["set-cookie"]);
      expect(setCookie).toContain("; Secure");
      const cookie = setCookie.split(";")[0] ?? "";
      const stats = await rawRequest(behind.url, "/api/stats", {
        headers: { ...proxied, cookie },
      });
      expect(stats.status).toBe(200);
      const live = await openLive(behind.url, { headers: { ...proxied, cookie } });
      await live.expectNext("hello");
      await live.close();
    } finally {
      await behind.close();
    }
  });
});

describe("without a token", () => {
  it("the session says none is asked for, and the API answers as before", async () => {
    const open = await startTestDaemon();
    try {
      const session = await fetch(`${open.url}/api/auth/session`);
      expect(await session.json()).toEqual({ required: false, signedIn: true });
      const stats = (await (await fetch(`${open.url}/api/stats`)).json()) as { auth: unknown };
      expect(stats.auth).toEqual({ required: false, refused: 0, signIns: 0, failedSignIns: 0 });
      expect((await fetch(`${open.url}/api/stats`)).status).toBe(200);
      const login = await fetch(`${open.url}/api/auth/login`, {
        method: "POST",
        body: JSON.stringify({ token: TOKEN }),
      });
      expect(login.status).toBe(409);
    } finally {
      await open.close();
    }
  });
});

describe("binding beyond loopback", () => {
  it("is refused without allowRemote, naming the flags", async () => {
    await expect(startTestDaemon({ tcp: { host: "0.0.0.0", port: 0 } })).rejects.toThrow(
      InvalidConfigError,
    );
    await expect(startTestDaemon({ tcp: { host: "0.0.0.0", port: 0 } })).rejects.toThrow(
      /--allow-remote|allowRemote/,
    );
  });

  it("is refused with allowRemote but no token", async () => {
    await expect(
      startTestDaemon({ tcp: { host: "0.0.0.0", port: 0 }, allowRemote: true }),
    ).rejects.toThrow(/needs a token/);
  });

  it("starts with allowRemote and a token, and asks for it", async () => {
    const shared = await startTestDaemon({
      tcp: { host: "0.0.0.0", port: 0 },
      allowRemote: true,
      authToken: TOKEN,
    });
    try {
      expect((await fetch(`${shared.url}/api/stats`)).status).toBe(401);
      expect((await fetch(`${shared.url}/api/stats`, { headers: BEARER })).status).toBe(200);
    } finally {
      await shared.close();
    }
  });
});
