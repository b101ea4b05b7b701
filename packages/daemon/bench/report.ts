/** The human-readable report: one Markdown table per datagram size, one column per rate. */

import type { PoolSummary } from "./child-protocol.ts";
import type { RateSummary, TargetSummary } from "./results.ts";
import type { Spread } from "./spread.ts";

export interface ReportContext {
  readonly seconds: number;
  readonly reps: number;
  readonly pools: readonly PoolSummary[];
  readonly machine: string;
  /** How the daemon was started, e.g. `--max-bytes 1GiB --in-memory`. */
  readonly daemonFlags: string;
  readonly baselineReceiveBufferBytes: number | undefined;
  readonly daemonReceiveBufferBytes: number | undefined;
}

/** Below this share of the asked rate, a column is flagged as one the sender could not reach. */
const SHORTFALL = 0.95;

export function formatCount(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6) return `${(value / 1e6).toFixed(2)}M`;
  if (magnitude >= 1e4) return `${(value / 1e3).toFixed(1)}k`;
  return String(Math.round(value));
}

export function formatRate(rate: number): string {
  return `${formatCount(rate)}/s`;
}

type Format = (value: number) => string;

const percent: Format = (value) =>
  `${value.toFixed(value !== 0 && Math.abs(value) < 10 ? 2 : 1)} %`;
const cpu: Format = (value) => `${value.toFixed(0)} %`;
const micros: Format = (value) => `${value.toFixed(1)} µs`;
const mib: Format = (value) => `${value.toFixed(0)} MiB`;
const ratio: Format = (value) => value.toFixed(3);
const ratioX: Format = (value) => `×${value.toFixed(2)}`;
const ms: Format = (value) => `${value.toFixed(0)} ms`;
const mib1: Format = (value) => `${value.toFixed(1)} MiB`;
const count: Format = formatCount;
const perSecond: Format = formatRate;

const NUMBER_AND_UNIT = /^(-?[\d.]+)(\D*)$/;

/**
 * `median (min–max)`, the unit written once when both ends share it (`8.6 µs (8.1–9.4 µs)`),
 * or the median alone when every repetition agrees.
 */
export function formatSpread(value: Spread | undefined, format: Format): string {
  if (value === undefined) return "–";
  const median = format(value.median);
  const low = format(value.min);
  const high = format(value.max);
  if (low === high) return median;
  const lowParts = NUMBER_AND_UNIT.exec(low);
  const highParts = NUMBER_AND_UNIT.exec(high);
  const shared = lowParts !== null && highParts !== null && lowParts[2] === highParts[2];
  return `${median} (${shared ? lowParts[1] : low}–${high})`;
}

