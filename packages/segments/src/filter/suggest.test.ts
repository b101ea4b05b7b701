import { describe, expect, it } from "vitest";
import { KNOWN_WORDS } from "./keywords.ts";
import { closestWord, editDistance } from "./suggest.ts";

describe("editDistance", () => {
  it.each<[string, string, number]>([
    ["", "", 0],
    ["ok", "ok", 0],
    ["htp.status", "http.status", 1],
    ["fualt", "fault", 1],
    ["responstime", "responsetime", 1],
    ["kitten", "sitting", 3],
    ["", "abc", 3],
  ])("%s → %s is %i", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });

  it("stops at the limit it is given", () => {
    expect(editDistance("abcdef", "uvwxyz", 2)).toBe(2);
  });
});

describe("closestWord", () => {
  it.each<[string, string | undefined]>([
    ["htp.status", "http.status"],
    ["Fualt", "fault"],
    ["sevice", "service"],
    ["responsetme", "responsetime"],
    ["CONTAIN", "CONTAINS"],
    ["annd", "AND"],
    ["http.agent", undefined],
    ["zzzz", undefined],
    ["x", undefined],
  ])("%s → %s", (typed, suggestion) => {
    expect(closestWord(typed, KNOWN_WORDS)).toBe(suggestion);
  });
});
