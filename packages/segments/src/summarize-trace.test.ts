import {
  type FixtureRun,
  fixtureBody,
  fixtureDocument,
  loadFixtureRun,
} from "@xray-sandbox/fixtures";
import { describe, expect, it } from "vitest";
import { assembleTrace } from "./assemble-trace.ts";
import type {
  IndependentSubsegmentDocument,
  SegmentDocument,
  SubsegmentDocument,
  TopLevelDocument,
} from "./document.ts";
import { documentIndex } from "./document-index.ts";
import { XRAY_UDP_ORIGIN } from "./document-origin.ts";
import { parseDatagram } from "./parse-datagram.ts";
import { summarizeTrace } from "./summarize-trace.ts";
import type { StoredDocument, TraceSummary } from "./trace.ts";
import { epochMillis, epochSeconds, type SegmentId, type TraceId } from "./units.ts";

const TRACE = "1-6b080246-96730d51abf3c08e1122f59e" as TraceId;
const sid = (hex: string): SegmentId => hex.padStart(16, "0") as SegmentId;

function segment(id: string, start: number, extra: Partial<SegmentDocument> = {}): SegmentDocument {
  return {
    trace_id: TRACE,
    id: sid(id),
    name: `svc-${id}`,
    start_time: epochSeconds(start),
    end_time: epochSeconds(start + 1),
    ...extra,
  };
}

function embedded(id: string, extra: Partial<SubsegmentDocument> = {}): SubsegmentDocument {
  return { id: sid(id), name: `sub-${id}`, start_time: epochSeconds(1), ...extra };
}

function streamed(id: string, parent: string): IndependentSubsegmentDocument {
  return { ...embedded(id), type: "subsegment", trace_id: TRACE, parent_id: sid(parent) };
}

function summarize(documents: readonly TopLevelDocument[]): TraceSummary {
  const stored = documents.map((document, index) => ({
    document,
    index: documentIndex(document),
    raw: "",
    bytes: 100 + index,
    receivedAt: epochMillis(5_000 + index),
    origin: undefined,
  }));
  return summarizeTrace(assembleTrace(TRACE, stored));
}

/** Each trace of a fixture run, summarized, keyed by the request path of its root. */
function fixtureSummaries(run: FixtureRun): Map<string, TraceSummary> {
  const byTrace = new Map<TraceId, StoredDocument[]>();
  for (const [index, datagram] of loadFixtureRun(run).entries()) {
    const result = parseDatagram(datagram.bytes);
    if (!result.ok) throw new Error(`${run}/${datagram.file}: ${result.rejection.message}`);
    const traceId = result.document.trace_id;
    const stored = {
      document: result.document,
      index: documentIndex(result.document),
      raw: result.raw,
      bytes: new TextEncoder().encode(result.raw).length,
      receivedAt: epochMillis(1_000 + index),
      origin: XRAY_UDP_ORIGIN,
    };
    byTrace.set(traceId, [...(byTrace.get(traceId) ?? []), stored]);
  }
  const summaries = new Map<string, TraceSummary>();
  for (const [traceId, documents] of byTrace) {
    const summary = summarizeTrace(assembleTrace(traceId, documents));
    const path = new URL(summary.http?.url ?? "http://none/").pathname;
    summaries.set(summaries.has(path) ? `${path} (${summaries.size})` : path, summary);
  }
  return summaries;
}

