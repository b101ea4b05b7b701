import { describe, expect, it } from "vitest";
import { allXRayPages, MAX_XRAY_PAGES } from "./xray-pages.ts";

describe("allXRayPages", () => {
  it("asks for each page with the token of the one before, until there is none", async () => {
    const asked: (string | undefined)[] = [];
    const pages = await allXRayPages(async (token) => {
      asked.push(token);
      const next = token === undefined ? "2" : token === "2" ? "3" : undefined;
      return { items: [token ?? "1"], ...(next === undefined ? {} : { NextToken: next }) };
    });
    expect(asked).toEqual([undefined, "2", "3"]);
    expect(pages.flatMap((page) => page.items)).toEqual(["1", "2", "3"]);
  });

  it("stops after MAX_XRAY_PAGES pages of a list that never ends", async () => {
    let calls = 0;
    const pages = await allXRayPages(async () => {
      calls++;
      return { NextToken: "again" };
    });
    expect(pages).toHaveLength(MAX_XRAY_PAGES);
    expect(calls).toBe(MAX_XRAY_PAGES);
  });
});
