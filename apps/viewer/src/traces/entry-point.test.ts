import { describe, expect, it } from "vitest";
import { syntheticSummary } from "../live/synthetic-summaries.ts";
import { entryPointOf } from "./entry-point.ts";

describe("entryPointOf", () => {
  it("shows the method and the URL split into origin and path", () => {
    const summary = syntheticSummary(1, {
      http: {
        method: "POST",
        url: "http://127.0.0.1:3900/orders?id=7",
        status: 201,
        userAgent: undefined,
        clientIp: undefined,
      },
    });
    expect(entryPointOf(summary)).toEqual({
      method: "POST",
      origin: "http://127.0.0.1:3900",
      target: "/orders?id=7",
      title: "POST http://127.0.0.1:3900/orders?id=7 (api)",
    });
  });

  it("shows a bare origin as its root path, and a URL it cannot split whole", () => {
    const http = { method: "GET", status: 200, userAgent: undefined, clientIp: undefined };
    expect(
      entryPointOf(syntheticSummary(0, { http: { ...http, url: "https://a.example" } })).target,
    ).toBe("/");
    expect(
      entryPointOf(syntheticSummary(0, { http: { ...http, url: "/relative" } })),
    ).toMatchObject({
      origin: "",
      target: "/relative",
    });
  });

  it("falls back to the root segment's name without HTTP, and says when there is no root", () => {
    expect(entryPointOf(syntheticSummary(0, { http: undefined }))).toMatchObject({
      method: undefined,
      target: "web",
    });
    expect(entryPointOf(syntheticSummary(0, { http: undefined, root: undefined })).target).toBe(
      "(root segment not received yet)",
    );
  });
});
