/**
 * OTLP/HTTP JSON bodies (the `ExportTraceServiceRequest` an OpenTelemetry SDK's JSON exporter
 * posts), with fresh ids and current times, and the request that sends one to the daemon.
 */

import { randomBytes } from "node:crypto";

export interface OtlpCheckout {
  /** The X-Ray form of the span's trace id: `1-<8 hex>-<24 hex>`. */
  readonly xrayTraceId: string;
  readonly serverSpanId: string;
  readonly clientSpanId: string;
  readonly body: unknown;
}

const SERVER = 2;
const CLIENT = 3;

/**
 * `GET /cart` on a service named `checkout` (resource `service.name`): a SERVER span listing
 * `cart.id` in `aws.xray.annotations`, and a CLIENT span under it calling `inventory`.
 */
export function otlpCheckoutTrace(): OtlpCheckout {
  const traceId = `${Math.floor(Date.now() / 1000).toString(16)}${randomBytes(12).toString("hex")}`;
  const serverSpanId = randomBytes(8).toString("hex");
  const clientSpanId = randomBytes(8).toString("hex");
  const startNanos = BigInt(Date.now()) * 1_000_000n;
  const nanos = (millis: number) => (startNanos + BigInt(millis) * 1_000_000n).toString();
  const text = (key: string, value: string) => ({ key, value: { stringValue: value } });
  const int = (key: string, value: number) => ({ key, value: { intValue: String(value) } });
  const body = {
    resourceSpans: [
      {
        resource: {
          attributes: [text("service.name", "checkout"), text("telemetry.sdk.language", "nodejs")],
        },
        scopeSpans: [
          {
            scope: { name: "e2e-otel", version: "1.0.0" },
            spans: [
              {
                traceId,
                spanId: serverSpanId,
                name: "GET /cart",
                kind: SERVER,
                startTimeUnixNano: nanos(0),
                endTimeUnixNano: nanos(25),
                attributes: [
                  text("http.request.method", "GET"),
                  text("url.path", "/cart"),
                  text("url.scheme", "http"),
                  text("server.address", "checkout.local"),
                  int("http.response.status_code", 200),
                  text("cart.id", "cart-7"),
                  text("cart.note", "kept as metadata"),
                  {
                    key: "aws.xray.annotations",
                    value: { arrayValue: { values: [{ stringValue: "cart.id" }] } },
                  },
                ],
                events: [{ timeUnixNano: nanos(5), name: "cart.loaded", attributes: [] }],
                status: { code: 1 },
              },
              {
                traceId,
                spanId: clientSpanId,
                parentSpanId: serverSpanId,
                name: "GET inventory",
                kind: CLIENT,
                startTimeUnixNano: nanos(3),
                endTimeUnixNano: nanos(18),
                attributes: [
                  text("http.request.method", "GET"),
                  text("url.full", "http://inventory.local/items"),
                  text("peer.service", "inventory"),
                  int("http.response.status_code", 200),
                ],
                status: {},
              },
            ],
          },
        ],
      },
    ],
  };
  return {
    xrayTraceId: `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`,
    serverSpanId,
    clientSpanId,
    body,
  };
}

/** POSTs `body` as OTLP/HTTP JSON to the daemon's `/v1/traces`; throws unless it answers 200. */
export async function postOtlpJson(daemonUrl: string, body: unknown): Promise<void> {
  const response = await fetch(`${daemonUrl}/v1/traces`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 200 || text.includes("rejectedSpans")) {
    throw new Error(`POST /v1/traces answered ${response.status}: ${text}`);
  }
}
