/**
 * The receive worker hands the main thread what it received and scanned as batches: one
 * ArrayBuffer each (transferred, not copied), holding one entry per datagram in arrival
 * order, either the accepted document's index fields, the rejection, or nothing (ADOT's OTLP
 * datagrams, decoded on the main thread), then the datagram itself. Senders' addresses travel
 * beside the buffer, once per batch.
 *
 * Entry layout (little-endian; offsets from the entry's start):
 *
 *   0 u32 entry length    4 u8 kind (0 accepted, 1 rejected, 2 otlp)    5 u8 flags    6 u16 port
 *   8 u32 sender index   12 u32 datagram length                16 f64 receivedAt (epoch ms)
 *   accepted:  24 u32 body start  28 u32 name length  32 f64 start_time  40 f64 end_time
 *              48 id (16 ASCII)  64 trace_id (35 ASCII)  99 parent_id (16 ASCII)
 *              115 name (UTF-8), then the datagram
 *   rejected:  24 u32 reason length  28 u32 message length  32 reason, message (UTF-8),
 *              then the datagram
 *   otlp:      24 the datagram
 */

import {
  type ByteScan,
  type DocumentIndex,
  documentIndex,
  type EpochMillis,
  epochMillis,
  epochSeconds,
  type SegmentId,
  type TraceId,
} from "@xray-sandbox/segments";
import type { DatagramRejectionReason } from "../rejection-log.ts";

const ACCEPTED = 0;
const REJECTED = 1;
const OTLP = 2;
const OTLP_DATAGRAM_AT = 24;

const HAS_END = 1;
const HAS_PARENT = 2;
const SUBSEGMENT = 4;
const HAS_IN_PROGRESS = 8;
const IN_PROGRESS = 16;
/** The document is ASCII: its text is its bytes, read without UTF-8 decoding. */
const ASCII = 32;

const ID_AT = 48;
const TRACE_ID_AT = 64;
const PARENT_ID_AT = 99;
const NAME_AT = 115;
const ID_CHARS = 16;
const TRACE_ID_CHARS = 35;
const MESSAGE_AT = 32;

/** Room a batch needs for one datagram at most (UDP carries at most 65,507 bytes). */
export const MAX_ENTRY_BYTES = NAME_AT + 2 * 65_536;

/** Writes entries into one batch buffer; the worker's side. */
export class BatchWriter {
  readonly buffer: ArrayBuffer;
  readonly #view: DataView;
  readonly #bytes: Buffer;
  readonly #senders = new Map<string, number>();
  readonly senders: string[] = [];
  /** Bytes written, entry headers included. */
  length = 0;
  entries = 0;
  /** The datagrams' own bytes. */
  datagramBytes = 0;

  constructor(buffer: ArrayBuffer) {
    this.buffer = buffer;
    this.#view = new DataView(buffer);
    this.#bytes = Buffer.from(buffer);
  }

  get capacity(): number {
    return this.buffer.byteLength;
  }

  /** False when the entry does not fit; the batch is unchanged then. */
  accepted(
    datagram: Uint8Array,
    bodyStart: number,
    index: DocumentIndex,
    address: string,
    port: number,
    receivedAt: number,
  ): boolean {
    const nameBytes = Buffer.byteLength(index.name);
    const size = NAME_AT + nameBytes + datagram.byteLength;
    const at = this.length;
    if (at + size > this.capacity) return false;
    let flags = 0;
    if (index.end_time !== undefined) flags |= HAS_END;
    if (index.parent_id !== undefined) flags |= HAS_PARENT;
    if (index.type === "subsegment") flags |= SUBSEGMENT;
    if (index.in_progress !== undefined) flags |= HAS_IN_PROGRESS;
    if (index.in_progress === true) flags |= IN_PROGRESS;
    this.#header(at, size, ACCEPTED, flags, address, port, datagram.byteLength, receivedAt);
    const view = this.#view;
    view.setUint32(at + 24, bodyStart, true);
    view.setUint32(at + 28, nameBytes, true);
    view.setFloat64(at + 32, index.start_time, true);
    view.setFloat64(at + 40, index.end_time ?? 0, true);
    const bytes = this.#bytes;
    bytes.write(index.id, at + ID_AT, ID_CHARS, "latin1");
    bytes.write(index.trace_id, at + TRACE_ID_AT, TRACE_ID_CHARS, "latin1");
    if (index.parent_id !== undefined)
      bytes.write(index.parent_id, at + PARENT_ID_AT, ID_CHARS, "latin1");
    bytes.write(index.name, at + NAME_AT, nameBytes, "utf8");
    bytes.set(datagram, at + NAME_AT + nameBytes);
    this.length = at + size;
    this.entries++;
    this.datagramBytes += datagram.byteLength;
    return true;
  }

