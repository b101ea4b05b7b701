/**
 * Pools of segment datagrams (see `trace-documents.ts` for their shape). A pool is built once,
 * before any sending; each time a trace template is reused, `stampTrace` rewrites the last 8
 * hex digits of its trace id in place, so every trace the sender emits has a trace id of its
 * own at the cost of 8 bytes written per datagram.
 */

import { Buffer } from "node:buffer";
import { Shapes } from "./seeded-shapes.ts";
import { buildTraceDocuments, DATAGRAM_HEADER } from "./trace-documents.ts";

/** Hex digits of the trace id that `stampTrace` rewrites (the tail of its 24-hex part). */
const COUNTER_DIGITS = 8;

export interface TraceTemplate {
  /** In send order: streamed subsegments first, then downstream segments, the root last. */
  readonly datagrams: readonly Buffer[];
  /** Byte offset of the trace-id counter digits in each datagram. */
  readonly counterOffsets: readonly number[];
}

export interface TracePool {
  readonly targetBytes: number;
  readonly traces: readonly TraceTemplate[];
  readonly datagramCount: number;
  readonly meanBytes: number;
  readonly minBytes: number;
  readonly maxBytes: number;
}

export interface PoolOptions {
  /** The size every datagram aims for, header included; each varies by up to ±10 %. */
  readonly targetBytes: number;
  readonly traceCount: number;
  readonly seed: number;
  /** Epoch seconds the documents' times and trace-id epochs are based on. */
  readonly nowSeconds: number;
}

export function buildTracePool(options: PoolOptions): TracePool {
  const shapes = new Shapes(options.seed);
  const epoch = Math.floor(options.nowSeconds).toString(16).padStart(8, "0");
  const traces: TraceTemplate[] = [];
  let total = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  let count = 0;
  for (let index = 0; index < options.traceCount; index++) {
    const traceId = `1-${epoch}-${shapes.hex(24 - COUNTER_DIGITS)}${"0".repeat(COUNTER_DIGITS)}`;
    const docs = buildTraceDocuments(shapes, index, { ...options, traceId });
    const datagrams = docs.map((doc) => Buffer.from(DATAGRAM_HEADER + JSON.stringify(doc)));
    const counterOffsets = datagrams.map(
      (datagram) => datagram.indexOf(traceId) + traceId.length - COUNTER_DIGITS,
    );
    for (const datagram of datagrams) {
      total += datagram.length;
      min = Math.min(min, datagram.length);
      max = Math.max(max, datagram.length);
      count++;
    }
    traces.push({ datagrams, counterOffsets });
  }
  return {
    targetBytes: options.targetBytes,
    traces,
    datagramCount: count,
    meanBytes: count === 0 ? 0 : total / count,
    minBytes: count === 0 ? 0 : min,
    maxBytes: max,
  };
}

const HEX = Buffer.from("0123456789abcdef");

/** Gives the trace a fresh id: writes `counter` (mod 2^32) as its last 8 hex digits. */
export function stampTrace(trace: TraceTemplate, counter: number): void {
  const { datagrams, counterOffsets } = trace;
  for (let d = 0; d < datagrams.length; d++) {
    const datagram = datagrams[d];
    const offset = counterOffsets[d];
    if (datagram === undefined || offset === undefined) continue;
    let value = counter >>> 0;
    for (let digit = COUNTER_DIGITS - 1; digit >= 0; digit--) {
      datagram[offset + digit] = HEX[value & 0xf] ?? 0x30;
      value >>>= 4;
    }
  }
}
