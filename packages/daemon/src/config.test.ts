import { describe, expect, it } from "vitest";
import {
  DEFAULT_VIEWER_DIR,
  defaultConfig,
  parseAddress,
  parseAllowedHost,
  parseAllowedOrigin,
  parseByteSize,
  parseCount,
  parseLogLevel,
  resolveConfig,
} from "./config.ts";
import { InvalidConfigError } from "./errors.ts";

function errorOf<T>(parsed: { ok: true; value: T } | { ok: false; error: InvalidConfigError }) {
  if (parsed.ok) throw new Error(`expected a failure, got ${JSON.stringify(parsed.value)}`);
  return parsed.error;
}

describe("parseAddress", () => {
  it.each([
    ["127.0.0.1:2000", { host: "127.0.0.1", port: 2000 }],
    ["0.0.0.0:0", { host: "0.0.0.0", port: 0 }],
    ["localhost:65535", { host: "localhost", port: 65535 }],
    ["[::1]:2000", { host: "::1", port: 2000 }],
    ["[::]:0", { host: "::", port: 0 }],
  ])("reads %s", (text, expected) => {
    expect(parseAddress(text)).toEqual({ ok: true, value: expected });
  });

  it("names the flag and the input when the port is missing", () => {
    expect(errorOf(parseAddress("127.0.0.1", "--bind")).message).toBe(
      '--bind: "127.0.0.1" is not HOST:PORT (e.g. 127.0.0.1:2000)',
    );
  });

  it("rejects ports out of range", () => {
    expect(errorOf(parseAddress("127.0.0.1:65536", "--bind-tcp")).message).toBe(
      "--bind-tcp: port 65536 is out of range (0-65535)",
    );
  });

  it("rejects a port that is not a number", () => {
    expect(errorOf(parseAddress("127.0.0.1:http")).message).toContain(
      'port "http" is not a number',
    );
    expect(errorOf(parseAddress("127.0.0.1:-1")).message).toContain("is not a number");
  });

  it("asks for brackets around a bare IPv6 address", () => {
    expect(errorOf(parseAddress("::1:2000")).message).toContain("[::1]:2000");
  });

  it("rejects a bracketed host that is not IPv6", () => {
    expect(errorOf(parseAddress("[localhost]:2000")).message).toContain("is not an IPv6 address");
  });

  it("rejects a missing host and says how to listen everywhere", () => {
    expect(errorOf(parseAddress(":2000")).message).toContain("0.0.0.0");
  });

  it("carries the INVALID_CONFIG code", () => {
    const error = errorOf(parseAddress("nope"));
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect(error.code).toBe("INVALID_CONFIG");
    expect(error.setting).toBe("--bind");
  });
});

