import { describe, expect, it } from "vitest";
import { formatForwardTarget, isOwnAddress, parseForwardTarget } from "./forward-target.ts";

function udp(host: string, port: number) {
  return { protocol: "udp", address: { host, port } };
}

describe("parseForwardTarget", () => {
  it.each([
    ["udp:127.0.0.1:2000", udp("127.0.0.1", 2000)],
    ["UDP:xray-daemon:2000", udp("xray-daemon", 2000)],
    ["udp:[::1]:2001", udp("::1", 2001)],
    ["collector:2000", udp("collector", 2000)],
    [
      "otlp-http://collector:4318",
      { protocol: "otlp-http", address: { host: "collector", port: 4318 }, path: "/v1/traces" },
    ],
    [
      "OTLP-HTTP://[::1]:4318/",
      { protocol: "otlp-http", address: { host: "::1", port: 4318 }, path: "/v1/traces" },
    ],
    [
      "otlp-http://tempo:4318/otlp/v1/traces",
      { protocol: "otlp-http", address: { host: "tempo", port: 4318 }, path: "/otlp/v1/traces" },
    ],
    ["otlp-grpc://jaeger:4317", { protocol: "otlp-grpc", address: { host: "jaeger", port: 4317 } }],
  ])("reads %s", (text, target) => {
    expect(parseForwardTarget(text)).toEqual({ ok: true, value: target });
  });

  it.each([
    ["udp:127.0.0.1:2000"],
    ["otlp-http://collector:4318/v1/traces"],
    ["otlp-http://collector:4318/custom"],
    ["otlp-grpc://collector:4317"],
  ])("writes %s back as it was given", (text) => {
    const parsed = parseForwardTarget(text);
    expect(parsed.ok && formatForwardTarget(parsed.value)).toBe(text);
  });

  it.each([
    [
      "tcp:127.0.0.1:2000",
      /^--forward: "tcp:127\.0\.0\.1:2000": tcp: is not a forward protocol; use udp:/,
    ],
    ["otlp-http:collector:4318", /write otlp-http:\/\/HOST:PORT/],
    ["otlp-http://collector", /is not HOST:PORT/],
    ["otlp-grpc://collector:4317/v1/traces", /otlp-grpc:\/\/ takes no path/],
    ["otlp-http://collector:4318/a b", /is not a URL path/],
    ["otlp-http://collector:99999", /out of range/],
  ])("refuses %s, saying why", (text, why) => {
    const parsed = parseForwardTarget(text);
    expect(parsed.ok ? "" : parsed.error.message).toMatch(why);
  });

  it("refuses an address without a port", () => {
    expect(parseForwardTarget("udp:collector").ok).toBe(false);
  });
});

describe("isOwnAddress", () => {
  const bound = { host: "127.0.0.1", port: 2000 };

  it.each([
    [{ host: "127.0.0.1", port: 2000 }, bound, true],
    [{ host: "localhost", port: 2000 }, bound, true],
    [{ host: "127.0.0.1", port: 2000 }, { host: "0.0.0.0", port: 2000 }, true],
    [{ host: "127.0.0.1", port: 2001 }, bound, false],
    [{ host: "xray.internal", port: 2000 }, bound, false],
  ])("%j to a daemon bound at %j: %s", (target, at, own) => {
    expect(isOwnAddress(target, at)).toBe(own);
  });
});
