import { describe, expect, it } from "vitest";
import { exportLine, sdkDaemonAddress } from "./sdk-address.ts";

describe("sdkDaemonAddress", () => {
  it.each([
    ["127.0.0.1:2000", "127.0.0.1:2000"],
    ["0.0.0.0:2000", "127.0.0.1:2000"],
    [":::2000", "127.0.0.1:2000"],
    ["[::]:2000", "127.0.0.1:2000"],
    ["::1:41234", "[::1]:41234"],
    ["[::1]:41234", "[::1]:41234"],
    ["192.168.1.5:2000", "192.168.1.5:2000"],
  ])("an SDK reaches a daemon bound to %s at %s", (bound, address) => {
    expect(sdkDaemonAddress(bound)).toBe(address);
  });

  it("gives one address when UDP and HTTP share the port", () => {
    const page = { hostname: "127.0.0.1", port: "2000", protocol: "http:" };
    expect(sdkDaemonAddress("127.0.0.1:2000", page)).toBe("127.0.0.1:2000");
  });

  it("names both when segments and sampling are on different ports", () => {
    const page = { hostname: "localhost", port: "32903", protocol: "http:" };
    expect(sdkDaemonAddress("127.0.0.1:40325", page)).toBe(
      "udp:127.0.0.1:40325 tcp:localhost:32903",
    );
  });
});

describe("exportLine", () => {
  it("quotes a value with a space for the shell", () => {
    expect(exportLine("127.0.0.1:2000")).toBe("export AWS_XRAY_DAEMON_ADDRESS=127.0.0.1:2000");
    expect(exportLine("udp:a:1 tcp:b:2")).toBe('export AWS_XRAY_DAEMON_ADDRESS="udp:a:1 tcp:b:2"');
  });
});
