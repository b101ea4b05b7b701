import { describe, expect, it } from "vitest";
import { isOwnAddress, parseForwardTarget } from "./forward-target.ts";

describe("parseForwardTarget", () => {
  it.each([
    ["udp:127.0.0.1:2000", { host: "127.0.0.1", port: 2000 }],
    ["UDP:xray-daemon:2000", { host: "xray-daemon", port: 2000 }],
    ["udp:[::1]:2001", { host: "::1", port: 2001 }],
    ["collector:2000", { host: "collector", port: 2000 }],
  ])("reads %s", (text, target) => {
    expect(parseForwardTarget(text)).toEqual({ ok: true, value: target });
  });

  it("refuses other transports, saying which one works", () => {
    const parsed = parseForwardTarget("tcp:127.0.0.1:2000");
    expect(parsed.ok ? "" : parsed.error.message).toMatch(
      /^--forward: "tcp:127\.0\.0\.1:2000": only udp: is supported/,
    );
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
