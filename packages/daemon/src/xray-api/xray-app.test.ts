import { TraceStore } from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { newTraceId, segmentDocument } from "../../test/support/xray-documents.ts";
import { GroupRegistry } from "../groups/group-registry.ts";
import { IngestService } from "../ingest/ingest-service.ts";
import { PUT_TRACE_SEGMENTS } from "../ingest/ingest-source.ts";
import { silentLogger } from "../logger.ts";
import { RejectionLog } from "../rejection-log.ts";
import { SamplingState } from "../sampling/sampling-state.ts";
import { XRAY_OPERATIONS } from "./operations.ts";
import { createXRayApp } from "./xray-app.ts";

function makeApi(pageSize?: number) {
  const logger = silentLogger();
  const store = new TraceStore({ maxTraces: 100, maxBytes: 1 << 24 });
  const rejections = new RejectionLog(10);
  const ingest = new IngestService({ store, rejections, logger });
  const app = createXRayApp({
    store,
    groups: new GroupRegistry(),
    sampling: new SamplingState(),
    putDocument: (document) => ingest.document(document, PUT_TRACE_SEGMENTS),
    telemetry: { record: () => {} },
    logger,
    ...(pageSize === undefined ? {} : { pageSize }),
  });
  const call = async (path: string, body: unknown) => {
    const response = await app.request(path, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "AWS4-HMAC-SHA256 anything" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return {
      status: response.status,
      errorType: response.headers.get("x-amzn-errortype"),
      body: (await response.json()) as Record<string, unknown>,
    };
  };
  return { call, ingest, rejections };
}

const NOW = 1_750_000_000;

async function putTraces(call: ReturnType<typeof makeApi>["call"], count: number) {
  const ids: string[] = [];
  const documents = [];
  for (let i = 0; i < count; i++) {
    const traceId = newTraceId(NOW + i);
    ids.push(traceId);
    documents.push(segmentDocument({ traceId, name: "svc", start: NOW + i }));
  }
  const put = await call("/TraceSegments", { TraceSegmentDocuments: documents });
  expect(put.body).toEqual({ UnprocessedTraceSegments: [] });
  return ids;
}

describe("PutTraceSegments", () => {
  it("stores good documents as UDP would, and says why each bad one was not", async () => {
    const { call, ingest, rejections } = makeApi();
    const traceId = newTraceId(NOW);
    const good = segmentDocument({ traceId, name: "svc", start: NOW, id: "0123456789abcdef" });
    const noEnd = JSON.stringify({
      name: "svc",
      id: "1111111111111111",
      trace_id: traceId,
      start_time: NOW,
    });
    const result = await call("/TraceSegments", {
      TraceSegmentDocuments: [good, noEnd, "{not json"],
    });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      UnprocessedTraceSegments: [
        {
          Id: "1111111111111111",
          ErrorCode: "invalid-document",
          Message: 'neither "end_time" nor "in_progress": true is set',
        },
        { ErrorCode: "not-json", Message: expect.stringMatching(/^the body is not valid JSON/) },
      ],
    });
    expect(ingest.counts()).toMatchObject({ received: 3, accepted: 1, rejected: 2 });
    expect(rejections.entries()[0]).toMatchObject({ from: "PutTraceSegments", reason: "not-json" });
  });
});

