/** A sandbox daemon started in this process on free loopback ports, for one test suite. */

import { createServer } from "node:net";
import {
  AddressInUseError,
  type Daemon,
  type DaemonConfig,
  type LogLevel,
  startDaemon,
} from "xray-sandbox";
import { type FetchFunction, SandboxApi } from "./sandbox-api.ts";
import { createSandboxClient, type HandleOptions, type SandboxClient } from "./sandbox-client.ts";

export interface SandboxOptions extends HandleOptions {
  /** Traces kept before the oldest are evicted; the daemon's default (10 000) unless given. */
  readonly maxTraces?: number;
  /** Bytes of documents kept before the oldest traces are evicted. */
  readonly maxBytes?: number;
  /**
   * Store the spans of ADOT's `T1U` (unsampled) datagrams too, under their own bound
   * (`--keep-unsampled`); counted only unless given.
   */
  readonly keepUnsampled?: boolean;
  /** The daemon's log level; `silent` unless given. */
  readonly logLevel?: LogLevel;
  /**
   * Sampling rules the daemon serves to SDKs besides `Default` (which samples every request;
   * a rule named `Default` here adjusts it). Checked as X-Ray checks rules.
   */
  readonly samplingRules?: DaemonConfig["samplingRules"];
  /** Used for every API request; the global `fetch` unless given. */
  readonly fetch?: FetchFunction;
  /**
   * Start the daemon in shared service mode with this token (`--auth-token`): its API, X-Ray
   * query API, live stream and viewer then ask for it, and the handle sends it. For tests of
   * clients that must present it; ingest never needs it.
   */
  readonly token?: string;
}

/** A sandbox daemon running in this process; `close()` stops it. */
export interface Sandbox extends SandboxClient {
  /** Stops the daemon (pending waits reject); safe to call more than once. */
  close(): Promise<void>;
}

const HOST = "127.0.0.1";
/** Free ports tried for UDP and TCP together before settling for two different ones. */
const SAME_PORT_ATTEMPTS = 5;

/**
 * Starts a daemon on `127.0.0.1` with one free port for UDP and TCP, as the real daemon's
 * `2000`: `env.AWS_XRAY_DAEMON_ADDRESS` is then one `host:port`, which X-Ray SDKs use for
 * both and ADOT's Lambda mode (which reads it as a plain `host:port`) sends its UDP spans to.
 * When no port is free for both after a few tries, UDP and TCP get a free port each. Every
 * query goes through its HTTP API, exactly as `connectSandbox(sandbox.url)` would.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const { maxTraces, maxBytes, keepUnsampled, logLevel = "silent", samplingRules, token } = options;
  const daemon = await startOnOnePort({
    logLevel,
    ...(token === undefined ? {} : { authToken: token }),
    ...(maxTraces === undefined ? {} : { maxTraces }),
    ...(maxBytes === undefined ? {} : { maxBytes }),
    ...(keepUnsampled === undefined ? {} : { keepUnsampled }),
    ...(samplingRules === undefined ? {} : { samplingRules }),
  });
  const { host, port } = daemon.udpAddress;
  const udpAddress = host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
  const client = createSandboxClient(
    new SandboxApi(daemon.url, options.fetch, token),
    { udpAddress, sdkAddress: daemon.sdkAddress },
    options,
  );
  const close = async () => {
    await client.close();
    await daemon.close();
  };
  return { ...client, close, [Symbol.asyncDispose]: close };
}

async function startOnOnePort(config: Partial<DaemonConfig>): Promise<Daemon> {
  for (let attempt = 0; attempt < SAME_PORT_ATTEMPTS; attempt++) {
    const port = await freeTcpPort();
    try {
      return await startDaemon({ ...config, udp: { host: HOST, port }, tcp: { host: HOST, port } });
    } catch (error) {
      // Taken for UDP, or taken for TCP since it was free: try another one.
      if (!(error instanceof AddressInUseError)) throw error;
    }
  }
  return startDaemon({ ...config, udp: { host: HOST, port: 0 }, tcp: { host: HOST, port: 0 } });
}

/** A TCP port the system just gave out as free on loopback. */
function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
