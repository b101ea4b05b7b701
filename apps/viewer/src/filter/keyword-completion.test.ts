import { describe, expect, it } from "vitest";
import { applyCompletion, completionAt } from "./keyword-completion.ts";

describe("completionAt", () => {
  it("offers keywords that start with the word before the caret", () => {
    expect(completionAt("fault AND http.s", 16)).toEqual({
      start: 10,
      end: 16,
      candidates: ["http.status"],
    });
    expect(completionAt("resp", 4)?.candidates).toEqual(["responsetime"]);
  });

  it("ignores case and offers the language's other words", () => {
    expect(completionAt("SERV", 4)?.candidates).toEqual(["service("]);
    expect(completionAt("fault an", 8)?.candidates).toEqual(["annotation.", "AND"]);
  });

  it("offers the root-cause keywords, level by level", () => {
    expect(completionAt("rootcause.f", 11)?.candidates).toEqual([
      "rootcause.fault.service",
      "rootcause.fault.entity",
      "rootcause.fault.exception",
    ]);
    expect(completionAt("rootcause.responsetime.", 23)?.candidates).toEqual([
      "rootcause.responsetime.service",
      "rootcause.responsetime.entity",
    ]);
    expect(completionAt("rootcause.j", 11)?.candidates).toEqual(["rootcause.json"]);
  });

  it("offers nothing inside a string, in the middle of a word, or for a finished word", () => {
    expect(completionAt('http.url CONTAINS "fa', 21)).toBeUndefined();
    expect(completionAt('name = "a\\"b" AND fa', 20)?.candidates).toEqual(["fault"]);
    expect(completionAt("fault", 2)).toBeUndefined();
    expect(completionAt("fault", 5)).toBeUndefined();
    expect(completionAt("http.status = 5", 15)).toBeUndefined();
  });
});

describe("applyCompletion", () => {
  it("replaces the word and puts the caret after it", () => {
    const completion = { start: 10, end: 13 };
    expect(applyCompletion("fault AND thr > 2", completion, "throttle")).toEqual({
      text: "fault AND throttle > 2",
      caret: 18,
    });
  });
});
