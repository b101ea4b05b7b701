import { expect, it } from "vitest";
import { objectOf, withoutKeys } from "./json-object.ts";

it("reads only plain objects, and lists the keys a view does not show by name", () => {
  expect(objectOf(null)).toEqual({});
  expect(objectOf(["a"])).toEqual({});
  expect(objectOf("x")).toEqual({});
  const http = { method: "GET", url: "/", extra: 1 };
  expect(objectOf(http)).toBe(http);
  expect(withoutKeys(http, ["method", "url"])).toEqual({ extra: 1 });
  expect(withoutKeys(http, ["method", "url", "extra"])).toBeUndefined();
});
