/** Values that only a walk over the documents can tell: exceptions, EC2 and resource fields. */

import type { DocumentFields } from "../document.ts";
import type { AssembledTrace, TraceNode } from "../trace.ts";

export interface Facts {
  /** Messages of the exceptions recorded in `cause`. */
  readonly messages: string[];
  /** Some exception is marked `remote`: it was caused by a downstream call. */
  readonly remote: boolean;
  readonly availabilityZones: string[];
  readonly instanceIds: string[];
  readonly resourceArns: string[];
}

/** Every segment and subsegment of the trace, orphans included. */
export function traceFacts(trace: AssembledTrace): Facts {
  return collectFacts([...trace.segments, ...trace.orphans]);
}

/** A segment or subsegment with the subsegments under it, not the segments it called. */
export function nodeFacts(node: TraceNode): Facts {
  return collectFacts([node]);
}

function collectFacts(roots: readonly TraceNode[]): Facts {
  const facts = {
    messages: [] as string[],
    remote: false,
    availabilityZones: [] as string[],
    instanceIds: [] as string[],
    resourceArns: [] as string[],
  };
  const stack = [...roots];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    const document = node.document;
    const cause = document.cause;
    if (typeof cause === "object" && cause !== null && Array.isArray(cause.exceptions)) {
      for (const exception of cause.exceptions) {
        if (typeof exception?.message === "string") facts.messages.push(exception.message);
        if (exception?.remote === true) facts.remote = true;
      }
    }
    pushString(facts.availabilityZones, ec2Field(document, "availability_zone"));
    pushString(facts.instanceIds, ec2Field(document, "instance_id"));
    pushString(facts.resourceArns, document.resource_arn);
    for (const child of node.children) {
      if (child.kind === "subsegment") stack.push(child);
    }
  }
  return facts;
}

export function ec2Field(document: DocumentFields, field: string): unknown {
  const ec2 = document.aws?.ec2;
  return typeof ec2 === "object" && ec2 !== null
    ? (ec2 as Record<string, unknown>)[field]
    : undefined;
}

function pushString(into: string[], value: unknown): void {
  if (typeof value === "string" && !into.includes(value)) into.push(value);
}
