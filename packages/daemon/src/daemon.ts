import { existsSync } from "node:fs";
import { join } from "node:path";
import { epochSeconds, type LiveBounds, TraceStore } from "@xray-sandbox/segments";
import { formatHostPort, httpUrl, sdkDaemonAddress } from "./address.ts";
import { NO_AUTH_STATS, TokenAuth } from "./auth/token-auth.ts";
import { type DaemonConfig, type HostPort, resolveConfig } from "./config.ts";
import { DataDirError, InvalidConfigError } from "./errors.ts";
import { FilterScans } from "./filter-scans.ts";
import { type ForwardTarget, isOwnAddress, parseForwardTarget } from "./forward/forward-target.ts";
import { startForwarders } from "./forward/forwarders.ts";
import type { OtlpForwarderBounds } from "./forward/otlp-forwarder.ts";
import { GroupRegistry } from "./groups/group-registry.ts";
import { GROUPS_FILE } from "./groups/groups-file.ts";
import { createApp } from "./http/app.ts";
import { HostOriginGuard } from "./http/host-origin-guard.ts";
import { TraceBodyCache } from "./http/routes/trace-body-cache.ts";
import { startHttpServer } from "./http/server.ts";
import type { DocumentOutcome } from "./ingest/ingest-outcome.ts";
import { IngestService } from "./ingest/ingest-service.ts";
import { type DatagramSource, IN_PROCESS, PUT_TRACE_SEGMENTS } from "./ingest/ingest-source.ts";
import { startUdpIngest, type UdpIngest } from "./ingest/udp-ingest.ts";
import { attachLiveEndpoint } from "./live/live-endpoint.ts";
import { LiveHub } from "./live/live-hub.ts";
import { createLogger, type Logger } from "./logger.ts";
import { entryOutcome } from "./otlp/entry-outcome.ts";
import { OtlpIntake } from "./otlp/otlp-intake.ts";
import { type OtlpListeners, startOtlpListeners } from "./otlp/otlp-listeners.ts";
import { isOtlpDatagram, isOtlpEntry } from "./otlp/udp-payload.ts";
import { openPersistence, type Persistence } from "./persistence/persistence.ts";
import { RejectionLog } from "./rejection-log.ts";
import type { SamplingRuleDefinition } from "./sampling/sampling-rule.ts";
import { checkSamplingRuleList } from "./sampling/sampling-rule-list.ts";
import { SamplingState } from "./sampling/sampling-state.ts";
import { SAMPLING_RULES_FILE } from "./sampling/saved-rules-file.ts";
import { buildStats, type DaemonStats } from "./stats.ts";
import { TelemetryLog } from "./telemetry/telemetry-log.ts";
import { type ImportBounds, ImportService } from "./transfer/import-service.ts";
import { daemonVersion } from "./version.ts";
import { XRayAccountState } from "./xray-api/account-state.ts";
import { RootCauseCounts } from "./xray-api/root-cause-counts.ts";
import type { SavedTags } from "./xray-api/tags-file.ts";

export interface DaemonOptions {
  /** Where the daemon logs; JSON on stdout at `config.logLevel` unless given. */
  readonly logger?: Logger;
  /** Bounds of the live WebSocket; DEFAULT_LIVE_BOUNDS for any not given. */
  readonly liveBounds?: Partial<LiveBounds>;
  /** Bounds of `POST /api/import`; DEFAULT_IMPORT_BOUNDS (temporary files in the OS's) for any not given. */
  readonly importBounds?: Partial<ImportBounds>;
  /**
   * Work a filter over the store does before it yields to the event loop; FILTER_SLICE_MS
   * unless given (benchmarks compare it with one long slice).
   */
  readonly filterSliceMs?: number;
  /** Queue, batch and retry bounds of OTLP forward targets; DEFAULT_OTLP_FORWARD_BOUNDS for any not given. */
  readonly otlpForwardBounds?: Partial<OtlpForwarderBounds>;
}

