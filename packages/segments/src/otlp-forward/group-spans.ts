/**
 * Spans into one `ExportTraceServiceRequest`: one `ResourceSpans` per distinct resource (the
 * same object, or equal attributes), one `ScopeSpans` per scope within it, in arrival order.
 */

import type {
  OtlpAttributes,
  OtlpResourceSpans,
  OtlpScope,
  OtlpSpan,
  OtlpTraceRequest,
} from "../otlp/otlp-model.ts";
import type { ForwardSpan } from "./forward-model.ts";

function resourceKey(resource: OtlpAttributes): string {
  return JSON.stringify([...resource], (_key, value: unknown) =>
    typeof value === "bigint" ? value.toString() : value instanceof Map ? [...value] : value,
  );
}

export function groupSpans(spans: readonly ForwardSpan[]): OtlpTraceRequest {
  const byResource = new Map<
    string,
    { resource: OtlpAttributes; scopes: Map<string, { scope: OtlpScope; spans: OtlpSpan[] }> }
  >();
  const keys = new Map<OtlpAttributes, string>();
  for (const { resource, scope, span } of spans) {
    let key = keys.get(resource);
    if (key === undefined) {
      key = resourceKey(resource);
      keys.set(resource, key);
    }
    let group = byResource.get(key);
    if (group === undefined) {
      group = { resource, scopes: new Map() };
      byResource.set(key, group);
    }
    const scopeKey = `${scope.name}\u0000${scope.version}`;
    let scoped = group.scopes.get(scopeKey);
    if (scoped === undefined) {
      scoped = { scope, spans: [] };
      group.scopes.set(scopeKey, scoped);
    }
    scoped.spans.push(span);
  }
  const resourceSpans: OtlpResourceSpans[] = [...byResource.values()].map((group) => ({
    resource: group.resource,
    scopeSpans: [...group.scopes.values()],
  }));
  return { resourceSpans };
}
