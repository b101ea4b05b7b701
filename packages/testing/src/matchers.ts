/**
 * Matchers for `expect.extend`, written to the protocol vitest, Jest's `expect` and
 * Playwright's `expect` share: `this.isNot`, `this.utils`, `{ pass, message }`.
 */

import type { AnnotationValue, TraceNode } from "@xray-sandbox/segments";
import { checkNode, mismatchLines, type NodeKind } from "./check-node.ts";
import { formatValue } from "./format-value.ts";
import type { Matchable, NodeExpectation } from "./node-expectation.ts";
import { findMismatches, type Mismatch } from "./partial-match.ts";
import { type NoProblemsOptions, toHaveNoProblems } from "./problem-matcher.ts";
import type { TraceTree } from "./records.ts";
import { formatTree, nodeLabel, type PlacedNode, placedNodes } from "./trace-tree.ts";

/** The part of a matcher's `this` these matchers read; every runner's context has it. */
export interface XrayMatcherContext {
  readonly isNot?: boolean;
  readonly promise?: string;
  readonly utils?: {
    matcherHint(
      matcherName: string,
      received?: string,
      expected?: string,
      options?: { isNot?: boolean; promise?: string },
    ): string;
  };
}

export interface XrayMatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

/** The matchers' signatures as seen from `expect(received)`, returning `R`. */
export interface XrayMatchers<R> {
  /** A subsegment named `name` (anywhere in the tree) matching `expected` partially. */
  toHaveSubsegment(name: string, expected?: NodeExpectation): R;
  /** A segment (one service's top-level record) named `name` matching `expected` partially. */
  toHaveSegment(name: string, expected?: NodeExpectation): R;
  /** Some node (of a trace), or the node itself, has annotation `key` [equal to `value`]. */
  toHaveAnnotation(key: string, value?: Matchable<AnnotationValue>): R;
  /** Some node, or the node itself, has metadata in `namespace` [matching `expected`]. */
  toHaveMetadata(namespace: string, expected?: unknown): R;
  /** The root segment of a trace, or the node itself, is marked `fault` (a 5xx). */
  toBeFault(): R;
  /** The root segment of a trace, or the node itself, is marked `error` (a 4xx). */
  toBeError(): R;
  /** The root segment of a trace, or the node itself, is marked `throttle` (a 429). */
  toBeThrottle(): R;
  /**
   * The trace doctor finds no problem of at least `severity` (default `"warning"`) in the
   * trace; the failure explains each one, with the fix for the SDK that sent it.
   */
  toHaveNoProblems(options?: NoProblemsOptions): R;
}

/** A trace to search, or one node: a `TraceNode`, or a `SegmentRecord` from `segments()`. */
type Subject =
  | { readonly kind: "trace"; readonly trace: TraceTree & { readonly summary?: unknown } }
  | { readonly kind: "node"; readonly node: NodeLike; readonly label: string };

interface NodeLike {
  readonly document: TraceNode["document"];
  readonly children?: readonly TraceNode[];
  readonly kind?: NodeKind;
}

type Flag = "fault" | "error" | "throttle";

function toHaveSubsegment(
  this: XrayMatcherContext,
  received: unknown,
  name: string,
  expected?: NodeExpectation,
): XrayMatcherResult {
  return namedNode(this, "toHaveSubsegment", "subsegment", received, name, expected);
}

function toHaveSegment(
  this: XrayMatcherContext,
  received: unknown,
  name: string,
  expected?: NodeExpectation,
): XrayMatcherResult {
  return namedNode(this, "toHaveSegment", "segment", received, name, expected);
}

function toHaveAnnotation(
  this: XrayMatcherContext,
  received: unknown,
  key: string,
  ...value: [Matchable<AnnotationValue>?]
): XrayMatcherResult {
  const subject = subjectOf("toHaveAnnotation", received);
  const nodes = nodesOf(subject);
  const wanted = value.length > 0 ? { [key]: value[0] } : undefined;
  const hit = nodes.find(({ node }) => {
    const annotations: unknown = node.document.annotations;
    if (!isRecord(annotations) || !(key in annotations)) return false;
    return !wanted || findMismatches(annotations, wanted).length === 0;
  });
  const what = `annotation ${key}${wanted ? ` = ${formatValue(value[0])}` : ""}`;
  const args = [JSON.stringify(key), ...(wanted ? [formatValue(value[0])] : [])].join(", ");
  const listed = annotationLines(nodes);
  return result(this, "toHaveAnnotation", args, Boolean(hit), {
    failure: () =>
      `${describe(subject)} has no ${what}; ${listed === "" ? "it has no annotations at all" : `annotations received:\n${listed}`}`,
    found: () => `${describe(subject)} has ${what} on ${hit ? hit.path.join(" > ") : "?"}`,
  });
}

