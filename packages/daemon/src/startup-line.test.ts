import { describe, expect, it } from "vitest";
import { defaultConfig, MIB } from "./config.ts";
import { otlpLine, startupLine } from "./startup-line.ts";

describe("startupLine", () => {
  it("shows one address for SDKs when both sockets share it", () => {
    expect(
      startupLine({
        udpAddress: { host: "127.0.0.1", port: 41234 },
        httpAddress: { host: "127.0.0.1", port: 41234 },
        receiveBufferBytes: 8 * 1024 * 1024,
        sdkAddress: "127.0.0.1:41234",
        viewer: { url: "http://127.0.0.1:41234/", dir: "/srv/viewer", built: true },
      }),
    ).toBe(
      "xray-sandbox listening: UDP 127.0.0.1:41234 (receive buffer 8.0 MiB), HTTP http://127.0.0.1:41234, viewer http://127.0.0.1:41234/  →  export AWS_XRAY_DAEMON_ADDRESS=127.0.0.1:41234",
    );
  });

  it("says when the viewer is not built and how to build it", () => {
    expect(
      startupLine({
        udpAddress: { host: "127.0.0.1", port: 2000 },
        httpAddress: { host: "127.0.0.1", port: 2000 },
        receiveBufferBytes: 8 * 1024 * 1024,
        sdkAddress: "127.0.0.1:2000",
        viewer: { url: "http://127.0.0.1:2000/", dir: "/srv/viewer", built: false },
      }),
    ).toContain("viewer http://127.0.0.1:2000/ (not built: pnpm build)  →  export");
  });

  it("quotes the udp:/tcp: form, which holds a space", () => {
    expect(
      startupLine({
        udpAddress: { host: "127.0.0.1", port: 1 },
        httpAddress: { host: "127.0.0.1", port: 2 },
        receiveBufferBytes: 212_992,
        sdkAddress: "udp:127.0.0.1:1 tcp:127.0.0.1:2",
        viewer: { url: "http://127.0.0.1:2/", dir: "/srv/viewer", built: true },
      }),
    ).toMatch(
      /receive buffer 208\.0 KiB.*AWS_XRAY_DAEMON_ADDRESS="udp:127\.0\.0\.1:1 tcp:127\.0\.0\.1:2"$/,
    );
  });
});

describe("otlpLine", () => {
  it("names every OTLP listener and the endpoint to export", () => {
    expect(
      otlpLine({
        url: "http://127.0.0.1:2000",
        otlp: { http: ["127.0.0.1:4318", "[::1]:4318"], grpc: ["127.0.0.1:4317"] },
        config: defaultConfig,
      }),
    ).toBe(
      "OpenTelemetry (OTLP): HTTP http://127.0.0.1:2000/v1/traces, 127.0.0.1:4318, [::1]:4318; gRPC 127.0.0.1:4317  →  export OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4318",
    );
  });

  it("points exporters at the main port when the OTLP ports are off or taken", () => {
    expect(
      otlpLine({
        url: "http://127.0.0.1:2000",
        otlp: { http: [], grpc: [] },
        config: defaultConfig,
      }),
    ).toBe(
      "OpenTelemetry (OTLP): HTTP http://127.0.0.1:2000/v1/traces; gRPC off  →  export OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:2000",
    );
  });

  it("says when unsampled spans are kept, and their bound", () => {
    expect(
      otlpLine({
        url: "http://127.0.0.1:2000",
        otlp: { http: [], grpc: [] },
        config: { keepUnsampled: true, unsampledMaxTraces: 500, unsampledMaxBytes: 8 * MIB },
      }),
    ).toBe(
      "OpenTelemetry (OTLP): HTTP http://127.0.0.1:2000/v1/traces; gRPC off; T1U (unsampled) spans kept, up to 500 traces and 8.0 MiB of their own  →  export OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:2000",
    );
  });
});
