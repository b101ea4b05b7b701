/**
 * Which received trace came closest to a filter expression that none matched, and why it
 * missed: the conditions of a top-level AND it fails, with the values it has instead.
 */

import { type FilterNode, parseFilter } from "@xray-sandbox/segments";
import { traceLine } from "./arrival-report.ts";
import { formatValue } from "./format-value.ts";
import type { TraceRecord } from "./records.ts";
import type { SandboxApi } from "./sandbox-api.ts";
import { editDistance, substringDistance } from "./text-distance.ts";

interface Condition {
  readonly node: FilterNode;
  readonly source: string;
}

interface Scored {
  readonly trace: TraceRecord;
  readonly failed: readonly Condition[];
  /** How far the failed conditions' values are from passing; lower is closer. */
  readonly distance: number;
}

export async function nearestMatch(
  api: SandboxApi,
  filter: string,
  traces: readonly TraceRecord[],
): Promise<string | undefined> {
  const parsed = parseFilter(filter);
  if (!parsed.ok || traces.length === 0) return undefined;
  const conditions = conditionsOf(parsed.ast, filter);
  const matching = await Promise.all(
    conditions.map(async ({ source }) => {
      const summaries = await api.summaries(source);
      return new Set<string>(summaries.map((summary) => summary.id));
    }),
  );
  const scored: Scored[] = traces.map((trace) => {
    const failed = conditions.filter((_, index) => !matching[index]?.has(trace.id));
    const distance = failed.reduce((sum, { node }) => sum + distanceFrom(node, trace), 0);
    return { trace, failed, distance };
  });
  const best = scored.reduce((closest, item) =>
    item.failed.length < closest.failed.length ||
    (item.failed.length === closest.failed.length && item.distance < closest.distance)
      ? item
      : closest,
  );
  const satisfied = conditions.length - best.failed.length;
  if (satisfied === 0 && !Number.isFinite(best.distance)) return undefined;
  const misses = best.failed.map(({ node, source }) => {
    const actual = actualValues(node, best.trace);
    return actual ? `${source} (${actual.label} is ${actual.text})` : source;
  });
  const verdict =
    conditions.length > 1
      ? `satisfies ${satisfied} of ${conditions.length} conditions; fails: ${misses.join("; ")}`
      : `fails: ${misses.join("; ")}`;
  return `nearest match: ${traceLine(best.trace)}\n  ${verdict}`;
}

function conditionsOf(ast: FilterNode, filter: string): Condition[] {
  const nodes = ast.kind === "and" ? ast.operands : [ast];
  return nodes.map((node) => ({
    node,
    source: filter.slice(node.span.offset, node.span.offset + node.span.length),
  }));
}

type Value = string | number | boolean;

interface Actual {
  readonly label: string;
  readonly values: readonly Value[];
  readonly text: string;
}

/** What the trace has for the keyword a condition tests, when it is one read from the summary. */
function actualValues(node: FilterNode, trace: TraceRecord): Actual | undefined {
  const { summary } = trace;
  let label: string;
  let values: readonly (Value | undefined)[];
  if (node.kind === "annotation") {
    label = `annotation.${node.key}`;
    values = summary.annotations[node.key] ?? [];
  } else if (node.kind === "keyword") {
    label = node.keyword;
    const root = trace.segments.find((segment) => segment.document.id === summary.root?.id);
    const byKeyword: Partial<Record<string, readonly (Value | undefined)[]>> = {
      "http.url": [summary.http?.url],
      "http.method": [summary.http?.method],
      "http.useragent": [summary.http?.userAgent],
      "http.clientip": [summary.http?.clientIp],
      "http.status": [summary.http?.status],
      responsetime: [summary.responseTime],
      duration: [summary.duration],
      user: summary.users,
      name: summary.services.map((service) => service.name),
      fault: [root?.document.fault === true],
      error: [root?.document.error === true],
      throttle: [root?.document.throttle === true],
    };
    const known = byKeyword[node.keyword];
    if (!known) return undefined;
    values = known;
  } else {
    return undefined;
  }
  const present = values.filter((value): value is Value => value !== undefined);
  const text =
    present.length === 0
      ? "absent"
      : present.length === 1
        ? formatValue(present[0])
        : `one of ${present.map((value) => formatValue(value)).join(", ")}`;
  return { label, values: present, text };
}

/** 0 for a passing value, up to 1 for a far one; Infinity when the trace has no such value. */
function distanceFrom(node: FilterNode, trace: TraceRecord): number {
  if ((node.kind !== "keyword" && node.kind !== "annotation") || !node.comparison) {
    return Number.POSITIVE_INFINITY;
  }
  const comparison = node.comparison;
  const actual = actualValues(node, trace);
  if (!actual || actual.values.length === 0) return Number.POSITIVE_INFINITY;
  return actual.values.reduce<number>((best, value) => {
    let distance = Number.POSITIVE_INFINITY;
    if (comparison.type === "string" && typeof value === "string") {
      distance = stringDistance(comparison.operator, comparison.value, value);
    } else if (comparison.type === "number" && typeof value === "number") {
      distance = Math.min(
        1,
        Math.abs(value - comparison.value) / Math.max(1, Math.abs(comparison.value)),
      );
    } else if (comparison.type === "boolean" && typeof value === "boolean") {
      distance = 1;
    }
    return Math.min(best, distance);
  }, Number.POSITIVE_INFINITY);
}

function stringDistance(operator: string, expected: string, actual: string): number {
  const scale = Math.max(1, expected.length);
  switch (operator) {
    case "CONTAINS":
      return substringDistance(expected, actual) / scale;
    case "BEGINSWITH":
      return editDistance(expected, actual.slice(0, expected.length)) / scale;
    case "ENDSWITH":
      return editDistance(expected, actual.slice(-expected.length)) / scale;
    default:
      return Math.min(1, editDistance(expected, actual) / scale);
  }
}
