/**
 * Every operation `@aws-sdk/client-xray` knows, called through the client: each one either
 * answers in its documented shape or is refused with `UnsupportedOperationException` naming
 * it. A command the table below does not list fails the first test, so a new client
 * version's additions show up here instead of as silent 404s.
 */

import * as xray from "@aws-sdk/client-xray";
import {
  CancelTraceRetrievalCommand,
  CreateGroupCommand,
  CreateSamplingRuleCommand,
  DeleteResourcePolicyCommand,
  GetEncryptionConfigCommand,
  GetIndexingRulesCommand,
  GetRetrievedTracesGraphCommand,
  GetSamplingStatisticSummariesCommand,
  GetSamplingTargetsCommand,
  GetTimeSeriesServiceStatisticsCommand,
  GetTraceSegmentDestinationCommand,
  ListResourcePoliciesCommand,
  ListRetrievedTracesCommand,
  ListTagsForResourceCommand,
  PutEncryptionConfigCommand,
  PutResourcePolicyCommand,
  PutTraceSegmentsCommand,
  StartTraceRetrievalCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateIndexingRuleCommand,
  UpdateTraceSegmentDestinationCommand,
  type XRayClient,
} from "@aws-sdk/client-xray";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Daemon } from "../src/daemon.ts";
import { startTestDaemon } from "./support/daemon.ts";
import { xrayClientFor } from "./support/xray-client.ts";
import { hexId, newTraceId, segmentDocument } from "./support/xray-documents.ts";

let daemon: Daemon;
let client: XRayClient;

beforeAll(async () => {
  daemon = await startTestDaemon();
  client = xrayClientFor(daemon.url);
});

afterAll(async () => {
  client?.destroy();
  await daemon?.close();
});

async function refusal(call: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof Error) return { name: error.name, message: error.message };
    throw error;
  }
  throw new Error("expected the call to be refused");
}

const POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: { Service: "sns.amazonaws.com" },
      Action: "xray:PutTraceSegments",
      Resource: "*",
    },
  ],
});

const NOW = Math.floor(Date.now() / 1000);
const HOUR_AGO = new Date((NOW - 3600) * 1000);
const IN_A_MINUTE = new Date((NOW + 60) * 1000);

/**
 * Each command of the client, with an input that is valid for it, or `not offered`. The
 * inputs that name a resource are filled in by the test once it exists.
 */
type Coverage = { readonly input: (state: State) => object } | "not offered";

interface State {
  readonly groupArn: string;
  readonly token: string;
}

