/** The command line: flags to a validated config, or what to print and the exit code. */

import { resolve } from "node:path";
import { Command, CommanderError, Option } from "commander";
import { AUTH_TOKEN_ENV, parseAuthToken, readAuthTokenFile } from "./auth/auth-token.ts";
import { CLI_NAMES, checkRemoteAccess } from "./auth/remote-access.ts";
import {
  type DaemonConfig,
  DEFAULT_OTLP_GRPC,
  DEFAULT_OTLP_HTTP,
  defaultConfig,
  MIB,
  type Parsed,
  parseAddress,
  parseAllowedHost,
  parseAllowedOrigin,
  parseByteSize,
  parseCount,
  parseListenAddress,
  parseLogLevel,
} from "./config.ts";
import { InvalidConfigError } from "./errors.ts";
import type { LogFormat } from "./logger.ts";
import { DEFAULT_DATA_DIR, parseStorageFlags } from "./persistence/storage-options.ts";
import { loadSamplingRulesFile } from "./sampling/sampling-rules-file.ts";

export const PROGRAM = "xray-sandbox";

/** Exit codes: 0 done, 1 failed while running (port in use, ...), 2 bad command line. */
export const EXIT_OK = 0;
export const EXIT_RUNTIME = 1;
export const EXIT_USAGE = 2;

/** What a command line that only prints (help, version, a usage error) comes to. */
export interface ExitCommand {
  readonly kind: "exit";
  readonly code: number;
  readonly stdout: string;
  /** One line, when the command line was wrong. */
  readonly stderr: string;
}

export type CliCommand =
  | {
      readonly kind: "run";
      readonly config: DaemonConfig;
      readonly logFormat: LogFormat;
      /** Worth telling the user once the logger is up (e.g. a token file others may read). */
      readonly warnings: readonly string[];
    }
  | ExitCommand;

interface RawOptions {
  bind: string;
  bindTcp: string;
  logLevel: string;
  maxTraces: string;
  maxBytes: string;
  keepUnsampled?: boolean;
  unsampledMaxTraces: string;
  unsampledMaxBytes: string;
  maxRejected: string;
  logFormat?: LogFormat;
  samplingRules?: string;
  allowOrigin: string[];
  allowHost: string[];
  viewerDir?: string;
  dataDir?: string;
  inMemory?: boolean;
  maxAge?: string;
  forward: string[];
  otlpHttp: string;
  otlpGrpc: string;
  otlpIndexAllAttributes?: boolean;
  allowRemote?: boolean;
  allowRemoteWithoutToken?: boolean;
  authToken?: string;
  authTokenFile?: string;
}

export interface CliContext {
  readonly version: string;
  /** Whether stdout is a terminal: decides the default log format. */
  readonly isTTY: boolean;
  /** The environment, for `XRAY_SANDBOX_AUTH_TOKEN`; none read unless given. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * `XRAY_SANDBOX_FORWARD`: forward targets (comma- or space-separated) used when no
   * `--forward` is given, so a compose file can switch forwarding on from its environment.
   */
  readonly forwardFromEnv?: string | undefined;
}

/** The environment variable `CliContext.forwardFromEnv` is read from. */
export const FORWARD_ENV = "XRAY_SANDBOX_FORWARD";