describe("GetTraceSummaries", () => {
  it("pages newest first, each trace once, with a token bound to its query", async () => {
    const { call } = makeApi(2);
    const ids = await putTraces(call, 5);
    const query = { StartTime: NOW - 10, EndTime: NOW + 10 };
    const seen: string[] = [];
    let token: unknown;
    let pages = 0;
    do {
      const page = await call("/TraceSummaries", {
        ...query,
        ...(token ? { NextToken: token } : {}),
      });
      expect(page.status).toBe(200);
      expect(page.body.TracesProcessedCount).toBe(5);
      for (const summary of page.body.TraceSummaries as { Id: string }[]) seen.push(summary.Id);
      token = page.body.NextToken;
      pages++;
    } while (token !== undefined);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());

    const first = await call("/TraceSummaries", query);
    const other = await call("/TraceSummaries", {
      ...query,
      FilterExpression: "ok",
      NextToken: first.body.NextToken,
    });
    expect(other.status).toBe(400);
    expect(other.body.message).toMatch(/^NextToken does not belong to this query/);
  });

  it("leaves out traces outside the time range", async () => {
    const { call } = makeApi();
    const ids = await putTraces(call, 3);
    const result = await call("/TraceSummaries", { StartTime: NOW + 1, EndTime: NOW + 1 });
    expect((result.body.TraceSummaries as { Id: string }[]).map((s) => s.Id)).toEqual([ids[1]]);
    expect(result.body.TracesProcessedCount).toBe(1);
  });

  it("puts each annotation and user with the services that recorded them", async () => {
    const { call } = makeApi();
    const traceId = newTraceId(NOW);
    const remoteId = "aaaaaaaaaaaaaaaa";
    const frontend = segmentDocument({
      traceId,
      name: "frontend",
      start: NOW,
      end: NOW + 0.5,
      origin: "AWS::EC2::Instance",
      user: "alice",
      annotations: { tier: "gold", shared: 1 },
      http: { request: { method: "GET", url: "http://shop/cart" }, response: { status: 502 } },
      fault: true,
      subsegments: [
        {
          id: remoteId,
          name: "backend",
          start_time: NOW + 0.1,
          end_time: NOW + 0.4,
          namespace: "remote",
          annotations: { step: true },
        },
      ],
    });
    const backend = segmentDocument({
      traceId,
      name: "backend",
      start: NOW + 0.15,
      end: NOW + 0.35,
      parentId: remoteId,
      annotations: { shared: 1 },
    });
    await call("/TraceSegments", { TraceSegmentDocuments: [frontend, backend] });
    const result = await call("/TraceSummaries", { StartTime: NOW - 1, EndTime: NOW + 1 });
    const frontendId = { Name: "frontend", Names: ["frontend"], Type: "AWS::EC2::Instance" };
    const backendId = { Name: "backend", Names: ["backend"], Type: "service" };
    expect(result.body.TraceSummaries).toEqual([
      {
        Id: traceId,
        StartTime: NOW,
        Duration: 0.5,
        ResponseTime: 0.5,
        HasFault: true,
        HasError: false,
        HasThrottle: false,
        IsPartial: false,
        Http: { HttpURL: "http://shop/cart", HttpStatus: 502, HttpMethod: "GET" },
        Annotations: {
          tier: [{ AnnotationValue: { StringValue: "gold" }, ServiceIds: [frontendId] }],
          shared: [{ AnnotationValue: { NumberValue: 1 }, ServiceIds: [frontendId, backendId] }],
          step: [{ AnnotationValue: { BooleanValue: true }, ServiceIds: [frontendId] }],
        },
        Users: [{ UserName: "alice", ServiceIds: [frontendId] }],
        ServiceIds: [frontendId, backendId],
        ResourceARNs: [],
        InstanceIds: [],
        AvailabilityZones: [],
        EntryPoint: frontendId,
        FaultRootCauses: [
          {
            Services: [
              {
                ...frontendId,
                EntityPath: [{ Name: "frontend", Exceptions: [], Remote: false }],
                Inferred: false,
              },
            ],
            ClientImpacting: true,
          },
        ],
        ErrorRootCauses: [],
        ResponseTimeRootCauses: [
          {
            Services: [
              {
                ...frontendId,
                EntityPath: [
                  { Name: "frontend", Coverage: 1, Remote: false },
                  { Name: "backend", Coverage: expect.closeTo(0.6, 4), Remote: true },
                ],
                Inferred: false,
              },
              {
                ...backendId,
                EntityPath: [{ Name: "backend", Coverage: expect.closeTo(0.4, 4), Remote: false }],
                Inferred: false,
              },
            ],
            ClientImpacting: true,
          },
        ],
        Revision: 2,
      },
    ]);
  });

  it("refuses a bad filter with the parser's line and column", async () => {
    const { call } = makeApi();
    const result = await call("/TraceSummaries", {
      StartTime: NOW,
      EndTime: NOW + 1,
      FilterExpression: "responsetime >",
    });
    expect(result).toEqual({
      status: 400,
      errorType: "InvalidRequestException",
      body: {
        message: "invalid FilterExpression: expected a number after '>' at line 1, column 15",
      },
    });
  });
});