const COVERAGE: Readonly<Record<string, Coverage>> = {
  BatchGetTraces: { input: () => ({ TraceIds: [newTraceId(NOW)] }) },
  CancelTraceRetrieval: { input: ({ token }) => ({ RetrievalToken: token }) },
  CreateGroup: { input: () => ({ GroupName: `walk-${hexId(6)}`, FilterExpression: "ok" }) },
  CreateSamplingRule: {
    input: () => ({
      SamplingRule: {
        RuleName: `walk-${hexId(6)}`,
        ResourceARN: "*",
        Priority: 10,
        FixedRate: 0.5,
        ReservoirSize: 1,
        ServiceName: "*",
        ServiceType: "*",
        Host: "*",
        HTTPMethod: "*",
        URLPath: "*",
        Version: 1,
      },
    }),
  },
  DeleteGroup: { input: () => ({ GroupName: "walk-delete-me" }) },
  DeleteResourcePolicy: { input: () => ({ PolicyName: "walk-policy" }) },
  DeleteSamplingRule: { input: () => ({ RuleName: "walk-delete-me" }) },
  GetEncryptionConfig: { input: () => ({}) },
  GetGroup: { input: ({ groupArn }) => ({ GroupARN: groupArn }) },
  GetGroups: { input: () => ({}) },
  GetIndexingRules: { input: () => ({}) },
  GetInsight: "not offered",
  GetInsightEvents: "not offered",
  GetInsightImpactGraph: "not offered",
  GetInsightSummaries: "not offered",
  GetRetrievedTracesGraph: { input: ({ token }) => ({ RetrievalToken: token }) },
  GetSamplingRules: { input: () => ({}) },
  GetSamplingStatisticSummaries: { input: () => ({}) },
  GetSamplingTargets: { input: () => ({ SamplingStatisticsDocuments: [] }) },
  GetServiceGraph: { input: () => ({ StartTime: HOUR_AGO, EndTime: IN_A_MINUTE }) },
  GetTimeSeriesServiceStatistics: {
    input: () => ({ StartTime: HOUR_AGO, EndTime: IN_A_MINUTE, Period: 300 }),
  },
  GetTraceGraph: { input: () => ({ TraceIds: [newTraceId(NOW)] }) },
  GetTraceSegmentDestination: { input: () => ({}) },
  GetTraceSummaries: { input: () => ({ StartTime: HOUR_AGO, EndTime: IN_A_MINUTE }) },
  ListResourcePolicies: { input: () => ({}) },
  ListRetrievedTraces: { input: ({ token }) => ({ RetrievalToken: token }) },
  ListTagsForResource: { input: ({ groupArn }) => ({ ResourceARN: groupArn }) },
  PutEncryptionConfig: { input: () => ({ Type: "NONE" }) },
  PutResourcePolicy: { input: () => ({ PolicyName: "walk-policy", PolicyDocument: POLICY }) },
  PutTelemetryRecords: { input: () => ({ TelemetryRecords: [] }) },
  PutTraceSegments: { input: () => ({ TraceSegmentDocuments: [] }) },
  StartTraceRetrieval: {
    input: () => ({ TraceIds: [newTraceId(NOW)], StartTime: HOUR_AGO, EndTime: IN_A_MINUTE }),
  },
  TagResource: {
    input: ({ groupArn }) => ({ ResourceARN: groupArn, Tags: [{ Key: "team", Value: "a" }] }),
  },
  UntagResource: { input: ({ groupArn }) => ({ ResourceARN: groupArn, TagKeys: ["team"] }) },
  UpdateGroup: { input: ({ groupArn }) => ({ GroupARN: groupArn, FilterExpression: "error" }) },
  UpdateIndexingRule: {
    input: () => ({ Name: "Default", Rule: { Probabilistic: { DesiredSamplingPercentage: 5 } } }),
  },
  UpdateSamplingRule: {
    input: () => ({ SamplingRuleUpdate: { RuleName: "Default", FixedRate: 0.1 } }),
  },
  UpdateTraceSegmentDestination: { input: () => ({ Destination: "XRay" }) },
};

type AnyCommand = new (input: object) => Parameters<XRayClient["send"]>[0];

function clientCommands(): Map<string, AnyCommand> {
  const commands = new Map<string, AnyCommand>();
  for (const [exported, value] of Object.entries(xray)) {
    if (!/^[A-Z]\w*Command$/.test(exported) || typeof value !== "function") continue;
    commands.set(exported.slice(0, -"Command".length), value as unknown as AnyCommand);
  }
  return commands;
}

describe("every operation of @aws-sdk/client-xray", () => {
  it("is listed here, and answers or is refused as not offered", async () => {
    const commands = clientCommands();
    expect(commands.size).toBeGreaterThan(30);
    expect(
      [...commands.keys()].filter((name) => !(name in COVERAGE)),
      "commands this test does not cover",
    ).toEqual([]);

    await client.send(new CreateGroupCommand({ GroupName: "walk-delete-me" }));
    await client.send(
      new CreateSamplingRuleCommand({ SamplingRule: samplingRule("walk-delete-me") }),
    );
    const { Group } = await client.send(new CreateGroupCommand({ GroupName: "walk-target" }));
    const { RetrievalToken } = await client.send(
      new StartTraceRetrievalCommand({
        TraceIds: [newTraceId(NOW)],
        StartTime: HOUR_AGO,
        EndTime: IN_A_MINUTE,
      }),
    );
    await client.send(
      new PutResourcePolicyCommand({ PolicyName: "walk-policy", PolicyDocument: POLICY }),
    );
    const state: State = { groupArn: Group?.GroupARN ?? "", token: RetrievalToken ?? "" };

    const outcomes: Record<string, string> = {};
    for (const [name, Command] of commands) {
      const coverage = COVERAGE[name];
      if (coverage === undefined) continue;
      const call = client.send(
        new Command(coverage === "not offered" ? {} : coverage.input(state)),
      );
      if (coverage === "not offered") {
        const { name: error, message } = await refusal(call);
        outcomes[name] = message.includes(name)
          ? error
          : `${error} without the operation's name: ${message}`;
      } else {
        const answer = await call.then(
          () => "answered",
          (error: Error) => `${error.name}: ${error.message}`,
        );
        outcomes[name] = answer;
      }
    }
    const expected = Object.fromEntries(
      Object.entries(COVERAGE)
        .filter(([name]) => commands.has(name))
        .map(([name, coverage]) => [
          name,
          coverage === "not offered" ? "UnsupportedOperationException" : "answered",
        ]),
    );
    expect(outcomes).toEqual(expected);
    await client.send(new DeleteResourcePolicyCommand({ PolicyName: "walk-policy" }));
  });
});

