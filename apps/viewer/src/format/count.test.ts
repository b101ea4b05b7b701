import { expect, it } from "vitest";
import { countOf, formatCount } from "./count.ts";

it("groups thousands", () => {
  expect(formatCount(0)).toBe("0");
  expect(formatCount(1234567)).toBe("1,234,567");
});

it("picks singular or plural", () => {
  expect(countOf(1, "trace")).toBe("1 trace");
  expect(countOf(0, "trace")).toBe("0 traces");
  expect(countOf(12_345, "trace")).toBe("12,345 traces");
  expect(countOf(2, "datagram was", "datagrams were")).toBe("2 datagrams were");
});

it("writes every count as en-US grouping would, fractions rounded", () => {
  const intl = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
  for (const count of [0, 7, 999, 1000, 65_535, -4321, 1e15, 2.5, 1234.6, -0, Number.NaN]) {
    expect(formatCount(count)).toBe(intl.format(count));
  }
});