function mibOf(bytes: number | undefined): string {
  return bytes === undefined ? "unknown" : `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

interface Row {
  readonly label: string;
  readonly cell: (summary: RateSummary) => string;
}

function targetRows(
  name: string,
  pick: (summary: RateSummary) => TargetSummary | undefined,
  withStore: boolean,
): Row[] {
  const cell =
    (get: (target: TargetSummary) => Spread | undefined, format: Format) =>
    (summary: RateSummary): string => {
      const target = pick(summary);
      return target === undefined ? "–" : formatSpread(get(target), format);
    };
  const rows: Row[] = [
    { label: `${name} received`, cell: cell((t) => t.received, count) },
    ...(withStore
      ? [{ label: `${name} stored documents`, cell: cell((t) => t.storedDocuments, count) }]
      : []),
    { label: `${name} loss`, cell: cell((t) => t.lossPercent, percent) },
    { label: `${name} CPU (% of one core)`, cell: cell((t) => t.cpuPercent, cpu) },
    { label: `${name} CPU per datagram`, cell: cell((t) => t.cpuMicrosPerDatagram, micros) },
    { label: `${name} RSS`, cell: cell((t) => t.rssMiB, mib) },
  ];
  return rows;
}

const ROWS: readonly Row[] = [
  { label: "sent per run", cell: (s) => formatSpread(s.sent, count) },
  {
    label: "achieved send rate",
    cell: (s) =>
      formatSpread(s.achievedRate, perSecond) +
      ((s.achievedRate?.median ?? 0) < s.rate * SHORTFALL ? " ⚠" : ""),
  },
  { label: "sender CPU (% of one core)", cell: (s) => formatSpread(s.senderCpuPercent, cpu) },
  ...targetRows("baseline", (s) => s.baseline, false),
  ...targetRows("daemon", (s) => s.daemon, true),
  { label: "daemon rejected", cell: (s) => formatSpread(s.daemon?.rejected, count) },
  { label: "daemon evicted traces", cell: (s) => formatSpread(s.daemon?.evictedTraces, count) },
  { label: "daemon ÷ baseline received", cell: (s) => formatSpread(s.daemonToBaseline, ratio) },
  {
    label: "daemon ÷ baseline CPU per datagram",
    cell: (s) => formatSpread(s.cpuToBaseline, ratioX),
  },
  {
    label: "baseline drain after sending stopped",
    cell: (s) => formatSpread(s.baseline?.drainMs, ms),
  },
  {
    label: "daemon drain after sending stopped",
    cell: (s) => formatSpread(s.daemon?.drainMs, ms),
  },
  {
    label: "daemon CPU per datagram: main thread",
    cell: (s) => formatSpread(s.daemon?.mainThreadMicros, micros),
  },
  {
    label: "daemon CPU per datagram: receive worker thread",
    cell: (s) => formatSpread(s.daemon?.workerThreadMicros, micros),
  },
  {
    label: "daemon CPU per datagram: other threads (GC helpers)",
    cell: (s) => formatSpread(s.daemon?.otherThreadsMicros, micros),
  },
  {
    label: "daemon receive worker: queue peak",
    cell: (s) => formatSpread(s.daemon?.queuePeakMiB, mib1),
  },
  {
    label: "daemon receive worker: queue overflow (datagrams)",
    cell: (s) => formatSpread(s.daemon?.queueOverflow, count),
  },
  {
    label: "daemon receive worker: lost in restarts",
    cell: (s) => formatSpread(s.daemon?.lostInRestarts, count),
  },
  {
    label: "baseline socket: kernel drops (buffer full)",
    cell: (s) => formatSpread(s.baseline?.socketDrops, count),
  },
  {
    label: "daemon socket: kernel drops (buffer full)",
    cell: (s) => formatSpread(s.daemon?.socketDrops, count),
  },
  {
    label: "other processes' CPU, baseline runs",
    cell: (s) => formatSpread(s.baseline?.otherCpuPercent, cpu),
  },
  {
    label: "other processes' CPU, daemon runs",
    cell: (s) => formatSpread(s.daemon?.otherCpuPercent, cpu),
  },
];

function table(summaries: readonly RateSummary[]): string[] {
  const header = `| | ${summaries.map((s) => formatRate(s.rate)).join(" | ")} |`;
  const rule = `|---|${summaries.map(() => "---:").join("|")}|`;
  const rows = ROWS.filter((row) => summaries.some((s) => row.cell(s) !== "–")).map(
    (row) => `| ${row.label} | ${summaries.map(row.cell).join(" | ")} |`,
  );
  return [header, rule, ...rows];
}

function notes(summaries: readonly RateSummary[]): string[] {
  const out: string[] = [];
  for (const summary of summaries) {
    const achieved = summary.achievedRate?.median;
    if (achieved !== undefined && achieved < summary.rate * SHORTFALL) {
      out.push(
        `⚠ ${formatRate(summary.rate)}: the sender process reached only ${formatRate(achieved)} ` +
          "(median) on this machine; the losses in that column are for the rate achieved.",
      );
    }
    const unsettled = (summary.baseline?.unsettledRuns ?? 0) + (summary.daemon?.unsettledRuns ?? 0);
    if (unsettled > 0) {
      out.push(
        `⚠ ${formatRate(summary.rate)}: ${unsettled} run(s) were read while the receiver was still counting.`,
      );
    }
  }
  return out;
}

export function renderReport(context: ReportContext, summaries: readonly RateSummary[]): string {
  const lines: string[] = [
    `UDP ingest: ${context.reps} repetition(s) × ${context.seconds} s per size and rate; ` +
      "cells are median (min–max).",
    context.machine,
    `Receive buffer (as the kernel granted it): baseline ${mibOf(context.baselineReceiveBufferBytes)}, ` +
      `daemon ${mibOf(context.daemonReceiveBufferBytes)}.`,
    `Daemon started for each run with ${context.daemonFlags}.`,
  ];
  const sizes = [...new Set(summaries.map((summary) => summary.sizeBytes))];
  for (const size of sizes) {
    const pool = context.pools.find((candidate) => candidate.targetBytes === size);
    const shape =
      pool === undefined
        ? ""
        : ` (mean ${Math.round(pool.meanBytes)} B, ${pool.minBytes}–${pool.maxBytes} B; ` +
          `${(pool.datagrams / pool.traces).toFixed(1)} documents per trace)`;
    const group = summaries.filter((summary) => summary.sizeBytes === size);
    lines.push("", `### ${size} B datagrams${shape}`, "", ...table(group));
    const remarks = notes(group);
    if (remarks.length > 0) lines.push("", ...remarks);
  }
  return lines.join("\n");
}
