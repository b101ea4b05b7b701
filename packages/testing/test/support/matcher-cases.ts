/** The matcher cases, run once under vitest's `expect` and once under Jest's `expect` package. */

import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import type { XrayMatchers } from "../../src/matchers.ts";
import { findSubsegment } from "../../src/trace-tree.ts";
import { traceRecordOf } from "./records.ts";
import { errorRequest, outgoingFailRequest, userRequest } from "./segments.ts";

export interface XrayExpectation extends XrayMatchers<void> {
  readonly not: XrayMatchers<void>;
}

/** `expect` of the runner under test. */
export type Check = (value: unknown) => XrayExpectation;

const TRACE = "1-6b080247-1603b830c789f5de07428c19";
const user = traceRecordOf(userRequest(TRACE));
const failing = traceRecordOf(errorRequest(TRACE));
const outgoing = traceRecordOf(outgoingFailRequest(TRACE));

function failureOf(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return stripVTControlCharacters((error as Error).message);
  }
  throw new Error("the assertion passed");
}

export function describeMatchers(runner: string, check: Check): void {
  describe(`the X-Ray matchers under ${runner}'s expect`, () => {
    it("toHaveSubsegment passes on a name and partial fields, and fails with the tree and the differences", () => {
      check(user).toHaveSubsegment("UserData");
      check(user).toHaveSubsegment("UserData", { annotations: { userId: "u-42" } });
      check(user).toHaveSubsegment("format", { metadata: { default: { n: 1 } } });
      check(user).not.toHaveSubsegment("Database");
      expect(
        failureOf(() =>
          check(user).toHaveSubsegment("UserData", { annotations: { userId: "u-43" } }),
        ),
      ).toBe(`expect(received).toHaveSubsegment("UserData", {"annotations":{"userId":"u-43"}})

subsegment "UserData" in trace ${TRACE} does not match:
  annotations.userId: expected "u-43", received "u-42"

trace ${TRACE}:
  sample-express (segment) GET http://127.0.0.1:3900/user → 200
    UserData   ← this one
      format`);
    });

    it("toHaveSubsegment under .not fails naming where it found the node", () => {
      expect(failureOf(() => check(user).not.toHaveSubsegment("format"))).toBe(
        `expect(received).not.toHaveSubsegment("format")

trace ${TRACE} has a subsegment named "format" (sample-express > UserData > format)

trace ${TRACE}:
  sample-express (segment) GET http://127.0.0.1:3900/user → 200
    UserData
      format   ← this one`,
      );
    });

    it("toHaveSubsegment searches below a node too", () => {
      check(findSubsegment(user, "UserData")).toHaveSubsegment("format");
      expect(
        failureOf(() => check(findSubsegment(user, "UserData")).toHaveSubsegment("fromat")),
      ).toBe(
        `expect(received).toHaveSubsegment("fromat")

no subsegment named "fromat" in subsegment "UserData"; did you mean "format"?

subsegment "UserData":
  format`,
      );
    });

    it("toHaveSegment checks top-level segments", () => {
      check(failing).toHaveSegment("sample-express", {
        fault: true,
        http: { response: { status: 500 } },
        cause: { exceptions: [{ message: /boom/ }] },
      });
      check(failing).not.toHaveSegment("UserData");
      expect(failureOf(() => check(user).toHaveSegment("UserData"))).toContain(
        `no segment named "UserData" in trace ${TRACE}: "UserData" is a subsegment, not a segment`,
      );
    });

    it("toHaveAnnotation finds a key anywhere in a trace, or on one node", () => {
      check(user).toHaveAnnotation("route");
      check(user).toHaveAnnotation("premium", true);
      check(user).not.toHaveAnnotation("userId", "u-43");
      check(findSubsegment(user, "UserData")).toHaveAnnotation("score", 9.5);
      check(findSubsegment(user, "format")).not.toHaveAnnotation("userId");
      expect(
        failureOf(() => check(user).toHaveAnnotation("userId", "u-43")),
      ).toBe(`expect(received).toHaveAnnotation("userId", "u-43")

trace ${TRACE} has no annotation userId = "u-43"; annotations received:
  sample-express: route = "user"
  sample-express > UserData: userId = "u-42", premium = true, score = 9.5`);
      expect(failureOf(() => check(failing).toHaveAnnotation("route"))).toBe(
        `expect(received).toHaveAnnotation("route")

trace ${TRACE} has no annotation route; it has no annotations at all`,
      );
    });

    it("toHaveMetadata matches a namespace partially", () => {
      check(user).toHaveMetadata("db");
      check(user).toHaveMetadata("default", { profile: { name: "Ada" } });
      check(user).not.toHaveMetadata("cache");
      expect(
        failureOf(() => check(user).toHaveMetadata("db", { rows: 4 })),
      ).toBe(`expect(received).toHaveMetadata("db", {"rows":4})

trace ${TRACE} has no metadata in namespace "db" matching {"rows":4}; the closest, on sample-express > UserData, differs in:
  db.rows: expected 4, received 3`);
    });

    it("toBeFault reads the root segment of a trace, and says where the flag is instead", () => {
      check(failing).toBeFault();
      check(user).not.toBeFault();
      check(findSubsegment(outgoing, "127.0.0.1")).toBeFault();
      check(findSubsegment(user, "UserData")).not.toBeError();
      expect(failureOf(() => check(user).toBeFault())).toBe(`expect(received).toBeFault()

the root segment of trace ${TRACE} (sample-express (segment) GET http://127.0.0.1:3900/user → 200) does not have fault set; no node of the trace has it

trace ${TRACE}:
  sample-express (segment) GET http://127.0.0.1:3900/user → 200
    UserData
      format`);
      expect(failureOf(() => check(outgoing).toBeThrottle())).toContain(
        "does not have throttle set",
      );
      expect(failureOf(() => check(findSubsegment(outgoing, "127.0.0.1")).toBeError())).toBe(
        `expect(received).toBeError()

subsegment "127.0.0.1" does not have error set (it has fault)`,
      );
    });

    it("refuses a value that is not a trace or a node", () => {
      expect(failureOf(() => check({ id: 1 }).toHaveSubsegment("x"))).toBe(
        'toHaveSubsegment expects a trace (from waitForTrace / traces / trace) or a node (from findSubsegment / segments), received {"id":1}',
      );
      expect(failureOf(() => check(undefined).toBeFault())).toContain("received (absent)");
    });
  });
}
