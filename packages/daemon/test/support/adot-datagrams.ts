/**
 * ADOT's captured OTLP-over-UDP datagrams (`T1S` sampled, `T1U` unsampled), and the same
 * datagrams moved to another trace: the captured trace id's 16 bytes are replaced inside the
 * protobuf by an id of the same length, so everything else stays byte for byte as ADOT sent it.
 */

import { type FixtureDatagram, loadFixtureRun } from "@xray-sandbox/fixtures";

export interface AdotCapture {
  /** `T1S` or `T1U`. */
  readonly prefix: string;
  /** The OTLP trace id, 32 hex characters. */
  readonly traceId: string;
  readonly header: string;
  readonly protobuf: Buffer;
  readonly bytes: Uint8Array;
}

const decoder = new TextDecoder();

function capture(datagram: FixtureDatagram): AdotCapture {
  const text = decoder.decode(datagram.bytes);
  const newline = text.indexOf("\n");
  const protobuf = Buffer.from(text.slice(newline + 4).trimEnd(), "base64");
  return {
    prefix: text.slice(newline + 1, newline + 4),
    traceId: traceIdIn(protobuf, datagram.file),
    header: text.slice(0, newline),
    protobuf,
    bytes: datagram.bytes,
  };
}

/**
 * The trace id of the (one) span: a span's field 1 (tag `0a`, length 16), followed by its
 * span id (field 2: tag `12`, length 8).
 */
function traceIdIn(protobuf: Buffer, file: string): string {
  for (let at = protobuf.indexOf(0x0a); at !== -1; at = protobuf.indexOf(0x0a, at + 1)) {
    if (protobuf[at + 1] !== 0x10) continue;
    // The span id (field 2, 8 bytes) follows the trace id.
    if (protobuf[at + 18] === 0x12 && protobuf[at + 19] === 0x08) {
      return protobuf.subarray(at + 2, at + 18).toString("hex");
    }
  }
  throw new Error(`${file}: no span trace id found`);
}

/** The captured datagrams in the order they were sent. */
export function adotCaptures(): AdotCapture[] {
  return loadFixtureRun("adot-otlp-udp").map(capture);
}

/** The time part of every moved trace id: when the captures were made. */
const CAPTURED_EPOCH_HEX = "6b150ac7";

/** OTLP trace id `n` of the moved datagrams: the same for every capture. */
function movedTraceId(n: number): string {
  return `${CAPTURED_EPOCH_HEX}${"0".repeat(16)}${n.toString(16).padStart(8, "0")}`;
}

/** `capture` moved to trace `n` (any capture moved to `n` lands in the same trace). */
export function adotDatagramInTrace(capture: AdotCapture, n: number): Uint8Array {
  const from = Buffer.from(capture.traceId, "hex");
  const to = Buffer.from(movedTraceId(n), "hex");
  const protobuf = Buffer.from(capture.protobuf);
  let replaced = 0;
  for (let at = protobuf.indexOf(from); at !== -1; at = protobuf.indexOf(from, at + 16)) {
    to.copy(protobuf, at);
    replaced++;
  }
  if (replaced === 0) throw new Error(`trace id ${capture.traceId} not in the capture`);
  return new TextEncoder().encode(
    `${capture.header}\n${capture.prefix}${protobuf.toString("base64")}`,
  );
}

/** The X-Ray trace id of moved trace `n`, as the translator writes it. */
export function movedXrayTraceId(n: number): string {
  const hex = movedTraceId(n);
  return `1-${hex.slice(0, 8)}-${hex.slice(8)}`;
}