function samplingRule(name: string) {
  return {
    RuleName: name,
    ResourceARN: "*",
    Priority: 20,
    FixedRate: 0.5,
    ReservoirSize: 1,
    ServiceName: "*",
    ServiceType: "*",
    Host: "*",
    HTTPMethod: "*",
    URLPath: "*",
    Version: 1,
  };
}

describe("tags on groups and sampling rules", () => {
  it("are set on create, added, listed and removed", async () => {
    const { Group } = await client.send(
      new CreateGroupCommand({ GroupName: "tagged", Tags: [{ Key: "team", Value: "payments" }] }),
    );
    const arn = Group?.GroupARN ?? "";
    await client.send(
      new TagResourceCommand({ ResourceARN: arn, Tags: [{ Key: "env", Value: "dev" }] }),
    );
    expect((await client.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags).toEqual([
      { Key: "team", Value: "payments" },
      { Key: "env", Value: "dev" },
    ]);
    await client.send(new UntagResourceCommand({ ResourceARN: arn, TagKeys: ["team"] }));
    expect((await client.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags).toEqual([
      { Key: "env", Value: "dev" },
    ]);

    const { SamplingRuleRecord } = await client.send(
      new CreateSamplingRuleCommand({
        SamplingRule: samplingRule("tagged-rule"),
        Tags: [{ Key: "k", Value: "v" }],
      }),
    );
    const ruleArn = SamplingRuleRecord?.SamplingRule?.RuleARN ?? "";
    expect(
      (await client.send(new ListTagsForResourceCommand({ ResourceARN: ruleArn }))).Tags,
    ).toEqual([{ Key: "k", Value: "v" }]);
  });

  it("are refused on an unknown resource, past 50, and with the reserved aws: prefix", async () => {
    const { Group } = await client.send(new CreateGroupCommand({ GroupName: "tag-bounds" }));
    const arn = Group?.GroupARN ?? "";
    expect(
      await refusal(client.send(new ListTagsForResourceCommand({ ResourceARN: `${arn}-gone` }))),
    ).toMatchObject({
      name: "ResourceNotFoundException",
      message: expect.stringContaining("no group or sampling rule"),
    });
    const tags = Array.from({ length: 51 }, (_, index) => ({ Key: `k${index}`, Value: "v" }));
    expect(
      await refusal(client.send(new TagResourceCommand({ ResourceARN: arn, Tags: tags }))),
    ).toMatchObject({
      name: "TooManyTagsException",
      message: expect.stringContaining("at most 50"),
    });
    expect(
      await refusal(
        client.send(
          new TagResourceCommand({ ResourceARN: arn, Tags: [{ Key: "aws:x", Value: "v" }] }),
        ),
      ),
    ).toMatchObject({
      name: "InvalidRequestException",
      message: 'Tags[0].Key must not start with "aws:" (reserved for AWS)',
    });
    expect((await client.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags).toEqual(
      [],
    );
  });
});

describe("account settings", () => {
  it("keep encryption, the indexing rule and the segment destination as set", async () => {
    expect((await client.send(new GetEncryptionConfigCommand({}))).EncryptionConfig).toEqual({
      Status: "ACTIVE",
      Type: "NONE",
    });
    await client.send(new PutEncryptionConfigCommand({ Type: "KMS", KeyId: "alias/mine" }));
    expect((await client.send(new GetEncryptionConfigCommand({}))).EncryptionConfig).toEqual({
      KeyId: "alias/mine",
      Status: "ACTIVE",
      Type: "KMS",
    });
    expect(
      await refusal(
        client.send(new PutEncryptionConfigCommand({ Type: "NONE", KeyId: "alias/mine" })),
      ),
    ).toMatchObject({
      name: "InvalidRequestException",
      message: "KeyId must be omitted when Type is NONE",
    });

    await client.send(
      new UpdateIndexingRuleCommand({
        Name: "Default",
        Rule: { Probabilistic: { DesiredSamplingPercentage: 42 } },
      }),
    );
    const [rule] = (await client.send(new GetIndexingRulesCommand({}))).IndexingRules ?? [];
    expect(rule).toMatchObject({
      Name: "Default",
      Rule: { Probabilistic: { DesiredSamplingPercentage: 42, ActualSamplingPercentage: 100 } },
    });
    expect(
      await refusal(
        client.send(
          new UpdateIndexingRuleCommand({
            Name: "Other",
            Rule: { Probabilistic: { DesiredSamplingPercentage: 1 } },
          }),
        ),
      ),
    ).toMatchObject({ name: "ResourceNotFoundException" });

    await client.send(new UpdateTraceSegmentDestinationCommand({ Destination: "CloudWatchLogs" }));
    expect(await client.send(new GetTraceSegmentDestinationCommand({}))).toMatchObject({
      Destination: "CloudWatchLogs",
      Status: "ACTIVE",
    });
    await client.send(new UpdateTraceSegmentDestinationCommand({ Destination: "XRay" }));
  });

  it("keep resource policies with revisions, X-Ray's checks and its bound of 5", async () => {
    const { ResourcePolicy } = await client.send(
      new PutResourcePolicyCommand({ PolicyName: "p1", PolicyDocument: POLICY }),
    );
    expect(ResourcePolicy).toMatchObject({ PolicyName: "p1", PolicyDocument: POLICY });
    expect(
      await refusal(
        client.send(
          new PutResourcePolicyCommand({
            PolicyName: "p1",
            PolicyDocument: POLICY,
            PolicyRevisionId: "nope",
          }),
        ),
      ),
    ).toMatchObject({ name: "InvalidPolicyRevisionIdException" });
    expect(
      await refusal(
        client.send(
          new PutResourcePolicyCommand({ PolicyName: "p2", PolicyDocument: "{not json" }),
        ),
      ),
    ).toMatchObject({ name: "MalformedPolicyDocumentException" });
    for (const name of ["p2", "p3", "p4", "p5"]) {
      await client.send(new PutResourcePolicyCommand({ PolicyName: name, PolicyDocument: POLICY }));
    }
    expect(
      await refusal(
        client.send(new PutResourcePolicyCommand({ PolicyName: "p6", PolicyDocument: POLICY })),
      ),
    ).toMatchObject({ name: "PolicyCountLimitExceededException" });
    expect(
      (await client.send(new ListResourcePoliciesCommand({}))).ResourcePolicies?.map(
        (policy) => policy.PolicyName,
      ),
    ).toEqual(["p1", "p2", "p3", "p4", "p5"]);
    for (const name of ["p1", "p2", "p3", "p4", "p5"]) {
      await client.send(new DeleteResourcePolicyCommand({ PolicyName: name }));
    }
    expect((await client.send(new ListResourcePoliciesCommand({}))).ResourcePolicies).toEqual([]);
  });
});

/** `api` calls `db` (a remote subsegment); `fault` makes the request a 500. */
function request(start: number, fault: boolean): { traceId: string; document: string } {
  const traceId = newTraceId(start);
  const document = segmentDocument({
    traceId,
    name: "api",
    start,
    end: start + 0.2,
    ...(fault ? { fault: true } : {}),
    http: {
      request: { method: "GET", url: "http://api/x" },
      response: { status: fault ? 500 : 200 },
    },
    subsegments: [
      {
        id: hexId(16),
        name: "db",
        namespace: "remote",
        start_time: start + 0.01,
        end_time: start + 0.1,
      },
    ],
  });
  return { traceId, document };
}

describe("traces read through the API", () => {
  const minute = Math.floor((NOW - 1800) / 60) * 60;
  const sent = [
    request(minute + 5, false),
    request(minute + 10, true),
    request(minute + 125, false),
  ];

  beforeAll(async () => {
    const answer = await client.send(
      new PutTraceSegmentsCommand({ TraceSegmentDocuments: sent.map(({ document }) => document) }),
    );
    expect(answer.UnprocessedTraceSegments).toEqual([]);
  });

  it("GetTimeSeriesServiceStatistics gives a service's, an edge's and the clients' statistics per period", async () => {
    const range = {
      StartTime: new Date(minute * 1000),
      EndTime: new Date((minute + 179) * 1000),
      Period: 60,
    };
    const service = await client.send(
      new GetTimeSeriesServiceStatisticsCommand({
        ...range,
        EntitySelectorExpression: 'service("api")',
      }),
    );
    expect(
      service.TimeSeriesServiceStatistics?.map((point) => [
        point.Timestamp?.getTime(),
        point.ServiceSummaryStatistics?.TotalCount,
        point.ServiceSummaryStatistics?.OkCount,
        point.ServiceSummaryStatistics?.FaultStatistics?.TotalCount,
      ]),
    ).toEqual([
      [minute * 1000, 2, 1, 1],
      [(minute + 60) * 1000, 0, 0, 0],
      [(minute + 120) * 1000, 1, 1, 0],
    ]);
    expect(
      service.TimeSeriesServiceStatistics?.[0]?.ResponseTimeHistogram?.reduce(
        (sum, e) => sum + (e.Count ?? 0),
        0,
      ),
    ).toBe(2);

    const edge = await client.send(
      new GetTimeSeriesServiceStatisticsCommand({
        ...range,
        EntitySelectorExpression: 'edge("api", "db")',
      }),
    );
    expect(
      edge.TimeSeriesServiceStatistics?.map((point) => point.EdgeSummaryStatistics?.TotalCount),
    ).toEqual([2, 0, 1]);

    const clients = await client.send(new GetTimeSeriesServiceStatisticsCommand(range));
    expect(
      clients.TimeSeriesServiceStatistics?.map((point) => point.EdgeSummaryStatistics?.TotalCount),
    ).toEqual([2, 0, 1]);

    expect(
      await refusal(
        client.send(
          new GetTimeSeriesServiceStatisticsCommand({
            ...range,
            EntitySelectorExpression: "annotation.x = 1",
          }),
        ),
      ),
    ).toMatchObject({
      name: "InvalidRequestException",
      message: expect.stringContaining('service("name")'),
    });
    expect(
      await refusal(
        client.send(new GetTimeSeriesServiceStatisticsCommand({ ...range, Period: 120 })),
      ),
    ).toMatchObject({ message: "Period must be 60 or a multiple of 300 seconds, got 120" });
  });

  it("a trace retrieval lists the stored traces in range and their graph, until cancelled", async () => {
    const [first, second] = sent;
    const unknown = newTraceId(NOW);
    const { RetrievalToken } = await client.send(
      new StartTraceRetrievalCommand({
        TraceIds: [first?.traceId ?? "", second?.traceId ?? "", unknown],
        StartTime: new Date((minute - 60) * 1000),
        EndTime: new Date((minute + 60) * 1000),
      }),
    );
    const listed = await client.send(new ListRetrievedTracesCommand({ RetrievalToken }));
    expect(listed.RetrievalStatus).toBe("COMPLETE");
    expect(listed.TraceFormat).toBe("XRAY");
    expect(listed.Traces?.map((trace) => [trace.Id, trace.Spans?.length])).toEqual([
      [first?.traceId, 1],
      [second?.traceId, 1],
    ]);
    expect(JSON.parse(listed.Traces?.[0]?.Spans?.[0]?.Document ?? "{}")).toMatchObject({
      name: "api",
    });

    const graph = await client.send(new GetRetrievedTracesGraphCommand({ RetrievalToken }));
    expect(graph.Services?.map((service) => service.Service?.Name).sort()).toEqual(["api", "db"]);

    expect(
      await refusal(
        client.send(new ListRetrievedTracesCommand({ RetrievalToken, TraceFormat: "OTEL" })),
      ),
    ).toMatchObject({ name: "UnsupportedOperationException" });
    await client.send(new CancelTraceRetrievalCommand({ RetrievalToken }));
    expect(
      (await client.send(new ListRetrievedTracesCommand({ RetrievalToken }))).RetrievalStatus,
    ).toBe("CANCELLED");
    expect(
      await refusal(
        client.send(new ListRetrievedTracesCommand({ RetrievalToken: "retrieval-unknown" })),
      ),
    ).toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("GetSamplingStatisticSummaries sums what SDKs reported per rule", async () => {
    const report = (requests: number, sampled: number) =>
      client.send(
        new GetSamplingTargetsCommand({
          SamplingStatisticsDocuments: [
            {
              RuleName: "Default",
              ClientID: "0123456789abcdef01234567",
              Timestamp: new Date(),
              RequestCount: requests,
              SampledCount: sampled,
              BorrowCount: 1,
            },
          ],
        }),
      );
    const before = await client.send(new GetSamplingStatisticSummariesCommand({}));
    const previous = before.SamplingStatisticSummaries?.find(
      (summary) => summary.RuleName === "Default",
    );
    await report(10, 4);
    await report(5, 1);
    const after = await client.send(new GetSamplingStatisticSummariesCommand({}));
    const summary = after.SamplingStatisticSummaries?.find((each) => each.RuleName === "Default");
    expect(summary).toMatchObject({
      RequestCount: (previous?.RequestCount ?? 0) + 15,
      SampledCount: (previous?.SampledCount ?? 0) + 5,
      BorrowCount: (previous?.BorrowCount ?? 0) + 2,
    });
    expect(summary?.Timestamp).toBeInstanceOf(Date);
  });
});
