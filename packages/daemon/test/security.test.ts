import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Daemon } from "../src/daemon.ts";
import { startTestDaemon } from "./support/daemon.ts";
import { openLive, rawRequest, refusedUpgrade } from "./support/live.ts";

const DEV_SERVER = "http://localhost:5173";
let daemon: Daemon;
let ownHost: string;
/** A stand-in viewer build, for the whole file. */
const viewerDir = mkdtempSync(join(tmpdir(), "xray-sandbox-viewer-"));

beforeAll(async () => {
  mkdirSync(join(viewerDir, "assets"));
  writeFileSync(join(viewerDir, "index.html"), "<!doctype html><title>viewer</title>");
  writeFileSync(join(viewerDir, "assets", "app-1234.js"), "export {};");
  daemon = await startTestDaemon({
    allowOrigins: [DEV_SERVER],
    allowHosts: ["xray-sandbox"],
    viewerDir,
  });
  ownHost = `127.0.0.1:${daemon.httpAddress.port}`;
});

afterAll(async () => {
  await daemon.close();
  rmSync(viewerDir, { recursive: true, force: true });
});

function errorOf(body: unknown): { code: string; message: string } {
  return (body as { error: { code: string; message: string } }).error;
}

describe("a request from another web page (Origin)", () => {
  it("is refused on the HTTP API with a 403 naming the origin and the flag", async () => {
    const response = await rawRequest(daemon.url, "/api/stats", {
      headers: { host: ownHost, origin: "http://attacker.example" },
    });
    expect(response.status).toBe(403);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    const error = errorOf(JSON.parse(response.body));
    expect(error.code).toBe("FORBIDDEN_ORIGIN");
    expect(error.message).toContain("http://attacker.example");
    expect(error.message).toContain("--allow-origin http://attacker.example");
  });

  it("is refused on the live WebSocket", async () => {
    const refused = await refusedUpgrade(daemon.url, { origin: "http://attacker.example" });
    expect(refused.status).toBe(403);
    expect(errorOf(refused.body)).toMatchObject({ code: "FORBIDDEN_ORIGIN" });
  });

  it("is refused on the X-Ray API, in the X-Ray API's error shape", async () => {
    const response = await rawRequest(daemon.url, "/DeleteGroup", {
      method: "POST",
      headers: { host: ownHost, origin: "http://attacker.example", "content-type": "text/plain" },
    });
    expect(response.status).toBe(403);
    expect(response.headers["x-amzn-errortype"]).toBe("AccessDeniedException");
    expect(JSON.parse(response.body)).toMatchObject({
      message: expect.stringContaining("http://attacker.example"),
    });
  });

  it("passes from an --allow-origin origin, on HTTP and on the WebSocket", async () => {
    const response = await rawRequest(daemon.url, "/api/stats", {
      headers: { host: ownHost, origin: DEV_SERVER },
    });
    expect(response.status).toBe(200);
    const client = await openLive(daemon.url, { origin: DEV_SERVER });
    expect((await client.next()).type).toBe("hello");
    await client.close();
  });

  it("passes from the sandbox's own pages", async () => {
    const response = await rawRequest(daemon.url, "/api/health", {
      headers: { host: ownHost, origin: `http://${ownHost}` },
    });
    expect(response.status).toBe(200);
    const client = await openLive(daemon.url, { origin: `http://${ownHost}` });
    expect((await client.next()).type).toBe("hello");
    await client.close();
  });
});

describe("a request under a name that is not the sandbox's (Host, DNS rebinding)", () => {
  const rebound = () => `attacker.example:${daemon.httpAddress.port}`;

  it.each([
    ["the HTTP API", "GET", "/api/stats"],
    ["the viewer", "GET", "/"],
    ["sampling", "POST", "/GetSamplingRules"],
  ])("is refused on %s", async (_, method, path) => {
    const response = await rawRequest(daemon.url, path, { method, headers: { host: rebound() } });
    expect(response.status).toBe(403);
    expect(response.body).toContain("--allow-host attacker.example");
  });

  it("is refused on the live WebSocket", async () => {
    const refused = await refusedUpgrade(daemon.url, { headers: { host: rebound() } });
    expect(refused.status).toBe(403);
    expect(errorOf(refused.body)).toMatchObject({ code: "FORBIDDEN_HOST" });
  });

  it("passes for an --allow-host name", async () => {
    const response = await rawRequest(daemon.url, "/api/health", {
      headers: { host: `xray-sandbox:${daemon.httpAddress.port}` },
    });
    expect(response.status).toBe(200);
  });
});

