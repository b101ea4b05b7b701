import { describe, expect, it } from "vitest";
import type { SqlBlock } from "../document.ts";
import { PUT_TRACE_SEGMENTS_ORIGIN } from "../document-origin.ts";
import {
  codesOf,
  diagnose,
  fixtureTraces,
  segment,
  sid,
  stored,
  subsegment,
} from "../test-support/doctor-traces.ts";
import { diagnoseTrace } from "./diagnose-trace.ts";

describe("lambda-facade", () => {
  it("flags annotations and metadata on Lambda's function segment", () => {
    const diagnosis = diagnose([
      segment("1", {
        origin: "AWS::Lambda::Function",
        annotations: { order_id: "o1" },
        metadata: { default: { a: 1 } },
      }),
    ]);
    expect(codesOf(diagnosis)).toEqual(["lambda-facade"]);
    expect(diagnosis.problems[0]?.message).toContain("annotations and metadata");
    expect(diagnosis.problems[0]?.fix.node).toContain("addNewSubsegment");
  });

  it("leaves a function segment with only subsegments alone", () => {
    const diagnosis = diagnose([
      segment("1", {
        origin: "AWS::Lambda::Function",
        subsegments: [subsegment("2", { annotations: { order_id: "o1" } })],
      }),
    ]);
    expect(codesOf(diagnosis)).toEqual([]);
  });
});

describe("missing-http", () => {
  const http = { request: { method: "GET", url: "http://b/" }, response: { status: 200 } };
  const caller = segment("1", {
    http,
    subsegments: [subsegment("2", { name: "b", namespace: "remote", http })],
  });

  it("flags a segment called over HTTP that records no request (made by hand)", () => {
    const callee = segment("3", {
      name: "b",
      parent_id: sid("2"),
      start_time: caller.start_time,
    });
    const diagnosis = diagnose([caller, { ...callee, start_time: subsegment("x").start_time }]);
    expect(codesOf(diagnosis)).toEqual(["missing-http"]);
    expect(diagnosis.problems[0]?.nodeId).toBe(sid("3"));
  });

  it("notes a remote call with no http, aws or sql block", () => {
    const diagnosis = diagnose([
      segment("1", { subsegments: [subsegment("2", { namespace: "remote" })] }),
    ]);
    expect(diagnosis.problems.map((p) => [p.code, p.severity])).toEqual([["missing-http", "info"]]);
  });
});

describe("fault-without-cause and error-without-cause", () => {
  it("notes the Python SDK's real 500 with no exception recorded", () => {
    const traces = fixtureTraces("py-095-flask");
    const boom = traces.get("/boom");
    if (boom === undefined) throw new Error(`no /boom in ${[...traces.keys()].join(", ")}`);
    const problems = diagnoseTrace(boom).problems;
    expect(problems.map((p) => [p.code, p.severity, p.sdk])).toEqual([
      ["fault-without-cause", "info", "python"],
    ]);
    expect(Object.keys(problems[0]?.fix ?? {})[0]).toBe("python");
  });

  it("says nothing of the Node SDK's real 500 that carries its exception, nor of a 404", () => {
    const traces = fixtureTraces("run1-basic");
    for (const path of ["/error", "/async-fail", "/notfound", "/throttle"]) {
      const trace = traces.get(path);
      if (trace === undefined) throw new Error(`no ${path}`);
      const codes = codesOf(diagnoseTrace(trace));
      expect(codes, path).not.toContain("fault-without-cause");
      expect(codes, path).not.toContain("error-without-cause");
    }
  });

  it("warns of a fault flag set by hand with no status and no exception", () => {
    const diagnosis = diagnose([segment("1", { subsegments: [subsegment("2", { fault: true })] })]);
    expect(diagnosis.problems.map((p) => [p.code, p.severity])).toEqual([
      ["fault-without-cause", "warning"],
    ]);
  });

  it("takes an exception recorded in a child as the cause", () => {
    const cause = { exceptions: [{ id: sid("e1"), message: "boom" }] };
    const diagnosis = diagnose([
      segment("1", { fault: true, subsegments: [subsegment("2", { fault: true, cause })] }),
    ]);
    expect(codesOf(diagnosis)).toEqual([]);
  });

  it("flags an error flag with no cause", () => {
    const diagnosis = diagnose([segment("1", { subsegments: [subsegment("2", { error: true })] })]);
    expect(codesOf(diagnosis)).toEqual(["error-without-cause"]);
  });
});

describe("sql-unsanitised", () => {
  const query = (sanitized_query: string): SqlBlock => ({
    sanitized_query,
    database_type: "sqlite",
  });

  it("flags string and number literals in sanitized_query", () => {
    for (const text of [
      "SELECT * FROM users WHERE email = 'bob@example.com'",
      "SELECT * FROM posts WHERE id = 42",
      "INSERT INTO t (a, b) VALUES (1, 2)",
    ]) {
      const diagnosis = diagnose([
        segment("1", { subsegments: [subsegment("2", { sql: query(text) })] }),
      ]);
      expect(codesOf(diagnosis), text).toEqual(["sql-unsanitised"]);
    }
  });

  it("leaves placeholders alone", () => {
    for (const text of [
      "SELECT * FROM users WHERE email = ?",
      "SELECT * FROM posts WHERE id = $1 LIMIT $2",
      "INSERT INTO t (a, b) VALUES (:a, :b)",
      "SELECT col1 FROM t2",
      "SELECT * FROM activities WHERE message LIKE ? ESCAPE '\\' ORDER BY created_at DESC LIMIT ?",
    ]) {
      const diagnosis = diagnose([
        segment("1", { subsegments: [subsegment("2", { sql: query(text) })] }),
      ]);
      expect(codesOf(diagnosis), text).toEqual([]);
    }
  });
});

describe("oversized", () => {
  it("flags a stored document over 64 KB (PutTraceSegments takes what UDP cannot)", () => {
    const big = stored(segment("1", { metadata: { default: { blob: "x".repeat(70_000) } } }), {
      origin: PUT_TRACE_SEGMENTS_ORIGIN,
    });
    const diagnosis = diagnose([big]);
    expect(codesOf(diagnosis)).toEqual(["oversized"]);
    expect(diagnosis.problems[0]?.message).toContain("69 KB");
    expect(diagnosis.problems[0]?.fix.node).toContain("setStreamingThreshold");
  });
});

describe("name-invalid", () => {
  it("flags a service name with characters X-Ray does not allow, naming them", () => {
    const diagnosis = diagnose([segment("1", { name: "orders<api>" })]);
    expect(codesOf(diagnosis)).toEqual(["name-invalid"]);
    expect(diagnosis.problems[0]?.message).toContain('"<"');
  });

  it("takes letters of any script, digits and the allowed symbols", () => {
    expect(
      codesOf(diagnose([segment("1", { name: "Bestellungen-Dienst_2 über:443/a@b" })])),
    ).toEqual([]);
  });
});