function buildProgram(version: string, out: { stdout: string; stderr: string }): Command {
  const address = (host: { host: string; port: number }) => `${host.host}:${host.port}`;
  return new Command(PROGRAM)
    .description(
      "A local stand-in for the AWS X-Ray daemon: receives segments, serves them over HTTP.",
    )
    .version(version, "-v, --version", "print the version and exit")
    .helpOption("-h, --help", "show this help and exit")
    .option("-b, --bind <HOST:PORT>", "UDP address for segments", address(defaultConfig.udp))
    .option(
      "-t, --bind-tcp <HOST:PORT>",
      "TCP address for the HTTP API, sampling and viewer",
      address(defaultConfig.tcp),
    )
    .option(
      "-l, --log-level <level>",
      "trace, debug, info, warn, error, silent (dev and prod as in the real daemon)",
      defaultConfig.logLevel,
    )
    .addOption(
      new Option(
        "--log-format <format>",
        "log lines as text or JSON (default: pretty on a terminal)",
      ).choices(["pretty", "json"]),
    )
    .option(
      "--max-traces <n>",
      "traces kept in memory; the oldest are evicted",
      String(defaultConfig.maxTraces),
    )
    .option(
      "--max-bytes <size>",
      "bytes of documents kept in memory (e.g. 512MB, 1GiB)",
      `${defaultConfig.maxBytes / MIB}MiB`,
    )
    .option(
      "--keep-unsampled",
      "also store the spans of ADOT's T1U (unsampled) datagrams, under their own bound (default: count them only)",
    )
    .option(
      "--unsampled-max-traces <n>",
      "unsampled traces kept; the oldest unsampled one is evicted, never a sampled one",
      String(defaultConfig.unsampledMaxTraces),
    )
    .option(
      "--unsampled-max-bytes <size>",
      "bytes of documents of unsampled traces kept",
      `${defaultConfig.unsampledMaxBytes / MIB}MiB`,
    )
    .option(
      "--max-rejected <n>",
      "rejected datagrams kept for GET /api/rejected",
      String(defaultConfig.maxRejected),
    )
    .option(
      "--sampling-rules <FILE>",
      'sampling rules served to SDKs, as JSON: a list of X-Ray SamplingRule objects or {"SamplingRules": [...]}',
    )
    .option(
      "--allow-origin <ORIGIN>",
      "also let web pages from ORIGIN call /api and the live stream, e.g. http://localhost:5173 (repeatable)",
      collect,
      [],
    )
    .option(
      "--allow-host <NAME>",
      "also answer to Host NAME or NAME:PORT, e.g. a compose service name (repeatable)",
      collect,
      [],
    )
    .option("--viewer-dir <DIR>", "serve the viewer from DIR instead of the built-in one")
    .option(
      "--data-dir <DIR>",
      `keep traces across restarts in DIR (default: ./${DEFAULT_DATA_DIR})`,
    )
    .option("--in-memory", "keep nothing on disk: a restart starts empty")
    .option(
      "--max-age <DURATION>",
      "traces older than this (e.g. 24h, 7d) are not kept across restarts",
    )
    .option(
      "--forward <TARGET>",
      "udp:HOST:PORT: also send every datagram, unchanged, to a real X-Ray daemon or an OTel collector's awsxray receiver; otlp-http://HOST:PORT[/path] or otlp-grpc://HOST:PORT: send every stored trace as OTLP spans to an OpenTelemetry collector or backend (repeatable)",
      collect,
      [],
    )
    .option(
      "--otlp-http <HOST:PORT|PORT|off>",
      "OTLP/HTTP /v1/traces for OpenTelemetry exporters (localhost: 127.0.0.1 and ::1); the main HTTP port serves /v1/traces as well",
      address(DEFAULT_OTLP_HTTP),
    )
    .option(
      "--otlp-grpc <HOST:PORT|PORT|off>",
      "OTLP/gRPC TraceService/Export for OpenTelemetry exporters",
      address(DEFAULT_OTLP_GRPC),
    )
    .option(
      "--otlp-index-all-attributes",
      "make every OpenTelemetry span attribute an annotation (default: only the keys listed in aws.xray.annotations)",
    )
    .option(
      "--allow-remote",
      "let --bind-tcp be an address other machines reach (e.g. 0.0.0.0): a shared sandbox, which needs a token",
    )
    .option(
      "--allow-remote-without-token",
      "let --bind-tcp be such an address with no token: only inside a container whose port is published on the host's loopback",
    )
    .option(
      "--auth-token-file <FILE>",
      `ask every API call, live stream and viewer sign-in for the token in FILE (ingest and /api/health never); or set ${AUTH_TOKEN_ENV}`,
    )
    .option(
      "--auth-token <TOKEN>",
      "the same with the token itself (other users of this machine can see it in the process list: prefer the file)",
    )
    .addHelpText(
      "after",
      `\nPort 0 picks a free port. Point an SDK at the daemon with AWS_XRAY_DAEMON_ADDRESS=HOST:PORT.\nSizes: KB/MB/GB are powers of 1000, KiB/MiB/GiB (or K/M/G) powers of 1024.\n\nCommands (each talks to a running sandbox, --url defaults to http://127.0.0.1:2000):\n  ${PROGRAM} import FILE [--skip-invalid] [--url URL]   send a file (NDJSON export, or aws xray batch-get-traces JSON)\n  ${PROGRAM} export [--filter EXPR | --id TRACE] [-o FILE] [--url URL]   save its traces as NDJSON\nSee ${PROGRAM} import --help and ${PROGRAM} export --help.`,
    )
    .exitOverride()
    .configureOutput({
      writeOut: (text) => {
        out.stdout += text;
      },
      writeErr: (text) => {
        out.stderr += text;
      },
      outputError: () => {},
    });
}

