/**
 * Writes an NDJSON export of about `bytes` bytes for the import benchmark: version 2 records
 * of ~1 KB segment documents (HTTP, annotations, metadata), 5 to a trace, in receive order.
 */

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { formatRecord, XRAY_UDP_ORIGIN } from "@xray-sandbox/segments";

const PER_TRACE = 5;
const FIRST_RECEIVED_AT = Date.now() - 60 * 60 * 1000;

function hex(value: number, digits: number): string {
  return value.toString(16).padStart(digits, "0").slice(-digits);
}

function recordLine(n: number): string {
  const trace = Math.floor(n / PER_TRACE);
  const start = FIRST_RECEIVED_AT / 1000 + n / 1000;
  const traceId = `1-${hex(Math.floor(FIRST_RECEIVED_AT / 1000), 8)}-${hex(trace, 24)}`;
  const raw = JSON.stringify({
    name: `import-bench-${n % PER_TRACE}`,
    id: hex(0x1000000 + n, 16),
    trace_id: traceId,
    start_time: start,
    end_time: start + 0.05,
    http: {
      request: { method: "GET", url: `https://bench.example/items/${n}?page=${n % 97}` },
      response: { status: n % 53 === 0 ? 500 : 200, content_length: 1000 + (n % 4000) },
    },
    annotations: { customer: `c-${n % 1000}`, region: "eu-west-1", attempt: n % 3 },
    metadata: { bench: { note: "x".repeat(520), n } },
  });
  return formatRecord({
    receivedAt: FIRST_RECEIVED_AT + n,
    traceId,
    raw,
    origin: XRAY_UDP_ORIGIN,
  } as Parameters<typeof formatRecord>[0]);
}

/** Returns the documents written and the file's size. */
export async function writeImportFile(
  path: string,
  bytes: number,
): Promise<{ readonly documents: number; readonly bytes: number }> {
  const out = createWriteStream(path);
  let written = 0;
  let documents = 0;
  let batch: string[] = [];
  while (written < bytes) {
    const line = `${recordLine(documents++)}\n`;
    written += Buffer.byteLength(line);
    batch.push(line);
    if (batch.length === 2_000) {
      if (!out.write(batch.join(""))) await once(out, "drain");
      batch = [];
    }
  }
  out.end(batch.join(""));
  await once(out, "finish");
  return { documents, bytes: written };
}
