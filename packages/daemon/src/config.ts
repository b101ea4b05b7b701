/**
 * The daemon's settings, and the checks that turn user input (flags, programmatic options)
 * into them. Parsers return result values; nothing here throws on bad input.
 */

import { isIP } from "node:net";
import { DEFAULT_UNSAMPLED_BOUNDS } from "@xray-sandbox/segments";
import { parseAuthToken } from "./auth/auth-token.ts";
import { checkRemoteAccess, OPTION_NAMES } from "./auth/remote-access.ts";
import { InvalidConfigError } from "./errors.ts";
import { parseForwardTarget } from "./forward/forward-target.ts";
import { normalizeOrigin, parseHostAndPort } from "./http/host-names.ts";
import { VIEWER_DIR } from "./layout.ts";
import type { SamplingRuleInput } from "./sampling/sampling-rule.ts";
import { checkSamplingRuleList } from "./sampling/sampling-rule-list.ts";

export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The real X-Ray daemon's `--log-level` values, so its command lines keep working. */
const REAL_DAEMON_LOG_LEVELS: Readonly<Record<string, LogLevel>> = {
  dev: "trace",
  prod: "info",
};

export interface HostPort {
  readonly host: string;
  /** 0 asks the system for a free port. */
  readonly port: number;
}

export interface DaemonConfig {
  /** Where segment datagrams arrive. */
  readonly udp: HostPort;
  /** Where the HTTP server (API, sampling, viewer) listens. */
  readonly tcp: HostPort;
  readonly logLevel: LogLevel;
  /**
   * Traces kept in memory; the oldest are evicted beyond this. Unsampled traces are not
   * counted here: they have `unsampledMaxTraces`.
   */
  readonly maxTraces: number;
  /** Bytes of documents kept in memory; the oldest traces are evicted beyond this. */
  readonly maxBytes: number;
  /**
   * Store the spans of ADOT's `T1U` (unsampled) datagrams too (`--keep-unsampled`); off,
   * they are counted in `otlp.unsampled` only.
   */
  readonly keepUnsampled: boolean;
  /**
   * Unsampled traces (every document from an unsampled span) kept, under their own bound:
   * the oldest unsampled trace is evicted beyond this, never a sampled one.
   * `--unsampled-max-traces`.
   */
  readonly unsampledMaxTraces: number;
  /** Bytes of documents of unsampled traces kept. `--unsampled-max-bytes`. */
  readonly unsampledMaxBytes: number;
  /** Rejected datagrams kept for inspection (counts by reason are kept regardless). */
  readonly maxRejected: number;
  /**
   * Sampling rules served besides `Default` (which a rule named `Default` here adjusts);
   * `--sampling-rules FILE` fills this. Checked as X-Ray checks rules.
   */
  readonly samplingRules?: readonly SamplingRuleInput[];
  /**
   * Web page origins (`scheme://host[:port]`) besides the sandbox's own that may call
   * `/api/*` and open the live WebSocket, e.g. the Vite dev server. `--allow-origin`.
   */
  readonly allowOrigins: readonly string[];
  /**
   * Host names (`NAME` for any port, or `NAME:PORT`) the sandbox answers to besides loopback
   * names and its bind host, e.g. a compose service name. `--allow-host`.
   */
  readonly allowHosts: readonly string[];
  /** The built viewer served at `/`. `--viewer-dir`. */
  readonly viewerDir: string;
  /**
   * Where accepted documents are kept across restarts (`--data-dir`); absent: in memory
   * only (the default here; the CLI defaults to `./.xray-sandbox`).
   */
  readonly dataDir?: string;
  /** Traces whose newest document is older than this (ms) are not kept across restarts. */
  readonly maxAgeMs?: number;
  /** Another X-Ray daemon that gets a copy of every datagram (`--forward udp:HOST:PORT`). */
  readonly forward?: HostPort;
  /**
   * Forward targets as `--forward` takes them (repeatable): `udp:HOST:PORT` for a copy of
   * every datagram, `otlp-http://HOST:PORT[/path]` or `otlp-grpc://HOST:PORT` for every
   * stored document as OTLP spans. `forward`, when given too, is one more udp target.
   */
  readonly forwardTo?: readonly string[];
  /**
   * OTLP/HTTP (`/v1/traces`) on a port of its own besides the main HTTP port (`--otlp-http`);
   * absent: off (the CLI defaults to `localhost:4318`). Host `localhost` binds 127.0.0.1
   * and ::1.
   */
  readonly otlpHttp?: HostPort;
  /** OTLP/gRPC (`--otlp-grpc`); absent: off (the CLI defaults to `localhost:4317`). */
  readonly otlpGrpc?: HostPort;
  /** Every span attribute becomes an annotation (`--otlp-index-all-attributes`). */
  readonly otlpIndexAllAttributes: boolean;
  /**
   * Shared service mode: the token every data route (`/api/*` but health, the X-Ray query
   * API, the live stream) asks for, as `Authorization: Bearer`, `X-Sandbox-Token` or the
   * viewer's session cookie. Never asked of ingest (UDP, PutTraceSegments, sampling,
   * PutTelemetryRecords, OTLP) or `/api/health`. `--auth-token`, `--auth-token-file`,
   * `XRAY_SANDBOX_AUTH_TOKEN`; absent: no token asked.
   */
  readonly authToken?: string;
  /** `tcp` may be an address other machines reach, with `authToken` set. `--allow-remote`. */
  readonly allowRemote: boolean;
  /**
   * `tcp` may be an address other machines reach with no token: for a container whose port
   * is published on the host's loopback only. `--allow-remote-without-token`.
   */
  readonly allowRemoteWithoutToken: boolean;
}

