/**
 * The protobuf wire format, read in place from a byte array: tags, varints, fixed-width
 * numbers and length-delimited fields. The OTLP decoder walks its messages with it instead of
 * building generic message objects first. Every read checks the bounds of the message it is
 * in and throws a `WireError` saying what is wrong and where; nothing else is thrown.
 */

import { keepShapeOf } from "@xray-sandbox/segments";

/** A body that is not valid protobuf: truncated, a varint too long, an unknown wire type. */
export class WireError extends Error {}

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LENGTH_DELIMITED = 2;
const WIRE_START_GROUP = 3;
const WIRE_END_GROUP = 4;
export const WIRE_FIXED32 = 5;

const TWO_TO_32 = 4_294_967_296;

/**
 * Attribute keys read before, by a hash of their bytes: the same few keys come in every span,
 * and hashing and comparing their bytes costs less than half of decoding them again. Bounded:
 * one key a slot, keys of at most `MAX_KEY_BYTES`; a colliding key replaces the slot's.
 */
const KEY_SLOTS = 1024;
const MAX_KEY_BYTES = 64;
const keyBytes: (Uint8Array | undefined)[] = new Array(KEY_SLOTS).fill(undefined);
const keyTexts: string[] = new Array(KEY_SLOTS).fill("");

/** Each byte's two lowercase hex digits, as character codes. */
const HIGH_DIGIT = new Uint8Array(256);
const LOW_DIGIT = new Uint8Array(256);
for (let byte = 0; byte < 256; byte++) {
  HIGH_DIGIT[byte] = "0123456789abcdef".charCodeAt(byte >> 4);
  LOW_DIGIT[byte] = "0123456789abcdef".charCodeAt(byte & 15);
}

/**
 * The 8 bytes at `start` as 16 hex digits, made in one string: about a third of the cost of
 * `Buffer#toString("hex")`, a call into C++, for a span id (a trace id, 16 bytes, gains nothing).
 */
function hexOf8(bytes: Uint8Array, start: number): string {
  const a = bytes[start] as number;
  const b = bytes[start + 1] as number;
  const c = bytes[start + 2] as number;
  const d = bytes[start + 3] as number;
  const e = bytes[start + 4] as number;
  const f = bytes[start + 5] as number;
  const g = bytes[start + 6] as number;
  const h = bytes[start + 7] as number;
  return String.fromCharCode(
    HIGH_DIGIT[a] as number,
    LOW_DIGIT[a] as number,
    HIGH_DIGIT[b] as number,
    LOW_DIGIT[b] as number,
    HIGH_DIGIT[c] as number,
    LOW_DIGIT[c] as number,
    HIGH_DIGIT[d] as number,
    LOW_DIGIT[d] as number,
    HIGH_DIGIT[e] as number,
    LOW_DIGIT[e] as number,
    HIGH_DIGIT[f] as number,
    LOW_DIGIT[f] as number,
    HIGH_DIGIT[g] as number,
    LOW_DIGIT[g] as number,
    HIGH_DIGIT[h] as number,
    LOW_DIGIT[h] as number,
  );
}

export class WireReader {
  readonly #bytes: Buffer;
  /** The same bytes, for fixed-width numbers (`getBigUint64` costs about a third of `readBigUInt64LE`). */
  readonly #view: DataView;
  /** Where the next read starts. */
  pos = 0;
  /** The low and high 32 bits of the last `varint64()`, as unsigned numbers. */
  low = 0;
  high = 0;

  constructor(bytes: Uint8Array) {
    this.#bytes = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** The bytes read (positions are offsets into them). */
  get buffer(): Buffer {
    return this.#bytes;
  }

  get length(): number {
    return this.#bytes.length;
  }

  /** A field's tag (field number `<< 3 | wire type`); 0 and field number 0 are refused. */
  tag(end: number): number {
    const at = this.pos;
    const tag = this.varint32(end);
    if (tag >>> 3 === 0) throw new WireError(`invalid field number 0 at offset ${at}`);
    return tag;
  }

  /** A varint's low 32 bits, unsigned (longer varints are read whole, the rest dropped). */
  varint32(end: number): number {
    const bytes = this.#bytes;
    let pos = this.pos;
    let value = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      if (pos >= end) throw this.#outOfRange(pos, 1, end);
      const byte = bytes[pos++] as number;
      if (shift < 32) value |= (byte & 0x7f) << shift;
      if (byte < 0x80) {
        this.pos = pos;
        return value >>> 0;
      }
    }
    throw new WireError(`invalid varint encoding at offset ${this.pos}`);
  }

