/** Derived segment ids: FNV-1a over 64 bits, the same ids as computing it with `bigint`. */

import { describe, expect, it } from "vitest";
import { derivedSegmentId } from "./span-ids.ts";

/** FNV-1a, 64 bits, with `bigint`: the definition. */
function fnv1a64(seed: string, purpose: string): string {
  let hash = 0xcbf29ce484222325n;
  const text = `${seed}/${purpose}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  if (hash === 0n) hash = 1n;
  return hash.toString(16).padStart(16, "0");
}

describe("derivedSegmentId", () => {
  it("gives FNV-1a's 64 bits as 16 hex digits", () => {
    expect(derivedSegmentId("", "")).toBe(fnv1a64("", ""));
    expect(derivedSegmentId("b7ad6b7169203331", "status")).toBe(
      fnv1a64("b7ad6b7169203331", "status"),
    );
    expect(
      derivedSegmentId(
        "1-5759e988-bd862e3fe1be46a994272793/53995c3f42cd8ad8",
        "local-root-service",
      ),
    ).toMatch(/^[0-9a-f]{16}$/);
  });

  it("agrees with the bigint definition on many seeds, non-ASCII ones too", () => {
    let state = 11;
    const random = () => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state / 2 ** 31;
    };
    const characters = "0123456789abcdef-/é✓\u{1f600}\uffff\u0000";
    const seeds = Array.from({ length: 5_000 }, () =>
      Array.from({ length: Math.floor(random() * 60) }, () =>
        characters.charAt(Math.floor(random() * characters.length)),
      ).join(""),
    );
    const differing = seeds.filter(
      (seed, i) => derivedSegmentId(seed, `exception/${i}`) !== fnv1a64(seed, `exception/${i}`),
    );
    expect(differing).toEqual([]);
  });
});