function toHaveMetadata(
  this: XrayMatcherContext,
  received: unknown,
  namespace: string,
  ...expected: [unknown?]
): XrayMatcherResult {
  const subject = subjectOf("toHaveMetadata", received);
  const nodes = nodesOf(subject);
  const scored: Array<{ placed: PlacedNode; mismatches: Mismatch[] }> = [];
  for (const placed of nodes) {
    const metadata: unknown = placed.node.document.metadata;
    if (!isRecord(metadata) || !(namespace in metadata)) continue;
    const mismatches =
      expected.length > 0 ? findMismatches(metadata[namespace], expected[0], namespace) : [];
    scored.push({ placed, mismatches });
  }
  const hit = scored.find(({ mismatches }) => mismatches.length === 0);
  const closest = scored.reduce<(typeof scored)[number] | undefined>(
    (best, item) => (!best || item.mismatches.length < best.mismatches.length ? item : best),
    undefined,
  );
  const what = `metadata in namespace ${JSON.stringify(namespace)}${expected.length > 0 ? ` matching ${formatValue(expected[0])}` : ""}`;
  const args = [
    JSON.stringify(namespace),
    ...(expected.length > 0 ? [formatValue(expected[0])] : []),
  ].join(", ");
  return result(this, "toHaveMetadata", args, Boolean(hit), {
    failure: () => {
      if (closest) {
        return `${describe(subject)} has no ${what}; the closest, on ${closest.placed.path.join(" > ")}, differs in:\n${mismatchLines(closest.mismatches)}`;
      }
      const lines = metadataLines(nodes);
      return `${describe(subject)} has no ${what}; ${lines === "" ? "it has no metadata at all" : `metadata namespaces received:\n${lines}`}`;
    },
    found: () => `${describe(subject)} has ${what} on ${hit ? hit.placed.path.join(" > ") : "?"}`,
  });
}

function toBeFault(this: XrayMatcherContext, received: unknown): XrayMatcherResult {
  return flagMatcher(this, "toBeFault", "fault", received);
}

function toBeError(this: XrayMatcherContext, received: unknown): XrayMatcherResult {
  return flagMatcher(this, "toBeError", "error", received);
}

function toBeThrottle(this: XrayMatcherContext, received: unknown): XrayMatcherResult {
  return flagMatcher(this, "toBeThrottle", "throttle", received);
}

/** Pass to `expect.extend` (vitest, Jest's `expect`, Playwright's `expect`). */
export const xrayMatchers = {
  toHaveSubsegment,
  toHaveSegment,
  toHaveAnnotation,
  toHaveMetadata,
  toBeFault,
  toBeError,
  toBeThrottle,
  toHaveNoProblems,
};

function namedNode(
  context: XrayMatcherContext,
  matcher: string,
  kind: NodeKind,
  received: unknown,
  name: string,
  expected: NodeExpectation | undefined,
): XrayMatcherResult {
  const subject = subjectOf(matcher, received);
  let tree: TraceTree;
  let where: string;
  if (subject.kind === "trace") {
    tree = subject.trace;
    where = `trace ${tree.id}`;
  } else if (kind === "subsegment" && subject.node.children) {
    tree = { id: subject.label, segments: subject.node.children, orphans: [] };
    where = subject.label;
  } else {
    throw new TypeError(
      `${matcher} needs a trace${kind === "subsegment" ? " or a TraceNode (which has children)" : ""}; received ${subject.label}`,
    );
  }
  const check = checkNode(tree, kind, name, expected, where);
  const args = [JSON.stringify(name), ...(expected ? [formatValue(expected)] : [])].join(", ");
  return result(context, matcher, args, check.pass, {
    failure: () => check.failure,
    found: () => check.found,
  });
}