export const MIB = 1024 * 1024;

/** The built viewer: in the package once built, `apps/viewer/dist` from the workspace. */
export const DEFAULT_VIEWER_DIR = VIEWER_DIR;

export const defaultConfig: DaemonConfig = Object.freeze({
  udp: Object.freeze({ host: "127.0.0.1", port: 2000 }),
  tcp: Object.freeze({ host: "127.0.0.1", port: 2000 }),
  logLevel: "info",
  maxTraces: 10_000,
  maxBytes: 256 * MIB,
  keepUnsampled: false,
  unsampledMaxTraces: DEFAULT_UNSAMPLED_BOUNDS.maxTraces,
  unsampledMaxBytes: DEFAULT_UNSAMPLED_BOUNDS.maxBytes,
  maxRejected: 200,
  allowOrigins: Object.freeze([]),
  allowHosts: Object.freeze([]),
  viewerDir: DEFAULT_VIEWER_DIR,
  otlpIndexAllAttributes: false,
  allowRemote: false,
  allowRemoteWithoutToken: false,
});

/** Where the CLI listens for OTLP unless told otherwise: OTel exporters' default ports. */
export const DEFAULT_OTLP_HTTP: HostPort = Object.freeze({ host: "localhost", port: 4318 });
export const DEFAULT_OTLP_GRPC: HostPort = Object.freeze({ host: "localhost", port: 4317 });

/** `off`, `PORT` (on localhost), or `HOST:PORT`. */
export function parseListenAddress(text: string, setting: string): Parsed<HostPort | undefined> {
  if (text === "off") return ok(undefined);
  if (DIGITS.test(text)) return parseAddress(`localhost:${text}`, setting);
  return parseAddress(text, setting);
}

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: InvalidConfigError };

function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

function fail<T>(setting: string, message: string): Parsed<T> {
  return { ok: false, error: new InvalidConfigError(setting, message) };
}

const HOST_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/;
const DIGITS = /^\d+$/;

/** `HOST:PORT`, `[IPv6]:PORT`. */
export function parseAddress(text: string, setting = "--bind"): Parsed<HostPort> {
  const shape = `${JSON.stringify(text)} is not HOST:PORT`;
  let host: string;
  let portText: string;
  if (text.startsWith("[")) {
    const close = text.indexOf("]");
    if (close === -1 || text[close + 1] !== ":") return fail(setting, `${shape} (e.g. [::1]:2000)`);
    host = text.slice(1, close);
    portText = text.slice(close + 2);
    if (isIP(host) !== 6) return fail(setting, `${JSON.stringify(host)} is not an IPv6 address`);
  } else {
    const colon = text.lastIndexOf(":");
    if (colon === -1) return fail(setting, `${shape} (e.g. 127.0.0.1:2000)`);
    host = text.slice(0, colon);
    portText = text.slice(colon + 1);
    if (host.includes(":")) {
      return fail(setting, `${shape}; write IPv6 addresses in brackets, e.g. [::1]:2000`);
    }
    if (host === "") {
      return fail(setting, `${shape}: the host is missing (0.0.0.0 listens on all interfaces)`);
    }
    if (isIP(host) === 0 && !HOST_NAME.test(host)) {
      return fail(setting, `${JSON.stringify(host)} is not a host name or IP address`);
    }
  }
  if (!DIGITS.test(portText)) {
    return fail(setting, `${shape}: port ${JSON.stringify(portText)} is not a number`);
  }
  const port = Number(portText);
  if (port > 65_535) return fail(setting, `port ${port} is out of range (0-65535)`);
  return ok({ host, port });
}