describe("summarizeTrace on real SDK output", () => {
  const run1 = fixtureSummaries("run1-basic");

  it("summarizes each run1 request as its own trace", () => {
    expect([...run1.keys()]).toEqual([
      "/",
      "/user",
      "/async-fail",
      "/error",
      "/notfound",
      "/throttle",
      "/outgoing",
      "/outgoing-fail",
      "/outgoing-refused",
      "/health",
      "/user (10)",
      "/ (11)",
    ]);
  });

  it("sets the flags of each failure the way X-Ray does", () => {
    const flags = (path: string) => {
      const summary = run1.get(path);
      return [summary?.hasFault, summary?.hasError, summary?.hasThrottle, summary?.http?.status];
    };
    expect(flags("/")).toEqual([false, false, false, 200]);
    expect(flags("/error")).toEqual([true, false, false, 500]);
    expect(flags("/notfound")).toEqual([false, true, false, 404]);
    expect(flags("/throttle")).toEqual([false, true, true, 429]);
    expect(flags("/async-fail")).toEqual([true, false, false, 200]);
    expect(flags("/outgoing")).toEqual([false, false, false, 200]);
    expect(flags("/outgoing-fail")).toEqual([true, false, false, 502]);
    expect(flags("/outgoing-refused")).toEqual([true, false, false, 500]);
  });

  it("reads timing, root and HTTP from the root segment", () => {
    const error = fixtureDocument("run1-basic", "004.dgram");
    const end = error.end_time ?? Number.NaN;
    expect(run1.get("/error")).toMatchObject({
      root: { id: error.id, name: "sample-express", origin: undefined },
      http: {
        method: "GET",
        url: "http://127.0.0.1:3900/error",
        status: 500,
        userAgent: "",
        clientIp: "127.0.0.1",
      },
      startTime: error.start_time,
      endTime: end,
      inProgress: false,
      segmentCount: 1,
      subsegmentCount: 0,
      documentCount: 1,
      bytes: new TextEncoder().encode(fixtureBody("run1-basic", "004.dgram")).length,
    });
    expect(run1.get("/error")?.responseTime).toBeCloseTo(end - error.start_time, 5);
    expect(run1.get("/error")?.duration).toBeCloseTo(end - error.start_time, 5);
  });

  it("collects annotations of every node with their distinct values", () => {
    const user = run1.get("/user");
    expect({ ...user?.annotations }).toEqual({
      route: ["user"],
      userId: ["u-42"],
      premium: [true],
      score: [9.5],
    });
    expect(user?.subsegmentCount).toBe(2);
    expect(user?.services).toEqual([{ name: "sample-express", type: undefined }]);
  });

  it("marks partial only the trace whose incoming header named a parent it never received", () => {
    const partial = [...run1].filter(([, summary]) => summary.partial).map(([path]) => path);
    expect(partial).toEqual(["/user (10)"]);
    expect(run1.get("/user (10)")?.root?.id).toBe(fixtureDocument("run1-basic", "011.dgram").id);
    expect(fixtureSummaries("run7-outgoing-header").get("/outgoing")?.partial).toBe(true);
  });

  it("counts every subsegment of a streamed trace once", () => {
    const many = fixtureSummaries("run2-streaming-default").get("/many");
    expect(many).toMatchObject({
      segmentCount: 1,
      subsegmentCount: 105,
      documentCount: 5,
      partial: false,
      orphanCount: 0,
    });
  });

  it("summarizes Python SDK 0.95 traces, embedded subsegments included", () => {
    const python = fixtureSummaries("py-095-flask");
    expect(python.get("/user")).toMatchObject({
      root: { name: "flask-seed" },
      http: { userAgent: "werkzeug/2.2.2", status: 200 },
      subsegmentCount: 1,
      inProgress: false,
      partial: false,
    });
    expect({ ...python.get("/user")?.annotations }).toEqual({ userId: ["u-42"] });
  });

  it("reports a manual-mode trace complete once its final document is in", () => {
    const manual = fixtureSummaries("run6-manual").get("/");
    expect(manual).toMatchObject({ inProgress: false, partial: false, subsegmentCount: 1 });
    expect(manual?.endTime).toBe(fixtureDocument("run6-manual", "003.dgram").end_time);
  });
});

