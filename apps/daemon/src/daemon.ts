import { TraceStore } from "@xray-sandbox/segments";
import { formatHostPort, httpUrl, sdkDaemonAddress } from "./address.ts";
import { type DaemonConfig, type HostPort, resolveConfig } from "./config.ts";
import { DatagramHandler } from "./datagram-handler.ts";
import { InvalidConfigError } from "./errors.ts";
import { GroupRegistry } from "./groups/group-registry.ts";
import { createApp } from "./http/app.ts";
import { startHttpServer } from "./http/server.ts";
import { createLogger, type Logger } from "./logger.ts";
import { RejectionLog } from "./rejection-log.ts";
import { checkSamplingRuleList } from "./sampling/sampling-rule-list.ts";
import { SamplingState } from "./sampling/sampling-state.ts";
import { buildStats, type DaemonStats } from "./stats.ts";
import { startUdpReceiver } from "./udp-receiver.ts";
import { daemonVersion } from "./version.ts";
import { createSegmentIntake } from "./xray-api/segment-intake.ts";

export interface DaemonOptions {
  /** Where the daemon logs; JSON on stdout at `config.logLevel` unless given. */
  readonly logger?: Logger;
}

/** The sender recorded for datagrams handed over with `ingestDatagram` without one. */
export const IN_PROCESS_SENDER = { address: "in-process", port: 0 } as const;
/** The sender recorded for documents that came through the X-Ray API's PutTraceSegments. */
export const PUT_TRACE_SEGMENTS_SENDER = { address: "PutTraceSegments", port: 0 } as const;

export interface Daemon extends AsyncDisposable {
  readonly config: DaemonConfig;
  readonly version: string;
  /** The UDP socket as bound (port 0 replaced by the real port). */
  readonly udpAddress: HostPort;
  /** The HTTP server as bound. */
  readonly httpAddress: HostPort;
  /** `http://host:port` of the HTTP server (a wildcard bind is given as loopback). */
  readonly url: string;
  /** The value of `AWS_XRAY_DAEMON_ADDRESS` for an SDK that should send here. */
  readonly sdkAddress: string;
  /** The UDP receive buffer the kernel granted. */
  readonly receiveBufferBytes: number;
  readonly store: TraceStore;
  readonly rejections: RejectionLog;
  /** Sampling rules served to SDKs and the statistics they reported. */
  readonly sampling: SamplingState;
  /** X-Ray groups: named filter expressions. */
  readonly groups: GroupRegistry;
  stats(): DaemonStats;
  /**
   * Handles one datagram exactly as if it had arrived on the UDP socket (counted, parsed,
   * stored or rejected). For payloads UDP cannot carry, and for embedding without a socket.
   */
  ingestDatagram(bytes: Uint8Array, from?: { address: string; port: number }): void;
  /** Closes both sockets; safe to call more than once. */
  close(): Promise<void>;
}

/**
 * Binds the UDP receiver and the HTTP server. Rejects with `InvalidConfigError`,
 * `AddressInUseError` or `BindError`; nothing stays bound when it rejects.
 */
export async function startDaemon(
  config: Partial<DaemonConfig> = {},
  options: DaemonOptions = {},
): Promise<Daemon> {
  const resolved = resolveConfig(config);
  if (!resolved.ok) throw resolved.error;
  const settings = resolved.value;
  const samplingRules = checkSamplingRuleList(settings.samplingRules ?? []);
  if (!samplingRules.ok) throw new InvalidConfigError("samplingRules", samplingRules.message);
  const logger = options.logger ?? createLogger({ level: settings.logLevel, format: "json" });
  const version = daemonVersion();
  const startedAt = Date.now();

  const store = new TraceStore({ maxTraces: settings.maxTraces, maxBytes: settings.maxBytes });
  const rejections = new RejectionLog(settings.maxRejected);
  const handler = new DatagramHandler({ store, rejections, logger });
  const sampling = new SamplingState({ rules: samplingRules.rules });
  const groups = new GroupRegistry();

  const udp = await startUdpReceiver({
    bind: settings.udp,
    logger,
    onDatagram: (bytes, address, port) => handler.handle(bytes, address, port),
  });
  const udpAddressText = formatHostPort(udp.address);

  const stats = (): DaemonStats =>
    buildStats({
      counts: handler.counts(),
      rejectedByReason: rejections.byReason(),
      store: store.stats(),
      udpAddress: udpAddressText,
      receiveBufferBytes: udp.receiveBufferBytes,
    });

  const app = createApp({
    version,
    uptimeSeconds: () => (Date.now() - startedAt) / 1000,
    stats,
    rejections,
    store,
    sampling,
    groups,
    segments: createSegmentIntake({
      ingestDatagram: (bytes) =>
        handler.handle(bytes, PUT_TRACE_SEGMENTS_SENDER.address, PUT_TRACE_SEGMENTS_SENDER.port),
      acceptedCount: () => handler.counts().accepted,
    }),
    logger,
  });

  let http: Awaited<ReturnType<typeof startHttpServer>>;
  try {
    http = await startHttpServer(settings.tcp, app, logger);
  } catch (error) {
    await udp.close();
    throw error;
  }

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= Promise.all([udp.close(), http.close()]).then(() => undefined);
    return closing;
  };

  return {
    config: settings,
    version,
    udpAddress: udp.address,
    httpAddress: http.address,
    url: httpUrl(http.address),
    sdkAddress: sdkDaemonAddress(udp.address, http.address),
    receiveBufferBytes: udp.receiveBufferBytes,
    store,
    rejections,
    sampling,
    groups,
    stats,
    ingestDatagram(bytes, from = IN_PROCESS_SENDER) {
      handler.handle(bytes, from.address, from.port);
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
