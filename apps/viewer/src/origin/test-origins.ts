/** Origins and source spans for tests. */

import type { SourceSpan } from "@xray-sandbox/segments";

/** A SERVER span as the translator keeps it, sent over OTLP/HTTP JSON. */
export function sourceSpan(overrides: Partial<SourceSpan> = {}): SourceSpan {
  return {
    transport: "otlp-http-json",
    sampled: true,
    traceId: "6b08024696730d51abf3c08e1122f59e",
    spanId: "000000000000000a",
    parentSpanId: "",
    name: "GET /cart",
    kind: "server",
    startTimeUnixNano: "1795686982000000000",
    endTimeUnixNano: "1795686983000000000",
    status: { code: "unset", message: "" },
    attributes: { "cart.id": "cart-7" },
    resource: { "service.name": "checkout" },
    scope: { name: "test", version: "1.0.0" },
    events: [],
    links: [],
    ...overrides,
  };
}
