import type { SandboxAddresses } from "./sandbox-address.ts";

/** The environment that points an X-Ray SDK or an OpenTelemetry SDK (or ADOT) at a sandbox. */
export interface ServiceEnv {
  /** X-Ray SDKs: the UDP address for segments, and the HTTP one for sampling requests. */
  readonly AWS_XRAY_DAEMON_ADDRESS: string;
  /** OTLP exporters: the daemon's HTTP origin, which takes `POST /v1/traces`. */
  readonly OTEL_EXPORTER_OTLP_ENDPOINT: string;
  readonly OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf";
  /** ADOT's X-Ray remote sampler, which fetches the sandbox's sampling rules. */
  readonly OTEL_TRACES_SAMPLER: "xray";
  /** The sampler's endpoint, and its rule polling interval at ADOT's minimum (10 s). */
  readonly OTEL_TRACES_SAMPLER_ARG: string;
}

/** `url` is the daemon's HTTP origin (`http://host:port`, no path). */
export function serviceEnv(url: string, addresses: SandboxAddresses): ServiceEnv {
  const origin = new URL(url).origin;
  return {
    AWS_XRAY_DAEMON_ADDRESS: addresses.sdkAddress,
    OTEL_EXPORTER_OTLP_ENDPOINT: origin,
    OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf",
    OTEL_TRACES_SAMPLER: "xray",
    OTEL_TRACES_SAMPLER_ARG: `endpoint=${origin},polling_interval=10`,
  };
}
