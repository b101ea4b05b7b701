/** A sandbox daemon started in this process on free loopback ports, for one test suite. */

import { type DaemonConfig, type LogLevel, startDaemon } from "xray-sandbox";
import { type FetchFunction, SandboxApi } from "./sandbox-api.ts";
import { createSandboxClient, type HandleOptions, type SandboxClient } from "./sandbox-client.ts";

export interface SandboxOptions extends HandleOptions {
  /** Traces kept before the oldest are evicted; the daemon's default (10 000) unless given. */
  readonly maxTraces?: number;
  /** Bytes of documents kept before the oldest traces are evicted. */
  readonly maxBytes?: number;
  /** The daemon's log level; `silent` unless given. */
  readonly logLevel?: LogLevel;
  /**
   * Sampling rules the daemon serves to SDKs besides `Default` (which samples every request;
   * a rule named `Default` here adjusts it). Checked as X-Ray checks rules.
   */
  readonly samplingRules?: DaemonConfig["samplingRules"];
  /** Used for every API request; the global `fetch` unless given. */
  readonly fetch?: FetchFunction;
}

/** A sandbox daemon running in this process; `close()` stops it. */
export interface Sandbox extends SandboxClient {
  /** Stops the daemon (pending waits reject); safe to call more than once. */
  close(): Promise<void>;
}

/**
 * Starts a daemon on `127.0.0.1` with free UDP and TCP ports. Every query goes through its
 * HTTP API, exactly as `connectSandbox(sandbox.url)` would.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const { maxTraces, maxBytes, logLevel = "silent", samplingRules } = options;
  const daemon = await startDaemon({
    udp: { host: "127.0.0.1", port: 0 },
    tcp: { host: "127.0.0.1", port: 0 },
    logLevel,
    ...(maxTraces === undefined ? {} : { maxTraces }),
    ...(maxBytes === undefined ? {} : { maxBytes }),
    ...(samplingRules === undefined ? {} : { samplingRules }),
  });
  const { host, port } = daemon.udpAddress;
  const udpAddress = host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
  const client = createSandboxClient(
    new SandboxApi(daemon.url, options.fetch),
    { udpAddress, sdkAddress: daemon.sdkAddress },
    options,
  );
  const close = async () => {
    await client.close();
    await daemon.close();
  };
  return { ...client, close, [Symbol.asyncDispose]: close };
}