export interface Daemon extends AsyncDisposable {
  readonly config: DaemonConfig;
  readonly version: string;
  /** The UDP socket as bound (port 0 replaced by the real port). */
  readonly udpAddress: HostPort;
  /** The HTTP server as bound. */
  readonly httpAddress: HostPort;
  /** The OTLP listeners as bound (`host:port`); empty when off or their port was taken. */
  readonly otlp: { readonly http: readonly string[]; readonly grpc: readonly string[] };
  /** `http://host:port` of the HTTP server (a wildcard bind is given as loopback). */
  readonly url: string;
  /** The value of `AWS_XRAY_DAEMON_ADDRESS` for an SDK that should send here. */
  readonly sdkAddress: string;
  /** Where the viewer is served from; `built`: whether it was there when the daemon started. */
  readonly viewer: { readonly url: string; readonly dir: string; readonly built: boolean };
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
   * Handles one datagram exactly as if it had arrived on the UDP socket (counted, checked,
   * stored or rejected, forwarded) and says what became of it. For payloads UDP cannot
   * carry, and for embedding without a socket. `from`: `{ kind: "in-process" }` unless given.
   */
  ingestDatagram(bytes: Uint8Array, from?: DatagramSource): DocumentOutcome;
  /** Closes both sockets, then flushes the segment log; safe to call more than once. */
  close(): Promise<void>;
}

