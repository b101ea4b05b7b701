/** Generated import files: version 2 records, as an export holds them. */

import { formatRecord, XRAY_UDP_ORIGIN } from "@xray-sandbox/segments";
import { hex, traceId } from "./segments.ts";

const FIRST_RECEIVED_AT = 1_780_000_000_000;

/** Record `n`: segment `n` of trace `n / perTrace`, received `n` ms after the first. */
export function recordLine(n: number, perTrace = 10): string {
  const trace = Math.floor(n / perTrace);
  const start = 1_780_000_000 + trace;
  const raw = JSON.stringify({
    name: `service-${n % perTrace}`,
    id: hex(0xabc0000000 + n, 16),
    trace_id: traceId(trace),
    start_time: start,
    end_time: start + 0.25,
  });
  return formatRecord({
    receivedAt: FIRST_RECEIVED_AT + n,
    traceId: traceId(trace),
    raw,
    origin: XRAY_UDP_ORIGIN,
  } as Parameters<typeof formatRecord>[0]);
}

/** `count` records, one a line. */
export function recordsText(count: number, first = 0): string {
  let text = "";
  for (let n = first; n < first + count; n++) text += `${recordLine(n)}\n`;
  return text;
}