function flagMatcher(
  context: XrayMatcherContext,
  matcher: string,
  flag: Flag,
  received: unknown,
): XrayMatcherResult {
  const subject = subjectOf(matcher, received);
  if (subject.kind === "node") {
    const pass = subject.node.document[flag] === true;
    return result(context, matcher, "", pass, {
      failure: () => `${subject.label} does not have ${flag} set${flagsText(subject.node)}`,
      found: () => `${subject.label} has ${flag} set`,
    });
  }
  const { trace } = subject;
  const root = rootOf(trace);
  const pass = root?.document[flag] === true;
  const rootText = root
    ? `the root segment of trace ${trace.id} (${nodeLabel(root)})`
    : `trace ${trace.id}, which has no segment yet,`;
  const elsewhere = placedNodes(trace)
    .filter(({ node }) => node !== root && node.document[flag] === true)
    .map(({ path }) => path.join(" > "));
  return result(context, matcher, "", pass, {
    failure: () =>
      `${rootText} does not have ${flag} set; ${elsewhere.length > 0 ? `it is set on ${elsewhere.join(", ")}` : "no node of the trace has it"}\n\n${formatTree(trace)}`,
    found: () => `${rootText} has ${flag} set\n\n${formatTree(trace)}`,
  });
}

function result(
  context: XrayMatcherContext,
  matcher: string,
  args: string,
  pass: boolean,
  text: { failure: () => string; found: () => string },
): XrayMatcherResult {
  return {
    pass,
    message: () => `${hint(context, matcher, args)}\n\n${pass ? text.found() : text.failure()}`,
  };
}

function hint(context: XrayMatcherContext, matcher: string, args: string): string {
  const options = { isNot: context.isNot === true, promise: context.promise ?? "" };
  return (
    context.utils?.matcherHint(matcher, "received", args, options) ??
    `expect(received)${options.isNot ? ".not" : ""}.${matcher}(${args})`
  );
}

function subjectOf(matcher: string, received: unknown): Subject {
  if (
    isRecord(received) &&
    typeof received.id === "string" &&
    Array.isArray(received.segments) &&
    Array.isArray(received.orphans)
  ) {
    return { kind: "trace", trace: received as unknown as TraceTree };
  }
  if (
    isRecord(received) &&
    isRecord(received.document) &&
    typeof received.document.name === "string"
  ) {
    const node = received as unknown as NodeLike;
    const kind = node.kind ?? "node";
    return { kind: "node", node, label: `${kind} ${JSON.stringify(node.document.name)}` };
  }
  throw new TypeError(
    `${matcher} expects a trace (from waitForTrace / traces / trace) or a node (from findSubsegment / segments), received ${formatValue(received)}`,
  );
}

function nodesOf(subject: Subject): PlacedNode[] {
  if (subject.kind === "trace") return placedNodes(subject.trace);
  return [
    {
      node: subject.node as TraceNode,
      path: [subject.node.document.name],
      depth: 0,
      orphan: false,
    },
  ];
}

function describe(subject: Subject): string {
  return subject.kind === "trace" ? `trace ${subject.trace.id}` : subject.label;
}

function rootOf(trace: TraceTree & { readonly summary?: unknown }): TraceNode | undefined {
  const summary = trace.summary;
  const rootId = isRecord(summary) && isRecord(summary.root) ? summary.root.id : undefined;
  return (
    trace.segments.find((node) => node.document.id === rootId) ??
    trace.segments.find((node) => node.parentId === undefined) ??
    trace.segments[0]
  );
}

function flagsText(node: NodeLike): string {
  const set = (["fault", "error", "throttle"] as const).filter(
    (flag) => node.document[flag] === true,
  );
  return set.length > 0 ? ` (it has ${set.join(", ")})` : "";
}

function annotationLines(nodes: readonly PlacedNode[]): string {
  return nodes
    .flatMap(({ node, path }) => {
      const annotations: unknown = node.document.annotations;
      if (!isRecord(annotations) || Object.keys(annotations).length === 0) return [];
      const pairs = Object.entries(annotations).map(
        ([key, value]) => `${key} = ${formatValue(value)}`,
      );
      return [`  ${path.join(" > ")}: ${pairs.join(", ")}`];
    })
    .join("\n");
}

function metadataLines(nodes: readonly PlacedNode[]): string {
  return nodes
    .flatMap(({ node, path }) => {
      const metadata: unknown = node.document.metadata;
      if (!isRecord(metadata) || Object.keys(metadata).length === 0) return [];
      return [`  ${path.join(" > ")}: ${Object.keys(metadata).join(", ")}`];
    })
    .join("\n");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
