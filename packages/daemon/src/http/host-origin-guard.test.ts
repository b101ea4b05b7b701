import { describe, expect, it } from "vitest";
import { HostOriginGuard } from "./host-origin-guard.ts";

function guard(overrides: Partial<ConstructorParameters<typeof HostOriginGuard>[0]> = {}) {
  return new HostOriginGuard({
    bindHost: "127.0.0.1",
    port: () => 2000,
    allowHosts: [],
    allowOrigins: [],
    ...overrides,
  });
}

describe("HostOriginGuard", () => {
  describe("Host", () => {
    it.each([
      "localhost:2000",
      "LOCALHOST:2000",
      "localhost.:2000",
      "127.0.0.1:2000",
      "127.1.2.3:2000",
      "127.1:2000",
      "[::1]:2000",
      "[0:0:0:0:0:0:0:1]:2000",
    ])("accepts the loopback name %s on the daemon's port", (host) => {
      expect(guard().check(host, undefined)).toEqual({ ok: true });
    });

    it.each([
      ["a rebinding name", "attacker.example:2000"],
      ["a loopback name on another port", "localhost:8080"],
      ["no port, which means 80", "localhost"],
      ["a name that only starts like loopback", "127.0.0.1.attacker.example:2000"],
      ["something that is not a Host at all", "localhost:2000/x"],
    ])("refuses %s", (_, host) => {
      const verdict = guard().check(host, undefined);
      expect(verdict).toMatchObject({ ok: false, code: "FORBIDDEN_HOST" });
    });

    it("names the addresses it answers to and the flag that adds one", () => {
      const verdict = guard().check("attacker.example:2000", undefined);
      expect(verdict.ok ? "" : verdict.message).toBe(
        'Host "attacker.example:2000" is not an address of this sandbox: it answers to localhost, 127.0.0.1, [::1] on port 2000, so that a web page cannot reach it under a name of its own (DNS rebinding). Start xray-sandbox with --allow-host attacker.example to accept this name (e.g. a container or compose service name).',
      );
    });

    it("accepts the bind host and --allow-host names, with any port or the one given", () => {
      const open = guard({ bindHost: "0.0.0.0", allowHosts: ["xray", "sandbox:3000"] });
      expect(open.check("0.0.0.0:2000", undefined).ok).toBe(true);
      expect(open.check("xray:2000", undefined).ok).toBe(true);
      expect(open.check("XRAY:4000", undefined).ok).toBe(true);
      expect(open.check("sandbox:3000", undefined).ok).toBe(true);
      expect(open.check("sandbox:2000", undefined).ok).toBe(false);
    });

    it("follows the port the server actually bound", () => {
      let port = 0;
      const late = guard({ port: () => port });
      port = 41_000;
      expect(late.check("127.0.0.1:41000", undefined).ok).toBe(true);
    });

    it("lets a request without Host through: no browser sends one", () => {
      expect(guard().check(undefined, undefined).ok).toBe(true);
    });
  });

  describe("Origin", () => {
    it("accepts the sandbox's own origin, as the Host names it", () => {
      expect(guard().check("127.0.0.1:2000", "http://127.0.0.1:2000").ok).toBe(true);
      expect(guard().check("localhost:2000", "http://localhost:2000").ok).toBe(true);
    });

    it.each([
      ["another site", "http://attacker.example"],
      ["another port on loopback", "http://127.0.0.1:5173"],
      ["https for the same address", "https://127.0.0.1:2000"],
      ["the same port under another loopback name", "http://localhost:2000"],
      ["an opaque origin", "null"],
    ])("refuses %s", (_, origin) => {
      expect(guard().check("127.0.0.1:2000", origin)).toMatchObject({
        ok: false,
        code: "FORBIDDEN_ORIGIN",
      });
    });

    it("names the origin and the flag that allows it", () => {
      const verdict = guard().check("127.0.0.1:2000", "http://localhost:5173");
      expect(verdict.ok ? "" : verdict.message).toBe(
        "requests from the web page at origin http://localhost:5173 are refused: only pages the sandbox serves itself may call it, so that other sites open in the browser cannot read its traces. To allow that page (e.g. a dev server), start xray-sandbox with --allow-origin http://localhost:5173.",
      );
    });

    it("accepts --allow-origin origins", () => {
      const dev = guard({ allowOrigins: ["http://localhost:5173"] });
      expect(dev.check("127.0.0.1:2000", "http://localhost:5173").ok).toBe(true);
      expect(dev.check("127.0.0.1:2000", "http://localhost:5174").ok).toBe(false);
    });

    it("checks Host first: an allowed origin does not open a rebinding name", () => {
      const dev = guard({ allowOrigins: ["http://attacker.example:2000"] });
      expect(dev.check("attacker.example:2000", "http://attacker.example:2000")).toMatchObject({
        ok: false,
        code: "FORBIDDEN_HOST",
      });
    });
  });
});
