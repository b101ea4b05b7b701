import { parseFilter } from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { underlineParts } from "./filter-underline.ts";

function partsOf(source: string) {
  const parsed = parseFilter(source);
  if (parsed.ok) throw new Error(`${source} parsed`);
  return underlineParts(source, parsed.error);
}

describe("underlineParts", () => {
  it("underlines the token the parser refused", () => {
    expect(partsOf('http.status = "500"')).toEqual({
      before: "http.status = ",
      marked: '"500"',
      after: "",
      insertion: false,
    });
  });

  it("underlines a misspelt keyword in the middle of a filter", () => {
    expect(partsOf("fault AND responsetme > 1")).toMatchObject({
      before: "fault AND ",
      marked: "responsetme",
      after: " > 1",
    });
  });

  it("places a marker where something is missing at the end", () => {
    expect(partsOf("http.status =")).toEqual({
      before: "http.status =",
      marked: "",
      after: "",
      insertion: true,
    });
  });

  it("keeps a position past the end, or a negative one, inside the text", () => {
    expect(underlineParts("abc", { offset: 10, length: 2 })).toEqual({
      before: "abc",
      marked: "",
      after: "",
      insertion: true,
    });
    expect(underlineParts("abc", { offset: -1, length: 2 })).toMatchObject({
      before: "",
      marked: "a",
    });
  });
});