export function parseLogLevel(text: string, setting = "--log-level"): Parsed<LogLevel> {
  const lower = text.toLowerCase();
  const level =
    LOG_LEVELS.find((candidate) => candidate === lower) ?? REAL_DAEMON_LOG_LEVELS[lower];
  if (level !== undefined) return ok(level);
  return fail(
    setting,
    `${JSON.stringify(text)} is not a log level (${LOG_LEVELS.join(", ")}; or the real daemon's dev, prod)`,
  );
}

const BYTE_UNITS: Readonly<Record<string, number>> = {
  "": 1,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  k: 1024,
  kib: 1024,
  m: MIB,
  mib: MIB,
  g: 1024 * MIB,
  gib: 1024 * MIB,
};
const BYTE_SIZE = /^(\d+(?:\.\d+)?)\s*([A-Za-z]*)$/;

/** Plain bytes or a size with a unit: `512MB` (10^6), `1GiB` (2^30), `64k` (2^10). */
export function parseByteSize(text: string, setting = "--max-bytes"): Parsed<number> {
  const match = BYTE_SIZE.exec(text.trim());
  const unit = match ? BYTE_UNITS[(match[2] ?? "").toLowerCase()] : undefined;
  if (!match || unit === undefined) {
    return fail(
      setting,
      `${JSON.stringify(text)} is not a size (bytes, or a number with KB, MB, GB, KiB, MiB, GiB)`,
    );
  }
  const bytes = Math.floor(Number(match[1]) * unit);
  if (bytes < 1 || !Number.isSafeInteger(bytes)) {
    return fail(setting, `${JSON.stringify(text)} is out of range`);
  }
  return ok(bytes);
}

/** `--allow-origin`: `scheme://host[:port]`, as browsers send it in `Origin`. */
export function parseAllowedOrigin(text: string, setting = "--allow-origin"): Parsed<string> {
  const origin = normalizeOrigin(text.trim());
  if (origin === undefined) {
    return fail(
      setting,
      `${JSON.stringify(text)} is not an origin: expected scheme://host[:port] with no path, e.g. http://localhost:5173`,
    );
  }
  return ok(origin);
}

/** `--allow-host`: `NAME` (any port) or `NAME:PORT`, as it appears in a `Host` header. */
export function parseAllowedHost(text: string, setting = "--allow-host"): Parsed<string> {
  const address = parseHostAndPort(text.trim());
  if (address === undefined) {
    return fail(
      setting,
      `${JSON.stringify(text)} is not a host name: expected NAME or NAME:PORT, e.g. xray or xray:2000`,
    );
  }
  return ok(address.port === undefined ? address.hostname : `${address.hostname}:${address.port}`);
}

/** A whole number of at least `min`. */
export function parseCount(text: string, setting: string, min: number): Parsed<number> {
  const trimmed = text.trim().replaceAll("_", "");
  if (!DIGITS.test(trimmed)) {
    return fail(setting, `${JSON.stringify(text)} is not a whole number`);
  }
  const value = Number(trimmed);
  if (!Number.isSafeInteger(value)) return fail(setting, `${text} is too large`);
  if (value < min) return fail(setting, `must be at least ${min}, got ${value}`);
  return ok(value);
}

function checkHostPort(value: unknown, setting: string): InvalidConfigError | undefined {
  if (typeof value !== "object" || value === null) {
    return new InvalidConfigError(setting, "expected { host, port }");
  }
  const { host, port } = value as Partial<HostPort>;
  if (typeof host !== "string" || host === "") {
    return new InvalidConfigError(setting, "host must be a non-empty string");
  }
  if (typeof port !== "number" || !Number.isInteger(port) || port < 0 || port > 65_535) {
    return new InvalidConfigError(setting, `port ${String(port)} is out of range (0-65535)`);
  }
  return undefined;
}

function checkCount(value: unknown, setting: string, min: number): InvalidConfigError | undefined {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    return new InvalidConfigError(
      setting,
      `must be a whole number of at least ${min}, got ${String(value)}`,
    );
  }
  return undefined;
}

function checkList(
  values: unknown,
  setting: string,
  parse: (text: string, setting: string) => Parsed<string>,
): InvalidConfigError | undefined {
  if (!Array.isArray(values)) return new InvalidConfigError(setting, "expected a list of strings");
  for (const value of values) {
    if (typeof value !== "string") {
      return new InvalidConfigError(setting, `expected strings, got ${String(value)}`);
    }
    const parsed = parse(value, setting);
    if (!parsed.ok) return parsed.error;
  }
  return undefined;
}

function checkSamplingRules(rules: unknown): InvalidConfigError | undefined {
  if (rules === undefined) return undefined;
  const checked = checkSamplingRuleList(rules);
  return checked.ok ? undefined : new InvalidConfigError("samplingRules", checked.message);
}

