/**
 * A trace's summary in X-Ray's `TraceSummary` shape, with the service behind each value and
 * the trace's root causes (see `traceRootCauses` for the rule).
 */

import {
  type AnnotationValue,
  type AssembledTrace,
  type TraceNode,
  type TraceSummary,
  traceServiceMap,
  walkTree,
} from "@xray-sandbox/segments";
import type { RootCauseCounts } from "./root-cause-counts.ts";
import type {
  XRayAnnotationValue,
  XRayHttp,
  XRayServiceId,
  XRayTraceSummary,
  XRayValueWithServiceIds,
} from "./xray-shapes.ts";

export function toXRayTraceSummary(
  summary: TraceSummary,
  trace: AssembledTrace,
  rootCauses: RootCauseCounts,
): XRayTraceSummary {
  const facts = collectFacts(trace);
  const root = summary.root === undefined ? undefined : facts.serviceOf.get(summary.root.id);
  return {
    Id: summary.id,
    StartTime: summary.startTime,
    ...(summary.duration === undefined ? {} : { Duration: summary.duration }),
    ...(summary.responseTime === undefined ? {} : { ResponseTime: summary.responseTime }),
    HasFault: summary.hasFault,
    HasError: summary.hasError,
    HasThrottle: summary.hasThrottle,
    IsPartial: summary.inProgress || summary.partial,
    ...(summary.http === undefined ? {} : { Http: toHttp(summary.http) }),
    Annotations: annotationsOf(summary, facts),
    Users: summary.users.map((user) => ({
      UserName: user,
      ServiceIds: [...(facts.users.get(user)?.values() ?? [])],
    })),
    ServiceIds: facts.services,
    ResourceARNs: [...facts.resourceArns].map((arn) => ({ ARN: arn })),
    InstanceIds: [...facts.instanceIds].map((id) => ({ Id: id })),
    AvailabilityZones: [...facts.availabilityZones].map((zone) => ({ Name: zone })),
    ...(root === undefined ? {} : { EntryPoint: root }),
    ...rootCauses.of(trace),
    Revision: summary.documentCount,
  };
}

interface TraceFacts {
  readonly services: XRayServiceId[];
  /** Keyed by segment id. */
  readonly serviceOf: Map<string, XRayServiceId>;
  /** Annotation key, then value key: the services whose documents carry it. */
  readonly annotations: Map<string, Map<string, Map<string, XRayServiceId>>>;
  readonly users: Map<string, Map<string, XRayServiceId>>;
  readonly resourceArns: Set<string>;
  readonly instanceIds: Set<string>;
  readonly availabilityZones: Set<string>;
}

function collectFacts(trace: AssembledTrace): TraceFacts {
  const map = traceServiceMap(trace);
  const facts: TraceFacts = {
    services: [],
    serviceOf: new Map(),
    annotations: new Map(),
    users: new Map(),
    resourceArns: new Set(),
    instanceIds: new Set(),
    availabilityZones: new Set(),
  };
  for (const node of map.nodes) {
    const service: XRayServiceId = { Name: node.name, Names: [node.name], Type: node.type };
    facts.services.push(service);
    for (const segment of node.nodes) {
      if (segment.kind !== "segment") continue;
      facts.serviceOf.set(segment.document.id, service);
      collectSegment(segment, node.key, service, facts);
    }
  }
  return facts;
}

function collectSegment(
  segment: TraceNode,
  key: string,
  service: XRayServiceId,
  facts: TraceFacts,
): void {
  const document = segment.document;
  if (typeof document.user === "string" && document.user !== "") {
    serviceSet(facts.users, document.user).set(key, service);
  }
  if (typeof document.resource_arn === "string") facts.resourceArns.add(document.resource_arn);
  const ec2 = document.aws?.ec2;
  if (typeof ec2 === "object" && ec2 !== null) {
    const { instance_id: instanceId, availability_zone: zone } = ec2 as Record<string, unknown>;
    if (typeof instanceId === "string") facts.instanceIds.add(instanceId);
    if (typeof zone === "string") facts.availabilityZones.add(zone);
  }
  // The segment and its subsegments, not the downstream segments nested under them.
  walkTree([segment], (node) => {
    if (node !== segment && node.kind !== "subsegment") return false;
    for (const [name, value] of Object.entries(node.document.annotations ?? {})) {
      const values = facts.annotations.get(name) ?? new Map<string, Map<string, XRayServiceId>>();
      facts.annotations.set(name, values);
      serviceSet(values, valueKey(value)).set(key, service);
    }
    return true;
  });
}

/** Every annotation the summary holds; one whose document has no known service gets none. */
function annotationsOf(
  summary: TraceSummary,
  facts: TraceFacts,
): Record<string, XRayValueWithServiceIds[]> {
  const annotations: Record<string, XRayValueWithServiceIds[]> = Object.create(null);
  for (const [name, values] of Object.entries(summary.annotations)) {
    const services = facts.annotations.get(name);
    annotations[name] = values.map((value) => ({
      AnnotationValue: toAnnotationValue(value),
      ServiceIds: [...(services?.get(valueKey(value))?.values() ?? [])],
    }));
  }
  return annotations;
}

function toAnnotationValue(value: AnnotationValue): XRayAnnotationValue {
  if (typeof value === "number") return { NumberValue: value };
  if (typeof value === "boolean") return { BooleanValue: value };
  return { StringValue: value };
}

function toHttp(http: NonNullable<TraceSummary["http"]>): XRayHttp {
  return {
    ...(http.url === undefined ? {} : { HttpURL: http.url }),
    ...(http.status === undefined ? {} : { HttpStatus: http.status }),
    ...(http.method === undefined ? {} : { HttpMethod: http.method }),
    ...(http.userAgent === undefined ? {} : { UserAgent: http.userAgent }),
    ...(http.clientIp === undefined ? {} : { ClientIp: http.clientIp }),
  };
}

function valueKey(value: unknown): string {
  return `${typeof value}:${String(value)}`;
}

function serviceSet<K>(
  map: Map<K, Map<string, XRayServiceId>>,
  key: K,
): Map<string, XRayServiceId> {
  const existing = map.get(key);
  if (existing !== undefined) return existing;
  const created = new Map<string, XRayServiceId>();
  map.set(key, created);
  return created;
}
