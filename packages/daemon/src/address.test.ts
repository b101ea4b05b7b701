import { describe, expect, it } from "vitest";
import { formatHostPort, httpUrl, sdkDaemonAddress } from "./address.ts";

describe("addresses shown to users", () => {
  it("brackets IPv6 hosts", () => {
    expect(formatHostPort({ host: "::1", port: 2000 })).toBe("[::1]:2000");
    expect(formatHostPort({ host: "127.0.0.1", port: 2000 })).toBe("127.0.0.1:2000");
  });

  it("gives a wildcard bind as the loopback address a client can reach", () => {
    expect(httpUrl({ host: "0.0.0.0", port: 8080 })).toBe("http://127.0.0.1:8080");
    expect(httpUrl({ host: "::", port: 8080 })).toBe("http://[::1]:8080");
  });

  it("uses one HOST:PORT for the SDK when UDP and TCP match, else the udp:/tcp: form", () => {
    const udp = { host: "127.0.0.1", port: 2000 };
    expect(sdkDaemonAddress(udp, { host: "127.0.0.1", port: 2000 })).toBe("127.0.0.1:2000");
    expect(sdkDaemonAddress(udp, { host: "127.0.0.1", port: 2001 })).toBe(
      "udp:127.0.0.1:2000 tcp:127.0.0.1:2001",
    );
  });
});
