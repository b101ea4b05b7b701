import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { keepShapeOf } from "./kept-shapes.ts";

/** V8's full collection, exposed at run time. */
function collectGarbage(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

class Shaped {
  constructor(
    readonly a: number,
    readonly b: string,
  ) {}
}

describe("keepShapeOf", () => {
  it("gives back the instance it is given", () => {
    const instance = new Shaped(1, "one");
    expect(keepShapeOf(instance)).toBe(instance);
  });

  it("keeps the instance through a full collection when nothing else refers to it", async () => {
    const kept = new WeakRef(keepShapeOf(new Shaped(2, "two")));
    const dropped = new WeakRef(new Shaped(3, "three"));
    // A weak reference holds its target until the current job ends.
    await new Promise((resolve) => setTimeout(resolve, 0));
    collectGarbage();
    expect(kept.deref()?.b).toBe("two");
    expect(dropped.deref()).toBeUndefined();
  });
});