describe("X-Ray API errors", () => {
  it.each([
    ["/TraceSummaries", "{", "the request body is not valid JSON"],
    ["/TraceSummaries", { EndTime: NOW }, "StartTime is required"],
    [
      "/TraceSummaries",
      { StartTime: NOW, EndTime: NOW - 1 },
      "EndTime must not be before StartTime",
    ],
    [
      "/TraceSummaries",
      { StartTime: "today", EndTime: NOW },
      "StartTime must be epoch seconds as a number",
    ],
    ["/Traces", { TraceIds: [1] }, "TraceIds must be a list of strings"],
    ["/Traces", [], "the request body must be a JSON object"],
  ])("POST %s %j: 400 InvalidRequestException", async (path, body, message) => {
    const result = await makeApi().call(path, body);
    expect(result).toEqual({
      status: 400,
      errorType: "InvalidRequestException",
      body: { message },
    });
  });

  it.each(XRAY_OPERATIONS.map((operation) => [operation.name, operation.path]))(
    "%s answers 400 to a body that is not JSON, as every operation does",
    async (_, path) => {
      for (const body of [" ", "\n\t", "not json", "{", "{}}", "\u00ff"]) {
        const result = await makeApi().call(path, body);
        expect(result, JSON.stringify(body)).toEqual({
          status: 400,
          errorType: "InvalidRequestException",
          body: { message: "the request body is not valid JSON" },
        });
      }
    },
  );

  it("takes an empty body as an empty request, as for a call without parameters", async () => {
    const { call } = makeApi();
    expect((await call("/Groups", "")).status).toBe(200);
    expect((await call("/GetSamplingRules", "")).status).toBe(200);
    expect(await call("/TraceSummaries", "")).toMatchObject({
      status: 400,
      body: { message: "StartTime is required" },
    });
  });

  it("refuses a filter over the term limit wherever it is given, and stores no such group", async () => {
    const { call } = makeApi();
    const filter = Array.from({ length: 101 }, (_, n) => `annotation.k${n} = ${n}`).join(" OR ");
    for (const [path, body] of [
      ["/TraceSummaries", { StartTime: NOW - 10, EndTime: NOW, FilterExpression: filter }],
      ["/CreateGroup", { GroupName: "huge", FilterExpression: filter }],
    ] as const) {
      const result = await call(path, body);
      expect(result.status).toBe(400);
      expect(result.errorType).toBe("InvalidRequestException");
      expect(result.body.message).toContain("the filter has more than 100 terms at line 1");
    }
    expect((await call("/GetGroup", { GroupName: "huge" })).status).toBe(400);
  });

  it("answers an unknown operation with 404 and the supported ones", async () => {
    const result = await makeApi().call("/GetInsightSummaries", {});
    expect(result.status).toBe(404);
    expect(result.errorType).toBe("UnknownOperationException");
    expect(result.body.message).toMatch(
      /^no X-Ray operation at POST \/GetInsightSummaries; supported: /,
    );
    expect(result.body.supportedOperations).toContainEqual({
      name: "GetTraceSummaries",
      path: "POST /TraceSummaries",
    });
  });

  it("turns the rule limit into RuleLimitExceededException", async () => {
    const { call } = makeApi();
    for (let i = 0; i < 25; i++) {
      await call("/CreateSamplingRule", {
        SamplingRule: { RuleName: `r${i}`, Priority: 1, FixedRate: 1 },
      });
    }
    const result = await call("/CreateSamplingRule", {
      SamplingRule: { RuleName: "extra", Priority: 1, FixedRate: 1 },
    });
    expect(result.status).toBe(400);
    expect(result.errorType).toBe("RuleLimitExceededException");
  });
});
