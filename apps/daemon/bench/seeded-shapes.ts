/** Seeded randomness for the generated documents, so a pool can be rebuilt exactly from its seed. */

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Ids, numbers and choices for generated documents, all from one seeded sequence. */
export class Shapes {
  readonly random: () => number;

  constructor(seed: number) {
    this.random = mulberry32(seed);
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
