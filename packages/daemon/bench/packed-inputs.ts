/**
 * Many inputs (datagrams, bodies, documents) as the bytes of one file, so that a child
 * process reads them exactly as the parent made them: each input a 4-byte little-endian
 * length, then its bytes.
 */

/** The inputs as one file's bytes: each a 4-byte little-endian length, then itself. */
export function packInputs(inputs: readonly Uint8Array[]): Buffer {
  const parts: Uint8Array[] = [];
  for (const input of inputs) {
    const length = Buffer.alloc(4);
    length.writeUInt32LE(input.byteLength);
    parts.push(length, input);
  }
  return Buffer.concat(parts);
}

/** The inputs `packInputs` packed, each a copy of its own. */
export function unpackInputs(packed: Uint8Array): Uint8Array[] {
  const view = Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength);
  const inputs: Uint8Array[] = [];
  let offset = 0;
  while (offset < view.byteLength) {
    if (offset + 4 > view.byteLength) throw new Error(`a length cut short at byte ${offset}`);
    const length = view.readUInt32LE(offset);
    const end = offset + 4 + length;
    if (end > view.byteLength) throw new Error(`an input cut short at byte ${offset}`);
    inputs.push(new Uint8Array(view.subarray(offset + 4, end)));
    offset = end;
  }
  return inputs;
}
