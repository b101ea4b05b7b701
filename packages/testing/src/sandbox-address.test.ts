import { describe, expect, it } from "vitest";
import { sandboxAddresses } from "./sandbox-address.ts";

describe("sandboxAddresses", () => {
  it("gives one address when UDP and HTTP share host and port", () => {
    expect(sandboxAddresses("http://127.0.0.1:2000", "127.0.0.1:2000")).toEqual({
      udpAddress: "127.0.0.1:2000",
      sdkAddress: "127.0.0.1:2000",
    });
  });

  it("names both when they differ", () => {
    expect(sandboxAddresses("http://127.0.0.1:41000/", "127.0.0.1:45000")).toEqual({
      udpAddress: "127.0.0.1:45000",
      sdkAddress: "udp:127.0.0.1:45000 tcp:127.0.0.1:41000",
    });
  });

  it("reaches a daemon bound to every interface at the URL's host", () => {
    expect(sandboxAddresses("http://xray-sandbox:2000", "0.0.0.0:2000")).toEqual({
      udpAddress: "xray-sandbox:2000",
      sdkAddress: "xray-sandbox:2000",
    });
    expect(sandboxAddresses("http://[::1]:2000", "[::]:2001")).toEqual({
      udpAddress: "[::1]:2001",
      sdkAddress: "udp:[::1]:2001 tcp:[::1]:2000",
    });
  });
});
