import { describe, expect, it } from "vitest";
import { buildRows } from "./build-rows.ts";
import { segment, sub, traceBody } from "./test-trace.ts";
import { FIND_FIELD_LIMIT, findIndex, findMatches, stepMatch } from "./trace-find.ts";

const body = traceBody([
  segment("1", 0, 1, {
    name: "checkout",
    annotations: { customer: "ACME-42" },
    http: { request: { url: "https://shop.example/cart?id=7", method: "GET" } },
    subsegments: [
      sub("2", 0, 0.2, { name: "Orders", sql: { sanitized_query: "SELECT * FROM orders" } }),
      sub("3", 0.2, 0.7, { name: "payments", metadata: { default: { card: "visa" } } }),
      sub("4", 0.7, 0.8, {
        name: "big",
        metadata: { default: { blob: `${"x".repeat(FIND_FIELD_LIMIT)}needle` } },
      }),
    ],
  }),
]);
const rows = buildRows(body, new Set()).rows;
const index = findIndex(rows);
const names = (query: string) =>
  findMatches(index, query).map((match) => rows.find((row) => row.id === match.id)?.name);

describe("find in trace", () => {
  it("searches names, annotations, metadata, SQL and URLs, in any case", () => {
    expect(names("orders")).toEqual(["Orders"]);
    expect(names("acme-42")).toEqual(["checkout"]);
    expect(names("VISA")).toEqual(["payments"]);
    expect(names("from orders")).toEqual(["Orders"]);
    expect(names("shop.example/cart")).toEqual(["checkout"]);
    expect(findMatches(index, "select")[0]?.fields).toEqual(["sql"]);
    expect(findMatches(index, "customer")[0]?.fields).toEqual(["annotations"]);
  });

  it("finds nothing for an empty query, and stops reading a field at its limit", () => {
    expect(findMatches(index, "   ")).toEqual([]);
    expect(names("needle")).toEqual([]);
  });

  it("steps to the next and previous match, wrapping around", () => {
    expect(stepMatch(3, -1, 1)).toBe(0);
    expect(stepMatch(3, -1, -1)).toBe(2);
    expect(stepMatch(3, 2, 1)).toBe(0);
    expect(stepMatch(3, 0, -1)).toBe(2);
    expect(stepMatch(0, 0, 1)).toBe(-1);
  });
});
