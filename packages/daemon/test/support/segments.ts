/** Builds datagrams the way an SDK writes them, for tests that need many distinct traces. */

const HEADER = '{"format":"json","version":1}\n';
const encoder = new TextEncoder();

export function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0").slice(-width);
}

export function traceId(n: number): string {
  return `1-${hex(0x6a000000 + n, 8)}-${hex(n, 24)}`;
}

export function segmentDatagram(n: number, name = `service-${n}`): Uint8Array {
  const start = 1_780_000_000 + n;
  const body = {
    name,
    id: hex(0xabc0000000 + n, 16),
    trace_id: traceId(n),
    start_time: start,
    end_time: start + 0.25,
  };
  return encoder.encode(HEADER + JSON.stringify(body));
}
