import { describe, expect, it } from "vitest";
import { packInputs, unpackInputs } from "./packed-inputs.ts";

describe("packed inputs", () => {
  it("gives back every input, empty ones too, byte for byte", () => {
    const inputs = [
      new TextEncoder().encode('{"format":"json","version":1}\nT1S'),
      new Uint8Array(0),
      Uint8Array.from({ length: 70_000 }, (_, i) => i % 251),
    ];
    const packed = packInputs(inputs);
    expect(packed.byteLength).toBe(3 * 4 + 33 + 0 + 70_000);
    const unpacked = unpackInputs(packed);
    expect(unpacked.map((input) => input.byteLength)).toEqual([33, 0, 70_000]);
    unpacked.forEach((input, i) => {
      expect(Buffer.from(input).equals(inputs[i] as Uint8Array)).toBe(true);
    });
  });

  it("refuses a file cut short, naming where", () => {
    const packed = packInputs([new Uint8Array([1, 2, 3]), new Uint8Array([4, 5])]);
    expect(() => unpackInputs(packed.subarray(0, packed.byteLength - 1))).toThrow(
      "an input cut short at byte 7",
    );
    expect(() => unpackInputs(packed.subarray(0, 9))).toThrow("a length cut short at byte 7");
  });
});
