import { describe, expect, it } from "vitest";
import { DEFAULT_PORT, readBackendConfig } from "./env-config.ts";

describe("readBackendConfig", () => {
  it("defaults to port 4567 on loopback and a free port for the downstream", () => {
    expect(readBackendConfig({})).toEqual({
      ok: true,
      config: { host: "127.0.0.1", port: DEFAULT_PORT, downstreamPort: 0 },
    });
  });

  it("reads PORT, DOWNSTREAM_PORT and HOST", () => {
    expect(readBackendConfig({ PORT: "0", DOWNSTREAM_PORT: "4568", HOST: "0.0.0.0" })).toEqual({
      ok: true,
      config: { host: "0.0.0.0", port: 0, downstreamPort: 4568 },
    });
  });

  it("reads NOTIFICATIONS_URL, a notifications service already running", () => {
    expect(readBackendConfig({ NOTIFICATIONS_URL: "http://127.0.0.1:4568/" })).toEqual({
      ok: true,
      config: {
        host: "127.0.0.1",
        port: DEFAULT_PORT,
        downstreamPort: 0,
        notificationsUrl: "http://127.0.0.1:4568",
      },
    });
    expect(readBackendConfig({ NOTIFICATIONS_URL: "127.0.0.1:4568" })).toEqual({
      ok: false,
      message: 'NOTIFICATIONS_URL="127.0.0.1:4568" is not an http:// or https:// URL',
    });
  });

  it("names the variable when a port is not one", () => {
    expect(readBackendConfig({ PORT: "80a" })).toEqual({
      ok: false,
      message: 'PORT="80a" is not a port (0-65535)',
    });
    expect(readBackendConfig({ DOWNSTREAM_PORT: "70000" })).toEqual({
      ok: false,
      message: 'DOWNSTREAM_PORT="70000" is not a port (0-65535)',
    });
  });
});
