import { ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { TraceStore } from "@xray-sandbox/segments";
import { IngestService } from "../src/ingest/ingest-service.ts";
import { silentLogger } from "../src/logger.ts";
import { OtlpIntake } from "../src/otlp/otlp-intake.ts";
import { RejectionLog } from "../src/rejection-log.ts";
import { makeSpans } from "./otlp-bench-spans.ts";

const spans = makeSpans(5120);
const bodies: Uint8Array[] = [];
for (let i = 0; i < spans.length; i += 512)
  bodies.push(ProtobufTraceSerializer.serializeRequest(spans.slice(i, i + 512)) as Uint8Array);
for (let r = 0; r < 30; r++) {
  const store = new TraceStore({ maxTraces: 1e7, maxBytes: 8 * 1024 ** 3 });
  const ingest = new IngestService({
    store,
    rejections: new RejectionLog(10),
    logger: silentLogger(),
  });
  const intake = new OtlpIntake({
    ingest,
    translate: { indexAllAttributes: false, indexedAttributes: [] },
    keepUnsampled: false,
  });
  for (const b of bodies) intake.body(b, "protobuf", "otlp-http-protobuf", undefined);
}
