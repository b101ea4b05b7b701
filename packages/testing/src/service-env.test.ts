import { describe, expect, it } from "vitest";
import { sandboxAddresses } from "./sandbox-address.ts";
import { serviceEnv } from "./service-env.ts";

describe("serviceEnv", () => {
  it("points the X-Ray SDK, the OTLP exporter and ADOT's sampler at the sandbox", () => {
    const url = "http://127.0.0.1:41000/";
    expect(serviceEnv(url, sandboxAddresses(url, "127.0.0.1:45000"))).toEqual({
      AWS_XRAY_DAEMON_ADDRESS: "udp:127.0.0.1:45000 tcp:127.0.0.1:41000",
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:41000",
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf",
      OTEL_TRACES_SAMPLER: "xray",
      OTEL_TRACES_SAMPLER_ARG: "endpoint=http://127.0.0.1:41000,polling_interval=10",
    });
  });

  it("keeps an IPv6 host in brackets in every URL", () => {
    const url = "http://[::1]:2000";
    const env = serviceEnv(url, sandboxAddresses(url, "[::]:2000"));
    expect(env.AWS_XRAY_DAEMON_ADDRESS).toBe("[::1]:2000");
    expect(env.OTEL_EXPORTER_OTLP_ENDPOINT).toBe("http://[::1]:2000");
    expect(env.OTEL_TRACES_SAMPLER_ARG).toBe("endpoint=http://[::1]:2000,polling_interval=10");
  });
});