describe("summarizeTrace", () => {
  it("picks as root the earliest segment whose parent is not in the trace", () => {
    const caller = segment("a", 10, { subsegments: [embedded("call")] });
    const callee = segment("b", 5, { parent_id: sid("call") });
    const summary = summarize([callee, caller]);

    expect(summary.root?.id).toBe(sid("a"));
    expect(summary.partial).toBe(false);
    expect(summary.startTime).toBe(5);
    expect(summary.endTime).toBe(11);
    expect(summary.responseTime).toBe(1);
    expect(summary.duration).toBe(6);
  });

  it("calls a trace partial when a subsegment's parent is missing, and counts the orphans", () => {
    const summary = summarize([segment("a", 10), streamed("s", "f00d"), streamed("t", "f00d")]);
    expect(summary.partial).toBe(true);
    expect(summary.subsegmentCount).toBe(2);
    expect(summary.orphanCount).toBe(2);
  });

  it("counts no orphans once the parent of streamed subsegments arrives", () => {
    const summary = summarize([
      segment("a", 10, { subsegments: [embedded("f00d")] }),
      streamed("s", "f00d"),
      streamed("t", "f00d"),
    ]);
    expect(summary).toMatchObject({ partial: false, orphanCount: 0, subsegmentCount: 3 });
  });

  it("counts no orphans for a downstream segment whose caller never sent its segment", () => {
    const summary = summarize([segment("b", 5, { parent_id: sid("call") })]);
    expect(summary).toMatchObject({ partial: true, orphanCount: 0 });
  });

  it("leaves end, duration and response time open while the root is in progress", () => {
    const summary = summarize([segment("a", 10, { end_time: undefined, in_progress: true })]);
    expect(summary).toMatchObject({
      inProgress: true,
      endTime: undefined,
      duration: undefined,
      responseTime: undefined,
    });
  });

  it("lists distinct users and distinct (name, origin) services", () => {
    const summary = summarize([
      segment("a", 1, { user: "ada", origin: "AWS::EC2::Instance" }),
      segment("b", 2, { user: "ada", name: "svc-a", origin: "AWS::EC2::Instance" }),
      segment("c", 3, { user: "bob", name: "svc-a" }),
    ]);
    expect(summary.users).toEqual(["ada", "bob"]);
    expect(summary.services).toEqual([
      { name: "svc-a", type: "AWS::EC2::Instance" },
      { name: "svc-a", type: undefined },
    ]);
    expect(summary.bytes).toBe(303);
    expect([summary.firstReceivedAt, summary.lastReceivedAt]).toEqual([5_000, 5_002]);
  });

  it("keeps annotation keys such as __proto__ and constructor as plain keys", () => {
    const annotations = JSON.parse(
      '{"__proto__":"polluted","constructor":1,"toString":true,"hasOwnProperty":"x"}',
    ) as Record<string, string | number | boolean>;
    const summary = summarize([
      segment("a", 1, {
        annotations,
        subsegments: [embedded("s", { annotations: { constructor: "1", toString: true } })],
      }),
    ]);

    expect(Object.keys(summary.annotations).sort()).toEqual([
      "__proto__",
      "constructor",
      "hasOwnProperty",
      "toString",
    ]);
    expect(Object.getOwnPropertyDescriptor(summary.annotations, "__proto__")?.value).toEqual([
      "polluted",
    ]);
    expect(summary.annotations.constructor).toEqual([1, "1"]);
    expect(summary.annotations.toString).toEqual([true]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(summary.annotations)).toBeNull();
  });

  it("flags times no clock gives, keeping them as sent", () => {
    const T = 1_795_686_982;
    const sane = summarize([
      segment("a", T, {
        subsegments: [
          embedded("s", { start_time: epochSeconds(T), end_time: epochSeconds(T + 0.5) }),
        ],
      }),
    ]);
    expect(sane.warnings).toEqual([]);

    const backwards = summarize([
      segment("a", T, {
        name: "api",
        end_time: epochSeconds(T - 0.5),
        subsegments: [
          embedded("s", {
            name: "early",
            start_time: epochSeconds(500),
            end_time: epochSeconds(501),
          }),
          embedded("m", {
            name: "millis",
            start_time: epochSeconds(T * 1000),
            end_time: epochSeconds(T * 1000 + 1),
          }),
        ],
      }),
    ]);
    expect(backwards.duration).toBe(-0.5);
    expect(backwards.warnings).toEqual([
      'api: "end_time" 1795686981.5 is before "start_time" 1795686982: it ends 500 ms before it starts',
      'early: "start_time" 500 is not a time a clock gives (before 2000 or after 2100); X-Ray times are epoch seconds',
      'early: "end_time" 501 is not a time a clock gives (before 2000 or after 2100); X-Ray times are epoch seconds',
      'millis: "start_time" 1795686982000 is not a time a clock gives (before 2000 or after 2100); it looks like milliseconds, and X-Ray times are epoch seconds',
      'millis: "end_time" 1795686982001 is not a time a clock gives (before 2000 or after 2100); it looks like milliseconds, and X-Ray times are epoch seconds',
    ]);
  });

  it("lists at most five warnings and counts the rest", () => {
    const subsegments = Array.from({ length: 8 }, (_, i) =>
      embedded(`b${i}`, {
        start_time: epochSeconds(2_000_000_000),
        end_time: epochSeconds(1_999_999_999),
      }),
    );
    const summary = summarize([segment("a", 2_000_000_000, { subsegments })]);
    expect(summary.warnings).toHaveLength(6);
    expect(summary.warnings.at(-1)).toBe("3 more like these");
  });
});
