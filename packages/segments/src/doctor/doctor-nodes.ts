/**
 * The nodes of a trace as the detectors read them: each with its parent node, the segment it
 * belongs to, how its document arrived and which SDK sent it.
 */

import type { DocumentFields } from "../document.ts";
import { type DocumentOrigin, sourceSpanOf } from "../document-origin.ts";
import type { SourceSpan } from "../otlp/translate-contract.ts";
import type { AssembledTrace, StoredDocument, TraceNode } from "../trace.ts";
import { walkTree } from "../walk-tree.ts";
import type { SdkName } from "./problem.ts";

export interface DoctorNode {
  readonly node: TraceNode;
  readonly document: DocumentFields;
  /** The node it hangs under in its service's tree; undefined for a segment. */
  readonly parent: DoctorNode | undefined;
  /** For a segment: the subsegment (of another service) its `parent_id` names, when in the trace. */
  readonly caller: DoctorNode | undefined;
  /** The segment at the top of its service's part of the tree, itself for a segment. */
  readonly segment: DoctorNode;
  /** Under an orphan: a subtree whose parent has not arrived. */
  readonly orphan: boolean;
  readonly origin: DocumentOrigin | undefined;
  /** The stored document this node was read from (its own, or its segment's). */
  readonly stored: StoredDocument | undefined;
  readonly sdk: SdkName | undefined;
}

export interface DoctorTrace {
  readonly trace: AssembledTrace;
  readonly nodes: readonly DoctorNode[];
}

/** Every node of the trace, segments first then orphans, depth-first in tree order. */
export function doctorNodes(trace: AssembledTrace): DoctorTrace {
  const storedById = new Map<unknown, StoredDocument>();
  for (const stored of trace.documents) storedById.set(stored.index.id, stored);
  const nodes: Array<{ -readonly [K in keyof DoctorNode]: DoctorNode[K] }> = [];
  const path: DoctorNode[] = [];
  const visit = (orphan: boolean) => (node: TraceNode, depth: number) => {
    const parent = path[depth - 1];
    const own = node.independent || node.kind === "segment" || depth === 0;
    const stored = own ? (storedById.get(node.document.id) ?? parent?.stored) : parent?.stored;
    const origin = stored?.origin;
    const inheritedSdk = node.kind === "segment" ? undefined : parent?.segment.sdk;
    const entry: { -readonly [K in keyof DoctorNode]: DoctorNode[K] } = {
      node,
      document: node.document,
      parent,
      caller: undefined,
      segment: parent as DoctorNode,
      orphan,
      origin,
      stored,
      sdk: sdkOf(node.document, origin) ?? inheritedSdk,
    };
    entry.segment = node.kind === "segment" || parent === undefined ? entry : parent.segment;
    path[depth] = entry;
    nodes.push(entry);
  };
  walkTree(trace.segments, visit(false));
  walkTree(trace.orphans, visit(true));
  const byId = new Map<unknown, DoctorNode>();
  for (const entry of nodes) byId.set(entry.document.id, entry);
  for (const entry of nodes) {
    if (entry.node.kind === "segment" && entry.node.parentId !== undefined) {
      entry.caller = byId.get(entry.node.parentId);
    }
  }
  return { trace, nodes };
}

/**
 * The SDK that sent a document: OpenTelemetry for translated spans; else the SDK the document
 * names in `aws.xray.sdk` (`X-Ray for Node.js`). Python SDK 0.95 names none, and is the one SDK
 * that always writes `"in_progress": false`.
 */
export function sdkOf(
  document: DocumentFields,
  origin: DocumentOrigin | undefined,
): SdkName | undefined {
  // Read from the origin's kind, never its span: an OTLP origin builds its span when read.
  if (cameOverOtlp(origin)) return "otel";
  const xray = document.aws?.xray;
  const sdk =
    typeof xray === "object" && xray !== null ? (xray as { sdk?: unknown }).sdk : undefined;
  if (typeof sdk === "string") {
    const lower = sdk.toLowerCase();
    if (lower.includes("opentelemetry")) return "otel";
    if (lower.includes("node")) return "node";
    if (lower.includes("python")) return "python";
    if (lower.includes("java")) return "java";
    if (lower.includes(".net")) return "dotnet";
    if (lower.includes(" go")) return "go";
  }
  if (document.in_progress === false) return "python";
  return undefined;
}

/** Whether the document was translated from a span, through an import too. */
function cameOverOtlp(origin: DocumentOrigin | undefined): boolean {
  if (origin?.kind === "import") return origin.exported?.kind === "otlp";
  return origin?.kind === "otlp";
}

/** The span a node's document was made from, when it came over OTLP. */
export function spanOf(entry: DoctorNode): SourceSpan | undefined {
  return sourceSpanOf(entry.origin);
}