/**
 * Replays the data directory's segment log (with `dataDir`), then binds the UDP receiver
 * and the HTTP server. Rejects with `InvalidConfigError`, `DataDirError`,
 * `AddressInUseError` or `BindError`; nothing stays bound (or locked) when it rejects.
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

  const forwardTargets = forwardTargetsOf(settings);

  const store = new TraceStore({
    maxTraces: settings.maxTraces,
    maxBytes: settings.maxBytes,
    unsampled: { maxTraces: settings.unsampledMaxTraces, maxBytes: settings.unsampledMaxBytes },
  });
  // The log is replayed before anything listens: nothing arrives while the store is rebuilt.
  // Persistence and the live hub then follow the store's events, whoever changes it.
  const persistence =
    settings.dataDir === undefined
      ? undefined
      : await openPersistence({
          dataDir: settings.dataDir,
          store,
          logger,
          ...(settings.maxAgeMs === undefined ? {} : { maxAgeMs: settings.maxAgeMs }),
        });
  let groups: GroupRegistry;
  let sampling: SamplingState;
  try {
    groups = restoredGroups(persistence);
    sampling = new SamplingState({
      rules: startingRules(persistence, settings.samplingRules, samplingRules.rules, logger),
    });
  } catch (error) {
    await persistence?.close();
    throw error;
  }
  const account = new XRayAccountState(epochSeconds(Math.floor(Date.now() / 1000)));
  // Until the data dir is released at close.
  const stopSaving: (() => void)[] = [];
  if (persistence !== undefined) {
    // Every change rewrites the whole file; rules given at start are saved at once.
    stopSaving.push(
      groups.subscribe((list) => persistence.settings.saveGroups(list)),
      sampling.rules.subscribe((records) => persistence.settings.saveRules(records)),
    );
    if (settings.samplingRules !== undefined) {
      persistence.settings.saveRules(sampling.rules.records());
    }
    // Default's ARN is random: saved at once, so it too stays the same across restarts.
    if (persistence.saved.groups === undefined) persistence.settings.saveGroups(groups.list());
    restoreTags(account, persistence.saved.tags, groups, sampling);
    stopSaving.push(account.onTagsChanged((tags) => persistence.settings.saveTags(tags)));
    if (persistence.saved.account !== undefined) account.restoreSettings(persistence.saved.account);
    stopSaving.push(
      account.onSettingsChanged((changed) => persistence.settings.saveAccount(changed)),
    );
  }
  const forwarder =
    forwardTargets.length === 0
      ? undefined
      : await startForwarders({
          targets: forwardTargets,
          store,
          logger,
          ...(options.otlpForwardBounds === undefined
            ? {}
            : { otlpBounds: options.otlpForwardBounds }),
        });
  const closeStorage = async (): Promise<void> => {
    for (const stop of stopSaving.splice(0)) stop();
    await Promise.all([persistence?.close(), forwarder?.close()]);
  };
  // Shared service mode: data routes and the live stream ask for the token.
  const auth = settings.authToken === undefined ? undefined : new TokenAuth(settings.authToken);
  const rejections = new RejectionLog(settings.maxRejected);
  const ingest = new IngestService({
    store,
    rejections,
    logger,
  });
  const otlp = new OtlpIntake({
    ingest,
    translate: { indexAllAttributes: settings.otlpIndexAllAttributes, indexedAttributes: [] },
    keepUnsampled: settings.keepUnsampled,
  });
  const filterScans = new FilterScans(options.filterSliceMs);
  const rootCauses = new RootCauseCounts();
  const traceBodies = new TraceBodyCache();
  const telemetry = new TelemetryLog();

  let udp: UdpIngest;
  try {
    // Received and scanned in a worker thread; stored here, batch by batch, in arrival order.
    udp = await startUdpIngest({
      bind: settings.udp,
      logger,
      reader: {
        accepted(index, raw, bodyBytes, datagram, address, port, receivedAt) {
          // The datagram is a view into a batch that goes back to the worker: copied to keep.
          forwarder?.datagram(Buffer.from(datagram));
          ingest.scanned(
            index,
            raw,
            bodyBytes,
            datagram.byteLength,
            { kind: "udp", address, port },
            receivedAt,
          );
        },
        rejected(datagram, reason, message, address, port, receivedAt) {
          forwarder?.datagram(Buffer.from(datagram));
          ingest.refused(datagram, reason, message, { kind: "udp", address, port }, receivedAt);
        },
        otlp(datagram, address, port, receivedAt) {
          forwarder?.datagram(Buffer.from(datagram));
          otlp.payload(datagram, "otlp-udp", formatHostPort({ host: address, port }), receivedAt);
        },
      },
    });
  } catch (error) {
    await closeStorage();
    throw error;
  }
  const udpAddressText = formatHostPort(udp.address);
  let otlpListeners: OtlpListeners | undefined;

  const imports = new ImportService(
    {
      ingest: (raw, receivedAt, where, recorded) =>
        ingest.document(raw, { kind: "import", where, recorded }, receivedAt),
    },
    options.importBounds,
    logger,
  );

  const stats = (): DaemonStats =>
    buildStats({
      counts: ingest.counts(),
      rejectedByReason: rejections.byReason(),
      store: store.stats(),
      udpAddress: udpAddressText,
      receiveBufferBytes: udp.receiveBufferBytes,
      udp: udp.stats(),
      live: hub.stats(),
      persistence: persistence?.stats(),
      forwards: forwarder?.stats(),
      telemetry: telemetry.stats(),
      otlp: otlp.counters.stats(otlp.keepUnsampled, {
        http: otlpListeners?.http ?? [],
        grpc: otlpListeners?.grpc ?? [],
      }),
      imports: imports.stats(),
      filters: filterScans.stats(),
      rootCauses: rootCauses.stats(),
      traceBodies: traceBodies.stats(),
      auth: auth?.stats() ?? NO_AUTH_STATS,
    });
  const hub = new LiveHub({
    store,
    rejections,
    stats,
    version,
    logger,
    groups: groups.resolve,
    filterScans,
    ...(options.liveBounds === undefined ? {} : { bounds: options.liveBounds }),
  });
  // Known once the HTTP server is bound; no request arrives before.
  let httpPort = settings.tcp.port;
  const guard = new HostOriginGuard({
    bindHost: settings.tcp.host,
    port: () => httpPort,
    allowHosts: settings.allowHosts,
    allowOrigins: settings.allowOrigins,
  });

  const app = createApp({
    version,
    uptimeSeconds: () => (Date.now() - startedAt) / 1000,
    stats,
    rejections,
    store,
    sampling,
    groups,
    account,
    filterScans,
    rootCauses,
    traceBodies,
    telemetry,
    putDocument: (document) =>
      isOtlpEntry(document)
        ? entryOutcome(otlp.entry(document))
        : ingest.document(document, PUT_TRACE_SEGMENTS),
    otlp,
    imports,
    logger,
    guard,
    auth,
    viewerDir: settings.viewerDir,
  });

  let http: Awaited<ReturnType<typeof startHttpServer>>;
  try {
    http = await startHttpServer(settings.tcp, app, logger);
  } catch (error) {
    await udp.close();
    await closeStorage();
    throw error;
  }
  httpPort = http.address.port;
  const live = attachLiveEndpoint(http.server, { hub, guard, auth, logger });
  // Optional: a port taken here is a warning, not a failure.
  otlpListeners = await startOtlpListeners(settings, otlp, logger);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    if (!closing) {
      live.close();
      hub.close();
      closing = Promise.all([
        imports.close(),
        udp.close(),
        http.close(),
        otlpListeners?.close(),
      ]).then(closeStorage);
    }
    return closing;
  };
  const url = httpUrl(http.address);

  return {
    config: settings,
    version,
    udpAddress: udp.address,
    httpAddress: http.address,
    otlp: { http: otlpListeners.http, grpc: otlpListeners.grpc },
    url,
    sdkAddress: sdkDaemonAddress(udp.address, http.address),
    viewer: {
      url: `${url}/`,
      dir: settings.viewerDir,
      built: existsSync(join(settings.viewerDir, "index.html")),
    },
    receiveBufferBytes: udp.receiveBufferBytes,
    store,
    rejections,
    sampling,
    groups,
    stats,
    ingestDatagram(bytes, from = IN_PROCESS) {
      forwarder?.datagram(bytes);
      if (isOtlpDatagram(bytes)) {
        const peer =
          from.kind === "udp"
            ? formatHostPort({ host: from.address, port: from.port })
            : from.label;
        return entryOutcome(otlp.payload(bytes, "otlp-udp", peer));
      }
      return ingest.datagram(bytes, from);
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

/**
 * `forward` (one udp target) and every `forwardTo` target, checked already by `resolveConfig`.
 * A target that is this daemon's own socket is refused: what it sends would come back to it.
 */