/** Fills in defaults and checks what a programmatic caller passed. */
export function resolveConfig(partial: Partial<DaemonConfig> = {}): Parsed<DaemonConfig> {
  const config: DaemonConfig = { ...defaultConfig, ...stripUndefined(partial) };
  const error =
    checkHostPort(config.udp, "udp") ??
    checkHostPort(config.tcp, "tcp") ??
    (LOG_LEVELS.includes(config.logLevel)
      ? undefined
      : new InvalidConfigError(
          "logLevel",
          `${JSON.stringify(config.logLevel)} is not a log level`,
        )) ??
    checkCount(config.maxTraces, "maxTraces", 1) ??
    checkCount(config.maxBytes, "maxBytes", 1) ??
    (typeof config.keepUnsampled === "boolean"
      ? undefined
      : new InvalidConfigError("keepUnsampled", "must be true or false")) ??
    checkCount(config.unsampledMaxTraces, "unsampledMaxTraces", 1) ??
    checkCount(config.unsampledMaxBytes, "unsampledMaxBytes", 1) ??
    checkCount(config.maxRejected, "maxRejected", 0) ??
    checkSamplingRules(config.samplingRules) ??
    checkList(config.allowOrigins, "allowOrigins", parseAllowedOrigin) ??
    checkList(config.allowHosts, "allowHosts", parseAllowedHost) ??
    (typeof config.viewerDir === "string" && config.viewerDir !== ""
      ? undefined
      : new InvalidConfigError("viewerDir", "must be a directory path")) ??
    (config.dataDir === undefined || (typeof config.dataDir === "string" && config.dataDir !== "")
      ? undefined
      : new InvalidConfigError("dataDir", "must be a directory path")) ??
    (config.maxAgeMs === undefined ? undefined : checkCount(config.maxAgeMs, "maxAgeMs", 1)) ??
    (config.forward === undefined ? undefined : checkHostPort(config.forward, "forward")) ??
    checkForwardTo(config.forwardTo) ??
    (config.otlpHttp === undefined ? undefined : checkHostPort(config.otlpHttp, "otlpHttp")) ??
    (config.otlpGrpc === undefined ? undefined : checkHostPort(config.otlpGrpc, "otlpGrpc")) ??
    (typeof config.otlpIndexAllAttributes === "boolean"
      ? undefined
      : new InvalidConfigError("otlpIndexAllAttributes", "must be true or false")) ??
    checkSharing(config);
  if (error) return { ok: false, error };
  return ok({
    ...config,
    udp: { host: config.udp.host, port: config.udp.port },
    tcp: { host: config.tcp.host, port: config.tcp.port },
    ...(config.forward
      ? { forward: { host: config.forward.host, port: config.forward.port } }
      : {}),
    allowOrigins: config.allowOrigins.map((text) => parsedValue(parseAllowedOrigin(text), text)),
    allowHosts: config.allowHosts.map((text) => parsedValue(parseAllowedHost(text), text)),
  });
}

function checkSharing(config: DaemonConfig): InvalidConfigError | undefined {
  for (const key of ["allowRemote", "allowRemoteWithoutToken"] as const) {
    if (typeof config[key] !== "boolean")
      return new InvalidConfigError(key, "must be true or false");
  }
  if (config.authToken !== undefined) {
    if (typeof config.authToken !== "string") {
      return new InvalidConfigError("authToken", "must be a string");
    }
    const token = parseAuthToken(config.authToken, "authToken");
    if (!token.ok) return token.error;
  }
  return checkRemoteAccess(
    {
      tcpHost: config.tcp.host,
      allowRemote: config.allowRemote,
      allowRemoteWithoutToken: config.allowRemoteWithoutToken,
      authToken: config.authToken,
    },
    OPTION_NAMES,
  );
}

function checkForwardTo(targets: unknown): InvalidConfigError | undefined {
  if (targets === undefined) return undefined;
  if (!Array.isArray(targets)) {
    return new InvalidConfigError("forwardTo", "must be a list of forward targets");
  }
  for (const target of targets) {
    if (typeof target !== "string") {
      return new InvalidConfigError("forwardTo", `${JSON.stringify(target)} is not a string`);
    }
    const parsed = parseForwardTarget(target, "forwardTo");
    if (!parsed.ok) return parsed.error;
  }
  return undefined;
}

function parsedValue(parsed: Parsed<string>, text: string): string {
  return parsed.ok ? parsed.value : text;
}

function stripUndefined(partial: Partial<DaemonConfig>): Partial<DaemonConfig> {
  return Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined));
}
