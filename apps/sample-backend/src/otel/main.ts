/**
 * The sample backend, OpenTelemetry flavour: `pnpm --filter ./apps/sample-backend start:otel`.
 * The same routes as `../main.ts`, traced with the OpenTelemetry SDK and exported over
 * OTLP/HTTP (protobuf) to OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or OTEL_EXPORTER_OTLP_ENDPOINT
 * + `/v1/traces` (default `http://127.0.0.1:2000/v1/traces`, the sandbox's main port).
 * OTEL_SERVICE_NAME (default `sample-backend-otel`); PORT, HOST, DOWNSTREAM_PORT and
 * NOTIFICATIONS_URL as for the X-Ray flavour. The notifications service it starts is the
 * X-Ray SDK one: it joins the trace through the `X-Amzn-Trace-Id` header.
 */

import { runBackend } from "../run-backend.ts";
import { readOtelConfig } from "./otel-config.ts";
import { startTelemetry } from "./telemetry.ts";

const parsed = readOtelConfig(process.env);
if (!parsed.ok) {
  process.stderr.write(`sample-backend-otel: ${parsed.message}\n`);
  process.exit(2);
}
const { config } = parsed;

// Before Express and node:http are loaded, so that the instrumentations can patch them.
const telemetry = startTelemetry(config);

await runBackend({
  name: config.serviceName,
  prepare: () => import("./prepare-app.ts").then(({ prepareOtelApp }) => prepareOtelApp()),
  destination: `exporting spans (OTLP/HTTP protobuf) to ${config.tracesUrl}`,
  shutdown: () => telemetry.shutdown(),
});
