import { describe, expect, it } from "vitest";
import { traceRecordOf } from "../test/support/records.ts";
import { outgoingFailRequest, requestSegment, userRequest } from "../test/support/segments.ts";
import { assertSegment, assertSubsegment } from "./assert-node.ts";
import { TraceAssertionError } from "./errors.ts";

const TRACE = "1-6b080247-1603b830c789f5de07428c19";
const USER_TREE = `trace ${TRACE}:
  sample-express (segment) GET http://127.0.0.1:3900/user → 200
    UserData
      format`;

function failureOf(assertion: () => unknown): string {
  try {
    assertion();
  } catch (error) {
    expect(error).toBeInstanceOf(TraceAssertionError);
    return (error as TraceAssertionError).message;
  }
  throw new Error("the assertion passed");
}

describe("assertSubsegment", () => {
  const trace = traceRecordOf(userRequest(TRACE));

  it("returns the subsegment when its fields match partially and deeply", () => {
    const node = assertSubsegment(trace, "UserData", {
      annotations: { userId: "u-42", score: 9.5 },
      metadata: { default: { profile: { roles: ["admin"] } }, db: { rows: 3 } },
    });
    expect(node.document.id).toBe(trace.segments[0]?.children[0]?.document.id);
    expect(assertSubsegment(trace, "format").document.name).toBe("format");
  });

  it("lists each differing field with what it expected and what it received, and marks the node in the tree", () => {
    const message = failureOf(() =>
      assertSubsegment(trace, "UserData", {
        annotations: { userId: "u-43" },
        metadata: { db: { rows: 4 } },
        fault: true,
      }),
    );
    expect(message).toBe(`subsegment "UserData" in trace ${TRACE} does not match:
  annotations.userId: expected "u-43", received "u-42"
  metadata.db.rows: expected 4, received 3
  fault: expected true, received (absent)

trace ${TRACE}:
  sample-express (segment) GET http://127.0.0.1:3900/user → 200
    UserData   ← this one
      format`);
  });

  it("suggests the nearest name when no subsegment is called so", () => {
    expect(failureOf(() => assertSubsegment(trace, "UserDta"))).toBe(
      `no subsegment named "UserDta" in trace ${TRACE}; did you mean "UserData"?\n\n${USER_TREE}`,
    );
  });

  it("says so when the name is a segment's", () => {
    expect(failureOf(() => assertSubsegment(trace, "sample-express"))).toBe(
      `no subsegment named "sample-express" in trace ${TRACE}: "sample-express" is a segment, not a subsegment (use findSegment, assertSegment or toHaveSegment)\n\n${USER_TREE}`,
    );
  });

  it("passes when any of several subsegments with the name matches, and shows the closest when none does", () => {
    const twoCalls = traceRecordOf(
      requestSegment({
        traceId: TRACE,
        path: "/two-calls",
        status: 200,
        subsegments: [
          {
            id: "00000000000000a1",
            name: "api.example.com",
            start_time: 1,
            end_time: 2,
            namespace: "remote",
            http: { response: { status: 200 } },
          },
          {
            id: "00000000000000a2",
            name: "api.example.com",
            start_time: 3,
            end_time: 4,
            namespace: "remote",
            http: { response: { status: 404 } },
            error: true,
          },
        ],
      }),
    );
    expect(
      assertSubsegment(twoCalls, "api.example.com", { http: { response: { status: 404 } } })
        .document.id,
    ).toBe("00000000000000a2");
    expect(
      failureOf(() =>
        assertSubsegment(twoCalls, "api.example.com", {
          namespace: "remote",
          http: { response: { status: 500 } },
          error: true,
        }),
      ),
    ).toBe(`2 subsegments in trace ${TRACE} are named "api.example.com" and none matches; the closest (sample-express > api.example.com) differs in:
  http.response.status: expected 500, received 404

trace ${TRACE}:
  sample-express (segment) GET http://127.0.0.1:3900/two-calls → 200
    api.example.com [remote] → 200
    api.example.com [remote] → 404 [error]   ← this one`);
  });
});

describe("assertSegment", () => {
  it("checks a service's top-level segment", () => {
    const trace = traceRecordOf(outgoingFailRequest(TRACE));
    expect(
      assertSegment(trace, "sample-express", { fault: true, http: { response: { status: 502 } } })
        .kind,
    ).toBe("segment");
    expect(
      failureOf(() => assertSegment(trace, "sample-express", { fault: false })),
    ).toBe(`segment "sample-express" in trace ${TRACE} does not match:
  fault: expected false, received true

trace ${TRACE}:
  sample-express (segment) GET http://127.0.0.1:3900/outgoing-fail → 502 [fault]   ← this one
    127.0.0.1 [remote] GET http://127.0.0.1/fail → 503 [fault]`);
  });
});