  /**
   * An accepted datagram as `scanDatagramBytes` read it: the index fields are copied from
   * the datagram's bytes, without making strings of them. False when the entry does not
   * fit; the batch is unchanged then.
   */
  scanned(
    datagram: Uint8Array,
    scan: ByteScan,
    address: string,
    port: number,
    receivedAt: number,
  ): boolean {
    const nameBytes = scan.nameEnd - scan.nameAt;
    const size = NAME_AT + nameBytes + datagram.byteLength;
    const at = this.length;
    if (at + size > this.capacity) return false;
    const hasEnd = !Number.isNaN(scan.endTime);
    let flags = ASCII;
    if (hasEnd) flags |= HAS_END;
    if (scan.parentIdAt >= 0) flags |= HAS_PARENT;
    if (scan.subsegment) flags |= SUBSEGMENT;
    if (scan.inProgress !== undefined) flags |= HAS_IN_PROGRESS;
    if (scan.inProgress === true) flags |= IN_PROGRESS;
    this.#header(at, size, ACCEPTED, flags, address, port, datagram.byteLength, receivedAt);
    const view = this.#view;
    view.setUint32(at + 24, scan.bodyStart, true);
    view.setUint32(at + 28, nameBytes, true);
    view.setFloat64(at + 32, scan.startTime, true);
    view.setFloat64(at + 40, hasEnd ? scan.endTime : 0, true);
    const bytes = this.#bytes;
    copyBytes(datagram, scan.idAt, bytes, at + ID_AT, ID_CHARS);
    copyBytes(datagram, scan.traceIdAt, bytes, at + TRACE_ID_AT, TRACE_ID_CHARS);
    if (scan.parentIdAt >= 0)
      copyBytes(datagram, scan.parentIdAt, bytes, at + PARENT_ID_AT, ID_CHARS);
    copyBytes(datagram, scan.nameAt, bytes, at + NAME_AT, nameBytes);
    bytes.set(datagram, at + NAME_AT + nameBytes);
    this.length = at + size;
    this.entries++;
    this.datagramBytes += datagram.byteLength;
    return true;
  }

  /** False when the entry does not fit; the batch is unchanged then. */
  rejected(
    datagram: Uint8Array,
    reason: DatagramRejectionReason,
    message: string,
    address: string,
    port: number,
    receivedAt: number,
  ): boolean {
    const reasonBytes = Buffer.byteLength(reason);
    const messageBytes = Buffer.byteLength(message);
    const size = MESSAGE_AT + reasonBytes + messageBytes + datagram.byteLength;
    const at = this.length;
    if (at + size > this.capacity) return false;
    this.#header(at, size, REJECTED, 0, address, port, datagram.byteLength, receivedAt);
    this.#view.setUint32(at + 24, reasonBytes, true);
    this.#view.setUint32(at + 28, messageBytes, true);
    const bytes = this.#bytes;
    bytes.write(reason, at + MESSAGE_AT, reasonBytes, "utf8");
    bytes.write(message, at + MESSAGE_AT + reasonBytes, messageBytes, "utf8");
    bytes.set(datagram, at + MESSAGE_AT + reasonBytes + messageBytes);
    this.length = at + size;
    this.entries++;
    this.datagramBytes += datagram.byteLength;
    return true;
  }

  /** A `T1S`/`T1U` datagram; false when it does not fit. */
  otlp(datagram: Uint8Array, address: string, port: number, receivedAt: number): boolean {
    const size = OTLP_DATAGRAM_AT + datagram.byteLength;
    const at = this.length;
    if (at + size > this.capacity) return false;
    this.#header(at, size, OTLP, 0, address, port, datagram.byteLength, receivedAt);
    this.#bytes.set(datagram, at + OTLP_DATAGRAM_AT);
    this.length = at + size;
    this.entries++;
    this.datagramBytes += datagram.byteLength;
    return true;
  }

  #header(
    at: number,
    size: number,
    kind: number,
    flags: number,
    address: string,
    port: number,
    datagramBytes: number,
    receivedAt: number,
  ): void {
    let sender = this.#senders.get(address);
    if (sender === undefined) {
      sender = this.senders.length;
      this.senders.push(address);
      this.#senders.set(address, sender);
    }
    const view = this.#view;
    view.setUint32(at, size, true);
    view.setUint8(at + 4, kind);
    view.setUint8(at + 5, flags);
    view.setUint16(at + 6, port, true);
    view.setUint32(at + 8, sender, true);
    view.setUint32(at + 12, datagramBytes, true);
    view.setFloat64(at + 16, receivedAt, true);
  }
}