  /** A 64-bit varint into `low` and `high`. */
  varint64(end: number): void {
    const bytes = this.#bytes;
    let pos = this.pos;
    let low = 0;
    let high = 0;
    for (let i = 0; i < 10; i++) {
      if (pos >= end) throw this.#outOfRange(pos, 1, end);
      const byte = bytes[pos++] as number;
      const bits = byte & 0x7f;
      if (i < 4) low |= bits << (7 * i);
      else if (i === 4) {
        low |= bits << 28;
        high |= bits >>> 4;
      } else high |= bits << (7 * i - 32);
      if (byte < 0x80) {
        this.pos = pos;
        this.low = low >>> 0;
        this.high = high >>> 0;
        return;
      }
    }
    throw new WireError(`invalid varint encoding at offset ${this.pos}`);
  }

  /**
   * A signed 64-bit varint (`int64`): a number when a double holds it exactly, else its
   * decimal digits.
   */
  int64(end: number): number | string {
    this.varint64(end);
    const value = (this.high | 0) * TWO_TO_32 + this.low;
    if (Number.isSafeInteger(value)) return value;
    return BigInt.asIntN(64, (BigInt(this.high) << 32n) | BigInt(this.low)).toString();
  }

  bool(end: number): boolean {
    this.varint64(end);
    return this.low !== 0 || this.high !== 0;
  }

  /** A `fixed64`, unsigned. */
  fixed64(end: number): bigint {
    this.#need(8, end);
    const value = this.#view.getBigUint64(this.pos, true);
    this.pos += 8;
    return value;
  }

  double(end: number): number {
    this.#need(8, end);
    const value = this.#view.getFloat64(this.pos, true);
    this.pos += 8;
    return value;
  }

  /** A length-delimited field's length prefix; returns where the field ends. */
  delimited(end: number): number {
    const length = this.varint32(end);
    this.#need(length, end);
    return this.pos + length;
  }

  string(end: number): string {
    const stop = this.delimited(end);
    const start = this.pos;
    this.pos = stop;
    return this.#bytes.toString("utf8", start, stop);
  }

  /** A string field that repeats from message to message (attribute keys), from `keyTexts`. */
  key(end: number): string {
    const stop = this.delimited(end);
    const start = this.pos;
    this.pos = stop;
    const length = stop - start;
    const bytes = this.#bytes;
    if (length > MAX_KEY_BYTES) return bytes.toString("utf8", start, stop);
    let hash = length;
    for (let i = start; i < stop; i++) hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193);
    const slot = (hash >>> 0) & (KEY_SLOTS - 1);
    const cached = keyBytes[slot];
    if (cached !== undefined && cached.length === length) {
      let same = true;
      for (let i = 0; i < length; i++) {
        if (cached[i] !== bytes[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return keyTexts[slot] as string;
    }
    const text = bytes.toString("utf8", start, stop);
    keyBytes[slot] = new Uint8Array(bytes.subarray(start, stop));
    keyTexts[slot] = text;
    return text;
  }

  /** A `bytes` field as lowercase hex (ids). */
  hex(end: number): string {
    const stop = this.delimited(end);
    const start = this.pos;
    this.pos = stop;
    const bytes = this.#bytes;
    return stop - start === 8 ? hexOf8(bytes, start) : bytes.toString("hex", start, stop);
  }

  /** A `bytes` field, copied out of the body. */
  bytes(end: number): Uint8Array {
    const stop = this.delimited(end);
    const copy = new Uint8Array(this.#bytes.subarray(this.pos, stop));
    this.pos = stop;
    return copy;
  }

  /** Skips a field of this wire type (groups too, as protobuf readers do). */
  skip(wireType: number, end: number): void {
    switch (wireType) {
      case WIRE_VARINT:
        this.varint64(end);
        return;
      case WIRE_FIXED64:
        this.#need(8, end);
        this.pos += 8;
        return;
      case WIRE_LENGTH_DELIMITED:
        this.pos = this.delimited(end);
        return;
      case WIRE_START_GROUP:
        for (;;) {
          const tag = this.tag(end);
          if ((tag & 7) === WIRE_END_GROUP) return;
          this.skip(tag & 7, end);
        }
      case WIRE_FIXED32:
        this.#need(4, end);
        this.pos += 4;
        return;
      default:
        throw new WireError(`invalid wire type ${wireType} at offset ${this.pos}`);
    }
  }

  #need(length: number, end: number): void {
    if (this.pos + length > end) throw this.#outOfRange(this.pos, length, end);
  }

  #outOfRange(pos: number, length: number, end: number): WireError {
    return new WireError(`index out of range: ${pos} + ${length} > ${end}`);
  }
}

// A reader lives for one request: kept, so that its hidden class outlives every full
// collection and the decoder stays compiled (`keepShapeOf`).
keepShapeOf(new WireReader(new Uint8Array(0)));