export function parseCommandLine(argv: readonly string[], context: CliContext): CliCommand {
  const out = { stdout: "", stderr: "" };
  const program = buildProgram(context.version, out);
  try {
    program.parse([...argv], { from: "user" });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.exitCode === 0) {
      return { kind: "exit", code: EXIT_OK, stdout: out.stdout, stderr: "" };
    }
    return usageExit(PROGRAM, `${oneLine(error.message)} (see ${PROGRAM} --help)`);
  }
  const raw = program.opts<RawOptions>();
  const udp = parseAddress(raw.bind, "--bind");
  const tcp = parseAddress(raw.bindTcp, "--bind-tcp");
  const logLevel = parseLogLevel(raw.logLevel, "--log-level");
  const maxTraces = parseCount(raw.maxTraces, "--max-traces", 1);
  const maxBytes = parseByteSize(raw.maxBytes, "--max-bytes");
  const unsampledMaxTraces = parseCount(raw.unsampledMaxTraces, "--unsampled-max-traces", 1);
  const unsampledMaxBytes = parseByteSize(raw.unsampledMaxBytes, "--unsampled-max-bytes");
  const maxRejected = parseCount(raw.maxRejected, "--max-rejected", 0);
  if (!udp.ok) return configError(udp.error);
  if (!tcp.ok) return configError(tcp.error);
  if (!logLevel.ok) return configError(logLevel.error);
  if (!maxTraces.ok) return configError(maxTraces.error);
  if (!maxBytes.ok) return configError(maxBytes.error);
  if (!unsampledMaxTraces.ok) return configError(unsampledMaxTraces.error);
  if (!unsampledMaxBytes.ok) return configError(unsampledMaxBytes.error);
  if (!maxRejected.ok) return configError(maxRejected.error);
  const samplingRules =
    raw.samplingRules === undefined ? undefined : loadSamplingRulesFile(raw.samplingRules);
  if (samplingRules !== undefined && !samplingRules.ok) return configError(samplingRules.error);
  const allowOrigins = parseEach(raw.allowOrigin, parseAllowedOrigin);
  const allowHosts = parseEach(raw.allowHost, parseAllowedHost);
  if (!allowOrigins.ok) return configError(allowOrigins.error);
  if (!allowHosts.ok) return configError(allowHosts.error);
  const fromEnv = (context.forwardFromEnv ?? "").split(/[\s,]+/).filter((text) => text !== "");
  const storage = parseStorageFlags(
    raw.forward.length === 0 && fromEnv.length > 0 ? { ...raw, forward: fromEnv } : raw,
  );
  if (!storage.ok) return configError(storage.error);
  const otlpHttp = parseListenAddress(raw.otlpHttp, "--otlp-http");
  const otlpGrpc = parseListenAddress(raw.otlpGrpc, "--otlp-grpc");
  if (!otlpHttp.ok) return configError(otlpHttp.error);
  if (!otlpGrpc.ok) return configError(otlpGrpc.error);
  const token = authTokenOf(raw, context.env ?? {});
  if (!token.ok) return configError(token.error);
  const remote = checkRemoteAccess(
    {
      tcpHost: tcp.value.host,
      allowRemote: raw.allowRemote === true,
      allowRemoteWithoutToken: raw.allowRemoteWithoutToken === true,
      authToken: token.value.token,
    },
    CLI_NAMES,
  );
  if (remote !== undefined) return configError(remote);
  return {
    kind: "run",
    warnings: token.value.warning === undefined ? [] : [token.value.warning],
    config: {
      udp: udp.value,
      tcp: tcp.value,
      logLevel: logLevel.value,
      maxTraces: maxTraces.value,
      maxBytes: maxBytes.value,
      keepUnsampled: raw.keepUnsampled === true,
      unsampledMaxTraces: unsampledMaxTraces.value,
      unsampledMaxBytes: unsampledMaxBytes.value,
      maxRejected: maxRejected.value,
      ...(samplingRules === undefined ? {} : { samplingRules: samplingRules.rules }),
      allowOrigins: allowOrigins.value,
      allowHosts: allowHosts.value,
      viewerDir: raw.viewerDir === undefined ? defaultConfig.viewerDir : resolve(raw.viewerDir),
      ...storage.value,
      ...(otlpHttp.value === undefined ? {} : { otlpHttp: otlpHttp.value }),
      ...(otlpGrpc.value === undefined ? {} : { otlpGrpc: otlpGrpc.value }),
      otlpIndexAllAttributes: raw.otlpIndexAllAttributes === true,
      ...(token.value.token === undefined ? {} : { authToken: token.value.token }),
      allowRemote: raw.allowRemote === true,
      allowRemoteWithoutToken: raw.allowRemoteWithoutToken === true,
    },
    logFormat: raw.logFormat ?? (context.isTTY ? "pretty" : "json"),
  };
}

