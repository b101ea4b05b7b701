/** Contract types the daemon's API takes and returns, re-exported so users need one package. */
export type {
  Group,
  InsightsConfiguration,
  SamplingRule,
  SamplingRuleRecord,
  SamplingView,
} from "@xray-sandbox/segments";
export type { DaemonConfig, HostPort, LogLevel } from "./config.ts";
export { defaultConfig } from "./config.ts";
export type { Daemon, DaemonOptions } from "./daemon.ts";
export { startDaemon } from "./daemon.ts";
export type { DaemonErrorCode, Transport } from "./errors.ts";
export { AddressInUseError, BindError, DaemonError, InvalidConfigError } from "./errors.ts";
export type { ForwardTarget } from "./forward/forward-target.ts";
export { formatForwardTarget, parseForwardTarget } from "./forward/forward-target.ts";
export type { OtlpForwarderBounds } from "./forward/otlp-forwarder.ts";
export { DEFAULT_OTLP_FORWARD_BOUNDS } from "./forward/otlp-forwarder.ts";
export type { GroupRegistry } from "./groups/group-registry.ts";
export { DEFAULT_LIVE_BOUNDS } from "./live/live-bounds.ts";
export type { DatagramRejectionReason, RejectionEntry, RejectionLog } from "./rejection-log.ts";
export type { SamplingRuleInput } from "./sampling/sampling-rule.ts";
export type { SamplingState } from "./sampling/sampling-state.ts";
export type { DaemonStats } from "./stats.ts";
