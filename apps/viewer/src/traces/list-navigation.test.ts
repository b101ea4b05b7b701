import { describe, expect, it } from "vitest";
import { nextSelection } from "./list-navigation.ts";

describe("nextSelection", () => {
  it("moves by one, by a page, and to either end, staying inside the list", () => {
    expect(nextSelection("ArrowDown", 3, 10, 4)).toBe(4);
    expect(nextSelection("ArrowUp", 3, 10, 4)).toBe(2);
    expect(nextSelection("ArrowUp", 0, 10, 4)).toBe(0);
    expect(nextSelection("ArrowDown", 9, 10, 4)).toBe(9);
    expect(nextSelection("PageDown", 3, 10, 4)).toBe(7);
    expect(nextSelection("PageDown", 8, 10, 4)).toBe(9);
    expect(nextSelection("PageUp", 2, 10, 4)).toBe(0);
    expect(nextSelection("Home", 5, 10, 4)).toBe(0);
    expect(nextSelection("End", 5, 10, 4)).toBe(9);
  });

  it("starts at the top when nothing is selected, or at the bottom for End", () => {
    expect(nextSelection("ArrowDown", undefined, 10, 4)).toBe(0);
    expect(nextSelection("PageUp", undefined, 10, 4)).toBe(0);
    expect(nextSelection("End", undefined, 10, 4)).toBe(9);
  });

  it("ignores other keys and empty lists", () => {
    expect(nextSelection("a", 3, 10, 4)).toBeUndefined();
    expect(nextSelection("ArrowDown", undefined, 0, 4)).toBeUndefined();
  });
});
