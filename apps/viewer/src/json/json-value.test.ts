import { describe, expect, it } from "vitest";
import {
  childEntries,
  containerPreview,
  jsonKind,
  primitiveText,
  toJsonText,
} from "./json-value.ts";

describe("json values", () => {
  it("names the kind of every JSON value, arrays and null apart from objects", () => {
    expect([{}, [], "s", 1, true, null].map(jsonKind)).toEqual([
      "object",
      "array",
      "string",
      "number",
      "boolean",
      "null",
    ]);
  });

  it("previews containers by size, singular and plural", () => {
    expect(containerPreview({ a: 1 })).toBe("{1 key}");
    expect(containerPreview({ a: 1, b: 2 })).toBe("{2 keys}");
    expect(containerPreview([1])).toBe("[1 item]");
    expect(containerPreview([1, 2, 3])).toBe("[3 items]");
    expect(containerPreview({})).toBe("{}");
    expect(containerPreview([])).toBe("[]");
  });

  it("lists array children by index and object children by key, in order", () => {
    expect(childEntries(["x", "y"])).toEqual([
      ["0", "x"],
      ["1", "y"],
    ]);
    expect(childEntries({ b: 1, a: 2 })).toEqual([
      ["b", 1],
      ["a", 2],
    ]);
    expect(childEntries("leaf")).toEqual([]);
  });

  it("writes strings as JSON does, quotes and control characters escaped", () => {
    expect(primitiveText('say "hi"\n')).toBe('"say \\"hi\\"\\n"');
    expect(primitiveText(9.5)).toBe("9.5");
    expect(primitiveText(null)).toBe("null");
  });

  it("copies values as pretty JSON", () => {
    expect(toJsonText({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(toJsonText("x")).toBe('"x"');
  });
});