describe("parseLogLevel", () => {
  it("accepts pino levels and the real daemon's names", () => {
    expect(parseLogLevel("warn")).toEqual({ ok: true, value: "warn" });
    expect(parseLogLevel("DEBUG")).toEqual({ ok: true, value: "debug" });
    expect(parseLogLevel("dev")).toEqual({ ok: true, value: "trace" });
    expect(parseLogLevel("prod")).toEqual({ ok: true, value: "info" });
  });

  it("lists the valid levels when given another", () => {
    expect(errorOf(parseLogLevel("loud")).message).toMatch(
      /^--log-level: "loud" is not a log level \(trace, debug, info, warn, error, silent/,
    );
  });
});

describe("parseByteSize", () => {
  it.each([
    ["1048576", 1_048_576],
    ["512MB", 512_000_000],
    ["1GiB", 1024 ** 3],
    ["256 MiB", 256 * 1024 ** 2],
    ["64k", 64 * 1024],
    ["1.5GB", 1_500_000_000],
    ["2gib", 2 * 1024 ** 3],
  ])("reads %s", (text, bytes) => {
    expect(parseByteSize(text)).toEqual({ ok: true, value: bytes });
  });

  it.each(["", "lots", "12XB", "-5MB", "0", "0.1b"])("rejects %j", (text) => {
    expect(errorOf(parseByteSize(text)).message).toMatch(/^--max-bytes: /);
  });
});

describe("parseCount", () => {
  it("reads whole numbers, with _ as a separator", () => {
    expect(parseCount("10_000", "--max-traces", 1)).toEqual({ ok: true, value: 10_000 });
  });

  it("enforces the minimum", () => {
    expect(errorOf(parseCount("0", "--max-traces", 1)).message).toBe(
      "--max-traces: must be at least 1, got 0",
    );
    expect(parseCount("0", "--max-rejected", 0)).toEqual({ ok: true, value: 0 });
  });

  it("rejects fractions and words", () => {
    expect(errorOf(parseCount("2.5", "--max-traces", 1)).message).toContain("not a whole number");
    expect(errorOf(parseCount("many", "--max-traces", 1)).message).toContain("not a whole number");
  });
});

describe("resolveConfig", () => {
  it("fills in the defaults", () => {
    expect(resolveConfig({})).toEqual({ ok: true, value: defaultConfig });
    expect(defaultConfig).toMatchObject({
      udp: { host: "127.0.0.1", port: 2000 },
      tcp: { host: "127.0.0.1", port: 2000 },
      maxTraces: 10_000,
      maxBytes: 256 * 1024 * 1024,
      keepUnsampled: false,
      unsampledMaxTraces: 2_000,
      unsampledMaxBytes: 32 * 1024 * 1024,
      maxRejected: 200,
    });
  });

  it("keeps what the caller set and ignores undefined", () => {
    const resolved = resolveConfig({ maxTraces: 5, udp: { host: "::1", port: 0 }, tcp: undefined });
    expect(resolved).toEqual({
      ok: true,
      value: { ...defaultConfig, maxTraces: 5, udp: { host: "::1", port: 0 } },
    });
  });

  it("rejects values a caller without types could pass", () => {
    expect(errorOf(resolveConfig({ udp: { host: "127.0.0.1", port: 70_000 } })).message).toBe(
      "udp: port 70000 is out of range (0-65535)",
    );
    expect(errorOf(resolveConfig({ maxTraces: 0 })).setting).toBe("maxTraces");
    expect(errorOf(resolveConfig({ maxBytes: 1.5 })).setting).toBe("maxBytes");
    expect(errorOf(resolveConfig({ maxRejected: -1 })).setting).toBe("maxRejected");
    expect(errorOf(resolveConfig({ unsampledMaxTraces: 0 })).setting).toBe("unsampledMaxTraces");
    expect(errorOf(resolveConfig({ unsampledMaxBytes: Number.NaN })).setting).toBe(
      "unsampledMaxBytes",
    );
    expect(errorOf(resolveConfig({ keepUnsampled: "yes" as unknown as boolean })).message).toBe(
      "keepUnsampled: must be true or false",
    );
    expect(errorOf(resolveConfig({ logLevel: "loud" as unknown as "info" })).setting).toBe(
      "logLevel",
    );
  });
});

describe("parseAllowedOrigin", () => {
  it.each([
    ["http://localhost:5173", "http://localhost:5173"],
    ["HTTP://LocalHost:5173/", "http://localhost:5173"],
    ["https://viewer.example:443", "https://viewer.example"],
  ])("reads %s as %s", (text, origin) => {
    expect(parseAllowedOrigin(text)).toEqual({ ok: true, value: origin });
  });

  it.each(["localhost:5173", "http://localhost:5173/app", "file:///tmp", "null", ""])(
    "refuses %j",
    (text) => {
      expect(errorOf(parseAllowedOrigin(text)).setting).toBe("--allow-origin");
    },
  );
});

describe("parseAllowedHost", () => {
  it.each([
    ["xray", "xray"],
    ["Sandbox:2000", "sandbox:2000"],
    ["[::1]:2000", "[::1]:2000"],
  ])("reads %s as %s", (text, host) => {
    expect(parseAllowedHost(text)).toEqual({ ok: true, value: host });
  });

  it.each(["http://xray", "xray:port", "a b", ""])("refuses %j", (text) => {
    expect(errorOf(parseAllowedHost(text)).setting).toBe("--allow-host");
  });
});

describe("resolveConfig: who may call the sandbox, and the viewer", () => {
  it("allows no other origin or host by default and serves apps/viewer/dist", () => {
    expect(defaultConfig).toMatchObject({ allowOrigins: [], allowHosts: [] });
    expect(DEFAULT_VIEWER_DIR.replaceAll("\\", "/")).toMatch(/\/apps\/viewer\/dist$/);
  });

  it("normalises the lists and refuses what would never match", () => {
    expect(
      resolveConfig({ allowOrigins: ["http://LOCALHOST:5173/"], allowHosts: ["XRAY"] }),
    ).toMatchObject({
      ok: true,
      value: { allowOrigins: ["http://localhost:5173"], allowHosts: ["xray"] },
    });
    expect(errorOf(resolveConfig({ allowOrigins: ["localhost"] })).setting).toBe("allowOrigins");
    expect(errorOf(resolveConfig({ allowHosts: ["a/b"] })).setting).toBe("allowHosts");
    expect(errorOf(resolveConfig({ viewerDir: "" })).setting).toBe("viewerDir");
  });
});