function forwardTargetsOf(settings: DaemonConfig): ForwardTarget[] {
  const targets: ForwardTarget[] = [];
  if (settings.forward !== undefined) targets.push({ protocol: "udp", address: settings.forward });
  for (const text of settings.forwardTo ?? []) {
    const parsed = parseForwardTarget(text, "forwardTo");
    if (!parsed.ok) throw parsed.error;
    targets.push(parsed.value);
  }
  for (const target of targets) {
    const own =
      target.protocol === "udp"
        ? [settings.udp]
        : target.protocol === "otlp-http"
          ? [settings.tcp, settings.otlpHttp]
          : [settings.otlpGrpc];
    const bound = own.find(
      (address) =>
        address !== undefined && address.port !== 0 && isOwnAddress(target.address, address),
    );
    if (bound !== undefined) {
      throw new InvalidConfigError(
        "forward",
        `${formatHostPort(target.address)} is this daemon's own ${target.protocol === "udp" ? "UDP" : target.protocol === "otlp-http" ? "HTTP" : "OTLP/gRPC"} address: everything forwarded would come back to it`,
      );
    }
  }
  return targets;
}

/** The data dir's groups (same ARNs); only `Default` without a data dir or a `groups.json`. */
function restoredGroups(persistence: Persistence | undefined): GroupRegistry {
  const groups = new GroupRegistry();
  const saved = persistence?.saved.groups;
  if (persistence === undefined || saved === undefined) return groups;
  const problem = groups.restore(saved);
  if (problem !== undefined) {
    throw new DataDirError(
      persistence.dataDir,
      `${GROUPS_FILE}: ${problem}; fix the file, or remove it to start without what it held`,
    );
  }
  return groups;
}

/**
 * Rules given at start (`--sampling-rules FILE`, the `samplingRules` option) replace those
 * the data dir kept; else the data dir's; else only `Default`.
 */
function startingRules(
  persistence: Persistence | undefined,
  given: DaemonConfig["samplingRules"],
  checked: readonly SamplingRuleDefinition[],
  logger: Logger,
): readonly SamplingRuleDefinition[] {
  const saved = persistence?.saved.rules;
  if (given !== undefined) {
    if (persistence !== undefined && saved !== undefined) {
      logger.info(
        { given: checked.length, saved: saved.length, dataDir: persistence.dataDir },
        `the sampling rules given at start replace the ${saved.length} kept in ${SAMPLING_RULES_FILE}`,
      );
    }
    return checked;
  }
  return saved ?? checked;
}

/** The saved tags of the groups and rules there are; those of any other ARN are dropped. */
function restoreTags(
  account: XRayAccountState,
  saved: SavedTags | undefined,
  groups: GroupRegistry,
  sampling: SamplingState,
): void {
  if (saved === undefined) return;
  const known = new Set([
    ...groups.list().map((group) => group.GroupARN),
    ...sampling.rules.records().map((record) => record.SamplingRule.RuleARN),
  ]);
  for (const [arn, tags] of saved) if (known.has(arn)) account.tags.set(arn, new Map(tags));
}
