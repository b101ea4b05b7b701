/** Seeded randomness for the generated documents, so a pool can be rebuilt exactly from its seed. */

import { seededRandom } from "@xray-sandbox/fixtures";

/** Ids, numbers and choices for generated documents, all from one seeded sequence. */
export class Shapes {
  readonly random: () => number;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  hex(digits: number): string {
    let out = "";
    while (out.length < digits) {
      out += Math.floor(this.random() * 0x1_0000_0000)
        .toString(16)
        .padStart(8, "0");
    }
    return out.slice(0, digits);
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  pick<T>(items: readonly [T, ...T[]]): T {
    return items[Math.floor(this.random() * items.length)] ?? items[0];
  }
}
