import { expect as jestExpect } from "expect";
import { describe, expect, it } from "vitest";
import { findMismatches } from "./partial-match.ts";

const document = {
  name: "UserData",
  annotations: { userId: "u-42", premium: true, score: 9.5 },
  metadata: { default: { profile: { name: "Ada", roles: ["admin"] } } },
  cause: { exceptions: [{ message: "boom from /error", type: "Error" }] },
};

describe("findMismatches", () => {
  it("ignores what the expectation leaves out", () => {
    expect(findMismatches(document, { annotations: { userId: "u-42" } })).toEqual([]);
    expect(findMismatches(document, {})).toEqual([]);
  });

  it("names the path, the expected and the received value of each difference", () => {
    expect(
      findMismatches(document, {
        annotations: { userId: "u-43", premium: true, missing: 1 },
        metadata: { default: { profile: { name: "Grace" } } },
      }),
    ).toEqual([
      { path: "annotations.userId", expected: "u-43", actual: "u-42" },
      { path: "annotations.missing", expected: 1, actual: undefined },
      { path: "metadata.default.profile.name", expected: "Grace", actual: "Ada" },
    ]);
  });

  it("matches arrays element by element and requires the same length", () => {
    const expected = { cause: { exceptions: [{ message: "boom from /error" }] } };
    expect(findMismatches(document, expected)).toEqual([]);
    expect(findMismatches(document, { cause: { exceptions: [{ message: "other" }] } })).toEqual([
      { path: "cause.exceptions[0].message", expected: "other", actual: "boom from /error" },
    ]);
    expect(findMismatches(document, { metadata: { default: { profile: { roles: [] } } } })).toEqual(
      [{ path: "metadata.default.profile.roles", expected: [], actual: ["admin"] }],
    );
  });

  it("lets a RegExp match a string, and only a string", () => {
    expect(findMismatches(document, { cause: { exceptions: [{ message: /^boom/g }] } })).toEqual(
      [],
    );
    expect(findMismatches({ n: 5 }, { n: /5/ })).toHaveLength(1);
  });

  it("applies vitest's and Jest's asymmetric matchers", () => {
    for (const any of [expect.any(Number), jestExpect.any(Number)]) {
      expect(findMismatches(document, { annotations: { score: any } })).toEqual([]);
      expect(findMismatches(document, { annotations: { userId: any } })).toEqual([
        { path: "annotations.userId", expected: any, actual: "u-42" },
      ]);
    }
    expect(
      findMismatches(document, {
        cause: jestExpect.objectContaining({ exceptions: jestExpect.any(Array) }),
      }),
    ).toEqual([]);
  });

  it("treats an expected undefined as 'absent'", () => {
    expect(findMismatches(document, { fault: undefined })).toEqual([]);
    expect(findMismatches({ fault: true }, { fault: undefined })).toHaveLength(1);
  });

  it("reports a received value of the wrong shape at the parent path", () => {
    expect(findMismatches({ http: "GET /" }, { http: { request: { method: "GET" } } })).toEqual([
      { path: "http", expected: { request: { method: "GET" } }, actual: "GET /" },
    ]);
  });
});
