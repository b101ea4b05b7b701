import { formatHostPort } from "../address.ts";
import { type HostPort, type Parsed, parseAddress } from "../config.ts";
import { InvalidConfigError } from "../errors.ts";

/**
 * Where `--forward` sends: raw datagrams to another X-Ray daemon (`udp:`), or every stored
 * document as OTLP spans to an OpenTelemetry collector or backend (`otlp-http://`,
 * `otlp-grpc://`).
 */
export type ForwardTarget =
  | { readonly protocol: "udp"; readonly address: HostPort }
  | { readonly protocol: "otlp-http"; readonly address: HostPort; readonly path: string }
  | { readonly protocol: "otlp-grpc"; readonly address: HostPort };

/** The OTLP/HTTP traces path when the target names none. */
export const DEFAULT_OTLP_HTTP_PATH = "/v1/traces";

const SCHEME = /^([a-z][a-z0-9+.-]*):(?!\d+$)/i;
const EXAMPLES = "udp:127.0.0.1:2000, otlp-http://127.0.0.1:4318 or otlp-grpc://127.0.0.1:4317";
const PATH = /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/;

function fail(setting: string, message: string): Parsed<ForwardTarget> {
  return { ok: false, error: new InvalidConfigError(setting, message) };
}

/**
 * `udp:HOST:PORT` (or `HOST:PORT`), `otlp-http://HOST:PORT[/path]` (path `/v1/traces` unless
 * given) or `otlp-grpc://HOST:PORT`.
 */
export function parseForwardTarget(text: string, setting = "--forward"): Parsed<ForwardTarget> {
  const trimmed = text.trim();
  const scheme = SCHEME.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === undefined || scheme === "udp") {
    const address = parseAddress(
      scheme === undefined ? trimmed : trimmed.slice(scheme.length + 1),
      setting,
    );
    return address.ok ? { ok: true, value: { protocol: "udp", address: address.value } } : address;
  }
  if (scheme !== "otlp-http" && scheme !== "otlp-grpc") {
    return fail(
      setting,
      `${JSON.stringify(text)}: ${scheme}: is not a forward protocol; use udp: (X-Ray daemons, the OTel awsxray receiver) or otlp-http:// / otlp-grpc:// (OpenTelemetry collectors and backends), e.g. ${EXAMPLES}`,
    );
  }
  const rest = trimmed.slice(scheme.length + 1);
  if (!rest.startsWith("//")) {
    return fail(setting, `${JSON.stringify(text)}: write ${scheme}://HOST:PORT, e.g. ${EXAMPLES}`);
  }
  const afterSlashes = rest.slice(2);
  const slash = afterSlashes.indexOf("/");
  const hostPort = slash === -1 ? afterSlashes : afterSlashes.slice(0, slash);
  const path = slash === -1 ? "" : afterSlashes.slice(slash);
  const address = parseAddress(hostPort, setting);
  if (!address.ok) return address;
  if (scheme === "otlp-grpc") {
    if (path !== "" && path !== "/") {
      return fail(
        setting,
        `${JSON.stringify(text)}: otlp-grpc:// takes no path (the service is TraceService/Export)`,
      );
    }
    return { ok: true, value: { protocol: "otlp-grpc", address: address.value } };
  }
  if (path !== "" && !PATH.test(path)) {
    return fail(setting, `${JSON.stringify(text)}: ${JSON.stringify(path)} is not a URL path`);
  }
  return {
    ok: true,
    value: {
      protocol: "otlp-http",
      address: address.value,
      path: path === "" || path === "/" ? DEFAULT_OTLP_HTTP_PATH : path,
    },
  };
}

/** The target as `--forward` takes it (and as `/api/stats` names it). */
export function formatForwardTarget(target: ForwardTarget): string {
  const address = formatHostPort(target.address);
  switch (target.protocol) {
    case "udp":
      return `udp:${address}`;
    case "otlp-grpc":
      return `otlp-grpc://${address}`;
    case "otlp-http":
      return `otlp-http://${address}${target.path}`;
  }
}

const LOOPBACK_OR_ANY = new Set(["localhost", "::1", "::", "0.0.0.0"]);

/** Whether sending to `target` could reach the daemon's own socket bound at `bound`. */
export function isOwnAddress(target: HostPort, bound: HostPort): boolean {
  if (target.port !== bound.port) return false;
  const local = (host: string) =>
    LOOPBACK_OR_ANY.has(host.toLowerCase()) || host.startsWith("127.");
  if (target.host === bound.host) return true;
  const boundToAll = bound.host === "0.0.0.0" || bound.host === "::";
  return local(target.host) && (boundToAll || local(bound.host));
}
