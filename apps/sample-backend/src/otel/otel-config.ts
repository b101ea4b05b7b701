/** Where the OpenTelemetry flavour sends its spans, and under which service name. */

export const OTEL_SERVICE_NAME = "sample-backend-otel";
/** The sandbox daemon's usual HTTP port, which serves `POST /v1/traces` too. */
export const DEFAULT_TRACES_URL = "http://127.0.0.1:2000/v1/traces";

export interface OtelConfig {
  /** `service.name` on the resource: the segment name in X-Ray. */
  readonly serviceName: string;
  /** The OTLP/HTTP (protobuf) endpoint, `…/v1/traces`. */
  readonly tracesUrl: string;
}

export type OtelConfigResult =
  | { readonly ok: true; readonly config: OtelConfig }
  | { readonly ok: false; readonly message: string };

/**
 * The standard OpenTelemetry variables: `OTEL_SERVICE_NAME`, then
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (used as it is) or `OTEL_EXPORTER_OTLP_ENDPOINT`
 * (`/v1/traces` appended, as the specification says), else the sandbox on its usual port.
 */
export function readOtelConfig(env: NodeJS.ProcessEnv): OtelConfigResult {
  const serviceName = env.OTEL_SERVICE_NAME?.trim() || OTEL_SERVICE_NAME;
  const signal = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  let tracesUrl = DEFAULT_TRACES_URL;
  let variable = "";
  if (signal) {
    tracesUrl = signal;
    variable = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
  } else if (base) {
    tracesUrl = `${base.replace(/\/+$/, "")}/v1/traces`;
    variable = "OTEL_EXPORTER_OTLP_ENDPOINT";
  }
  if (variable !== "" && !isHttpUrl(tracesUrl)) {
    const given = variable === "OTEL_EXPORTER_OTLP_ENDPOINT" ? base : signal;
    return {
      ok: false,
      message: `${variable}=${JSON.stringify(given)} is not an http:// or https:// URL`,
    };
  }
  return { ok: true, config: { serviceName, tracesUrl } };
}

function isHttpUrl(text: string): boolean {
  return /^https?:\/\/[^/]/.test(text) && URL.canParse(text);
}
