import { describe, expect, it } from "vitest";
import { readOtelConfig } from "./otel-config.ts";

describe("readOtelConfig", () => {
  it("defaults to sample-backend-otel and the sandbox's main port", () => {
    expect(readOtelConfig({})).toEqual({
      ok: true,
      config: {
        serviceName: "sample-backend-otel",
        tracesUrl: "http://127.0.0.1:2000/v1/traces",
      },
    });
  });

  it("appends /v1/traces to OTEL_EXPORTER_OTLP_ENDPOINT and takes the traces endpoint as it is", () => {
    expect(readOtelConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:2100/" })).toMatchObject(
      { config: { tracesUrl: "http://127.0.0.1:2100/v1/traces" } },
    );
    expect(
      readOtelConfig({
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:2100",
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://127.0.0.1:4318/v1/traces",
        OTEL_SERVICE_NAME: "feed",
      }),
    ).toEqual({
      ok: true,
      config: { serviceName: "feed", tracesUrl: "http://127.0.0.1:4318/v1/traces" },
    });
  });

  it("names the variable that is not an http URL", () => {
    expect(readOtelConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "127.0.0.1:2000" })).toEqual({
      ok: false,
      message: 'OTEL_EXPORTER_OTLP_ENDPOINT="127.0.0.1:2000" is not an http:// or https:// URL',
    });
  });
});