/**
 * The token from `--auth-token`, `--auth-token-file` or `XRAY_SANDBOX_AUTH_TOKEN`: at most one
 * of the flags; the variable only when neither flag is given.
 */
function authTokenOf(
  raw: RawOptions,
  env: Readonly<Record<string, string | undefined>>,
): Parsed<{ token: string | undefined; warning?: string }> {
  if (raw.authToken !== undefined && raw.authTokenFile !== undefined) {
    return {
      ok: false,
      error: new InvalidConfigError(
        "--auth-token",
        "give the token once: --auth-token or --auth-token-file, not both",
      ),
    };
  }
  if (raw.authTokenFile !== undefined) return readAuthTokenFile(raw.authTokenFile);
  if (raw.authToken !== undefined) {
    const token = parseAuthToken(raw.authToken, "--auth-token");
    return token.ok ? { ok: true, value: { token: token.value } } : token;
  }
  const fromEnv = env[AUTH_TOKEN_ENV];
  if (fromEnv === undefined || fromEnv === "") return { ok: true, value: { token: undefined } };
  const token = parseAuthToken(fromEnv, AUTH_TOKEN_ENV);
  return token.ok ? { ok: true, value: { token: token.value } } : token;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseEach(
  texts: readonly string[],
  parse: (text: string) => Parsed<string>,
): Parsed<string[]> {
  const values: string[] = [];
  for (const text of texts) {
    const parsed = parse(text);
    if (!parsed.ok) return parsed;
    values.push(parsed.value);
  }
  return { ok: true, value: values };
}

function configError(error: InvalidConfigError): CliCommand {
  return usageExit(PROGRAM, error.message);
}

/** Exit code 2 with `program: message` on stderr. */
export function usageExit(program: string, message: string): ExitCommand {
  return { kind: "exit", code: EXIT_USAGE, stdout: "", stderr: `${program}: ${message}\n` };
}

/** Commander's messages start with `error: ` and may continue with a suggestion line. */
export function oneLine(message: string): string {
  return message
    .replace(/^error:\s*/, "")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .join(" ");
}
