/**
 * Builds the tree of a trace from every document stored for it: segments, the
 * subsegments they embed, and independent (streamed) subsegments attached under the node
 * their `parent_id` names, whatever order the documents arrived in.
 */

import type { SegmentDocument, SubsegmentDocument } from "./document.ts";
import type { AssembledTrace, StoredDocument } from "./trace.ts";
import type { SegmentId, TraceId } from "./units.ts";

type NodeDocument = SegmentDocument | SubsegmentDocument;

interface BuildNode {
  kind: "segment" | "subsegment";
  document: NodeDocument;
  segmentId: SegmentId;
  parentId: SegmentId | undefined;
  independent: boolean;
  children: BuildNode[];
}

/** One place a node id appears: a top-level document or an entry of some `subsegments`. */
interface Occurrence {
  readonly document: NodeDocument;
  readonly kind: "segment" | "subsegment";
  readonly independent: boolean;
  /** The containing node for an embedded subsegment, else the document's `parent_id`. */
  readonly pointer: SegmentId | undefined;
  readonly receivedAt: number;
  /** Position in a traversal that does not depend on arrival order. */
  readonly seq: number;
}

interface Entry {
  readonly occurrence: Occurrence;
  readonly node: BuildNode;
  state: "new" | "walking" | "done";
  orphan: boolean;
}

type EntryKey = string | number;

export function assembleTrace(id: TraceId, documents: readonly StoredDocument[]): AssembledTrace {
  const entries = collectEntries(documents);
  const segments: BuildNode[] = [];
  const orphans: BuildNode[] = [];
  const seqOf = new Map<BuildNode, number>();

  for (const entry of entries.values()) {
    seqOf.set(entry.node, entry.occurrence.seq);
    if (entry.node.kind === "segment") segments.push(entry.node);
  }
  resolveParents(entries);
  for (const entry of entries.values()) {
    if (entry.node.kind === "segment") continue;
    const parent = entry.orphan ? undefined : lookup(entries, entry.occurrence.pointer);
    if (parent) parent.node.children.push(entry.node);
    else orphans.push(entry.node);
  }

  const bySeq = (node: BuildNode): number => seqOf.get(node) ?? 0;
  const order = (a: BuildNode, b: BuildNode): number =>
    compareNumbers(startOf(a.document), startOf(b.document)) || bySeq(a) - bySeq(b);
  segments.sort(order);
  orphans.sort(order);
  for (const entry of entries.values()) entry.node.children.sort(order);

  for (const segment of segments) assignSegmentIds(segment, segment.document.id);
  for (const orphan of orphans) {
    assignSegmentIds(orphan, orphan.parentId ?? orphan.document.id);
  }

  return { id, segments, orphans, documents };
}

/**
 * One entry per node id. When an id appears more than once (an `in_progress` copy and a
 * complete one, or a streamed subsegment its parent also embeds), one copy wins, in this
 * order: a segment over a subsegment; a complete copy over an `in_progress` one; the
 * embedded copy over the independent one (it sits where its parent put it); the later
 * received; the first in traversal order. The winner's position in the tree is used.
 * Children of a losing copy are not lost: they still name the same id as their parent.
 */
function collectEntries(documents: readonly StoredDocument[]): Map<EntryKey, Entry> {
  // Sorted by index fields: a stored document may parse its text each time it is read.
  const sorted = [...documents].sort(
    (a, b) =>
      compareNumbers(a.index.start_time, b.index.start_time) ||
      compareStrings(topKind(a), topKind(b)) ||
      compareStrings(a.index.id, b.index.id) ||
      a.receivedAt - b.receivedAt,
  );
  const entries = new Map<EntryKey, Entry>();
  let seq = 0;
  const offer = (occurrence: Occurrence): void => {
    const id = occurrence.document.id;
    const key: EntryKey = typeof id === "string" ? id : -occurrence.seq - 1;
    const current = entries.get(key);
    if (current && !outranks(occurrence, current.occurrence)) return;
    entries.set(key, { occurrence, node: toNode(occurrence), state: "new", orphan: false });
  };

  for (const stored of sorted) {
    const top = stored.document;
    const independent = top.type === "subsegment";
    const stack: Array<{ document: NodeDocument; pointer: SegmentId | undefined; top: boolean }> = [
      { document: top, pointer: top.parent_id, top: true },
    ];
    for (let item = stack.pop(); item; item = stack.pop()) {
      offer({
        document: item.document,
        kind: item.top && !independent ? "segment" : "subsegment",
        independent: item.top && independent,
        pointer: item.pointer,
        receivedAt: stored.receivedAt,
        seq: seq++,
      });
      const children = embeddedOf(item.document);
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i];
        if (child) stack.push({ document: child, pointer: item.document.id, top: false });
      }
    }
  }
  return entries;
}

function outranks(challenger: Occurrence, holder: Occurrence): boolean {
  if (challenger.kind !== holder.kind) return challenger.kind === "segment";
  const challengerDone = challenger.document.in_progress !== true;
  if (challengerDone !== (holder.document.in_progress !== true)) return challengerDone;
  if (challenger.independent !== holder.independent) return !challenger.independent;
  return challenger.receivedAt > holder.receivedAt;
}

/**
 * Marks which subsegments have no reachable parent. Parent links come from untrusted
 * `parent_id`s and can form cycles; each cycle is cut at the first of its nodes the walk
 * meets, which becomes an orphan holding the rest of the cycle.
 */
function resolveParents(entries: Map<EntryKey, Entry>): void {
  const walked: Entry[] = [];
  for (const start of entries.values()) {
    let current: Entry | undefined = start;
    while (current && current.state === "new" && current.node.kind === "subsegment") {
      current.state = "walking";
      walked.push(current);
      const parent = lookup(entries, current.occurrence.pointer);
      if (!parent) current.orphan = true;
      else if (parent.state === "walking") parent.orphan = true;
      current = parent;
    }
    for (const entry of walked) entry.state = "done";
    walked.length = 0;
  }
}

function lookup(entries: Map<EntryKey, Entry>, id: SegmentId | undefined): Entry | undefined {
  return typeof id === "string" ? entries.get(id) : undefined;
}

function toNode(occurrence: Occurrence): BuildNode {
  const { document, kind } = occurrence;
  return {
    kind,
    document,
    segmentId: document.id,
    parentId: occurrence.pointer,
    independent: occurrence.independent,
    children: [],
  };
}

function assignSegmentIds(root: BuildNode, segmentId: SegmentId): void {
  const stack: Array<{ node: BuildNode; segmentId: SegmentId }> = [{ node: root, segmentId }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    item.node.segmentId = item.segmentId;
    for (const child of item.node.children) {
      if (child.kind === "subsegment") stack.push({ node: child, segmentId: item.segmentId });
    }
  }
}

function embeddedOf(document: NodeDocument): readonly SubsegmentDocument[] {
  const list: unknown = document.subsegments;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (entry): entry is SubsegmentDocument => typeof entry === "object" && entry !== null,
  );
}

function topKind(stored: StoredDocument): string {
  return stored.index.type === "subsegment" ? "subsegment" : "segment";
}

function startOf(document: NodeDocument): number {
  const start: unknown = document.start_time;
  return typeof start === "number" && Number.isFinite(start) ? start : Number.POSITIVE_INFINITY;
}

function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