/** Copies `count` bytes; a loop beats a native call for the few bytes of an id or a name. */
function copyBytes(
  from: Uint8Array,
  fromAt: number,
  to: Uint8Array,
  toAt: number,
  count: number,
): void {
  if (count > 64) {
    to.set(from.subarray(fromAt, fromAt + count), toAt);
    return;
  }
  for (let k = 0; k < count; k++) to[toAt + k] = from[fromAt + k] as number;
}

/** What the main thread does with each entry, in order. */
export interface BatchReader {
  /**
   * `datagram` is a view into the batch, valid only during the call: copy what is kept.
   * `raw` is the document's text, `bodyBytes` its size in bytes.
   */
  accepted(
    index: DocumentIndex,
    raw: string,
    bodyBytes: number,
    datagram: Uint8Array,
    address: string,
    port: number,
    receivedAt: EpochMillis,
  ): void;
  rejected(
    datagram: Uint8Array,
    reason: DatagramRejectionReason,
    message: string,
    address: string,
    port: number,
    receivedAt: EpochMillis,
  ): void;
  /** ADOT's OTLP spans (`T1S`/`T1U` behind a valid header), not yet decoded. */
  otlp(datagram: Uint8Array, address: string, port: number, receivedAt: EpochMillis): void;
}

/** Hands every entry of a batch the worker wrote to `reader`, in order. */
export function readBatch(
  buffer: ArrayBuffer,
  length: number,
  senders: readonly string[],
  reader: BatchReader,
): void {
  const view = new DataView(buffer, 0, length);
  const bytes = Buffer.from(buffer, 0, length);
  let at = 0;
  while (at < length) {
    const size = view.getUint32(at, true);
    const kind = view.getUint8(at + 4);
    const flags = view.getUint8(at + 5);
    const port = view.getUint16(at + 6, true);
    const address = senders[view.getUint32(at + 8, true)] ?? "unknown";
    const datagramBytes = view.getUint32(at + 12, true);
    const receivedAt = epochMillis(view.getFloat64(at + 16, true));
    const datagramAt = at + size - datagramBytes;
    // A plain Uint8Array, not a Buffer: its slice() copies, as what keeps bytes expects.
    const datagram = new Uint8Array(buffer, datagramAt, datagramBytes);
    if (kind === ACCEPTED) {
      const bodyStart = view.getUint32(at + 24, true);
      const nameBytes = view.getUint32(at + 28, true);
      const index = documentIndex({
        // The worker wrote them from an index the scanner checked.
        id: bytes.toString("latin1", at + ID_AT, at + ID_AT + ID_CHARS) as SegmentId,
        trace_id: bytes.toString(
          "latin1",
          at + TRACE_ID_AT,
          at + TRACE_ID_AT + TRACE_ID_CHARS,
        ) as TraceId,
        name: bytes.toString("utf8", at + NAME_AT, at + NAME_AT + nameBytes),
        start_time: epochSeconds(view.getFloat64(at + 32, true)),
        end_time: flags & HAS_END ? epochSeconds(view.getFloat64(at + 40, true)) : undefined,
        parent_id:
          flags & HAS_PARENT
            ? (bytes.toString(
                "latin1",
                at + PARENT_ID_AT,
                at + PARENT_ID_AT + ID_CHARS,
              ) as SegmentId)
            : undefined,
        type: flags & SUBSEGMENT ? "subsegment" : undefined,
        in_progress: flags & HAS_IN_PROGRESS ? (flags & IN_PROGRESS) !== 0 : undefined,
      });
      const raw = bytes.toString(
        flags & ASCII ? "latin1" : "utf8",
        datagramAt + bodyStart,
        datagramAt + datagramBytes,
      );
      reader.accepted(index, raw, datagramBytes - bodyStart, datagram, address, port, receivedAt);
    } else if (kind === OTLP) {
      reader.otlp(datagram, address, port, receivedAt);
    } else {
      const reasonBytes = view.getUint32(at + 24, true);
      const messageBytes = view.getUint32(at + 28, true);
      const reasonAt = at + MESSAGE_AT;
      const reason = bytes.toString(
        "utf8",
        reasonAt,
        reasonAt + reasonBytes,
      ) as DatagramRejectionReason;
      const message = bytes.toString(
        "utf8",
        reasonAt + reasonBytes,
        reasonAt + reasonBytes + messageBytes,
      );
      reader.rejected(datagram, reason, message, address, port, receivedAt);
    }
    at += size;
  }
}
