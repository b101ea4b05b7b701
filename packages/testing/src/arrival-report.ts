/** One-line descriptions of what reached the sandbox, for timeout messages. */

import { explanationOf } from "@xray-sandbox/segments";
import type { SegmentRecord, TraceRecord } from "./records.ts";
import type { SandboxApi } from "./sandbox-api.ts";
import { placedNodes } from "./trace-tree.ts";

const MAX_TRACES = 10;
const MAX_SEGMENTS = 20;
const MAX_NAMES = 6;

/** `1-…: GET /user → 200 [fault] (segments: api, UserData, format)` */
export function traceLine(trace: TraceRecord): string {
  const { summary } = trace;
  const http = summary.http;
  let root: string;
  if (http && (http.method !== undefined || http.url !== undefined)) {
    const call = [http.method, http.url === undefined ? undefined : pathOf(http.url)]
      .filter((part) => part !== undefined)
      .join(" ");
    root = http.status === undefined ? call : `${call} → ${http.status}`;
  } else {
    root = summary.root?.name ?? "(root segment not received yet)";
  }
  const flags = [
    summary.hasFault ? "fault" : undefined,
    summary.hasError ? "error" : undefined,
    summary.hasThrottle ? "throttle" : undefined,
    summary.inProgress ? "in progress" : undefined,
    trace.orphans.length > 0 ? `${trace.orphans.length} waiting for their parent` : undefined,
  ].filter((flag) => flag !== undefined);
  const names = [...new Set(placedNodes(trace).map(({ node }) => node.document.name))];
  const shown = names.slice(0, MAX_NAMES).join(", ") + (names.length > MAX_NAMES ? ", …" : "");
  return `${trace.id}: ${root}${flags.length > 0 ? ` [${flags.join(", ")}]` : ""} (segments: ${shown})`;
}

export function traceLines(traces: readonly TraceRecord[]): string {
  const lines = traces.slice(0, MAX_TRACES).map((trace) => `  ${traceLine(trace)}`);
  if (traces.length > MAX_TRACES) lines.push(`  … and ${traces.length - MAX_TRACES} more`);
  return lines.join("\n");
}

export function segmentLines(segments: readonly SegmentRecord[]): string {
  const lines = segments
    .slice(0, MAX_SEGMENTS)
    .map((segment) => `  ${segment.traceId}: ${segment.path.join(" > ")}`);
  if (segments.length > MAX_SEGMENTS) lines.push(`  … and ${segments.length - MAX_SEGMENTS} more`);
  return lines.join("\n");
}

export function countText(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** Where the recipe for tracing every request is. */
export const SAMPLING_RECIPE =
  '"Every request traced from the first" in the @xray-sandbox/testing README';

/**
 * Datagrams the daemon refused since `since` (epoch ms), or what to check when nothing
 * arrived at all: the address, and sampling.
 */
export async function deliveryNote(
  api: SandboxApi,
  since: number,
  nothingArrived: boolean,
): Promise<string | undefined> {
  const [{ rejections }, stats] = await Promise.all([api.rejected(), api.stats()]);
  const recent = rejections.filter((entry) => Date.parse(entry.receivedAt) >= since);
  if (recent.length > 0) {
    const byReason = new Map<string, number>();
    for (const entry of recent) byReason.set(entry.reason, (byReason.get(entry.reason) ?? 0) + 1);
    const reasons = [...byReason].map(([reason, count]) => `${reason} ×${count}`).join(", ");
    const newest = recent[0];
    const detail = newest ? `; the newest, from ${newest.from}: ${newest.message}` : "";
    const why =
      newest?.code === undefined ? "" : ` Why (${newest.code}): ${explanationOf(newest.code).why}`;
    return `${countText(recent.length, "datagram")} refused by the daemon (${reasons})${detail}. GET ${api.url}/api/rejected lists them.${why}`;
  }
  if (!nothingArrived) return undefined;
  const tcp = new URL(api.url).host;
  const address = tcp === stats.udp.address ? tcp : `udp:${stats.udp.address} tcp:${tcp}`;
  const fetched = await api.sampling().then(
    (sampling) => sampling.lastRulesFetch,
    () => undefined,
  );
  const rules =
    fetched === null
      ? ", and no SDK has fetched them yet"
      : fetched === undefined
        ? ""
        : ` (an SDK last fetched them at ${fetched})`;
  const diagnosis = await api.samplingDiagnosis().then(
    (body) => body.summary,
    () => [],
  );
  const sampling =
    diagnosis.length > 0
      ? `\nSampling diagnosis (GET ${api.url}/api/sampling/diagnosis):\n${diagnosis.map((line) => `  - ${line}`).join("\n")}`
      : "";
  return (
    "The service sent nothing: was the request sampled? The X-Ray SDK decides with its local " +
    `rules (1 request a second, then 5 %) until it has fetched the sandbox's rules${rules}; ` +
    `see ${SAMPLING_RECIPE}. Is AWS_XRAY_DAEMON_ADDRESS="${address}" in the service's ` +
    `environment before the SDK loads?${sampling}`
  );
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}
