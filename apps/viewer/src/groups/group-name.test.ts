import { describe, expect, it } from "vitest";
import { groupNameProblem } from "./group-name.ts";

describe("group names", () => {
  it("accepts letters, digits and dashes up to 32 characters", () => {
    expect(groupNameProblem("checkout-5xx")).toBeUndefined();
    expect(groupNameProblem("a".repeat(32))).toBeUndefined();
  });

  it("refuses an empty name, a long one, and other characters, naming them", () => {
    expect(groupNameProblem("")).toBe("Give the group a name.");
    expect(groupNameProblem("a".repeat(33))).toBe("At most 32 characters (this one has 33).");
    expect(groupNameProblem("slow calls_2")).toBe('Only letters, digits and dashes; not " ", "_".');
  });
});
