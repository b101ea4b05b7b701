/**
 * The testing library against a shared sandbox (started with a token): the handle sends the
 * token with its API calls and its live stream; without it, a clear error.
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { datagram, requestSegment } from "../test/support/segments.ts";
import { sendDatagrams } from "../test/support/udp.ts";
import { SandboxApiError } from "./errors.ts";
import { connectSandbox } from "./sandbox-client.ts";
import { type Sandbox, startSandbox } from "./start-sandbox.ts";

const TOKEN = "testing-library-token-4c1d88";

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ token: TOKEN });
});
afterAll(() => sandbox.close());

describe("a sandbox started with a token", () => {
  it("asks for it on its API: a plain fetch gets 401", async () => {
    expect((await fetch(`${sandbox.url}/api/stats`)).status).toBe(401);
  });

  it("is queried and waited on through its handle, which sends the token", async () => {
    const segment = requestSegment({ path: "/shared-handle", status: 200 });
    await sendDatagrams(sandbox.udpAddress, [datagram(segment)]);
    const trace = await sandbox.waitForTrace('http.url CONTAINS "/shared-handle"', {
      timeout: 10_000,
    });
    expect(trace.id).toBe(segment.trace_id);
    expect((await sandbox.stats()).traces).toBeGreaterThan(0);
  });
});

describe("connectSandbox to a shared sandbox", () => {
  it("with { token }: queries and live waits work", async () => {
    const client = await connectSandbox(sandbox.url, { token: TOKEN });
    try {
      const segment = requestSegment({ path: "/shared-connect", status: 200 });
      const waiting = client.waitForTrace('http.url CONTAINS "/shared-connect"', {
        timeout: 10_000,
      });
      await sendDatagrams(sandbox.udpAddress, [datagram(segment)]);
      expect((await waiting).id).toBe(segment.trace_id);
    } finally {
      await client.close();
    }
  });

  it("without a token: SandboxApiError 401 that says to pass one", async () => {
    const error = await connectSandbox(sandbox.url).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SandboxApiError);
    expect(error).toMatchObject({ status: 401, apiCode: "AUTH_REQUIRED" });
    expect((error as SandboxApiError).message).toContain("connectSandbox(url, { token })");
  });

  it("with a wrong token: SandboxApiError 401 that says the token is wrong", async () => {
    const error = await connectSandbox(sandbox.url, { token: "wrong-token-0123456789" }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ status: 401, apiCode: "AUTH_INVALID" });
    expect((error as SandboxApiError).message).toContain("is not this sandbox's");
  });
});