/** Sends `request` as written on a new connection; resolves with everything the server said. */
function rawExchange(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(daemon.httpAddress.port, "127.0.0.1", () => socket.write(request));
    let received = "";
    socket.setEncoding("utf8");
    socket.on("data", (text: string) => {
      received += text;
    });
    socket.on("end", () => resolve(received));
    socket.on("error", reject);
  });
}

describe("a request without Host", () => {
  it("passes over HTTP/1.0, where Host is optional and which no browser sends", async () => {
    const answer = await rawExchange("GET /api/health HTTP/1.0\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).toContain('"status":"ok"');
    expect(answer.toLowerCase()).toContain("x-frame-options: deny");
  });

  it("is refused over HTTP/1.1, which requires Host, with a 400 that says so", async () => {
    const answer = await rawExchange("GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer.toLowerCase()).toContain("x-frame-options: deny");
    const body = JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4)) as unknown;
    expect(errorOf(body)).toEqual({
      code: "MISSING_HOST",
      message:
        "an HTTP/1.1 request must name the host it is for in a Host header (curl and every HTTP client send one); HTTP/1.0 requests may leave it out",
    });
  });
});

describe("a request without Origin, as curl, SDKs and the AWS clients send", () => {
  it("passes", async () => {
    const response = await rawRequest(daemon.url, "/api/stats", { headers: { host: ownHost } });
    expect(response.status).toBe(200);
    const sampling = await rawRequest(daemon.url, "/GetSamplingRules", {
      method: "POST",
      headers: { host: `localhost:${daemon.httpAddress.port}` },
    });
    expect(sampling.status).toBe(200);
  });

  it("opens the live WebSocket", async () => {
    const client = await openLive(daemon.url);
    expect((await client.next()).type).toBe("hello");
    await client.close();
  });
});

it("answers a WebSocket upgrade anywhere but /api/live with 404", async () => {
  const refused = await refusedUpgrade(daemon.url, {}, "/api/stats");
  expect(refused.status).toBe(404);
  expect(errorOf(refused.body)).toMatchObject({ code: "NOT_FOUND" });
});

describe("every response", () => {
  const SECURITY_HEADERS = {
    "content-security-policy": expect.stringContaining("frame-ancestors 'none'"),
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
  };
  const own = () => ({ host: ownHost });

  it.each([
    ["the viewer page", "GET", "/", {}, 200],
    ["a deep link", "GET", "/traces/1-6b080246-96730d51abf3c08e1122f59e", {}, 200],
    ["a viewer asset", "GET", "/assets/app-1234.js", {}, 200],
    ["a missing asset", "GET", "/assets/gone.js", {}, 404],
    ["the API", "GET", "/api/stats", {}, 200],
    ["an unknown API path", "GET", "/api/nothing", {}, 404],
    ["a bad API request", "GET", "/api/traces?limit=0", {}, 400],
    ["a refused origin", "GET", "/api/stats", { origin: "http://attacker.example" }, 403],
    ["the X-Ray API", "POST", "/GetSamplingRules", {}, 200],
    ["an X-Ray API error", "POST", "/TraceSummaries", {}, 400],
    ["an unknown X-Ray operation", "POST", "/NoSuchThing", {}, 404],
  ] as const)("carries the security headers: %s", async (_, method, path, headers, status) => {
    const response = await rawRequest(daemon.url, path, {
      method,
      headers: { ...own(), ...headers },
    });
    expect(response.status).toBe(status);
    expect(response.headers).toMatchObject(SECURITY_HEADERS);
  });

  it("carries them on a refused WebSocket upgrade", async () => {
    const refused = await refusedUpgrade(daemon.url, { origin: "http://attacker.example" });
    expect(refused.status).toBe(403);
    expect(refused.headers).toMatchObject(SECURITY_HEADERS);
  });

  it("forbids framing and everything the built viewer does not need", async () => {
    const { headers } = await rawRequest(daemon.url, "/", { headers: own() });
    const policy = String(headers["content-security-policy"]).split("; ");
    expect(policy).toEqual(
      expect.arrayContaining([
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
      ]),
    );
  });
});
