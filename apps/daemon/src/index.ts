export type { DaemonConfig, HostPort, LogLevel } from "./config.ts";
export { defaultConfig } from "./config.ts";
export type { Daemon, DaemonOptions } from "./daemon.ts";
export { startDaemon } from "./daemon.ts";
export type { DaemonErrorCode, Transport } from "./errors.ts";
export { AddressInUseError, BindError, DaemonError, InvalidConfigError } from "./errors.ts";
export type { Group, InsightsConfiguration } from "./groups/group.ts";
export type { GroupRegistry } from "./groups/group-registry.ts";
export { DEFAULT_LIVE_BOUNDS } from "./live/live-bounds.ts";
export type { DatagramRejectionReason, RejectionEntry, RejectionLog } from "./rejection-log.ts";
export type {
  SamplingRule,
  SamplingRuleInput,
  SamplingRuleRecord,
} from "./sampling/sampling-rule.ts";
export type { SamplingState, SamplingView } from "./sampling/sampling-state.ts";
export type { DaemonStats } from "./stats.ts";
