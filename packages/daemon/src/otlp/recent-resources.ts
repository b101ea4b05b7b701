/**
 * The last few resources a decoder read, by their bytes. A process sends the same resource
 * in every request (an ADOT UDP datagram carries it again for every 10 spans), so a
 * resource whose message is byte for byte one of these is not decoded again: the decoder
 * gives the same attributes object, and what is worked out from a resource once
 * (`fileTraceRequest`'s resource facts, by that object) is not worked out again either.
 * Only resources that decoded without error are kept: the same bytes decode the same way.
 */

import type { OtlpAttributes } from "@xray-sandbox/segments";

/** How many resources are kept (a daemon usually hears from a few processes at a time). */
export const RECENT_RESOURCES = 8;
/** Resources over this many bytes of protobuf are decoded every time and not kept. */
export const MAX_REMEMBERED_RESOURCE_BYTES = 8 * 1024;

interface Remembered {
  readonly bytes: Buffer;
  readonly attributes: OtlpAttributes;
}

export class RecentResources {
  #entries: Remembered[] = [];

  /** The attributes of the resource message `body[start, end)`, if it is one of the kept. */
  find(body: Uint8Array, start: number, end: number): OtlpAttributes | undefined {
    const length = end - start;
    const entries = this.#entries;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i] as Remembered;
      if (entry.bytes.length === length && entry.bytes.compare(body, start, end) === 0) {
        return entry.attributes;
      }
    }
    return undefined;
  }

  /** Keeps `attributes`, decoded from `body[start, end)`, in place of the oldest. */
  remember(body: Uint8Array, start: number, end: number, attributes: OtlpAttributes): void {
    if (end - start > MAX_REMEMBERED_RESOURCE_BYTES) return;
    const bytes = Buffer.allocUnsafeSlow(end - start);
    bytes.set(body.subarray(start, end));
    this.#entries.unshift({ bytes, attributes });
    if (this.#entries.length > RECENT_RESOURCES) this.#entries.pop();
  }
}
